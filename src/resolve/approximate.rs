//! Approximate matching: where in a text a pattern stands with the fewest
//! edits (insertions, deletions, substitutions of one character).
//!
//! This is Myers' bit-vector algorithm (G. Myers, "A fast bit-vector
//! algorithm for approximate string matching based on dynamic programming",
//! J. ACM 46(3), 1999) in its form for long patterns: the pattern is cut
//! into blocks of 64 characters, and each character of the text updates one
//! machine word per block instead of 64 cells of the edit-distance table.
//! Ukkonen's cut-off skips the blocks whose every cell already exceeds the
//! distance still worth finding, and that distance shrinks as better
//! matches turn up; so a quote with one typo costs about one pass over the
//! seed, whatever its length, and the worst case is ⌈m/64⌉ words per seed
//! character, never m.

use std::collections::HashMap;

const WORD: usize = 64;

/// The most block updates one search may take (a few seconds): a quote of
/// hundreds of thousands of characters that resembles nothing could
/// otherwise take minutes. A search that would need more finds nothing.
const BUDGET: usize = 1 << 30;

/// Where a match may begin in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// Anywhere: the best substring of the text.
    Free,
    /// At the text's first character: the best prefix of the text.
    Fixed,
}

/// The end of a match (a character index into the text, exclusive) and its
/// edit distance to the pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub end: usize,
    pub distance: usize,
}

/// For one character of the pattern, the bit set at each of its positions.
enum Positions {
    /// A character frequent enough to have a word for every block.
    Dense(usize),
    /// A rarer character: its positions, walked block by block.
    Sparse(Vec<usize>),
}

/// A pattern ready to be matched against texts.
pub struct Pattern {
    len: usize,
    blocks: usize,
    positions: HashMap<char, Positions>,
    /// The dense characters' words, block after block.
    words: Vec<u64>,
    /// Block updates a search may take; [`BUDGET`] unless a test says otherwise.
    budget: usize,
}

impl Pattern {
    pub fn new(pattern: &[char]) -> Pattern {
        let blocks = pattern.len().div_ceil(WORD);
        let mut at: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, &c) in pattern.iter().enumerate() {
            at.entry(c).or_default().push(i);
        }
        // A character with fewer positions than there are blocks costs less
        // to walk than a word per block would cost to store: at most 64
        // characters are dense, so memory stays within 8 bytes per pattern
        // character, and walking a sparse one is never longer than the blocks.
        let mut words = Vec::new();
        let positions = at
            .into_iter()
            .map(|(c, list)| {
                if list.len() < blocks {
                    return (c, Positions::Sparse(list));
                }
                let row = words.len() / blocks.max(1);
                words.resize(words.len() + blocks, 0);
                for i in list {
                    words[row * blocks + i / WORD] |= 1 << (i % WORD);
                }
                (c, Positions::Dense(row))
            })
            .collect();
        Pattern { len: pattern.len(), blocks, positions, words, budget: BUDGET }
    }

    /// The leftmost end of a substring of `text` (starting as `start` says)
    /// at the least edit distance from the pattern, if that distance is at
    /// most `limit` (and the search fits its budget).
    pub fn best_end(&self, text: &[char], limit: usize, start: Start) -> Option<Match> {
        if self.len == 0 {
            return Some(Match { end: 0, distance: 0 });
        }
        let mut columns = Columns::new(self, limit.min(self.len));
        let top: i8 = match start {
            Start::Free => 0,
            Start::Fixed => 1,
        };
        let mut best = None;
        let mut spent = 0;
        for j in 0..=text.len() {
            if j > 0 {
                spent += columns.last + 1;
                if spent > self.budget {
                    return None;
                }
                columns.advance(self, &text[j - 1], top);
            }
            if let Some(found) = columns.found(j) {
                best = Some(found);
                let Some(better) = found.distance.checked_sub(1) else { break };
                // Only a strictly better match is worth finding now.
                columns.limit = better;
            }
        }
        best
    }
}

