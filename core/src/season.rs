//! Seasons of the station's services: 夏日送清凉 (June–September) and 冬日送温暖
//! (December–February). The date decides unless the config overrides it.

use crate::config::SeasonSetting;
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Summer,
    Winter,
    Default,
}

impl Season {
    pub fn of(date: NaiveDate) -> Season {
        match date.month() {
            6..=9 => Season::Summer,
            12 | 1 | 2 => Season::Winter,
            _ => Season::Default,
        }
    }

    pub fn resolve(setting: SeasonSetting, date: NaiveDate) -> Season {
        match setting {
            SeasonSetting::Auto => Season::of(date),
            SeasonSetting::Summer => Season::Summer,
            SeasonSetting::Winter => Season::Winter,
            SeasonSetting::None => Season::Default,
        }
    }

    /// The most recent complete run of this season that ended on or before `today`:
    /// first day and last day.
    pub fn last_run(self, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let y = today.year();
        match self {
            Season::Summer => {
                let year = if today >= ymd(y, 10, 1)? { y } else { y - 1 };
                Some((ymd(year, 6, 1)?, ymd(year, 9, 30)?))
            }
            Season::Winter => {
                let year = if today >= ymd(y, 3, 1)? { y - 1 } else { y - 2 };
                Some((ymd(year, 12, 1)?, ymd(year + 1, 3, 1)?.pred_opt()?))
            }
            Season::Default => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_decide_unless_overridden() {
        assert_eq!(Season::of(d(2026, 5, 31)), Season::Default);
        assert_eq!(Season::of(d(2026, 6, 1)), Season::Summer);
        assert_eq!(Season::of(d(2026, 9, 30)), Season::Summer);
        assert_eq!(Season::of(d(2026, 12, 1)), Season::Winter);
        assert_eq!(Season::of(d(2027, 2, 28)), Season::Winter);
        assert_eq!(Season::of(d(2027, 3, 1)), Season::Default);
        assert_eq!(
            Season::resolve(SeasonSetting::Winter, d(2026, 7, 1)),
            Season::Winter
        );
        assert_eq!(
            Season::resolve(SeasonSetting::None, d(2026, 7, 1)),
            Season::Default
        );
    }

    #[test]
    fn last_run_has_ended() {
        assert_eq!(
            Season::Summer.last_run(d(2026, 11, 29)),
            Some((d(2026, 6, 1), d(2026, 9, 30)))
        );
        assert_eq!(
            Season::Summer.last_run(d(2027, 1, 10)),
            Some((d(2026, 6, 1), d(2026, 9, 30)))
        );
        assert_eq!(
            Season::Winter.last_run(d(2026, 11, 29)),
            Some((d(2025, 12, 1), d(2026, 2, 28)))
        );
        assert_eq!(
            Season::Winter.last_run(d(2028, 7, 1)),
            Some((d(2027, 12, 1), d(2028, 2, 29)))
        );
    }
}
