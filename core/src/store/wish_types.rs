//! The words of a wish: its kind, the worker's occupation, its state and which
//! transitions are legal, the wish as read and as written, and phone numbers (checked,
//! masked). Re-exported by `store::wish`.

use crate::store::{Error, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WishKind {
    /// 生活用品
    Daily,
    /// 工作装备
    Work,
    /// 子女教育
    Education,
    /// 健康医疗
    Health,
    /// 家庭困难
    Hardship,
    /// 其他
    Other,
}

impl WishKind {
    pub const ALL: [WishKind; 6] = [
        WishKind::Daily,
        WishKind::Work,
        WishKind::Education,
        WishKind::Health,
        WishKind::Hardship,
        WishKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            WishKind::Daily => "daily",
            WishKind::Work => "work",
            WishKind::Education => "education",
            WishKind::Health => "health",
            WishKind::Hardship => "hardship",
            WishKind::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            WishKind::Daily => "生活用品",
            WishKind::Work => "工作装备",
            WishKind::Education => "子女教育",
            WishKind::Health => "健康医疗",
            WishKind::Hardship => "家庭困难",
            WishKind::Other => "其他",
        }
    }

    /// The key or the Chinese name.
    pub fn parse(text: &str) -> Option<WishKind> {
        let t = text.trim();
        WishKind::ALL
            .into_iter()
            .find(|k| k.key().eq_ignore_ascii_case(t) || k.zh() == t)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Occupation {
    /// 快递员
    Courier,
    /// 外卖骑手
    Rider,
    /// 环卫工人
    Sanitation,
    /// 网约车司机
    Driver,
    /// 其他
    Other,
}

impl Occupation {
    pub const ALL: [Occupation; 5] = [
        Occupation::Courier,
        Occupation::Rider,
        Occupation::Sanitation,
        Occupation::Driver,
        Occupation::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Occupation::Courier => "courier",
            Occupation::Rider => "rider",
            Occupation::Sanitation => "sanitation",
            Occupation::Driver => "driver",
            Occupation::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Occupation::Courier => "快递员",
            Occupation::Rider => "外卖骑手",
            Occupation::Sanitation => "环卫工人",
            Occupation::Driver => "网约车司机",
            Occupation::Other => "其他",
        }
    }

    /// How the board names the work: 其他 reads as 户外职工 (`户外职工 赵师傅`).
    pub fn as_person_zh(self) -> &'static str {
        match self {
            Occupation::Other => "户外职工",
            o => o.zh(),
        }
    }

    /// The key or the Chinese name.
    pub fn parse(text: &str) -> Option<Occupation> {
        let t = text.trim();
        Occupation::ALL
            .into_iter()
            .find(|o| o.key().eq_ignore_ascii_case(t) || o.zh() == t)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WishState {
    /// 待审核: new, waiting for staff; not public.
    Pending,
    /// 待认领: approved, public, waiting for a donor.
    Open,
    /// 已认领: a donor has said they will fulfil it.
    Claimed,
    /// 已实现
    Fulfilled,
    /// 已归档: fulfilled more than 30 days ago; off the board.
    Archived,
    /// 已拒绝 by staff, with a reason.
    Declined,
    /// 已撤回 by the worker.
    Withdrawn,
}

impl WishState {
    pub const ALL: [WishState; 7] = [
        WishState::Pending,
        WishState::Open,
        WishState::Claimed,
        WishState::Fulfilled,
        WishState::Archived,
        WishState::Declined,
        WishState::Withdrawn,
    ];

    pub fn key(self) -> &'static str {
        match self {
            WishState::Pending => "pending",
            WishState::Open => "open",
            WishState::Claimed => "claimed",
            WishState::Fulfilled => "fulfilled",
            WishState::Archived => "archived",
            WishState::Declined => "declined",
            WishState::Withdrawn => "withdrawn",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            WishState::Pending => "待审核",
            WishState::Open => "待认领",
            WishState::Claimed => "已认领",
            WishState::Fulfilled => "已实现",
            WishState::Archived => "已归档",
            WishState::Declined => "已拒绝",
            WishState::Withdrawn => "已撤回",
        }
    }

    /// The key or the Chinese name.
    pub fn parse(text: &str) -> Option<WishState> {
        let t = text.trim();
        WishState::ALL
            .into_iter()
            .find(|s| s.key().eq_ignore_ascii_case(t) || s.zh() == t)
    }

    /// Whether the public board shows a wish in this state.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            WishState::Open | WishState::Claimed | WishState::Fulfilled
        )
    }

    /// Whether the state may change to `to` (the store refuses anything else).
    pub fn can_become(self, to: WishState) -> bool {
        use WishState::*;
        matches!(
            (self, to),
            (Pending, Open)
                | (Pending, Declined)
                | (Pending | Open | Claimed, Withdrawn)
                | (Open, Claimed)
                | (Claimed, Open)
                | (Claimed, Fulfilled)
                | (Fulfilled, Archived)
        )
    }
}

