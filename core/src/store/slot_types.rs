//! What a charging slot is: its connector, its state at a moment (free, charging,
//! overdue, full, locked, faulty), its open session, how a session ended, and the
//! fields staff change.

pub use super::deadline::Deadline;
use super::slot_feed::FeedState;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Connector {
    #[serde(rename = "usb-c")]
    UsbC,
    #[serde(rename = "lightning")]
    Lightning,
    #[serde(rename = "micro-usb")]
    MicroUsb,
    #[serde(rename = "wireless")]
    Wireless,
    #[serde(rename = "battery")]
    Battery,
}

impl Connector {
    pub const ALL: [Connector; 5] = [
        Connector::UsbC,
        Connector::Lightning,
        Connector::MicroUsb,
        Connector::Wireless,
        Connector::Battery,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Connector::UsbC => "usb-c",
            Connector::Lightning => "lightning",
            Connector::MicroUsb => "micro-usb",
            Connector::Wireless => "wireless",
            Connector::Battery => "battery",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Connector::UsbC => "USB-C",
            Connector::Lightning => "苹果 Lightning",
            Connector::MicroUsb => "安卓 Micro-USB",
            Connector::Wireless => "无线充电",
            Connector::Battery => "电瓶",
        }
    }

    /// Accepts the key, the display name, or a few everyday words.
    pub fn parse(text: &str) -> Option<Connector> {
        let t = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        let found = Connector::ALL
            .into_iter()
            .find(|c| c.key() == t || c.zh().to_ascii_lowercase() == t);
        found.or(match t.as_str() {
            "usbc" | "type-c" | "typec" => Some(Connector::UsbC),
            "苹果" | "iphone" => Some(Connector::Lightning),
            "microusb" | "安卓" => Some(Connector::MicroUsb),
            "无线" => Some(Connector::Wireless),
            "电池" | "电动车电池" | "电瓶" => Some(Connector::Battery),
            _ => None,
        })
    }
}

/// A session still open on a slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenSession {
    pub id: i64,
    pub started_at: DateTime<Utc>,
    /// The release code; `None` for a session the feed started.
    pub code: Option<String>,
    /// Started by `slot simulate`'s pretend cabinet, not by a phone or a person.
    pub simulated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub id: i64,
    pub label: String,
    pub connector: Connector,
    pub note: String,
    pub fed: bool,
    /// Staff marked it faulty, with this note.
    pub fault: Option<String>,
    pub wrong_codes: u32,
    /// Staff locked it (older stores: five wrong codes did). Only staff open it.
    pub locked: bool,
    /// After too many wrong codes, the next try waits until then (timed on the boot
    /// clock: see [`Deadline`]).
    pub code_wait: Option<Deadline>,
    pub feed: Option<(FeedState, String, DateTime<Utc>)>,
    pub session: Option<OpenSession>,
    /// A time stored for it could not be read (see `slot_from_row`): its card says
    /// 时间有误 and staff are told.
    pub time_damaged: bool,
}

/// What a person sees on a slot's card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotState {
    Free,
    Charging {
        since: DateTime<Utc>,
    },
    /// A feed says the battery is full.
    Full {
        since: DateTime<Utc>,
    },
    /// Past the time limit: 超时请取走.
    Overtime {
        since: DateTime<Utc>,
    },
    Fault {
        note: String,
    },
    /// Five wrong codes: only staff can open it.
    Locked,
}

impl SlotState {
    pub fn is_free(&self) -> bool {
        *self == SlotState::Free
    }

    pub fn zh(&self) -> &'static str {
        match self {
            SlotState::Free => "空闲",
            SlotState::Charging { .. } => "充电中",
            SlotState::Full { .. } => "已充满",
            SlotState::Overtime { .. } => "超时请取走",
            SlotState::Fault { .. } => "故障",
            SlotState::Locked => "已锁定",
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            SlotState::Free => "free",
            SlotState::Charging { .. } => "charging",
            SlotState::Full { .. } => "full",
            SlotState::Overtime { .. } => "overtime",
            SlotState::Fault { .. } => "fault",
            SlotState::Locked => "locked",
        }
    }

    pub fn since(&self) -> Option<DateTime<Utc>> {
        match self {
            SlotState::Charging { since }
            | SlotState::Full { since }
            | SlotState::Overtime { since } => Some(*since),
            _ => None,
        }
    }
}

impl Slot {
    /// The state at `now`, with sessions over `limit` shown as overtime. Faults come
    /// first; for fed slots the feed's word wins over manual claims.
    pub fn state(&self, now: DateTime<Utc>, limit: Duration) -> SlotState {
        if let Some(note) = &self.fault {
            return SlotState::Fault { note: note.clone() };
        }
        if self.fed
            && let Some((FeedState::Fault, note, _)) = &self.feed
        {
            return SlotState::Fault { note: note.clone() };
        }
        if self.locked {
            return SlotState::Locked;
        }
        match &self.session {
            None => SlotState::Free,
            Some(s) if self.fed && matches!(self.feed, Some((FeedState::Full, _, _))) => {
                SlotState::Full {
                    since: s.started_at,
                }
            }
            Some(s) if now - s.started_at >= limit => SlotState::Overtime {
                since: s.started_at,
            },
            Some(s) => SlotState::Charging {
                since: s.started_at,
            },
        }
    }
}

/// The result of entering a release code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Release {
    Released,
    WrongCode {
        attempts_left: u32,
    },
    /// Too many wrong codes: the next try waits until then (the code is not checked).
    Wait {
        until: Deadline,
    },
    Locked,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndedBy {
    Released,
    ForceReleased,
    Feed,
    Expired,
}

impl EndedBy {
    pub(super) fn key(self) -> &'static str {
        match self {
            EndedBy::Released => "released",
            EndedBy::ForceReleased => "force_released",
            EndedBy::Feed => "feed",
            EndedBy::Expired => "expired",
        }
    }

    pub(super) fn parse(text: &str) -> EndedBy {
        match text {
            "released" => EndedBy::Released,
            "feed" => EndedBy::Feed,
            "expired" => EndedBy::Expired,
            _ => EndedBy::ForceReleased,
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            EndedBy::Released => "凭码取走",
            EndedBy::ForceReleased => "工作人员释放",
            EndedBy::Feed => "设备上报",
            EndedBy::Expired => "超时清理",
        }
    }
}

/// New or changed slot fields.
#[derive(Debug, Clone, Default)]
pub struct SlotChange {
    pub label: Option<String>,
    pub connector: Option<Connector>,
    pub note: Option<String>,
    pub fed: Option<bool>,
}