/// The last column of the edit-distance table, as Myers keeps it.
struct Columns {
    /// Bit i set: the cell in row i+1 is one more than the cell above it.
    plus: Vec<u64>,
    /// Bit i set: the cell in row i+1 is one less than the cell above it.
    minus: Vec<u64>,
    /// The value of each block's last row.
    scores: Vec<usize>,
    /// The last block that may hold a cell within `limit`.
    last: usize,
    limit: usize,
    /// The bit of the pattern's last row in the last block.
    high: u64,
}

impl Columns {
    fn new(pattern: &Pattern, limit: usize) -> Columns {
        let blocks = pattern.blocks;
        // The first column is 0, 1, 2, … down the pattern.
        let scores = (0..blocks).map(|b| ((b + 1) * WORD).min(pattern.len)).collect();
        Columns {
            plus: vec![!0; blocks],
            minus: vec![0; blocks],
            scores,
            last: (limit / WORD).min(blocks - 1),
            limit,
            high: 1 << ((pattern.len - 1) % WORD),
        }
    }

    /// A match ending at text position `end`, if the last row is within the limit.
    fn found(&self, end: usize) -> Option<Match> {
        let complete = self.last == self.scores.len() - 1;
        let distance = self.scores[self.last];
        (complete && distance <= self.limit).then_some(Match { end, distance })
    }

    /// Moves to the next column, for text character `c`; `top` is the
    /// step along the table's first row (0: a match may start anywhere).
    fn advance(&mut self, pattern: &Pattern, c: &char, top: i8) {
        let mut equal = Equal::new(pattern, c);
        let mut carry = top;
        for block in 0..=self.last {
            carry = self.step(block, equal.word(block), carry);
        }
        let blocks = self.scores.len();
        // Before this column the next block held nothing within the limit;
        // its first row can come within it only through this block's last
        // row as it was (which is the score less the carry).
        let previous = self.scores[self.last] as isize - carry as isize;
        if self.last + 1 < blocks && previous <= self.limit as isize {
            self.last += 1;
            let rows = (pattern.len - self.last * WORD).min(WORD);
            self.plus[self.last] = !0;
            self.minus[self.last] = 0;
            self.scores[self.last] = previous as usize + rows;
            self.step(self.last, equal.word(self.last), carry);
        } else {
            // A block whose last row exceeds the limit by a block's height
            // has no cell within it.
            while self.last > 0 && self.scores[self.last] >= self.limit + WORD {
                self.last -= 1;
            }
        }
    }

    /// One block of one column; `carry` is the horizontal step into the
    /// block's first row, and the step out of its last row is returned.
    fn step(&mut self, block: usize, equal: u64, carry: i8) -> i8 {
        let (plus, minus) = (self.plus[block], self.minus[block]);
        let high = if block + 1 == self.scores.len() { self.high } else { 1 << (WORD - 1) };
        let vertical = equal | minus;
        let equal = if carry < 0 { equal | 1 } else { equal };
        let horizontal = ((equal & plus).wrapping_add(plus) ^ plus) | equal;
        let mut up = minus | !(horizontal | plus);
        let mut down = plus & horizontal;
        let out = if up & high != 0 {
            1
        } else if down & high != 0 {
            -1
        } else {
            0
        };
        up <<= 1;
        down <<= 1;
        match carry {
            c if c < 0 => down |= 1,
            c if c > 0 => up |= 1,
            _ => {}
        }
        self.plus[block] = down | !(vertical | up);
        self.minus[block] = up & vertical;
        self.scores[block] = (self.scores[block] as isize + out as isize) as usize;
        out
    }
}

/// The positions of one text character in the pattern, a block at a time,
/// in block order.
struct Equal<'a> {
    pattern: &'a Pattern,
    positions: Option<&'a Positions>,
    /// For a sparse character, the next position not yet given out.
    next: usize,
}

