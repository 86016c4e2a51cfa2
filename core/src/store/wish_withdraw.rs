//! What a worker does at the kiosk with a number and the phone's last 4 digits:
//! withdraws their own wish (or staff withdraw it for them), and asks how a wish or a
//! suggestion stands (查进度). Guessing is slowed down: wrong pairs for any of these
//! count together.

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

/// What a number is looked up in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbered {
    Wish,
    Suggestion,
}

impl Numbered {
    fn sql(self) -> &'static str {
        match self {
            Numbered::Wish => "SELECT id, phone FROM wish WHERE number = ?1",
            Numbered::Suggestion => "SELECT id, phone FROM suggestion WHERE number = ?1",
        }
    }

    fn wrong(self) -> Error {
        Error::Invalid(
            match self {
                Numbered::Wish => "心愿编号或手机后 4 位不对 (wrong number or digits)",
                Numbered::Suggestion => "建议编号或手机后 4 位不对 (wrong number or digits)",
            }
            .into(),
        )
    }
}

/// The row `by_number` finds for `number` whose phone ends in `tail` (a suggestion left
/// without a phone: `tail` empty), inside the caller's write transaction. A wrong pair
/// is counted and comes back as the refusal to show (commit to keep the count), without
/// saying which part was wrong; a right one clears the count.
fn guarded(
    tx: &Connection,
    now: DateTime<Utc>,
    number: &str,
    tail: &str,
    by_number: Numbered,
) -> Result<std::result::Result<i64, Error>> {
    if let Some(until) = setting_ts(tx, WITHDRAW_LOCKED_UNTIL)?
        && until > now
    {
        return Err(Error::Invalid(format!(
            "输错次数太多，请 {} 分钟后再试，或请工作人员帮忙 (too many wrong tries)",
            ((until - now).num_seconds() + 59) / 60
        )));
    }
    let number = normal_number(number);
    let tail = tail.trim();
    let found: Option<(i64, Option<String>)> = tx
        .query_row(by_number.sql(), [&number], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let right = match &found {
        Some((_, Some(phone))) => {
            tail.len() == 4 && tail.chars().all(|c| c.is_ascii_digit()) && phone.ends_with(tail)
        }
        // Only a suggestion may be left without a phone (a wish's is erased when it
        // closes, and then nothing about it is asked after).
        Some((_, None)) => by_number == Numbered::Suggestion && tail.is_empty(),
        None => false,
    };
    match found {
        Some((id, _)) if right => {
            tx.execute(
                "DELETE FROM setting WHERE key IN (?1, ?2)",
                params![WITHDRAW_MISSES, WITHDRAW_FIRST_MISS],
            )?;
            Ok(Ok(id))
        }
        _ => {
            record_withdraw_miss(tx, now)?;
            Ok(Err(by_number.wrong()))
        }
    }
}

/// How a wish stands, as its worker may see it at the kiosk: nothing about anyone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WishProgress {
    pub number: String,
    pub state: WishState,
    /// Staff's reason, when 未通过.
    pub decline_reason: Option<String>,
}

/// How a suggestion stands: the station's reply once there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestionProgress {
    pub number: String,
    pub reply: Option<String>,
    /// The reply is on the board's 你说我办 tab.
    pub published: bool,
}

impl Store {
    /// One write for a number and a phone tail: [`guarded`], then `then` with the row
    /// found; a wrong pair is committed (so it counts) and refused.
    fn guarded_write<T>(
        &mut self,
        now: DateTime<Utc>,
        number: &str,
        tail: &str,
        of: Numbered,
        then: impl FnOnce(&Connection, i64) -> Result<T>,
    ) -> Result<T> {
        let tx = self.write()?;
        match guarded(&tx, now, number, tail, of)? {
            Ok(id) => {
                let done = then(&tx, id)?;
                tx.commit()?;
                Ok(done)
            }
            Err(wrong) => {
                tx.commit()?;
                Err(wrong)
            }
        }
    }

    /// 查进度: how the wish with `number` stands, given the last 4 digits of the phone
    /// left with it; a wrong pair counts towards the same lock as withdrawing.
    pub fn wish_progress(
        &mut self,
        number: &str,
        phone_tail: &str,
        now: DateTime<Utc>,
    ) -> Result<WishProgress> {
        let wish = self.guarded_write(now, number, phone_tail, Numbered::Wish, wish_in)?;
        Ok(WishProgress {
            number: wish.number,
            state: wish.state,
            decline_reason: wish.decline_reason,
        })
    }

    /// 查回复: the reply to the suggestion with `number`, given the phone's last 4
    /// digits (none when it was left without a phone).
    pub fn suggestion_progress(
        &mut self,
        number: &str,
        phone_tail: &str,
        now: DateTime<Utc>,
    ) -> Result<SuggestionProgress> {
        let read = |tx: &Connection, id: i64| {
            Ok(tx.query_row(
                "SELECT number, reply, published FROM suggestion WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        };
        let (number, reply, published) =
            self.guarded_write(now, number, phone_tail, Numbered::Suggestion, read)?;
        Ok(SuggestionProgress {
            number,
            reply,
            published,
        })
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
        self.guarded_write(now, number, phone_tail, Numbered::Wish, |tx, id| {
            withdraw_in(tx, id, now, WORKER_ACTOR)?;
            wish_in(tx, id)
        })
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
