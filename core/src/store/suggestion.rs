//! Suggestions (意见建议): what workers tell the station, anonymous by default with an
//! optional phone (same rules and erasure as wishes). Staff read, reply, and choose
//! which replies to publish on the board's 你说我办 tab.

use super::number::{normal_number, unused_number};
use super::text::clean_text;
use super::{Error, Record, Result, Store, audit, parse_ts, ts, validate_phone};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// The longest suggestion, in characters.
pub const SUGGESTION_MAX_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// 设施
    Facility,
    /// 服务
    Service,
    /// 安全
    Safety,
    /// 其他
    Other,
}

impl SuggestionKind {
    pub const ALL: [SuggestionKind; 4] = [
        SuggestionKind::Facility,
        SuggestionKind::Service,
        SuggestionKind::Safety,
        SuggestionKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SuggestionKind::Facility => "facility",
            SuggestionKind::Service => "service",
            SuggestionKind::Safety => "safety",
            SuggestionKind::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            SuggestionKind::Facility => "设施",
            SuggestionKind::Service => "服务",
            SuggestionKind::Safety => "安全",
            SuggestionKind::Other => "其他",
        }
    }

    pub fn parse(text: &str) -> Option<SuggestionKind> {
        let t = text.trim();
        SuggestionKind::ALL
            .into_iter()
            .find(|k| k.key().eq_ignore_ascii_case(t) || k.zh() == t)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewSuggestion {
    pub kind: SuggestionKind,
    pub text: String,
    /// Optional; validated like a wish's phone.
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub id: i64,
    pub kind: SuggestionKind,
    pub text: String,
    /// `None`: anonymous, or erased.
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub reply: Option<String>,
    pub replied_at: Option<DateTime<Utc>>,
    /// Shown with its reply on the board's 你说我办 tab.
    pub published: bool,
    /// What the worker was given to ask after it (`None` on suggestions from before).
    pub number: Option<String>,
}

const COLUMNS: &str = "id, kind, text, phone, created_at, reply, replied_at, published, number";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Suggestion> {
    let kind: String = row.get(1)?;
    Ok(Suggestion {
        id: row.get(0)?,
        kind: SuggestionKind::parse(&kind).unwrap_or(SuggestionKind::Other),
        text: row.get(2)?,
        phone: row.get(3)?,
        created_at: parse_ts(&row.get::<_, String>(4)?)?,
        reply: row.get(5)?,
        replied_at: row
            .get::<_, Option<String>>(6)?
            .as_deref()
            .map(parse_ts)
            .transpose()?,
        published: row.get(7)?,
        number: row.get(8)?,
    })
}

fn suggestion_in(conn: &Connection, id: i64) -> Result<Suggestion> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM suggestion WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(Record::Suggestion, format!("#{id}")))
}

fn query(conn: &Connection, sql_tail: &str) -> Result<Vec<Suggestion>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM suggestion {sql_tail}"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(super::time::decoded(rows, "suggestions")?)
}

fn clean_phone(phone: Option<&str>) -> Result<Option<String>> {
    match phone {
        Some(p) if !p.trim().is_empty() => validate_phone(p).map(Some),
        _ => Ok(None),
    }
}

/// Writes a suggestion as it is (reply, published and all): for the demo data.
pub(super) fn insert_as_is(tx: &Connection, s: &Suggestion) -> Result<i64> {
    let text = clean_text(&s.text, SUGGESTION_MAX_CHARS, "建议", "suggestion", true)?;
    let reply = s
        .reply
        .as_deref()
        .map(|r| clean_text(r, SUGGESTION_MAX_CHARS, "回复", "reply", true))
        .transpose()?;
    tx.execute(
        "INSERT INTO suggestion (kind, text, phone, created_at, reply, replied_at, published,
             number)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            s.kind.key(),
            text,
            clean_phone(s.phone.as_deref())?,
            ts(s.created_at),
            reply,
            s.replied_at.map(ts),
            s.published,
            match &s.number {
                Some(n) => normal_number(n),
                None => unused_number(tx)?,
            }
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    // CONTRACT (the UI is written against these).

    /// Validates (text 1–200 characters after trimming, phone if given); audited.
    pub fn add_suggestion(
        &mut self,
        suggestion: &NewSuggestion,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<Suggestion> {
        let text = clean_text(
            &suggestion.text,
            SUGGESTION_MAX_CHARS,
            "建议",
            "suggestion",
            true,
        )?;
        let phone = clean_phone(suggestion.phone.as_deref())?;
        let tx = self.write()?;
        let number = unused_number(&tx)?;
        tx.execute(
            "INSERT INTO suggestion (kind, text, phone, created_at, number)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![suggestion.kind.key(), text, phone, ts(now), number],
        )?;
        let id = tx.last_insert_rowid();
        audit::log(
            &tx,
            actor,
            "suggestion.add",
            &format!(
                "#{id} {}{}",
                suggestion.kind.key(),
                if phone.is_some() {
                    " 留了手机号"
                } else {
                    ""
                }
            ),
        )?;
        let added = suggestion_in(&tx, id)?;
        tx.commit()?;
        Ok(added)
    }

    /// Every suggestion, newest first.
    pub fn suggestions(&self) -> Result<Vec<Suggestion>> {
        query(self.conn(), "ORDER BY created_at DESC, id DESC")
    }

    /// Published ones with their replies, newest reply first.
    pub fn published_suggestions(&self) -> Result<Vec<Suggestion>> {
        query(
            self.conn(),
            "WHERE published = 1 AND reply IS NOT NULL ORDER BY replied_at DESC, id DESC",
        )
    }

    /// How many have no reply yet (the staff menu's badge).
    pub fn unanswered_suggestions(&self) -> Result<usize> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM suggestion WHERE reply IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// Sets (or replaces) the station's reply; audited.
    pub fn reply_suggestion(
        &mut self,
        id: i64,
        reply: &str,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        let reply = clean_text(reply, SUGGESTION_MAX_CHARS, "回复", "reply", true)?;
        let tx = self.write()?;
        let before = suggestion_in(&tx, id)?;
        tx.execute(
            "UPDATE suggestion SET reply = ?2, replied_at = ?3 WHERE id = ?1",
            params![id, reply, ts(now)],
        )?;
        let mut detail = format!("#{id} {reply}");
        if let Some(old) = before.reply.filter(|old| *old != reply) {
            detail.push_str(&format!("（原回复：{old}）"));
        }
        audit::log(&tx, actor, "suggestion.reply", &detail)?;
        tx.commit()?;
        Ok(())
    }

    /// Publishes or withdraws from the board; publishing needs a reply. Sets the value
    /// given (not a flip); audited.
    pub fn set_suggestion_published(
        &mut self,
        id: i64,
        published: bool,
        actor: &str,
    ) -> Result<()> {
        let tx = self.write()?;
        let before = suggestion_in(&tx, id)?;
        if published && before.reply.is_none() {
            return Err(Error::Invalid(
                "这条建议还没有回复，先回复才能发布 (reply before publishing)".into(),
            ));
        }
        tx.execute(
            "UPDATE suggestion SET published = ?2 WHERE id = ?1",
            params![id, published],
        )?;
        let action = if published {
            "suggestion.publish"
        } else {
            "suggestion.unpublish"
        };
        audit::log(&tx, actor, action, &format!("#{id}"))?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "suggestion_tests.rs"]
mod tests;
