//! Phone numbers are for staff only: shown in full on a deliberate, audited request,
//! and erased 90 days after a wish closes; fulfilled wishes leave the board after 30.

use super::*;
use crate::store::{Error, Result, Store, audit, ts};
use chrono::{DateTime, Duration, Utc};
use rusqlite::params;

const HOUSEKEEPING_ACTOR: &str = "housekeeping";
/// Days after fulfilment before a wish is archived (leaves the public board).
pub const ARCHIVE_AFTER_DAYS: i64 = 30;
/// Days after a wish closes (archived, declined, withdrawn) before its phone numbers go.
pub const ERASE_PHONES_AFTER_DAYS: i64 = 90;

impl Store {
    /// The whole phone number, for staff who tapped to see it; audited.
    pub fn reveal_wish_phone(&self, id: i64, which: PhoneOf, actor: &str) -> Result<String> {
        let wish = self.wish(id)?;
        let (phone, whose) = match which {
            PhoneOf::Worker => (wish.phone, "worker"),
            PhoneOf::Donor => (wish.donor_phone, "donor"),
        };
        let Some(phone) = phone else {
            return Err(Error::Invalid(
                "没有这个手机号：没有填写，或已按规定删除 (no phone number, or erased)".into(),
            ));
        };
        // The number is handed out only once its reveal is on record.
        audit::log(
            self.conn(),
            actor,
            "wish.reveal_phone",
            &format!("#{id} {} {whose}", wish.number),
        )?;
        Ok(phone)
    }

    /// The daily task (also run at start): archive wishes fulfilled more than 30 days
    /// ago, and erase phone numbers of wishes closed more than 90 days ago (the wish
    /// and its counts stay). Returns (archived, erased); audited when non-zero.
    ///
    /// Also erases the phone numbers of suggestions answered (or, never answered,
    /// left) more than 90 days ago; `erased` counts wishes and suggestions.
    pub fn wish_housekeeping(&mut self, now: DateTime<Utc>) -> Result<(usize, usize)> {
        let archive_before = ts(now - Duration::days(ARCHIVE_AFTER_DAYS));
        let erase_before = ts(now - Duration::days(ERASE_PHONES_AFTER_DAYS));
        let tx = self.write()?;
        let archived = tx.execute(
            "UPDATE wish SET state = 'archived', closed_at = ?2
             WHERE state = 'fulfilled' AND fulfilled_at < ?1",
            params![archive_before, ts(now)],
        )?;
        let wishes = tx.execute(
            "UPDATE wish SET phone = NULL, donor_phone = NULL
             WHERE state IN ('archived', 'declined', 'withdrawn') AND closed_at < ?1
                 AND (phone IS NOT NULL OR donor_phone IS NOT NULL)",
            [&erase_before],
        )?;
        let suggestions = tx.execute(
            "UPDATE suggestion SET phone = NULL
             WHERE phone IS NOT NULL AND coalesce(replied_at, created_at) < ?1",
            [&erase_before],
        )?;
        if archived + wishes + suggestions > 0 {
            audit::log(
                &tx,
                HOUSEKEEPING_ACTOR,
                "wish.housekeeping",
                &format!(
                    "归档 {archived} 个心愿；删除 {wishes} 个心愿和 {suggestions} 条建议的手机号"
                ),
            )?;
        }
        tx.commit()?;
        Ok((archived, wishes + suggestions))
    }
}
