//! `glose new`: starts the article file for a seed that has none. It fills
//! in what the seed itself tells (title, language, date, the companies its
//! text mentions) and leaves the rest for the editor: the fields the file
//! needs are commented out and marked `required`, so that `glose check`
//! lists them all until they are filled, and passes once they are. It never
//! overwrites a file.

use crate::load::{self, Seed};
use crate::resolve::MentionFinder;
use crate::vocabulary::{self, Kind, Verdict};
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScaffoldError {
    #[error("{path} is not a file in the digest's seeds/ folder")]
    NotASeed { path: String },
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("seeds/{seed} is already annotated by {article}")]
    AlreadyAnnotated { seed: String, article: String },
    #[error("cannot write {path}: {reason}")]
    Unwritable { path: String, reason: String },
}

impl ScaffoldError {
    pub fn diagnostic(&self) -> crate::diagnostic::Diagnostic {
        use crate::diagnostic::Diagnostic;
        match self {
            ScaffoldError::NotASeed { .. } => Diagnostic::error("not-a-seed", self.to_string())
                .usage()
                .hint("copy the article into seeds/ first (glose never moves or changes seeds), then run `glose new seeds/FILE`"),
            ScaffoldError::Unreadable { .. } => Diagnostic::error("unreadable-file", self.to_string()),
            ScaffoldError::AlreadyAnnotated { .. } => Diagnostic::error("seed-annotated-twice", self.to_string())
                .hint("edit that file; `glose new` never overwrites one"),
            ScaffoldError::Unwritable { .. } => Diagnostic::error("write-failed", self.to_string()),
        }
    }
}

/// Writes content/articles/SLUG.md for `seed_path` and returns its path.
pub fn new_article(root: &Path, seed_path: &Path) -> Result<PathBuf, ScaffoldError> {
    let seeds = root.join("seeds");
    let shown = seed_path.display().to_string();
    let absolute = if seed_path.is_absolute() {
        seed_path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(seed_path)).unwrap_or_default()
    };
    let in_seeds = absolute.parent().and_then(|p| p.canonicalize().ok()) == seeds.canonicalize().ok();
    let file_name = seed_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !in_seeds || file_name.is_empty() || !absolute.is_file() {
        return Err(ScaffoldError::NotASeed { path: shown });
    }
    let (raw, _) = load::load(root);
    if let Some(article) = annotating_file(&raw, &file_name) {
        return Err(ScaffoldError::AlreadyAnnotated { seed: file_name, article });
    }
    let seed = raw.seeds.iter().find(|s| s.file_name == file_name).ok_or_else(|| ScaffoldError::Unreadable {
        path: format!("seeds/{file_name}"),
        reason: "it is not a readable UTF-8 text file".into(),
    })?;
    let companies = mentioned_companies(&raw, seed);
    let text = article_text(seed, &companies);
    write_new(&root.join("content").join("articles"), &slug_for(&title_of(&seed.text)), &text)
}

/// The article file naming `seed`, read as text, so that a file that does
/// not parse yet (a fresh scaffold) still counts.
fn annotating_file(raw: &load::RawDigest, seed: &str) -> Option<String> {
    let wanted = format!("seed = {}", toml_string(seed));
    raw.sources
        .iter()
        .filter(|file| file.path.starts_with("content/articles/"))
        .find(|file| file.text.lines().any(|line| line.trim() == wanted))
        .map(|file| file.path.clone())
}

/// The seed's first non-empty line.
fn title_of(text: &str) -> String {
    text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("").to_string()
}

