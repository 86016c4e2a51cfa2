//! Micro-wishes (微心愿) and their lifecycle, kept honest in the store:
//! 待审核 → 待认领 → 已认领 → 已实现 → 已归档 (30 days after fulfilment), plus 已拒绝 and
//! 已撤回. An illegal transition is refused here, not just hidden in the UI. Every
//! change is audited. Phone numbers are for staff only: masked (138****5678), shown in
//! full on a deliberate, audited request, and erased 90 days after a wish closes.

use super::{Error, Result, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Days after fulfilment before a wish is archived (leaves the public board).
pub const ARCHIVE_AFTER_DAYS: i64 = 30;
/// Days after a wish closes (archived, declined, withdrawn) before its phone numbers go.
pub const ERASE_PHONES_AFTER_DAYS: i64 = 90;
/// The longest wish, in characters.
pub const WISH_MAX_CHARS: usize = 100;
/// Reasons staff pick from when declining (no typing needed).
pub const DECLINE_REASONS: [&str; 4] = ["重复", "不属于微心愿范围", "含个人信息", "其他"];

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
    /// Four characters, e.g. `W7K3`: what the worker asks about later.
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
}

impl Wish {
    /// How the board names the worker: `外卖骑手 王师傅` (never a number or full name).
    pub fn person_zh(&self) -> String {
        let surname: String = self.surname.chars().take(1).collect();
        format!("{} {surname}师傅", self.occupation.zh())
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

impl Store {
    // CONTRACT (the UI is written against these; bodies to be implemented).

    /// Records a new wish (待审核) with a fresh, unique wish number; validates the text
    /// (1–100 characters after trimming), surname (1–4 characters) and phone; audited.
    pub fn add_wish(&mut self, wish: &NewWish, now: DateTime<Utc>, actor: &str) -> Result<Wish> {
        todo!("{wish:?} {now} {actor}")
    }

    pub fn wish(&self, id: i64) -> Result<Wish> {
        todo!("{id}")
    }

    /// By wish number, case-insensitive (`w7k3` finds `W7K3`).
    pub fn wish_by_number(&self, number: &str) -> Result<Wish> {
        todo!("{number}")
    }

    /// Newest first.
    pub fn wishes(&self, filter: &WishFilter) -> Result<Vec<Wish>> {
        todo!("{filter:?}")
    }

    /// What the public board shows: 待认领, 已认领 and 已实现 (not archived); 待认领
    /// first, then 已认领, then 已实现, each newest first.
    pub fn public_wishes(&self) -> Result<Vec<Wish>> {
        todo!()
    }

    /// What waits for staff: wishes 待审核, and 已认领 ones (to be fulfilled).
    pub fn wishes_for_staff(&self) -> Result<(usize, usize)> {
        todo!()
    }

    /// Wishes fulfilled in the local calendar year of `now` (archived ones count too).
    pub fn wishes_fulfilled_this_year(&self, now: DateTime<Utc>) -> Result<usize> {
        todo!("{now}")
    }

    /// 待审核 → 待认领. With `text`, staff shortened or corrected the wish first; the
    /// original text is kept in the audit log.
    pub fn approve_wish(
        &mut self,
        id: i64,
        text: Option<&str>,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        todo!("{id} {text:?} {now} {actor}")
    }

    /// 待审核 → 已拒绝, with a reason (one of [`DECLINE_REASONS`] or staff's words).
    pub fn decline_wish(
        &mut self,
        id: i64,
        reason: &str,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        todo!("{id} {reason} {now} {actor}")
    }

    /// 待认领 → 已认领 by a donor (`None`: anonymous) with a validated phone.
    pub fn claim_wish(
        &mut self,
        id: i64,
        donor: Option<&str>,
        phone: &str,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        todo!("{id} {donor:?} {phone} {now} {actor}")
    }

    /// 已认领 → 待认领 (the donor dropped out): the donor and their phone are cleared.
    pub fn unclaim_wish(&mut self, id: i64, now: DateTime<Utc>, actor: &str) -> Result<()> {
        todo!("{id} {now} {actor}")
    }

    /// 已认领 → 已实现, with the worker's optional thank-you line and an optional photo
    /// of the handover (checked and downscaled like a notice poster).
    pub fn fulfil_wish(
        &mut self,
        id: i64,
        thanks: Option<&str>,
        photo: Option<&[u8]>,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        todo!("{id} {thanks:?} {} {now} {actor}", photo.is_some())
    }

    /// The worker withdraws a wish with its number and the last 4 digits of the phone
    /// (待审核, 待认领 or 已认领 → 已撤回); a wrong pair is refused without saying which
    /// part was wrong. Returns the wish.
    pub fn withdraw_wish(
        &mut self,
        number: &str,
        phone_tail: &str,
        now: DateTime<Utc>,
    ) -> Result<Wish> {
        todo!("{number} {phone_tail} {now}")
    }

    /// Staff withdraw a wish on the worker's behalf (by phone); audited.
    pub fn withdraw_wish_by_staff(
        &mut self,
        id: i64,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        todo!("{id} {now} {actor}")
    }

    /// The whole phone number, for staff who tapped to see it; audited.
    pub fn reveal_wish_phone(&self, id: i64, which: PhoneOf, actor: &str) -> Result<String> {
        todo!("{id} {which:?} {actor}")
    }

    /// The daily task (also run at start): archive wishes fulfilled more than 30 days
    /// ago, and erase phone numbers of wishes closed more than 90 days ago (the wish
    /// and its counts stay). Returns (archived, erased); audited when non-zero.
    pub fn wish_housekeeping(&mut self, now: DateTime<Utc>) -> Result<(usize, usize)> {
        todo!("{now}")
    }
}