impl<'a> Equal<'a> {
    fn new(pattern: &'a Pattern, c: &char) -> Equal<'a> {
        Equal { pattern, positions: pattern.positions.get(c), next: 0 }
    }

    fn word(&mut self, block: usize) -> u64 {
        match self.positions {
            None => 0,
            Some(Positions::Dense(row)) => self.pattern.words[row * self.pattern.blocks + block],
            Some(Positions::Sparse(list)) => {
                let mut word = 0;
                while let Some(&i) = list.get(self.next).filter(|&&i| i < (block + 1) * WORD) {
                    if i >= block * WORD {
                        word |= 1 << (i % WORD);
                    }
                    self.next += 1;
                }
                word
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answer from the table itself, cell by cell.
    fn by_table(pattern: &[char], text: &[char], limit: usize, start: Start) -> Option<Match> {
        let mut column: Vec<usize> = (0..=pattern.len()).collect();
        let mut best = (column[pattern.len()] <= limit).then_some(Match { end: 0, distance: column[pattern.len()] });
        for (j, &c) in text.iter().enumerate() {
            let mut next = vec![if start == Start::Free { 0 } else { j + 1 }; pattern.len() + 1];
            for i in 1..=pattern.len() {
                let substitution = column[i - 1] + usize::from(pattern[i - 1] != c);
                next[i] = substitution.min(column[i] + 1).min(next[i - 1] + 1);
            }
            column = next;
            let distance = column[pattern.len()];
            if distance <= limit && best.is_none_or(|b| distance < b.distance) {
                best = Some(Match { end: j + 1, distance });
            }
        }
        best
    }

    /// A small deterministic generator, so failures can be replayed.
    fn text(seed: &mut u64, len: usize, alphabet: &[char]) -> Vec<char> {
        (0..len)
            .map(|_| {
                *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                alphabet[(*seed >> 33) as usize % alphabet.len()]
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_table_across_block_edges() {
        let mut seed = 7;
        let alphabet = ['a', 'b', 'c', 'é'];
        for round in 0..300 {
            let pattern = text(&mut seed, 1 + round % 150, &alphabet[..2 + round % 3]);
            let haystack = text(&mut seed, round % 90 * 3, &alphabet);
            for start in [Start::Free, Start::Fixed] {
                for limit in [0, 3, pattern.len() / 2, pattern.len()] {
                    let fast = Pattern::new(&pattern).best_end(&haystack, limit, start);
                    assert_eq!(fast, by_table(&pattern, &haystack, limit, start), "round {round} {start:?} {limit}");
                }
            }
        }
    }

    #[test]
    fn a_long_pattern_with_one_typo_is_found_at_its_end() {
        let mut seed = 11;
        let haystack = text(&mut seed, 3000, &['a', 'b', 'c', 'd', ' ']);
        let mut pattern = haystack[1000..1700].to_vec();
        pattern[350] = 'x';
        let found = Pattern::new(&pattern).best_end(&haystack, pattern.len() / 2, Start::Free);
        assert_eq!(found, Some(Match { end: 1700, distance: 1 }));
    }

    #[test]
    fn a_search_past_its_budget_finds_nothing() {
        let pattern: Vec<char> = "ab".repeat(500).chars().collect();
        let haystack: Vec<char> = "ab".repeat(2000).chars().collect();
        let search = |budget| Pattern { budget, ..Pattern::new(&pattern) }.best_end(&haystack, 500, Start::Free);
        assert_eq!(search(BUDGET), Some(Match { end: 1000, distance: 0 }));
        assert_eq!(search(100), None);
    }

    #[test]
    fn rare_characters_take_the_sparse_path() {
        // Every character once: each is walked, none has a word per block.
        let pattern: Vec<char> = (0..200u32).filter_map(|i| char::from_u32(0x4e00 + i)).collect();
        let mut haystack: Vec<char> = "序".repeat(50).chars().collect();
        haystack.extend(&pattern);
        haystack.remove(50 + 120);
        let found = Pattern::new(&pattern).best_end(&haystack, 100, Start::Free);
        assert_eq!(found, Some(Match { end: haystack.len(), distance: 1 }));
    }
}
