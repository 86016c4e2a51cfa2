//! The span a report covers: a calendar month (the usual) or any run of days, in the
//! station's local dates.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone};
use serde::Serialize;

/// The longest span a report covers (a year and a day, for a leap year's 1 January to
/// 1 January).
pub const MAX_DAYS: i64 = 367;

/// The days `first..=last`; `month` when they are one whole calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub month: bool,
}

impl Period {
    /// The calendar month `year-month`.
    pub fn month(year: i32, month: u32) -> Option<Period> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
        Some(Period {
            first,
            last,
            month: true,
        })
    }

    /// The month `date` falls in.
    pub fn month_of(date: NaiveDate) -> Period {
        Period::month(date.year(), date.month()).expect("a date's own month exists")
    }

    /// `2026-11` (or `2026/11`, `2026年11月`).
    pub fn parse_month(text: &str) -> Result<Period, String> {
        let bad = || format!("月份应写成 2026-11 这样：{text} (a month is written like 2026-11)");
        let t = text.trim().trim_end_matches('月');
        let (y, m) = t.split_once(['-', '/', '年']).ok_or_else(bad)?;
        let year: i32 = y.trim().parse().map_err(|_| bad())?;
        let month: u32 = m.trim().parse().map_err(|_| bad())?;
        if !(2000..=2099).contains(&year) {
            return Err(bad());
        }
        Period::month(year, month).ok_or_else(bad)
    }

    /// The days `first..=last` (a whole month is marked as one).
    pub fn range(first: NaiveDate, last: NaiveDate) -> Result<Period, String> {
        if last < first {
            return Err(format!(
                "结束日期 {last} 早于开始日期 {first} (the last day is before the first)"
            ));
        }
        if (last - first).num_days() + 1 > MAX_DAYS {
            return Err(format!(
                "一份报告最多 {MAX_DAYS} 天 (a report covers at most {MAX_DAYS} days)"
            ));
        }
        let whole = Period::month_of(first);
        Ok(Period {
            first,
            last,
            month: whole.first == first && whole.last == last,
        })
    }

    /// A date written `2026-11-03`.
    pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2099).contains(&d.year()))
            .ok_or_else(|| {
                format!("日期应写成 2026-11-03 这样：{text} (a date is written like 2026-11-03)")
            })
    }

    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// The one before: the month before, or as many days just before.
    pub fn previous(&self) -> Period {
        if self.month {
            return Period::month_of(self.first.pred_opt().unwrap_or(self.first));
        }
        let last = self.first.pred_opt().unwrap_or(self.first);
        let first = last
            .checked_sub_days(Days::new(self.days() as u64 - 1))
            .unwrap_or(last);
        Period {
            first,
            last,
            month: false,
        }
    }

    /// The same days a year earlier (29 February becomes the 28th).
    pub fn year_before(&self) -> Period {
        let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
        if self.month {
            return Period::month_of(back(self.first));
        }
        Period {
            first: back(self.first),
            last: back(self.last),
            month: false,
        }
    }

    /// 2026年11月, or 2026年11月3日至11月20日 (2025年12月20日至2026年1月5日).
    pub fn label(&self) -> String {
        if self.month {
            return format!("{}年{}月", self.first.year(), self.first.month());
        }
        let day = |d: NaiveDate| format!("{}月{}日", d.month(), d.day());
        if self.first.year() == self.last.year() {
            format!(
                "{}年{}至{}",
                self.first.year(),
                day(self.first),
                day(self.last)
            )
        } else {
            format!(
                "{}年{}至{}年{}",
                self.first.year(),
                day(self.first),
                self.last.year(),
                day(self.last)
            )
        }
    }

    /// A name for files and folders: `2026-11`, or `2026-11-03_2026-11-20`.
    pub fn key(&self) -> String {
        if self.month {
            self.first.format("%Y-%m").to_string()
        } else {
            format!("{}_{}", self.first, self.last)
        }
    }

    /// Its start and end (exclusive) in `tz`: midnight of the first day and of the day
    /// after the last. (A midnight that does not exist is the first moment after it.)
    pub fn bounds<Tz: TimeZone>(&self, tz: &Tz) -> (DateTime<Tz>, DateTime<Tz>) {
        let midnight = |d: NaiveDate| {
            let t = d.and_hms_opt(0, 0, 0).expect("midnight");
            tz.from_local_datetime(&t)
                .earliest()
                .or_else(|| {
                    tz.from_local_datetime(&(t + chrono::Duration::hours(1)))
                        .earliest()
                })
                .expect("a day has a first hour")
        };
        let after = self.last.succ_opt().unwrap_or(self.last);
        (midnight(self.first), midnight(after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_and_ranges() {
        let nov = Period::parse_month("2026-11").unwrap();
        assert_eq!(
            (nov.first, nov.last, nov.days()),
            (d(2026, 11, 1), d(2026, 11, 30), 30)
        );
        assert_eq!(Period::parse_month("2026年2月").unwrap().days(), 28);
        assert_eq!(nov.label(), "2026年11月");
        assert_eq!(nov.key(), "2026-11");
        assert_eq!(nov.previous().label(), "2026年10月");
        assert_eq!(nov.year_before().label(), "2025年11月");
        assert_eq!(
            Period::parse_month("2026-01").unwrap().previous().label(),
            "2025年12月"
        );
        for bad in ["2026", "2026-13", "11-2026", "1999-01", "abc"] {
            assert!(Period::parse_month(bad).is_err(), "{bad}");
        }
        let r = Period::range(d(2026, 11, 3), d(2026, 11, 20)).unwrap();
        assert!(!r.month);
        assert_eq!(r.label(), "2026年11月3日至11月20日");
        assert_eq!(
            r.previous(),
            Period::range(d(2026, 10, 16), d(2026, 11, 2)).unwrap()
        );
        assert!(
            Period::range(d(2026, 11, 1), d(2026, 11, 30))
                .unwrap()
                .month
        );
        assert!(Period::range(d(2026, 11, 2), d(2026, 11, 1)).is_err());
        assert!(Period::range(d(2024, 1, 1), d(2026, 1, 1)).is_err());
        let leap = Period::range(d(2028, 2, 29), d(2028, 3, 1)).unwrap();
        assert_eq!(leap.year_before().first, d(2027, 2, 28));
        let tz = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
        let (from, until) = nov.bounds(&tz);
        assert_eq!(from.to_utc().to_rfc3339(), "2026-10-31T16:00:00+00:00");
        assert_eq!(until.to_utc().to_rfc3339(), "2026-11-30T16:00:00+00:00");
    }
}