/// A wish as a worker leaves it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewWish {
    pub kind: WishKind,
    pub text: String,
    pub surname: String,
    pub occupation: Occupation,
    /// 11 digits; see [`validate_phone`].
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Wish {
    pub id: i64,
    /// Six digits, e.g. `382914` (older wishes: four letters, `W7K3`): what the worker
    /// asks about later.
    pub number: String,
    pub kind: WishKind,
    pub text: String,
    pub surname: String,
    pub occupation: Occupation,
    /// `None` once erased.
    pub phone: Option<String>,
    pub state: WishState,
    pub created_at: DateTime<Utc>,
    pub approved_at: Option<DateTime<Utc>>,
    pub claimed_at: Option<DateTime<Utc>>,
    pub fulfilled_at: Option<DateTime<Utc>>,
    /// When it was archived, declined or withdrawn.
    pub closed_at: Option<DateTime<Utc>>,
    pub decline_reason: Option<String>,
    /// The donor as given; `None` when anonymous (shown as 爱心人士).
    pub donor: Option<String>,
    /// `None` once erased.
    pub donor_phone: Option<String>,
    /// The worker's thank-you line, shown with 已实现.
    pub thanks: Option<String>,
    pub has_photo: bool,
    /// Whether the public board may show the text (health wishes: only when the worker
    /// agreed); staff always see it.
    pub text_public: bool,
}

impl Wish {
    /// How the board names the worker: `外卖骑手 王师傅` (never a number or full name).
    pub fn person_zh(&self) -> String {
        let surname: String = self.surname.chars().take(1).collect();
        format!("{} {surname}师傅", self.occupation.as_person_zh())
    }

    /// How the board names the donor: as given, or 爱心人士.
    pub fn donor_zh(&self) -> &str {
        self.donor.as_deref().unwrap_or("爱心人士")
    }
}

/// Which phone number of a wish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneOf {
    Worker,
    Donor,
}

/// Filter for [`Store::wishes`]: empty `states` means every state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WishFilter {
    pub states: Vec<WishState>,
    pub kind: Option<WishKind>,
}

/// A mainland mobile number: 11 digits, starting with 1, second digit 3–9. Spaces and
/// dashes are ignored. The error says what is wrong, in Chinese (with an English gloss).
pub fn validate_phone(text: &str) -> Result<String> {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let ok = digits.len() == 11
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits.starts_with('1')
        && matches!(digits.as_bytes()[1], b'3'..=b'9');
    if ok {
        Ok(digits)
    } else {
        Err(Error::Invalid(
            "手机号应为 11 位数字，以 1 开头，第二位是 3–9 (not a mobile number)".into(),
        ))
    }
}

/// `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    if phone.len() == 11 && phone.is_ascii() {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        "****".to_string()
    }
}
