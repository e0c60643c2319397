//! Quotes and paraphrases cut short for lists and structured data: at a
//! word boundary where the script has spaces, between two characters where
//! it has none (Chinese, Japanese, Thai), never inside a word of Latin
//! letters within them (`オープンＡＩ` is cut before `Ａ`, not after), and
//! never inside a grapheme (an accent or an emoji stays whole).

use crate::script::is_spaceless;
use unicode_segmentation::UnicodeSegmentation;

/// `text` whole if it has at most `max` characters, else its longest head
/// that ends at a boundary and leaves room for "…", then "…".
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(1);
    let mut cut = None;
    let mut fallback = 0;
    let mut count = 0;
    let mut previous: Option<char> = None;
    for (at, grapheme) in text.grapheme_indices(true) {
        let first = grapheme.chars().next();
        let boundary = match (previous, first) {
            (Some(p), Some(c)) => p.is_whitespace() || (!c.is_whitespace() && (is_spaceless(p) || is_spaceless(c))),
            _ => false,
        };
        if boundary {
            cut = Some(at);
        }
        count += grapheme.chars().count();
        if count > room {
            break;
        }
        fallback = at + grapheme.len();
        previous = grapheme.chars().next_back();
    }
    // A single word longer than the room is cut where the room ends.
    let head = text[..cut.unwrap_or(fallback)].trim_end();
    let head = head.trim_end_matches([',', ';', ':', '.', '、', '，', '；', '：']).trim_end();
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_left_whole() {
        assert_eq!(shorten("un million de TPU", 17), "un million de TPU");
    }

    #[test]
    fn latin_text_is_cut_after_a_whole_word() {
        assert_eq!(shorten("Anthropic prévoit d’avoir accès à près d’un million", 20), "Anthropic prévoit…");
        assert_eq!(shorten("un, deux, trois", 12), "un, deux…");
    }

    #[test]
    fn chinese_and_japanese_are_cut_between_characters_but_not_inside_latin_words() {
        assert_eq!(shorten("谷歌周一宣布与人工智能公司签署新的合作协议。", 8), "谷歌周一宣布与…");
        assert_eq!(shorten("米国のオープンＡＩは新しい契約を結んだ", 8), "米国のオープン…");
        assert_eq!(shorten("Arabic: مايكروسوفت تعلن عن شراكة", 22), "Arabic: مايكروسوفت…");
    }

    #[test]
    fn a_grapheme_is_never_split() {
        let text = "e\u{301}".repeat(10);
        let short = shorten(&text, 5);
        assert_eq!(short, format!("{}…", "e\u{301}".repeat(2)));
    }
}
