//! Words shown to people: Simplified Chinese first, English second.

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};

pub fn weekday_zh(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

/// `2026年11月29日 星期日`
pub fn date_zh(t: NaiveDateTime) -> String {
    format!(
        "{}年{}月{}日 {}",
        t.year(),
        t.month(),
        t.day(),
        weekday_zh(t.weekday())
    )
}

/// `Sunday, 29 November 2026`
pub fn date_en(t: NaiveDateTime) -> String {
    t.format("%A, %-d %B %Y").to_string()
}

/// `18:05`
pub fn hm(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// `18:05:09`
pub fn hms(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
}

/// A countdown as `4:05`.
pub fn countdown(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn dates_read_naturally() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 29)
            .unwrap()
            .and_hms_opt(8, 5, 9)
            .unwrap();
        assert_eq!(date_zh(t), "2026年11月29日 星期日");
        assert_eq!(date_en(t), "Sunday, 29 November 2026");
        assert_eq!(hms(t), "08:05:09");
        assert_eq!(countdown(299), "4:59");
    }
}