/// A page name from the title: ASCII words, at most about 60 characters.
pub fn slug_for(title: &str) -> String {
    let full = slug::slugify(title);
    let mut slug = String::new();
    for word in full.split('-').filter(|w| !w.is_empty()) {
        if !slug.is_empty() && slug.len() + word.len() + 1 > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() { "article".into() } else { slug }
}

/// Creates `dir/SLUG.md`, or `SLUG-2.md`, … when taken; never overwrites.
fn write_new(dir: &Path, slug: &str, text: &str) -> Result<PathBuf, ScaffoldError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| ScaffoldError::Unwritable { path: dir.display().to_string(), reason: e.to_string() })?;
    for n in 1.. {
        let name = if n == 1 { format!("{slug}.md") } else { format!("{slug}-{n}.md") };
        let path = dir.join(name);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes()).map_err(|e| ScaffoldError::Unwritable {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                })?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(ScaffoldError::Unwritable { path: path.display().to_string(), reason: e.to_string() });
            }
        }
    }
    unreachable!("the loop only ends by returning")
}

/// (id, matches) of companies.toml entries whose aliases occur in the seed,
/// most mentioned first.
fn mentioned_companies(raw: &load::RawDigest, seed: &Seed) -> Vec<(String, usize)> {
    let Some((_, file)) = &raw.companies else { return Vec::new() };
    let aliases: Vec<Vec<String>> =
        file.companies.iter().map(|c| c.aliases.iter().map(|a| a.get_ref().clone()).collect()).collect();
    let mut found: Vec<(String, usize)> = MentionFinder::new(&aliases)
        .count(&seed.text)
        .counts
        .into_iter()
        .map(|(c, n)| (file.companies[c].id.get_ref().clone(), n))
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    found
}

/// The most likely language of `text` as a BCP 47 tag, by whatlang's
/// trigram and script detector; `en` when the text gives no clue.
pub fn guess_language(text: &str) -> String {
    let Some(lang) = whatlang::detect_lang(text) else { return "en".into() };
    // whatlang names individual languages (ISO 639-3); BCP 47 wants the
    // two-letter code where there is one, and newsrooms tag Mandarin and
    // Iranian Persian by their macrolanguage.
    let code = match lang.code() {
        "cmn" => "zh",
        "pes" => "fa",
        code => isolang::Language::from_639_3(code).and_then(|l| l.to_639_1()).unwrap_or(code),
    };
    code.to_string()
}

