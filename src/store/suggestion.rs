//! Suggestions (意见建议): what workers tell the station, anonymous by default with an
//! optional phone (same rules and erasure as wishes). Staff read, reply, and choose
//! which replies to publish on the board's 你说我办 tab.

use super::{Result, Store};
use chrono::{DateTime, Utc};
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
}

impl Store {
    // CONTRACT (the UI is written against these; bodies to be implemented).

    /// Validates (text 1–200 characters after trimming, phone if given); audited.
    pub fn add_suggestion(
        &mut self,
        suggestion: &NewSuggestion,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<Suggestion> {
        todo!("{suggestion:?} {now} {actor}")
    }

    /// Every suggestion, newest first.
    pub fn suggestions(&self) -> Result<Vec<Suggestion>> {
        todo!()
    }

    /// Published ones with their replies, newest reply first.
    pub fn published_suggestions(&self) -> Result<Vec<Suggestion>> {
        todo!()
    }

    /// How many have no reply yet (the staff menu's badge).
    pub fn unanswered_suggestions(&self) -> Result<usize> {
        todo!()
    }

    /// Sets (or replaces) the station's reply; audited.
    pub fn reply_suggestion(
        &mut self,
        id: i64,
        reply: &str,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        todo!("{id} {reply} {now} {actor}")
    }

    /// Publishes or withdraws from the board; publishing needs a reply. Sets the value
    /// given (not a flip); audited.
    pub fn set_suggestion_published(
        &mut self,
        id: i64,
        published: bool,
        actor: &str,
    ) -> Result<()> {
        todo!("{id} {published} {actor}")
    }
}
