//! Micro-wishes (微心愿) and their lifecycle, kept honest in the store:
//! 待审核 → 待认领 → 已认领 → 已实现 → 已归档 (30 days after fulfilment), plus 已拒绝 and
//! 已撤回. An illegal transition is refused here, not just hidden in the UI. Every
//! change is audited. Phone numbers are for staff only: masked (138****5678), shown in
//! full on a deliberate, audited request, and erased 90 days after a wish closes.

use super::{Error, Record, Result, Store, audit, parse_ts, prepare_poster, ts};
use chrono::{DateTime, Datelike, Local, TimeZone, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// The longest wish, in characters.
pub const WISH_MAX_CHARS: usize = 100;
/// Reasons staff pick from when declining (no typing needed).
pub const DECLINE_REASONS: [&str; 4] = ["重复", "不属于微心愿范围", "含个人信息", "其他"];

#[path = "wish_types.rs"]
mod types;
pub use types::*;

#[path = "wish_privacy.rs"]
mod privacy;
#[path = "wish_withdraw.rs"]
mod withdraw;
pub use privacy::{ARCHIVE_AFTER_DAYS, ERASE_PHONES_AFTER_DAYS};
pub use withdraw::{SuggestionProgress, WishProgress};

/// The longest donor name, in characters.
const NAME_MAX_CHARS: usize = 30;
/// The longest decline reason in staff's own words, in characters.
const REASON_MAX_CHARS: usize = 50;
/// Who the audit log names for the worker at the public screen and the daily task.
const WORKER_ACTOR: &str = "kiosk";

fn clean_surname(text: &str) -> Result<String> {
    let t = text.trim();
    let n = t.chars().count();
    if n == 0
        || n > 4
        || t.chars().any(|c| {
            c.is_numeric() || c.is_whitespace() || c.is_control() || c.is_ascii_punctuation()
        })
    {
        return Err(Error::Invalid(
            "姓氏应为 1 到 4 个字，不含数字和符号 (surname must be 1-4 characters, no digits)"
                .into(),
        ));
    }
    // Letters only (a · for a name in two parts): no tag characters, emoji, line
    // separators or direction overrides, which would draw nothing or garble the board.
    if !t.chars().all(|c| c.is_alphabetic() || c == '·') {
        return Err(Error::Invalid(
            "姓氏里有不能显示的字符 (surname has control characters)".into(),
        ));
    }
    crate::fonts::check_showable(t, "姓氏", "surname")?;
    Ok(t.to_string())
}

use super::number::{normal_number, unused_number};
use super::text::{clean_optional, clean_text};

const COLUMNS: &str = "id, number, kind, text, surname, occupation, phone, state, created_at, \
     approved_at, claimed_at, fulfilled_at, closed_at, decline_reason, donor, donor_phone, \
     thanks, photo IS NOT NULL, text_public";

fn opt_ts(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    row.get::<_, Option<String>>(i)?
        .as_deref()
        .map(parse_ts)
        .transpose()
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Wish> {
    let kind: String = row.get(2)?;
    let occupation: String = row.get(5)?;
    let state: String = row.get(7)?;
    Ok(Wish {
        id: row.get(0)?,
        number: row.get(1)?,
        kind: WishKind::parse(&kind).unwrap_or(WishKind::Other),
        text: row.get(3)?,
        surname: row.get(4)?,
        occupation: Occupation::parse(&occupation).unwrap_or(Occupation::Other),
        phone: row.get(6)?,
        // The schema's CHECK allows only the seven keys.
        state: WishState::parse(&state).unwrap_or(WishState::Pending),
        created_at: parse_ts(&row.get::<_, String>(8)?)?,
        approved_at: opt_ts(row, 9)?,
        claimed_at: opt_ts(row, 10)?,
        fulfilled_at: opt_ts(row, 11)?,
        closed_at: opt_ts(row, 12)?,
        decline_reason: row.get(13)?,
        donor: row.get(14)?,
        donor_phone: row.get(15)?,
        thanks: row.get(16)?,
        has_photo: row.get(17)?,
        text_public: row.get(18)?,
    })
}

fn wish_in(conn: &Connection, id: i64) -> Result<Wish> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM wish WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(Record::Wish, format!("#{id}")))
}

