//! The interface's words: one catalogue per language (templates/i18n/
//! LANG.toml), English and French built in, a digest's own file laid over
//! the built-in one of its language key by key, and English under all of
//! them, so that a word a catalogue leaves out is still said.
//!
//! A label is every piece of page text that comes from the theme and not
//! from the content: headings, navigation, verdicts, kinds, relations, month
//! and language names, the hidden words read to screen readers. Templates
//! say them with `t(key="…")`; views with [`Catalogue::text`] and friends.

use crate::model::PartialDate;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use std::path::Path;
use toml::{Table, Value};

/// Built-in catalogues, by language.
const BUILT_IN: &[(&str, &str)] =
    &[("en", include_str!("../../templates/i18n/en.toml")), ("fr", include_str!("../../templates/i18n/fr.toml"))];

/// The words of one language, with English beneath.
pub struct Catalogue {
    /// The catalogue's language (`fr` for a digest in `fr-CA`), or `en`.
    pub language: String,
    table: Table,
    plural: Option<PluralRules>,
}

impl Catalogue {
    /// The catalogue for `language` (a BCP 47 tag): the digest's own
    /// `templates/i18n/` file first, then the built-in one, for the tag and
    /// then its primary language. With none, English, and a note saying so.
    pub fn load(templates: &Path, language: &str) -> Result<(Catalogue, Option<String>), (String, String)> {
        let mut table = parse("i18n/en.toml", BUILT_IN[0].1)?;
        if let Some(own) = read_own(templates, "en")? {
            merge(&mut table, own);
        }
        let primary = language.split('-').next().unwrap_or(language).to_ascii_lowercase();
        let mut found = None;
        for tag in [language.to_string(), primary.clone()] {
            let built_in = BUILT_IN.iter().find(|(l, _)| l.eq_ignore_ascii_case(&tag));
            let own = read_own(templates, &tag)?;
            if built_in.is_none() && own.is_none() {
                continue;
            }
            if let Some((name, text)) = built_in {
                merge(&mut table, parse(&format!("i18n/{name}.toml"), text)?);
            }
            if let Some(own) = own {
                merge(&mut table, own);
            }
            found = Some(tag);
            break;
        }
        let note = match &found {
            None => Some(format!(
                "no interface catalogue for language `{language}`: the pages' labels are in English \
                 (add templates/i18n/{primary}.toml to translate them)"
            )),
            Some(_) => None,
        };
        let language = found.map_or("en".to_string(), |tag| tag.to_ascii_lowercase());
        let plural = primary_langid(&language).and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok());
        Ok((Catalogue { language, table, plural }, note))
    }

    /// The entry at `key` (dotted: `nav.articles`), if there is one.
    pub fn entry(&self, key: &str) -> Option<&Value> {
        let mut parts = key.split('.');
        let mut value = self.table.get(parts.next()?)?;
        for part in parts {
            value = value.as_table()?.get(part)?;
        }
        Some(value)
    }

    /// The text at `key`; the key itself when there is none, so that a
    /// missing word shows on the page rather than failing the build.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.entry(key).and_then(Value::as_str).unwrap_or(key)
    }

    /// The text at `key` with `{name}` filled in from `args`.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.text(key), args)
    }

    /// The form of `key` for the count `n` (its `one`, `other`, … entry,
    /// by the language's plural rules), with `{n}` and `args` filled in.
    pub fn count(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let text = match self.entry(key) {
            Some(Value::Table(forms)) => {
                let category = self.category(n);
                forms.get(category).or_else(|| forms.get("other")).and_then(Value::as_str).unwrap_or(key)
            }
            Some(Value::String(text)) => text,
            _ => key,
        };
        let n = n.to_string();
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        fill(text, &all)
    }

    fn category(&self, n: u64) -> &'static str {
        let category = match &self.plural {
            Some(rules) => rules.select(n).unwrap_or(PluralCategory::OTHER),
            None if n == 1 => PluralCategory::ONE,
            None => PluralCategory::OTHER,
        };
        match category {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        }
    }

    /// A date as a reader of this language reads it, no more precise than
    /// it is: "23 October 2025", "23 octobre 2025", "2025".
    pub fn date(&self, date: PartialDate) -> String {
        let month = |m: u8| {
            let months = self.entry("date.months").and_then(Value::as_array);
            months.and_then(|list| list.get(usize::from(m) - 1)).and_then(Value::as_str).unwrap_or("").to_string()
        };
        let year = date.year.to_string();
        match (date.month, date.day) {
            (Some(m), Some(d)) => {
                self.fill("date.day", &[("day", &d.to_string()), ("month", &month(m)), ("year", &year)])
            }
            (Some(m), None) => self.fill("date.month", &[("month", &month(m)), ("year", &year)]),
            _ => self.fill("date.year", &[("year", &year)]),
        }
    }

    /// The name of the language `tag` in this catalogue's language: by the
    /// whole tag, then language and script, then language; the tag itself
    /// when the catalogue does not name it.
    pub fn language_name(&self, tag: &str) -> String {
        let subtags: Vec<&str> = tag.split('-').collect();
        let script = subtags.iter().skip(1).find(|s| s.len() == 4).map(|s| format!("{}-{s}", subtags[0]));
        let names = self.entry("languages").and_then(Value::as_table);
        [Some(tag.to_string()), script, Some(subtags[0].to_string())]
            .into_iter()
            .flatten()
            .find_map(|key| names.and_then(|n| n.iter().find(|(k, _)| k.eq_ignore_ascii_case(&key))))
            .and_then(|(_, v)| v.as_str())
            .unwrap_or(tag)
            .to_string()
    }
}

