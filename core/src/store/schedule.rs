//! When a notice shows: dates, weekdays and a daily time window.
//!
//! A notice is in force when `starts_at ≤ now < ends_at`, on one of its weekdays (if
//! any are set) and inside its daily time window (if any). A window may run past
//! midnight (22:00–06:00); its early-morning part belongs to the day it started, so a
//! Monday–Friday night window is still on at 02:00 on Saturday.

use super::{Error, Result};
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Timelike, Utc, Weekday};

/// Days of the week a notice shows on. Bit 0 is Monday, bit 6 Sunday; empty = every day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Weekdays(u8);

const WEEKDAY_ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

impl Weekdays {
    pub const EVERY_DAY: Weekdays = Weekdays(0);

    pub fn from_bits(bits: u8) -> Weekdays {
        Weekdays(bits & 0x7f)
    }

    pub fn bits(self) -> u8 {
        self.0
    }

    pub fn is_every_day(self) -> bool {
        self.0 == 0 || self.0 == 0x7f
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.is_every_day() || self.0 & (1 << day.num_days_from_monday()) != 0
    }

    pub fn with(self, day: Weekday, on: bool) -> Weekdays {
        let bit = 1 << day.num_days_from_monday();
        Weekdays(if on { self.0 | bit } else { self.0 & !bit })
    }

    /// Parses `1-5`, `6,7`, `1-3,5` (1 = Monday … 7 = Sunday).
    pub fn parse(text: &str) -> Result<Weekdays> {
        let bad = || {
            Error::Invalid(format!(
                "星期格式不对：“{text}”，应写成 1-5 或 6,7（1=周一 … 7=周日）(bad weekdays)"
            ))
        };
        let mut bits = 0u8;
        for part in text.split(',').map(str::trim) {
            let (a, b) = match part.split_once('-') {
                Some((a, b)) => (a.trim(), b.trim()),
                None => (part, part),
            };
            let a: u8 = a.parse().map_err(|_| bad())?;
            let b: u8 = b.parse().map_err(|_| bad())?;
            if !(1..=7).contains(&a) || !(1..=7).contains(&b) || a > b {
                return Err(bad());
            }
            for d in a..=b {
                bits |= 1 << (d - 1);
            }
        }
        Ok(Weekdays(bits))
    }

    /// `每天`, `周一至周五`, `周六、周日`.
    pub fn describe_zh(self) -> String {
        if self.is_every_day() {
            return "每天".into();
        }
        let days: Vec<usize> = (0..7).filter(|i| self.0 & (1 << i) != 0).collect();
        let contiguous = days.windows(2).all(|w| w[1] == w[0] + 1);
        if contiguous && days.len() >= 3 {
            format!(
                "周{}至周{}",
                WEEKDAY_ZH[days[0]],
                WEEKDAY_ZH[days[days.len() - 1]]
            )
        } else {
            days.iter()
                .map(|&i| format!("周{}", WEEKDAY_ZH[i]))
                .collect::<Vec<_>>()
                .join("、")
        }
    }