fn query(conn: &Connection, sql_where: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<Wish>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM wish {sql_where}"))?;
    let rows = stmt.query_map(params, from_row)?;
    Ok(super::time::decoded(rows, "wishes")?)
}

/// The changes of state a person can ask for (archiving is the daily task's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Approve,
    Decline,
    Claim,
    Unclaim,
    Fulfil,
    Withdraw,
}

impl Op {
    fn to(self) -> WishState {
        match self {
            Op::Approve | Op::Unclaim => WishState::Open,
            Op::Decline => WishState::Declined,
            Op::Claim => WishState::Claimed,
            Op::Fulfil => WishState::Fulfilled,
            Op::Withdraw => WishState::Withdrawn,
        }
    }

    /// Two operations lead to 待认领: approving (from 待审核) and unclaiming (from
    /// 已认领); each only from its own state.
    fn allowed_from(self, from: WishState) -> bool {
        from.can_become(self.to())
            && match self {
                Op::Approve => from == WishState::Pending,
                Op::Unclaim => from == WishState::Claimed,
                _ => true,
            }
    }

    fn zh(self) -> &'static str {
        match self {
            Op::Approve => "通过审核",
            Op::Decline => "拒绝",
            Op::Claim => "认领",
            Op::Unclaim => "取消认领",
            Op::Fulfil => "标记为已实现",
            Op::Withdraw => "撤回",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Op::Approve => "approve",
            Op::Decline => "decline",
            Op::Claim => "claim",
            Op::Unclaim => "unclaim",
            Op::Fulfil => "fulfil",
            Op::Withdraw => "withdraw",
        }
    }

    fn action(self) -> &'static str {
        match self {
            Op::Approve => "wish.approve",
            Op::Decline => "wish.decline",
            Op::Claim => "wish.claim",
            Op::Unclaim => "wish.unclaim",
            Op::Fulfil => "wish.fulfil",
            Op::Withdraw => "wish.withdraw",
        }
    }
}

/// Reads the wish inside the write transaction and refuses `op` unless its state allows
/// it: 这个心愿现在是已认领，不能再认领 (wish is claimed, cannot claim).
fn check(tx: &Connection, id: i64, op: Op) -> Result<Wish> {
    let wish = wish_in(tx, id)?;
    if !op.allowed_from(wish.state) {
        let again = if wish.state == op.to() { "再" } else { "" };
        return Err(Error::Invalid(format!(
            "这个心愿现在是{}，不能{again}{} (wish is {}, cannot {})",
            wish.state.zh(),
            op.zh(),
            wish.state.key(),
            op.en()
        )));
    }
    Ok(wish)
}