/// `{name}` in `text` replaced by the value of `name` in `args`; other
/// braces are left as they are.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn primary_langid(language: &str) -> Option<unic_langid::LanguageIdentifier> {
    language.split('-').next()?.parse().ok()
}

fn parse(name: &str, text: &str) -> Result<Table, (String, String)> {
    text.parse::<Table>().map_err(|e| (name.to_string(), e.to_string()))
}

/// The digest's own `templates/i18n/LANG.toml`, if it has one.
fn read_own(templates: &Path, language: &str) -> Result<Option<Table>, (String, String)> {
    let dir = templates.join("i18n");
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(None) };
    let wanted = format!("{language}.toml");
    let mut names: Vec<String> = entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    names.sort();
    let Some(name) = names.into_iter().find(|n| n.eq_ignore_ascii_case(&wanted)) else { return Ok(None) };
    let shown = format!("templates/i18n/{name}");
    let text = std::fs::read_to_string(dir.join(&name)).map_err(|e| (shown.clone(), e.to_string()))?;
    parse(&shown, &text).map(Some)
}

/// `over` laid on `base` key by key, tables merged, anything else replaced.
fn merge(base: &mut Table, over: Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(Value::Table(inner)), Value::Table(value)) if !is_plural(&value) => merge(inner, value),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// A table of plural forms is one entry: laid over another, it replaces it.
fn is_plural(table: &Table) -> bool {
    table.contains_key("other")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue(language: &str) -> (Catalogue, Option<String>) {
        Catalogue::load(Path::new("/nonexistent"), language).unwrap()
    }

    /// Every key of a table, dotted, with the kind of its value.
    fn keys(table: &Table, prefix: &str, out: &mut Vec<String>) {
        for (key, value) in table {
            let path = format!("{prefix}{key}");
            match value {
                Value::Table(t) if !is_plural(t) => keys(t, &format!("{path}."), out),
                Value::Table(_) => out.push(format!("{path} (plural)")),
                Value::Array(a) => out.push(format!("{path} ({} items)", a.len())),
                _ => out.push(path),
            }
        }
    }

    #[test]
    fn french_is_complete() {
        let (mut en, mut fr) = (Vec::new(), Vec::new());
        keys(&parse("en", BUILT_IN[0].1).unwrap(), "", &mut en);
        keys(&parse("fr", BUILT_IN[1].1).unwrap(), "", &mut fr);
        en.sort();
        fr.sort();
        assert_eq!(en, fr);
    }

    #[test]
    fn a_language_without_a_catalogue_falls_back_to_english_with_a_note() {
        let (words, note) = catalogue("de-CH");
        assert_eq!(words.text("nav.timeline"), "Timeline");
        assert!(note.unwrap().contains("`de-CH`"));
        let (words, note) = catalogue("fr-CA");
        assert_eq!((words.text("nav.timeline"), note), ("Chronologie", None));
    }

    #[test]
    fn counts_follow_each_language_plural_rules() {
        let (en, _) = catalogue("en");
        let (fr, _) = catalogue("fr");
        assert_eq!(en.count("index.articles", 0, &[]), "0 articles");
        assert_eq!(fr.count("index.articles", 0, &[]), "0 article");
        assert_eq!(fr.count("index.articles", 2, &[]), "2 articles");
        assert_eq!(en.count("index.articles", 1, &[]), "1 article");
    }

    #[test]
    fn dates_and_language_names_are_in_the_catalogue_language() {
        let (fr, _) = catalogue("fr");
        let date = PartialDate::day(2025, 10, 23).unwrap();
        assert_eq!(fr.date(date), "23 octobre 2025");
        assert_eq!(catalogue("en").0.date(PartialDate { day: None, ..date }), "October 2025");
        assert_eq!(fr.language_name("zh-Hant-TW"), "chinois traditionnel");
        assert_eq!(fr.language_name("ar-EG"), "arabe");
        assert_eq!(fr.language_name("tlh"), "tlh");
    }

    #[test]
    fn fill_leaves_unknown_braces_alone() {
        assert_eq!(fill("{a} and {b} {", &[("a", "1")]), "1 and {b} {");
    }
}
