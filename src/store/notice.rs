//! Notices (通知 / 公告): scheduled messages from staff.
//!
//! A notice is in force when `starts_at ≤ now < ends_at`, on one of its weekdays (if
//! any are set) and inside its daily time window (if any). A window may run past
//! midnight (22:00–06:00); its early-morning part belongs to the day it started, so a
//! Monday–Friday night window is still on at 02:00 on Saturday.

use super::{Error, Result, Store, audit, parse_ts, ts};
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Timelike, Utc, Weekday};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Summer,
    Winter,
    Holiday,
    Safety,
    Service,
    Event,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Summer,
        Category::Winter,
        Category::Holiday,
        Category::Safety,
        Category::Service,
        Category::Event,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Category::Summer => "summer",
            Category::Winter => "winter",
            Category::Holiday => "holiday",
            Category::Safety => "safety",
            Category::Service => "service",
            Category::Event => "event",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Category::Summer => "夏日送清凉",
            Category::Winter => "冬日送温暖",
            Category::Holiday => "节日",
            Category::Safety => "安全提示",
            Category::Service => "服务通知",
            Category::Event => "活动",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Category::Summer => "Summer care",
            Category::Winter => "Winter warmth",
            Category::Holiday => "Holiday",
            Category::Safety => "Safety",
            Category::Service => "Service",
            Category::Event => "Event",
        }
    }

    /// Accepts the key (`summer`) or the Chinese name (`夏日送清凉`).
    pub fn parse(text: &str) -> Option<Category> {
        let text = text.trim();
        Category::ALL
            .into_iter()
            .find(|c| c.key().eq_ignore_ascii_case(text) || c.zh() == text)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.zh())
    }
}

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
    pub fn parse(text: &str) -> std::result::Result<Weekdays, String> {
        let bad = || {
            format!("星期格式不对：“{text}”，应写成 1-5 或 6,7（1=周一 … 7=周日）(bad weekdays)")
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
    pub fn new(from: u16, until: u16) -> std::result::Result<TimeWindow, String> {
        if from >= 1440 || until == 0 || until > 1440 || from == until {
            return Err(format!(
                "时段不对：{}-{}，开始和结束不能相同 (bad daily hours)",
                hhmm(from),
                hhmm(until)
            ));
        }
        Ok(TimeWindow { from, until })
    }

    /// Parses `08:00-20:00` or `22:00-06:00` (past midnight); `24:00` may end a window.
    pub fn parse(text: &str) -> std::result::Result<TimeWindow, String> {
        let bad = || format!("时段格式不对：“{text}”，应写成 08:00-20:00 (bad hours)");
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

    pub fn validate(&self) -> std::result::Result<(), String> {
        if let Some(end) = self.ends_at
            && end <= self.starts_at
        {
            return Err("结束时间必须晚于开始时间 (end must be after start)".into());
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

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub category: Category,
    pub schedule: Schedule,
    pub pinned: bool,
    pub priority: i64,
    pub published: bool,
    pub has_poster: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Notice {
    pub fn state<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> NoticeState {
        if self.published {
            self.schedule.state(now)
        } else {
            NoticeState::Unpublished
        }
    }
}

/// A notice to write: from the CLI, an import file, the demo data or the kiosk editor.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotice {
    pub title: String,
    pub body: String,
    pub category: Category,
    pub schedule: Schedule,
    pub pinned: bool,
    pub priority: i64,
    /// PNG bytes from [`prepare_poster`].
    pub poster: Option<Vec<u8>>,
}

pub const TITLE_MAX_CHARS: usize = 40;
pub const BODY_MAX_CHARS: usize = 1000;

impl NewNotice {
    pub fn validate(&self) -> std::result::Result<(), String> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err("标题不能为空 (title is empty)".into());
        }
        if title.chars().count() > TITLE_MAX_CHARS {
            return Err(format!(
                "标题太长，最多 {TITLE_MAX_CHARS} 个字 (title too long)"
            ));
        }
        if self.body.chars().count() > BODY_MAX_CHARS {
            return Err(format!(
                "正文太长，最多 {BODY_MAX_CHARS} 个字 (body too long)"
            ));
        }
        if !(-100..=100).contains(&self.priority) {
            return Err("优先级应在 -100 到 100 之间 (priority out of range)".into());
        }
        self.schedule.validate()
    }
}

/// Decodes any supported image, downscales it to fit 1200×1200 and re-encodes it as PNG,
/// so the kiosk decodes small, known-good posters. Errors are user-facing.
pub fn prepare_poster(bytes: &[u8]) -> std::result::Result<Vec<u8>, String> {
    const MAX: u32 = 1200;
    let img = image::load_from_memory(bytes)
        .map_err(|e| format!("海报不是可识别的图片（PNG、JPEG 或 WebP）(not an image: {e})"))?;
    if img.width() == 0 || img.height() == 0 {
        return Err("海报图片是空的 (empty image)".into());
    }
    let img = if img.width() > MAX || img.height() > MAX {
        img.resize(MAX, MAX, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let mut out = std::io::Cursor::new(Vec::new());
    img.to_rgba8()
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| format!("海报无法保存 (could not encode poster: {e})"))?;
    Ok(out.into_inner())
}

/// Display order: pinned first, then higher priority, then newest.
pub fn display_order(a: &Notice, b: &Notice) -> std::cmp::Ordering {
    b.pinned
        .cmp(&a.pinned)
        .then(b.priority.cmp(&a.priority))
        .then(b.schedule.starts_at.cmp(&a.schedule.starts_at))
        .then(b.id.cmp(&a.id))
}

const COLUMNS: &str = "id, title, body, category, starts_at, ends_at, weekdays, daily_from, \
     daily_until, pinned, priority, published, poster IS NOT NULL, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Notice> {
    let category: String = row.get(3)?;
    let ends_at: Option<String> = row.get(5)?;
    let window = match (row.get::<_, Option<u16>>(7)?, row.get::<_, Option<u16>>(8)?) {
        (Some(from), Some(until)) => Some(TimeWindow { from, until }),
        _ => None,
    };
    Ok(Notice {
        id: row.get(0)?,
        title: row.get(1)?,
        body: row.get(2)?,
        category: Category::parse(&category).unwrap_or(Category::Service),
        schedule: Schedule {
            starts_at: parse_ts(&row.get::<_, String>(4)?)?,
            ends_at: ends_at.as_deref().map(parse_ts).transpose()?,
            weekdays: Weekdays::from_bits(row.get(6)?),
            window,
        },
        pinned: row.get(9)?,
        priority: row.get(10)?,
        published: row.get(11)?,
        has_poster: row.get(12)?,
        created_at: parse_ts(&row.get::<_, String>(13)?)?,
        updated_at: parse_ts(&row.get::<_, String>(14)?)?,
    })
}

/// The column values of a notice in the order both INSERT and UPDATE use (?1 … ?12).
fn values(notice: &NewNotice, at: DateTime<Utc>) -> Vec<Value> {
    let s = &notice.schedule;
    let text = |t: String| Value::Text(t);
    let opt = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    vec![
        text(notice.title.trim().to_string()),
        text(notice.body.trim().to_string()),
        text(notice.category.key().to_string()),
        text(ts(s.starts_at)),
        s.ends_at.map_or(Value::Null, |t| text(ts(t))),
        Value::Integer(s.weekdays.bits().into()),
        opt(s.window.map(|w| w.from.into())),
        opt(s.window.map(|w| w.until.into())),
        Value::Integer(notice.pinned.into()),
        Value::Integer(notice.priority),
        notice.poster.clone().map_or(Value::Null, Value::Blob),
        text(ts(at)),
    ]
}

pub(super) fn insert(
    tx: &rusqlite::Transaction<'_>,
    notice: &NewNotice,
    now: DateTime<Utc>,
) -> Result<i64> {
    notice.validate().map_err(Error::Invalid)?;
    tx.execute(
        "INSERT INTO notice (title, body, category, starts_at, ends_at, weekdays, daily_from,
             daily_until, pinned, priority, poster, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params_from_iter(values(notice, now)),
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Adds one notice; audited.
    pub fn add_notice(&mut self, notice: &NewNotice, actor: &str) -> Result<i64> {
        Ok(self.add_notices(std::slice::from_ref(notice), actor)?[0])
    }

    /// Adds several notices in one transaction: all of them, or none.
    pub fn add_notices(&mut self, notices: &[NewNotice], actor: &str) -> Result<Vec<i64>> {
        let now = Utc::now();
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(notices.len());
        for (i, notice) in notices.iter().enumerate() {
            let id = insert(&tx, notice, now).map_err(|e| match e {
                Error::Invalid(msg) if notices.len() > 1 => {
                    Error::Invalid(format!("第 {} 条通知：{msg}", i + 1))
                }
                e => e,
            })?;
            audit::log(
                &tx,
                actor,
                "notice.add",
                &format!("#{id} {}", notice.title.trim()),
            )?;
            ids.push(id);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Replaces a notice's content (the kiosk editor); keeps its published state.
    pub fn update_notice(&mut self, id: i64, notice: &NewNotice, actor: &str) -> Result<()> {
        notice.validate().map_err(Error::Invalid)?;
        let tx = self.conn.transaction()?;
        let mut params = values(notice, Utc::now());
        params.push(Value::Integer(id));
        let changed = tx.execute(
            "UPDATE notice SET title = ?1, body = ?2, category = ?3, starts_at = ?4,
                 ends_at = ?5, weekdays = ?6, daily_from = ?7, daily_until = ?8, pinned = ?9,
                 priority = ?10, poster = COALESCE(?11, poster), updated_at = ?12
             WHERE id = ?13",
            params_from_iter(params),
        )?;
        if changed == 0 {
            return Err(Error::NotFound(format!("通知 #{id}")));
        }
        audit::log(
            &tx,
            actor,
            "notice.edit",
            &format!("#{id} {}", notice.title.trim()),
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn notice(&self, id: i64) -> Result<Notice> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM notice WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("通知 #{id}")))
    }

    /// Every notice, in display order (staff view, `notice list --all`).
    pub fn notices(&self) -> Result<Vec<Notice>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM notice"))?;
        let mut all = stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        all.sort_by(display_order);
        Ok(all)
    }

    /// The notices in force at `now`, in display order.
    pub fn notices_in_force<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<Vec<Notice>> {
        let mut all = self.notices()?;
        all.retain(|n| n.state(now) == NoticeState::InForce);
        Ok(all)
    }

    pub fn notice_poster(&self, id: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row("SELECT poster FROM notice WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .flatten())
    }

    fn set_flag(
        &mut self,
        id: i64,
        column: &str,
        on: bool,
        action: &str,
        actor: &str,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        // `column` is one of two fixed names, never user input.
        let changed = tx.execute(
            &format!("UPDATE notice SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
            params![id, on, ts(Utc::now())],
        )?;
        if changed == 0 {
            return Err(Error::NotFound(format!("通知 #{id}")));
        }
        audit::log(&tx, actor, action, &format!("#{id}"))?;
        tx.commit()?;
        Ok(())
    }

    pub fn set_notice_pinned(&mut self, id: i64, pinned: bool, actor: &str) -> Result<()> {
        let action = if pinned { "notice.pin" } else { "notice.unpin" };
        self.set_flag(id, "pinned", pinned, action, actor)
    }

    pub fn set_notice_published(&mut self, id: i64, published: bool, actor: &str) -> Result<()> {
        let action = if published {
            "notice.publish"
        } else {
            "notice.unpublish"
        };
        self.set_flag(id, "published", published, action, actor)
    }

    pub fn remove_notice(&mut self, id: i64, actor: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        let title: Option<String> = tx
            .query_row("SELECT title FROM notice WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let Some(title) = title else {
            return Err(Error::NotFound(format!("通知 #{id}")));
        };
        tx.execute("DELETE FROM notice WHERE id = ?1", [id])?;
        audit::log(&tx, actor, "notice.remove", &format!("#{id} {title}"))?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::temp_store;
    use chrono::FixedOffset;

    fn shanghai(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
    }

    fn utc(t: DateTime<FixedOffset>) -> DateTime<Utc> {
        t.with_timezone(&Utc)
    }

    fn notice(title: &str, schedule: Schedule) -> NewNotice {
        NewNotice {
            title: title.into(),
            body: "正文".into(),
            category: Category::Service,
            schedule,
            pinned: false,
            priority: 0,
            poster: None,
        }
    }

    #[test]
    fn dates_are_start_inclusive_end_exclusive() {
        let s = Schedule {
            starts_at: utc(shanghai(2026, 12, 1, 0, 0)),
            ends_at: Some(utc(shanghai(2026, 12, 8, 0, 0))),
            weekdays: Weekdays::EVERY_DAY,
            window: None,
        };
        assert_eq!(
            s.state(&shanghai(2026, 11, 30, 23, 59)),
            NoticeState::Scheduled
        );
        assert_eq!(s.state(&shanghai(2026, 12, 1, 0, 0)), NoticeState::InForce);
        assert_eq!(
            s.state(&shanghai(2026, 12, 7, 23, 59)),
            NoticeState::InForce
        );
        assert_eq!(s.state(&shanghai(2026, 12, 8, 0, 0)), NoticeState::Expired);
    }

    #[test]
    fn weekdays_and_day_window() {
        let s = Schedule {
            starts_at: utc(shanghai(2026, 1, 1, 0, 0)),
            ends_at: None,
            weekdays: Weekdays::parse("1-5").unwrap(),
            window: Some(TimeWindow::parse("08:00-20:00").unwrap()),
        };
        // 2026-11-27 is a Friday, 11-28 a Saturday.
        assert!(!s.is_in_force(&shanghai(2026, 11, 27, 7, 59)));
        assert!(s.is_in_force(&shanghai(2026, 11, 27, 8, 0)));
        assert!(s.is_in_force(&shanghai(2026, 11, 27, 19, 59)));
        assert_eq!(
            s.state(&shanghai(2026, 11, 27, 20, 0)),
            NoticeState::OffHours
        );
        assert!(!s.is_in_force(&shanghai(2026, 11, 28, 12, 0)));
    }

    #[test]
    fn overnight_window_belongs_to_the_day_it_starts() {
        let s = Schedule {
            starts_at: utc(shanghai(2026, 1, 1, 0, 0)),
            ends_at: None,
            weekdays: Weekdays::parse("1-5").unwrap(),
            window: Some(TimeWindow::parse("22:00-06:00").unwrap()),
        };
        // Friday night runs into Saturday morning.
        assert!(s.is_in_force(&shanghai(2026, 11, 27, 22, 0)));
        assert!(s.is_in_force(&shanghai(2026, 11, 28, 5, 59)));
        assert!(!s.is_in_force(&shanghai(2026, 11, 28, 6, 0)));
        // Saturday night is off, and so is early Monday (Sunday's night).
        assert!(!s.is_in_force(&shanghai(2026, 11, 28, 23, 0)));
        assert!(!s.is_in_force(&shanghai(2026, 11, 30, 2, 0)));
        // Monday night is on.
        assert!(s.is_in_force(&shanghai(2026, 11, 30, 23, 30)));
        assert!(!s.is_in_force(&shanghai(2026, 11, 30, 21, 59)));
    }

    #[test]
    fn parses_weekdays_and_hours() {
        assert_eq!(Weekdays::parse("6,7").unwrap().describe_zh(), "周六、周日");
        assert_eq!(Weekdays::parse("1-5").unwrap().describe_zh(), "周一至周五");
        assert_eq!(Weekdays::parse("1-3,5").unwrap().to_spec(), "1,2,3,5");
        assert!(Weekdays::parse("0-5").is_err());
        assert!(Weekdays::parse("5-1").is_err());
        assert!(Weekdays::parse("周一").is_err());
        assert_eq!(
            TimeWindow::parse("08:00-24:00").unwrap(),
            TimeWindow {
                from: 480,
                until: 1440
            }
        );
        assert!(TimeWindow::parse("08:00-08:00").is_err());
        assert!(TimeWindow::parse("25:00-08:00").is_err());
        assert!(TimeWindow::parse("8点-9点").is_err());
        assert!(TimeWindow::parse("22:00-06:00").unwrap().overnight());
    }

    #[test]
    fn describes_validity_in_chinese() {
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let s = Schedule {
            starts_at: utc(shanghai(2026, 12, 1, 0, 0)),
            ends_at: Some(utc(shanghai(2027, 3, 1, 0, 0))),
            weekdays: Weekdays::parse("1-5").unwrap(),
            window: Some(TimeWindow::parse("08:00-20:00").unwrap()),
        };
        assert_eq!(
            s.describe_zh(&tz),
            "2026年12月1日 至 2027年2月28日 · 周一至周五 · 08:00–20:00"
        );
        let open = Schedule::always_from(utc(shanghai(2026, 5, 1, 9, 30)));
        assert_eq!(open.describe_zh(&tz), "2026年5月1日 09:30 起长期有效");
    }

    #[test]
    fn in_force_order_is_pinned_then_priority_then_newest() {
        let (_dir, mut store) = temp_store();
        let base = utc(shanghai(2026, 11, 1, 0, 0));
        let mk = |t: &str, days: i64, pinned: bool, priority: i64| NewNotice {
            pinned,
            priority,
            ..notice(t, Schedule::always_from(base + Duration::days(days)))
        };
        store
            .add_notices(
                &[
                    mk("旧的", 0, false, 0),
                    mk("新的", 5, false, 0),
                    mk("重要", 1, false, 5),
                    mk("置顶", 0, true, 0),
                ],
                "test",
            )
            .unwrap();
        let titles: Vec<String> = store
            .notices_in_force(&shanghai(2026, 11, 29, 12, 0))
            .unwrap()
            .into_iter()
            .map(|n| n.title)
            .collect();
        assert_eq!(titles, ["置顶", "重要", "新的", "旧的"]);
    }

    #[test]
    fn import_is_all_or_nothing() {
        let (_dir, mut store) = temp_store();
        let start = utc(shanghai(2026, 11, 1, 0, 0));
        let good = notice("好", Schedule::always_from(start));
        let bad = notice("", Schedule::always_from(start));
        let err = store.add_notices(&[good.clone(), bad], "test").unwrap_err();
        assert!(err.to_string().contains("第 2 条"), "{err}");
        assert!(store.notices().unwrap().is_empty());
        store.add_notices(&[good], "test").unwrap();
        assert_eq!(store.notices().unwrap().len(), 1);
    }

    #[test]
    fn end_before_start_is_refused_by_store_and_schema() {
        let (_dir, mut store) = temp_store();
        let start = utc(shanghai(2026, 11, 2, 0, 0));
        let s = Schedule {
            ends_at: Some(start - Duration::days(1)),
            ..Schedule::always_from(start)
        };
        assert!(matches!(
            store.add_notice(&notice("x", s), "test"),
            Err(Error::Invalid(_))
        ));
        assert!(store.notices().unwrap().is_empty());
    }

    #[test]
    fn staff_changes_are_audited_and_unpublished_is_hidden() {
        let (_dir, mut store) = temp_store();
        let now = shanghai(2026, 11, 29, 12, 0);
        let id = store
            .add_notice(
                &notice(
                    "通知",
                    Schedule::always_from(utc(shanghai(2026, 11, 1, 0, 0))),
                ),
                "cli",
            )
            .unwrap();
        store.set_notice_published(id, false, "kiosk").unwrap();
        assert!(store.notices_in_force(&now).unwrap().is_empty());
        assert_eq!(
            store.notice(id).unwrap().state(&now),
            NoticeState::Unpublished
        );
        store.set_notice_pinned(id, true, "kiosk").unwrap();
        store.remove_notice(id, "kiosk").unwrap();
        assert!(matches!(
            store.remove_notice(id, "kiosk"),
            Err(Error::NotFound(_))
        ));
        let actions: Vec<String> = store
            .audit_log(10)
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(
            actions,
            [
                "notice.remove",
                "notice.pin",
                "notice.unpublish",
                "notice.add"
            ]
        );
    }

    #[test]
    fn posters_are_downscaled_png_and_garbage_is_refused() {
        let big = image::RgbaImage::from_pixel(3000, 1500, image::Rgba([200, 30, 30, 255]));
        let mut bytes = std::io::Cursor::new(Vec::new());
        big.write_to(&mut bytes, image::ImageFormat::Jpeg).ok();
        let mut png = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgba8(big)
            .to_rgb8()
            .write_to(&mut png, image::ImageFormat::Png)
            .unwrap();
        let out = prepare_poster(png.get_ref()).unwrap();
        let img = image::load_from_memory(&out).unwrap();
        assert_eq!((img.width(), img.height()), (1200, 600));
        assert!(prepare_poster(b"not an image").is_err());
    }
}
