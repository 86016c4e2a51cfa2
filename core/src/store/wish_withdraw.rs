//! A worker withdraws their own wish at the kiosk with its number and the phone's last
//! 4 digits (guessing is slowed down), or staff withdraw it for them.

use super::*;
use crate::store::{Error, Result, Store, audit, parse_ts, ts};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// Wrong number-and-digits pairs at the kiosk, within an hour, before withdrawing waits.
pub const WITHDRAW_MAX_MISSES: i64 = 5;
/// How long withdrawing at the kiosk then waits, in minutes.
pub const WITHDRAW_LOCK_MINUTES: i64 = 10;
const WITHDRAW_MISSES: &str = "wish_withdraw.misses";
const WITHDRAW_FIRST_MISS: &str = "wish_withdraw.first_miss";
const WITHDRAW_LOCKED_UNTIL: &str = "wish_withdraw.locked_until";

fn setting_ts(conn: &Connection, key: &str) -> Result<Option<DateTime<Utc>>> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(text.and_then(|t| parse_ts(&t).ok()))
}

fn set_setting_in(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Counts a wrong pair; the fifth within an hour locks withdrawing for a while.
fn record_withdraw_miss(conn: &Connection, now: DateTime<Utc>) -> Result<()> {
    let first = setting_ts(conn, WITHDRAW_FIRST_MISS)?;
    let misses: i64 = match first {
        Some(first) if now - first < Duration::hours(1) => conn
            .query_row(
                "SELECT CAST(value AS INTEGER) FROM setting WHERE key = ?1",
                [WITHDRAW_MISSES],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0),
        _ => {
            set_setting_in(conn, WITHDRAW_FIRST_MISS, &ts(now))?;
            0
        }
    } + 1;
    if misses >= WITHDRAW_MAX_MISSES {
        let until = now + Duration::minutes(WITHDRAW_LOCK_MINUTES);
        set_setting_in(conn, WITHDRAW_LOCKED_UNTIL, &ts(until))?;
        conn.execute(
            "DELETE FROM setting WHERE key IN (?1, ?2)",
            params![WITHDRAW_MISSES, WITHDRAW_FIRST_MISS],
        )?;
        audit::log(
            conn,
            WORKER_ACTOR,
            "wish.withdraw_locked",
            &format!("{misses} wrong pairs"),
        )?;
    } else {
        set_setting_in(conn, WITHDRAW_MISSES, &misses.to_string())?;
    }
    Ok(())
}

/// 待审核, 待认领 or 已认领 → 已撤回, inside the caller's write transaction; audited.
fn withdraw_in(tx: &Connection, id: i64, now: DateTime<Utc>, actor: &str) -> Result<()> {
    let wish = check(tx, id, Op::Withdraw)?;
    tx.execute(
        "UPDATE wish SET state = 'withdrawn', closed_at = ?2 WHERE id = ?1",
        params![id, ts(now)],
    )?;
    audit::log(
        tx,
        actor,
        Op::Withdraw.action(),
        &format!("#{id} {} (was {})", wish.number, wish.state.key()),
    )?;
    Ok(())
}

impl Store {
    /// The worker withdraws a wish with its number and the last 4 digits of the phone
    /// (待审核, 待认领 or 已认领 → 已撤回); a wrong pair is refused without saying which
    /// part was wrong. Returns the wish.
    pub fn withdraw_wish(
        &mut self,
        number: &str,
        phone_tail: &str,
        now: DateTime<Utc>,
    ) -> Result<Wish> {
        let wrong = || Error::Invalid("心愿编号或手机后 4 位不对 (wrong number or digits)".into());
        let number = normal_number(number);
        let tail = phone_tail.trim();
        let tx = self.write()?;
        // Guessing is slowed down: after WITHDRAW_MAX_MISSES wrong pairs (any numbers)
        // within an hour, withdrawing at the kiosk waits WITHDRAW_LOCK minutes.
        if let Some(until) = setting_ts(&tx, WITHDRAW_LOCKED_UNTIL)?
            && until > now
        {
            return Err(Error::Invalid(format!(
                "输错次数太多，请 {} 分钟后再试，或请工作人员帮你撤回 (too many wrong tries)",
                ((until - now).num_seconds() + 59) / 60
            )));
        }
        let found: Option<(i64, Option<String>)> =
            if tail.len() == 4 && tail.chars().all(|c| c.is_ascii_digit()) {
                tx.query_row(
                    "SELECT id, phone FROM wish WHERE number = ?1",
                    [&number],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
            } else {
                None
            };
        let id = match found {
            Some((id, Some(phone))) if phone.ends_with(tail) => id,
            _ => {
                record_withdraw_miss(&tx, now)?;
                tx.commit()?;
                return Err(wrong());
            }
        };
        withdraw_in(&tx, id, now, WORKER_ACTOR)?;
        tx.execute(
            "DELETE FROM setting WHERE key IN (?1, ?2)",
            params![WITHDRAW_MISSES, WITHDRAW_FIRST_MISS],
        )?;
        let wish = wish_in(&tx, id)?;
        tx.commit()?;
        Ok(wish)
    }

    /// Staff withdraw a wish on the worker's behalf (by phone); audited.
    pub fn withdraw_wish_by_staff(
        &mut self,
        id: i64,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        let tx = self.write()?;
        withdraw_in(&tx, id, now, actor)?;
        tx.commit()?;
        Ok(())
    }
}