    /// `1-5` style, for the CLI and JSON.
    pub fn to_spec(self) -> String {
        if self.is_every_day() {
            return String::new();
        }
        (0..7)
            .filter(|i| self.0 & (1 << i) != 0)
            .map(|i| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// A daily time window in local minutes since midnight, `from` inclusive, `until`
/// exclusive. `until ≤ from` means it runs past midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeWindow {
    pub from: u16,
    pub until: u16,
}

impl TimeWindow {
    pub fn new(from: u16, until: u16) -> Result<TimeWindow> {
        if from >= 1440 || until == 0 || until > 1440 || from == until {
            return Err(Error::Invalid(format!(
                "时段不对：{}-{}，开始和结束不能相同 (bad daily hours)",
                hhmm(from),
                hhmm(until)
            )));
        }
        Ok(TimeWindow { from, until })
    }

    /// Parses `08:00-20:00` or `22:00-06:00` (past midnight); `24:00` may end a window.
    pub fn parse(text: &str) -> Result<TimeWindow> {
        let bad = || {
            Error::Invalid(format!(
                "时段格式不对：“{text}”，应写成 08:00-20:00 (bad hours)"
            ))
        };
        let (a, b) = text.split_once('-').ok_or_else(bad)?;
        let minutes = |s: &str| -> Option<u16> {
            let (h, m) = s.trim().split_once(':')?;
            let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
            (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
        };
        let from = minutes(a).filter(|&m| m < 1440).ok_or_else(bad)?;
        let until = match minutes(b).ok_or_else(bad)? {
            0 => 1440,
            m => m,
        };
        TimeWindow::new(from, until)
    }

    pub fn overnight(self) -> bool {
        self.until <= self.from
    }

    pub fn describe(self) -> String {
        format!("{}–{}", hhmm(self.from), hhmm(self.until))
    }

    pub fn to_spec(self) -> String {
        format!("{}-{}", hhmm(self.from), hhmm(self.until))
    }
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Where a notice stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeState {
    /// Shown now.
    InForce,
    /// Within its dates, but not on this weekday or at this hour.
    OffHours,
    /// Not started yet.
    Scheduled,
    Expired,
    /// Taken down by staff.
    Unpublished,
}

impl NoticeState {
    pub fn zh(self) -> &'static str {
        match self {
            NoticeState::InForce => "展示中",
            NoticeState::OffHours => "不在展示时段",
            NoticeState::Scheduled => "未开始",
            NoticeState::Expired => "已过期",
            NoticeState::Unpublished => "已下架",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
    pub weekdays: Weekdays,
    pub window: Option<TimeWindow>,
}

impl Schedule {
    pub fn always_from(starts_at: DateTime<Utc>) -> Schedule {
        Schedule {
            starts_at,
            ends_at: None,
            weekdays: Weekdays::EVERY_DAY,
            window: None,
        }
    }

    pub fn validate(&self) -> Result<()> {
        super::time::check(self.starts_at, "开始时间")?;
        if let Some(end) = self.ends_at {
            super::time::check(end, "结束时间")?;
        }
        if let Some(end) = self.ends_at
            && end <= self.starts_at
        {
            return Err(Error::Invalid(
                "结束时间必须晚于开始时间 (end must be after start)".into(),
            ));
        }
        Ok(())
    }

    /// Whether the dates cover `now` (ignoring weekdays and hours).
    fn dated<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> std::cmp::Ordering {
        let now = now.with_timezone(&Utc);
        if now < self.starts_at {
            std::cmp::Ordering::Less
        } else if self.ends_at.is_some_and(|end| now >= end) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }

    /// Whether the weekday and hour rules allow `now` (local wall-clock time of `now`).
    fn on_hours<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> bool {
        let local = now.naive_local();
        let minute = (local.hour() * 60 + local.minute()) as u16;
        let today = local.weekday();
        match self.window {
            None => self.weekdays.contains(today),
            Some(w) if !w.overnight() => {
                self.weekdays.contains(today) && minute >= w.from && minute < w.until
            }
            Some(w) => {
                // Evening part belongs to today, early-morning part to yesterday.
                (minute >= w.from && self.weekdays.contains(today))
                    || (minute < w.until && self.weekdays.contains(today.pred()))
            }
        }
    }

    pub fn state<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> NoticeState {
        match self.dated(now) {
            std::cmp::Ordering::Less => NoticeState::Scheduled,
            std::cmp::Ordering::Greater => NoticeState::Expired,
            std::cmp::Ordering::Equal if self.on_hours(now) => NoticeState::InForce,
            std::cmp::Ordering::Equal => NoticeState::OffHours,
        }
    }

    pub fn is_in_force<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> bool {
        self.state(now) == NoticeState::InForce
    }

    /// The validity in Chinese, in the time zone `tz`:
    /// `2026年12月1日 至 2027年2月28日 · 周一至周五 · 08:00–20:00`.
    pub fn describe_zh<Tz: TimeZone>(&self, tz: &Tz) -> String {
        let day = |t: DateTime<Utc>| {
            let l = t.with_timezone(tz).naive_local();
            if l.time() == NaiveTime::MIN {
                format!("{}年{}月{}日", l.year(), l.month(), l.day())
            } else {
                format!(
                    "{}年{}月{}日 {:02}:{:02}",
                    l.year(),
                    l.month(),
                    l.day(),
                    l.hour(),
                    l.minute()
                )
            }
        };
        let mut parts = vec![match self.ends_at {
            // An end at local midnight reads better as the last day it shows.
            Some(end) => {
                let local_end = end.with_timezone(tz).naive_local();
                let last = if local_end.time() == NaiveTime::MIN {
                    day(end - Duration::days(1))
                } else {
                    day(end)
                };
                format!("{} 至 {}", day(self.starts_at), last)
            }
            None => format!("{} 起长期有效", day(self.starts_at)),
        }];
        if !self.weekdays.is_every_day() {
            parts.push(self.weekdays.describe_zh());
        }
        if let Some(w) = self.window {
            parts.push(w.describe());
        }
        parts.join(" · ")
    }
}