/// Writes a wish as it is (state, times, donor and all) without the lifecycle checks:
/// for the demo data. The number is drawn fresh when `wish.number` is empty.
pub(super) fn insert_as_is(tx: &Connection, wish: &Wish) -> Result<i64> {
    let text = clean_text(&wish.text, WISH_MAX_CHARS, "心愿", "wish", false)?;
    let surname = clean_surname(&wish.surname)?;
    let phone = wish.phone.as_deref().map(validate_phone).transpose()?;
    let donor_phone = wish
        .donor_phone
        .as_deref()
        .map(validate_phone)
        .transpose()?;
    let number = if wish.number.is_empty() {
        unused_number(tx)?
    } else {
        normal_number(&wish.number)
    };
    tx.execute(
        "INSERT INTO wish (number, kind, text, surname, occupation, phone, state, created_at,
             approved_at, claimed_at, fulfilled_at, closed_at, decline_reason, donor,
             donor_phone, thanks, text_public)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            number,
            wish.kind.key(),
            text,
            surname,
            wish.occupation.key(),
            phone,
            wish.state.key(),
            ts(wish.created_at),
            wish.approved_at.map(ts),
            wish.claimed_at.map(ts),
            wish.fulfilled_at.map(ts),
            wish.closed_at.map(ts),
            wish.decline_reason,
            wish.donor,
            donor_phone,
            wish.thanks,
            wish.text_public,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    // CONTRACT (the UI is written against these).

    /// Records a new wish (待审核) with a fresh, unique wish number; validates the text
    /// (1–100 characters after trimming), surname (1–4 characters) and phone; audited.
    pub fn add_wish(&mut self, wish: &NewWish, now: DateTime<Utc>, actor: &str) -> Result<Wish> {
        self.add_wish_with(wish, wish.kind != WishKind::Health, now, actor)
    }

    /// [`Store::add_wish`], saying whether the board may show the text (a health wish's
    /// details are shown only when the worker agreed).
    pub fn add_wish_with(
        &mut self,
        wish: &NewWish,
        text_public: bool,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<Wish> {
        let text = clean_text(&wish.text, WISH_MAX_CHARS, "心愿", "wish", false)?;
        let surname = clean_surname(&wish.surname)?;
        let phone = validate_phone(&wish.phone)?;
        let tx = self.write()?;
        let number = unused_number(&tx)?;
        tx.execute(
            "INSERT INTO wish (number, kind, text, surname, occupation, phone, state, created_at,
                 text_public)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8)",
            params![
                number,
                wish.kind.key(),
                text,
                surname,
                wish.occupation.key(),
                phone,
                ts(now),
                text_public
            ],
        )?;
        let id = tx.last_insert_rowid();
        audit::log(
            &tx,
            actor,
            "wish.add",
            &format!("#{id} {number} {}", wish.kind.key()),
        )?;
        let added = wish_in(&tx, id)?;
        tx.commit()?;
        Ok(added)
    }

    pub fn wish(&self, id: i64) -> Result<Wish> {
        wish_in(self.conn(), id)
    }

    /// By wish number, case-insensitive (`w7k3` finds `W7K3`).
    pub fn wish_by_number(&self, number: &str) -> Result<Wish> {
        let number = normal_number(number);
        query(self.conn(), "WHERE number = ?1", &[&number])?
            .pop()
            .ok_or_else(|| Error::not_found(Record::Wish, number))
    }

    /// Newest first.
    pub fn wishes(&self, filter: &WishFilter) -> Result<Vec<Wish>> {
        let mut all = query(self.conn(), "ORDER BY created_at DESC, id DESC", &[])?;
        all.retain(|w| {
            (filter.states.is_empty() || filter.states.contains(&w.state))
                && filter.kind.is_none_or(|k| k == w.kind)
        });
        Ok(all)
    }

    /// What the public board shows: 待认领, 已认领 and 已实现 (not archived); 待认领
    /// first, then 已认领, then 已实现, each newest first.
    pub fn public_wishes(&self) -> Result<Vec<Wish>> {
        query(
            self.conn(),
            "WHERE state IN ('open', 'claimed', 'fulfilled')
             ORDER BY CASE state WHEN 'open' THEN 0 WHEN 'claimed' THEN 1 ELSE 2 END,
                      created_at DESC, id DESC",
            &[],
        )
    }

    /// What waits for staff: wishes 待审核, and 已认领 ones (to be fulfilled).
    pub fn wishes_for_staff(&self) -> Result<(usize, usize)> {
        let (pending, claimed): (i64, i64) = self.conn().query_row(
            "SELECT count(*) FILTER (WHERE state = 'pending'),
                    count(*) FILTER (WHERE state = 'claimed')
             FROM wish",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((pending as usize, claimed as usize))
    }

    /// Wishes fulfilled in the local calendar year of `now` (archived ones count too).
    pub fn wishes_fulfilled_this_year(&self, now: DateTime<Utc>) -> Result<usize> {
        let year = now.with_timezone(&Local).year();
        let new_year = |y: i32| {
            Local
                .with_ymd_and_hms(y, 1, 1, 0, 0, 0)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .ok_or_else(|| Error::Invalid(format!("{y} 年的元旦不存在 (no new year)")))
        };
        let (from, until) = (new_year(year)?, new_year(year + 1)?);
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM wish WHERE state IN ('fulfilled', 'archived')
                 AND fulfilled_at >= ?1 AND fulfilled_at < ?2",
            params![ts(from), ts(until)],
            |r| r.get(0),
        )?;
        Ok(n as usize)
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
        let edited = text
            .map(|t| clean_text(t, WISH_MAX_CHARS, "心愿", "wish", false))
            .transpose()?;
        let tx = self.write()?;
        let wish = check(&tx, id, Op::Approve)?;
        let new_text = edited.unwrap_or_else(|| wish.text.clone());
        tx.execute(
            "UPDATE wish SET state = 'open', text = ?2, approved_at = ?3 WHERE id = ?1",
            params![id, new_text, ts(now)],
        )?;
        let mut detail = format!("#{id} {}", wish.number);
        if new_text != wish.text {
            detail.push_str(&format!(" 原文：{}", wish.text));
        }
        audit::log(&tx, actor, Op::Approve.action(), &detail)?;
        tx.commit()?;
        Ok(())
    }

    /// 待审核 → 已拒绝, with a reason (one of [`DECLINE_REASONS`] or staff's words).
    pub fn decline_wish(
        &mut self,
        id: i64,
        reason: &str,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        let reason = clean_text(reason, REASON_MAX_CHARS, "拒绝原因", "reason", false)?;
        let tx = self.write()?;
        let wish = check(&tx, id, Op::Decline)?;
        tx.execute(
            "UPDATE wish SET state = 'declined', decline_reason = ?2, closed_at = ?3
             WHERE id = ?1",
            params![id, reason, ts(now)],
        )?;
        audit::log(
            &tx,
            actor,
            Op::Decline.action(),
            &format!("#{id} {} {reason}", wish.number),
        )?;
        tx.commit()?;
        Ok(())
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
        let donor = clean_optional(donor, NAME_MAX_CHARS, "认领人", "donor")?;
        let phone = validate_phone(phone)?;
        let tx = self.write()?;
        let wish = check(&tx, id, Op::Claim)?;
        tx.execute(
            "UPDATE wish SET state = 'claimed', donor = ?2, donor_phone = ?3, claimed_at = ?4
             WHERE id = ?1",
            params![id, donor, phone, ts(now)],
        )?;
        audit::log(
            &tx,
            actor,
            Op::Claim.action(),
            &format!(
                "#{id} {} {} {}",
                wish.number,
                donor.as_deref().unwrap_or("爱心人士"),
                mask_phone(&phone)
            ),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// 已认领 → 待认领 (the donor dropped out): the donor and their phone are cleared.
    pub fn unclaim_wish(&mut self, id: i64, now: DateTime<Utc>, actor: &str) -> Result<()> {
        let tx = self.write()?;
        let wish = check(&tx, id, Op::Unclaim)?;
        tx.execute(
            "UPDATE wish SET state = 'open', donor = NULL, donor_phone = NULL, claimed_at = NULL
             WHERE id = ?1",
            [id],
        )?;
        audit::log(
            &tx,
            actor,
            Op::Unclaim.action(),
            &format!("#{id} {} {}", wish.number, wish.donor_zh()),
        )?;
        let _ = now; // nothing to stamp: claimed_at goes with the donor
        tx.commit()?;
        Ok(())
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
        let thanks = clean_optional(thanks, WISH_MAX_CHARS, "感谢的话", "thanks")?;
        // Decoded and downscaled before the write lock is taken.
        let photo = photo
            .map(|bytes| {
                prepare_poster(bytes).map_err(|e| {
                    Error::Invalid(
                        e.to_string()
                            .replace("海报", "照片")
                            .replace("poster", "photo"),
                    )
                })
            })
            .transpose()?;
        let tx = self.write()?;
        let wish = check(&tx, id, Op::Fulfil)?;
        tx.execute(
            "UPDATE wish SET state = 'fulfilled', thanks = ?2, photo = ?3, fulfilled_at = ?4
             WHERE id = ?1",
            params![id, thanks, photo, ts(now)],
        )?;
        audit::log(
            &tx,
            actor,
            Op::Fulfil.action(),
            &format!(
                "#{id} {}{}",
                wish.number,
                if photo.is_some() { " 附照片" } else { "" }
            ),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The handover photo of a fulfilled wish (PNG), if one was taken.
    pub fn wish_photo(&self, id: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn()
            .query_row("SELECT photo FROM wish WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .flatten())
    }
}

#[cfg(test)]
#[path = "wish_tests.rs"]
mod tests;
