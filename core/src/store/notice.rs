//! Notices (通知 / 公告): scheduled messages from staff (see `schedule.rs` for when
//! they show).

use super::schedule::{NoticeState, Schedule, TimeWindow, Weekdays};
use super::{Error, Record, Result, Store, audit, parse_ts, ts};
use chrono::{DateTime, TimeZone, Utc};
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
    pub fn validate(&self) -> Result<()> {
        let title = self.title.trim();
        // Blank once the invisible characters are gone is blank.
        if title.chars().all(|c| c.is_whitespace() || invisible(c)) {
            return Err(Error::Invalid("标题不能为空 (title is empty)".into()));
        }
        // A title is one line; a body may break lines. Neither may carry terminal escapes
        // or text-direction overrides (they garble the screen and `notice list`).
        if title
            .chars()
            .any(|c| c.is_control() || direction_override(c))
        {
            return Err(Error::Invalid(
                "标题里有不能显示的字符或换行 (title has control characters)".into(),
            ));
        }
        if self
            .body
            .chars()
            .any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || direction_override(c))
        {
            return Err(Error::Invalid(
                "正文里有不能显示的字符 (body has control characters)".into(),
            ));
        }
        crate::fonts::check_showable(title, "标题", "title")?;
        crate::fonts::check_showable(&self.body, "正文", "body")?;
        if title.chars().count() > TITLE_MAX_CHARS {
            return Err(Error::Invalid(format!(
                "标题太长，最多 {TITLE_MAX_CHARS} 个字 (title too long)"
            )));
        }
        if self.body.chars().count() > BODY_MAX_CHARS {
            return Err(Error::Invalid(format!(
                "正文太长，最多 {BODY_MAX_CHARS} 个字 (body too long)"
            )));
        }
        if !(-100..=100).contains(&self.priority) {
            return Err(Error::Invalid(
                "优先级应在 -100 到 100 之间 (priority out of range)".into(),
            ));
        }
        self.schedule.validate()
    }
}

/// Characters that show nothing: zero-width spaces and joiners, the byte-order mark.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Bidirectional overrides and isolates, which can make text read backwards.
fn direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Posters and photos: at most 40 megapixels.
pub const POSTER_MAX_PIXELS: u64 = 40_000_000;

/// Decodes any supported image (at most [`POSTER_MAX_PIXELS`], checked from the header
/// before decoding), downscales it to fit 1200×1200 and re-encodes it as PNG, so the
/// kiosk decodes small, known-good posters. Errors are user-facing.
pub fn prepare_poster(bytes: &[u8]) -> crate::store::Result<Vec<u8>> {
    const MAX: u32 = 1200;
    let not_image = |e: image::ImageError| {
        format!("海报不是可识别的图片（PNG、JPEG 或 WebP）(not an image: {e})")
    };
    let reader = || {
        image::ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| format!("海报读不出来 (cannot read image: {e})"))
    };
    // The size from the header first: a 20000×20000 picture is refused before it is
    // decoded into 1.6 GB.
    let (width, height) = reader()?.into_dimensions().map_err(not_image)?;
    if u64::from(width) * u64::from(height) > POSTER_MAX_PIXELS {
        return Err(
            format!("图片太大（{width}×{height}），最多 4000 万像素 (image too large)").into(),
        );
    }
    let mut decoder = reader()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(POSTER_MAX_PIXELS * 4 + 64 * 1024 * 1024);
    decoder.limits(limits);
    let img = decoder.decode().map_err(not_image)?;
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
    notice.validate()?;
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
        let tx = self.write()?;
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
        notice.validate()?;
        let tx = self.write()?;
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
            return Err(Error::not_found(Record::Notice, format!("#{id}")));
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
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM notice WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found(Record::Notice, format!("#{id}")))
    }

    /// Every notice, in display order (staff view, `notice list --all`).
    pub fn notices(&self) -> Result<Vec<Notice>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM notice"))?;
        let mut all = super::time::decoded(stmt.query_map([], from_row)?, "notices")?;
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
            .conn()
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
        let tx = self.write()?;
        // `column` is one of two fixed names, never user input.
        let changed = tx.execute(
            &format!("UPDATE notice SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
            params![id, on, ts(Utc::now())],
        )?;
        if changed == 0 {
            return Err(Error::not_found(Record::Notice, format!("#{id}")));
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
        let tx = self.write()?;
        let title: Option<String> = tx
            .query_row("SELECT title FROM notice WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let Some(title) = title else {
            return Err(Error::not_found(Record::Notice, format!("#{id}")));
        };
        tx.execute("DELETE FROM notice WHERE id = ?1", [id])?;
        audit::log(&tx, actor, "notice.remove", &format!("#{id} {title}"))?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "notice_tests.rs"]
mod tests;