/// The first date the text gives, as YYYY-MM-DD: ISO, or a day, month name
/// and year in French or English ("24 octobre 2025", "October 24, 2025").
pub fn find_date(text: &str) -> Option<String> {
    const MONTHS: [(&str, u8); 24] = [
        ("janvier", 1),
        ("février", 2),
        ("mars", 3),
        ("avril", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("août", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
    ];
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    for (i, word) in words.iter().enumerate() {
        if let Some(date) = crate::model::PartialDate::parse(word.trim_matches(|c: char| !c.is_ascii_digit()))
            && date.day.is_some()
        {
            return Some(date.to_string());
        }
        let Some(&(_, month)) = MONTHS.iter().find(|(name, _)| word.to_lowercase() == *name) else { continue };
        let number =
            |w: Option<&&str>| w.and_then(|w| w.trim_matches(|c: char| !c.is_ascii_digit()).parse::<u16>().ok());
        let year = [i + 1, i + 2].iter().filter_map(|&j| number(words.get(j))).find(|y| *y > 1900);
        let day =
            number(words.get(i.wrapping_sub(1))).filter(|d| *d <= 31).or(number(words.get(i + 1)).filter(|d| *d <= 31));
        if let (Some(year), Some(day)) = (year, day)
            && let Some(date) = crate::model::PartialDate::day(year, month, day as u8)
        {
            return Some(date.to_string());
        }
    }
    None
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn article_text(seed: &Seed, companies: &[(String, usize)]) -> String {
    let title = title_of(&seed.text);
    let first_sentence: String = seed
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .nth(1)
        .unwrap_or(&title)
        .split_inclusive(['.', '!', '?'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let published = match find_date(&seed.text) {
        Some(date) => format!("published = {date}   # found in the text: check it\n"),
        None => "# published = YYYY-MM-DD   # required: no date found in the text (add `published_approx = true` if inferred)\n"
            .to_string(),
    };
    let mentioned = if companies.is_empty() {
        "# No company of companies.toml is mentioned in the text.\n".to_string()
    } else {
        let list: Vec<String> = companies.iter().map(|(id, n)| format!("{id} ({n})")).collect();
        format!("# Companies mentioned in the text (matches): {}\n", list.join(", "))
    };
    let example_companies: Vec<String> = companies.iter().take(2).map(|(id, _)| toml_string(id)).collect();
    format!(
        "+++\n\
         # Fill in each line marked `required`: delete the `# ` in front of it\n\
         # and write the value. `glose check` lists all that is still missing.\n\
         seed = {seed}\n\
         title = {title}\n\
         # title_en = \"…\"   # optional: the title in English\n\
         {published}\
         # publisher = \"…\"   # required: who published the article\n\
         lang = \"{lang}\"   # guessed from the text: check it\n\
         # summary = \"…\"   # required: one English sentence\n\
         \n\
         {mentioned}\
         \n\
         # [[claim]]\n\
         # id = \"first-claim\"\n\
         # quote = {quote}\n\
         # kind = \"fact\"   # {kinds}\n\
         # verdict = \"unverified\"   # {verdicts}\n\
         # companies = [{companies}]\n\
         # note = \"\"\"What the article says, what the evidence says, and why the verdict.\"\"\"\n\
         # [[claim.source]]\n\
         # publisher = \"…\"\n\
         # url = \"https://…\"\n\
         +++\n",
        seed = toml_string(&seed.file_name),
        kinds = vocabulary::written::<Kind>(" | "),
        verdicts = vocabulary::written::<Verdict>(" | "),
        title = toml_string(&title),
        lang = guess_language(&seed.text),
        quote = toml_string(&first_sentence),
        companies = example_companies.join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_is_ascii_words_from_the_title() {
        assert_eq!(
            slug_for("Anthropic et Google : un partenariat à plusieurs dizaines de milliards"),
            "anthropic-et-google-un-partenariat-a-plusieurs-dizaines-de"
        );
        assert_eq!(slug_for("!!!"), "article");
    }

    #[test]
    fn language_is_guessed_in_five_scripts() {
        let cases = [
            ("Le géant américain Google est en négociation avec la startup pour un accord", "fr"),
            ("The deal of the year is in the hands of the board, which meets on Monday", "en"),
            ("Der Konzern hat am Montag einen neuen Vertrag mit dem Chiphersteller unterzeichnet", "de"),
            ("أعلنت شركة مايكروسوفت يوم الاثنين عن استثمار جديد في الذكاء الاصطناعي", "ar"),
            ("חברת גוגל הודיעה היום על הסכם חדש עם יצרנית השבבים", "he"),
            ("شرکت مایکروسافت روز دوشنبه از سرمایه‌گذاری تازه‌ای در هوش مصنوعی خبر داد", "fa"),
            ("オープンＡＩは月曜日、米ＡＭＤと半導体の供給契約を結んだと発表した。", "ja"),
            ("谷歌周一宣布与人工智能公司签署新的云计算合作协议。", "zh"),
        ];
        for (text, lang) in cases {
            assert_eq!(guess_language(text), lang, "{text}");
            assert!(crate::resolve::is_language_tag(&guess_language(text)));
        }
        assert_eq!(guess_language(""), "en");
    }

    #[test]
    fn dates_are_found_in_three_spellings() {
        assert_eq!(find_date(" date 2025-10-24 Alphabet grimpe").as_deref(), Some("2025-10-24"));
        assert_eq!(find_date("Publié le 24 octobre 2025 à 10h").as_deref(), Some("2025-10-24"));
        assert_eq!(find_date("Posted October 24, 2025 by").as_deref(), Some("2025-10-24"));
        assert_eq!(find_date("No date here, only 2025."), None);
    }
}
