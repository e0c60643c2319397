//! `lang` (an article's) and `language` (the digest's) are BCP 47 language
//! tags (RFC 5646), as HTML's `lang` attribute requires: well formed, and
//! made of subtags the IANA Language Subtag Registry lists. A value that is
//! not gets the tag it most likely meant: `zh_HK` → `zh-HK`, `fr-fr` is
//! fine (tags ignore case), `French` → `fr`.

use language_tags::LanguageTag;

/// Whether `value` is a valid BCP 47 language tag.
pub fn is_valid(value: &str) -> bool {
    LanguageTag::parse(value).is_ok_and(|tag| tag.is_valid())
}

/// The valid tag `value` most likely meant, if there is one.
pub fn likely_fix(value: &str) -> Option<String> {
    let respelled = respell(value);
    if is_valid(&respelled) && respelled != value {
        return Some(respelled);
    }
    let name = value.trim();
    let mut chars = name.chars();
    let capitalised: String = chars.next()?.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect();
    let language = isolang::Language::from_name(&capitalised)?;
    let code = language.to_639_1().unwrap_or(language.to_639_3());
    is_valid(code).then(|| code.to_string())
}

/// Subtags joined by hyphens and in their usual case: the language in
/// lower case, a script (four letters) in title case, a region upper case.
fn respell(value: &str) -> String {
    let subtags = value.trim().split(['-', '_', ' ', '.']).filter(|s| !s.is_empty());
    subtags
        .enumerate()
        .map(|(i, subtag)| match subtag.len() {
            _ if i == 0 => subtag.to_ascii_lowercase(),
            4 if subtag.chars().all(|c| c.is_ascii_alphabetic()) => {
                let (first, rest) = subtag.split_at(1);
                first.to_ascii_uppercase() + &rest.to_ascii_lowercase()
            }
            2 | 3 => subtag.to_ascii_uppercase(),
            _ => subtag.to_ascii_lowercase(),
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_tags_are_valid_in_any_case() {
        for tag in ["fr", "en-GB", "ar", "he", "fa", "ja", "zh-Hant-HK", "zh-HK", "de-CH", "FR-fr", "sr-Latn"] {
            assert!(is_valid(tag), "{tag}");
        }
    }

    #[test]
    fn malformed_or_unregistered_tags_are_not() {
        for tag in ["zh_HK", "", "french", "xx", "en-", "fr-FRA-", "de DE"] {
            assert!(!is_valid(tag), "{tag}");
        }
    }

    #[test]
    fn the_likely_fix_is_the_tag_spelled_right() {
        assert_eq!(likely_fix("zh_HK").as_deref(), Some("zh-HK"));
        assert_eq!(likely_fix("zh_hant_hk").as_deref(), Some("zh-Hant-HK"));
        assert_eq!(likely_fix("en US").as_deref(), Some("en-US"));
        assert_eq!(likely_fix("French").as_deref(), Some("fr"));
        assert_eq!(likely_fix("japanese").as_deref(), Some("ja"));
        assert_eq!(likely_fix("xx"), None);
    }
}
