//! Dates as precise as the content gives them: a year, a month or a day.

use std::fmt;

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Orders by year, then month, then day,
/// with a less precise date before the more precise ones it contains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses the three accepted forms; `None` for anything else, including
    /// impossible days such as 2025-02-30.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let mut parts = text.split('-');
        let year = parse_number(parts.next()?, 4)?;
        let month = match parts.next() {
            Some(m) => Some(parse_number(m, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(parse_number(d, 2)?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        let date = PartialDate { year, month: month.map(|m| m as u8), day: day.map(|d| d as u8) };
        date.is_valid().then_some(date)
    }

    pub fn day(year: u16, month: u8, day: u8) -> Option<PartialDate> {
        let date = PartialDate { year, month: Some(month), day: Some(day) };
        date.is_valid().then_some(date)
    }

    fn is_valid(&self) -> bool {
        match (self.month, self.day) {
            (None, None) => true,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in_month(self.year, m),
            (None, Some(_)) => false,
        }
    }

    /// An RFC 3339 timestamp at the start of the date, in UTC (what Atom
    /// and the Web Annotation model require): a month or a year stands for
    /// its first day.
    pub fn timestamp(&self) -> String {
        format!("{}T00:00:00Z", self.first_day())
    }

    /// The first day the date can mean, as `YYYY-MM-DD`: how a date range
    /// (search's date filter) compares it.
    pub fn first_day(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date can mean, as `YYYY-MM-DD`: a month's or a
    /// year's last.
    pub fn last_day(&self) -> String {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        format!("{:04}-{month:02}-{day:02}", self.year)
    }

    /// Whether the whole of this date lies before the whole of `other`: its
    /// last day comes before `other`'s first. "June 2025" is surely before
    /// "2025-07-01", not before "2025-06-30", nor before "2025".
    pub fn surely_before(&self, other: &PartialDate) -> bool {
        // Both are YYYY-MM-DD, which sort as the days they name.
        self.last_day() < other.first_day()
    }

    /// "day", "month" or "year": how precise the date is.
    pub fn precision(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "day",
            (Some(_), None) => "month",
            _ => "year",
        }
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 form, fit for `<time datetime>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

fn parse_number(text: &str, digits: usize) -> Option<u16> {
    if text.len() != digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_three_precisions() {
        assert_eq!(PartialDate::parse("2025").unwrap().precision(), "year");
        assert_eq!(PartialDate::parse("2025-10").unwrap().precision(), "month");
        assert_eq!(PartialDate::parse("2025-10-23").unwrap().to_string(), "2025-10-23");
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for bad in ["25", "2025-1", "2025-13", "2025-02-30", "2025-10-23-1", "2025/10", ""] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
        assert!(PartialDate::parse("2024-02-29").is_some());
    }

    #[test]
    fn partial_dates_become_the_first_instant_they_cover() {
        assert_eq!(PartialDate::parse("2025-10-24").unwrap().timestamp(), "2025-10-24T00:00:00Z");
        assert_eq!(PartialDate::parse("2025-06").unwrap().timestamp(), "2025-06-01T00:00:00Z");
        assert_eq!(PartialDate::parse("2025").unwrap().timestamp(), "2025-01-01T00:00:00Z");
    }

    #[test]
    fn partial_dates_span_from_a_first_to_a_last_day() {
        let feb = PartialDate::parse("2024-02").unwrap();
        assert_eq!((feb.first_day(), feb.last_day()), ("2024-02-01".into(), "2024-02-29".into()));
        let year = PartialDate::parse("2025").unwrap();
        assert_eq!((year.first_day(), year.last_day()), ("2025-01-01".into(), "2025-12-31".into()));
    }

    #[test]
    fn surely_before_compares_the_whole_span_of_each_date() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert!(d("2025-06").surely_before(&d("2025-07-01")));
        assert!(!d("2025-06").surely_before(&d("2025-06-30")));
        assert!(!d("2025-06-30").surely_before(&d("2025-06")));
        assert!(d("2024").surely_before(&d("2025")));
        assert!(!d("2025-03-01").surely_before(&d("2025")));
        assert!(!d("2025-03-01").surely_before(&d("2025-03-01")));
    }

    #[test]
    fn less_precise_dates_sort_first() {
        let year = PartialDate::parse("2025").unwrap();
        let month = PartialDate::parse("2025-01").unwrap();
        let day = PartialDate::parse("2025-01-01").unwrap();
        assert!(year < month && month < day);
    }
}
