//! Links between pages. Every page path is relative to the site root and
//! names a file; an href is that path prefixed with as many `../` as the
//! linking page is deep. No link starts with `/` or names a folder, so the
//! site works from disk, at a domain root and under any sub-path.

use crate::model::{Digest, EventIdx, page_of};

/// Site paths of the pages, in one place.
pub fn index() -> String {
    "index.html".into()
}
pub fn article(slug: &str) -> String {
    format!("articles/{slug}.html")
}
/// The read-only page of an article's annotation file.
pub fn source(slug: &str) -> String {
    format!("articles/{slug}.source.html")
}
pub fn claim(slug: &str, id: &str) -> String {
    format!("articles/{slug}.html#claim-{id}")
}
pub fn company(id: &str) -> String {
    format!("companies/{}.html", css_word(id))
}
/// An event's entry on page `page` of the timeline.
pub fn event(id: &str, page: usize) -> String {
    format!("{}#event-{}", list_page(TIMELINE, page), css_word(id))
}
/// Where event `idx` stands in the digest's timeline.
pub fn event_in(digest: &Digest, idx: EventIdx) -> String {
    event(&digest.events[idx].id, page_of(digest.listing.event_position[idx], digest.site.page_size))
}

/// The first pages of the lists that are split into pages.
pub const TIMELINE: &str = "timeline.html";
pub const CLAIMS: &str = "claims.html";

/// Page `n` (from 1) of a list whose first page is `first`: `claims.html`,
/// then `claims-2.html`, `claims-3.html`, … Flat names keep every page of a
/// list at the same depth, so their relative links are alike.
pub fn list_page(first: &str, n: usize) -> String {
    match first.strip_suffix(".html") {
        Some(stem) if n > 1 => format!("{stem}-{n}.html"),
        _ => first.to_string(),
    }
}

/// The prefix that leads from `page` back to the site root: "" or "../…".
pub fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// `target` (a site path) as an absolute URL under `base` (which ends in
/// "/"), for what leaves the site: feeds, sitemaps, canonical links and
/// structured data. The index is the base itself, as servers show it there.
pub fn absolute(base: &str, target: &str) -> String {
    match target.strip_prefix("index.html") {
        Some(rest) if rest.is_empty() || rest.starts_with('#') => format!("{base}{rest}"),
        _ => format!("{base}{target}"),
    }
}

/// `target` (a site path) as seen from `page`.
pub fn href(page: &str, target: &str) -> String {
    let page_file = page.split('#').next().unwrap_or(page);
    let target_file = target.split('#').next().unwrap_or(target);
    if page_file == target_file && target.contains('#') {
        // Same page: a bare fragment does not reload it.
        return target[target_file.len()..].to_string();
    }
    format!("{}{target}", root_of(page))
}

/// `text` reduced to characters safe in a file name, an id and a class:
/// ASCII letters, digits and hyphens.
pub fn css_word(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c.to_ascii_lowercase() } else { '-' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_name_makes_file_names_a_file_system_takes() {
        let name = "a".repeat(crate::load::MAX_NAME);
        for path in [article(&name), source(&name), company(&name)] {
            let file = path.rsplit('/').next().unwrap_or_default();
            assert!(file.len() <= 255, "{path}");
        }
    }

    #[test]
    fn hrefs_are_relative_and_name_files() {
        assert_eq!(href("index.html", &article("x")), "articles/x.html");
        assert_eq!(href("articles/x.html", &company("google")), "../companies/google.html");
        assert_eq!(href("articles/x.html", "static/glose.css"), "../static/glose.css");
        assert_eq!(href("companies/a.html", &index()), "../index.html");
    }

    #[test]
    fn links_within_a_page_are_bare_fragments() {
        assert_eq!(href("articles/x.html", &claim("x", "c")), "#claim-c");
        assert_eq!(href("articles/y.html", &claim("x", "c")), "../articles/x.html#claim-c");
    }

    #[test]
    fn later_pages_of_a_list_are_numbered_beside_the_first() {
        assert_eq!(list_page(CLAIMS, 1), "claims.html");
        assert_eq!(list_page(CLAIMS, 2), "claims-2.html");
        assert_eq!(list_page(&index(), 12), "index-12.html");
        assert_eq!(event("Launch day", 3), "timeline-3.html#event-launch-day");
        assert_eq!(href("timeline-3.html", &event("x", 3)), "#event-x");
        assert_eq!(href("timeline.html", &event("x", 3)), "timeline-3.html#event-x");
    }

    #[test]
    fn absolute_urls_hang_under_the_base() {
        let base = "https://user.github.io/digest/";
        assert_eq!(absolute(base, &index()), base);
        assert_eq!(absolute(base, &claim("x", "c")), "https://user.github.io/digest/articles/x.html#claim-c");
    }

    #[test]
    fn ids_are_reduced_to_safe_characters() {
        assert_eq!(css_word("../Évil id"), "----vil-id");
    }
}
