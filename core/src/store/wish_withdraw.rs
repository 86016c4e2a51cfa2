//! What a worker does at the kiosk with a number and the phone's last 4 digits:
//! withdraws their own wish (or staff withdraw it for them), and asks how a wish or a
//! suggestion stands (查进度). Guessing is slowed down, per number (5 wrong pairs in an
//! hour: that number waits 10 minutes) and per kiosk (20 in 10 minutes: every try waits
//! 30 s), on the boot clock; a success clears only its own number's count.

use super::*;
use crate::store::deadline::{BootClock, Deadline};
use crate::store::{Error, Result, Store, audit, parse_ts, ts};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// Wrong digits for one wish's (or suggestion's) number, within an hour, before that
/// number waits: the owner of another number is never held up by them.
pub const WITHDRAW_MAX_MISSES: i64 = 5;
/// How long that number then waits at the kiosk, in minutes (staff can still help).
pub const WITHDRAW_LOCK_MINUTES: i64 = 10;
/// Wrong pairs of any numbers, within 10 minutes, before every try at the kiosk waits
/// [`KIOSK_PAUSE_SECS`]: someone trying many numbers gets a few tries a minute, while
/// the worker behind them waits half a minute at most, never 10.
pub const KIOSK_MAX_MISSES: i64 = 20;
const KIOSK_WINDOW: Duration = Duration::minutes(10);
pub const KIOSK_PAUSE_SECS: i64 = 30;
const NUMBER_WINDOW: Duration = Duration::hours(1);
const KIOSK: &str = "kiosk";

/// One guess counter: its misses, the end of its window and of its lock.
struct Counter {
    misses: i64,
    window: Option<Deadline>,
    locked: Option<Deadline>,
}

fn counter(conn: &Connection, target: &str, clock: &BootClock, rule: &Rule) -> Result<Counter> {
    type Row = (i64, String, Option<String>, Option<String>, Option<String>);
    let row: Option<Row> = conn
        .query_row(
            "SELECT misses, window_until, window_mono, locked_until, locked_mono
             FROM guess_miss WHERE target = ?1",
            [target],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((misses, window, window_mono, locked, locked_mono)) = row else {
        return Ok(Counter {
            misses: 0,
            window: None,
            locked: None,
        });
    };
    let deadline = |wall: &str, mono: Option<&str>, longest| {
        parse_ts(wall)
            .ok()
            .map(|w| Deadline::stored(w, mono, longest, clock))
    };
    Ok(Counter {
        misses,
        window: deadline(&window, window_mono.as_deref(), rule.window),
        locked: locked.and_then(|l| deadline(&l, locked_mono.as_deref(), rule.lock)),
    })
}

/// How a guess counter counts.
#[derive(Clone, Copy)]
struct Rule {
    /// Misses within `window` …
    max: i64,
    window: Duration,
    /// … make the target wait this long.
    lock: Duration,
    /// The count a lock leaves: 0 starts again; `max - 1` makes every further miss in
    /// the window lock again.
    after_lock: i64,
}

const NUMBER_RULE: Rule = Rule {
    max: WITHDRAW_MAX_MISSES,
    window: NUMBER_WINDOW,
    lock: Duration::minutes(WITHDRAW_LOCK_MINUTES),
    after_lock: 0,
};

const KIOSK_RULE: Rule = Rule {
    max: KIOSK_MAX_MISSES,
    window: KIOSK_WINDOW,
    lock: Duration::seconds(KIOSK_PAUSE_SECS),
    after_lock: KIOSK_MAX_MISSES - 1,
};

/// Counts a wrong pair against `target` by `rule`. Returns the lock when this miss set
/// one.
fn count_miss(
    conn: &Connection,
    target: &str,
    now: DateTime<Utc>,
    clock: &BootClock,
    rule: &Rule,
) -> Result<Option<Deadline>> {
    let Rule {
        max,
        window,
        lock,
        after_lock,
    } = *rule;
    let old = counter(conn, target, clock, rule)?;
    let (misses, window) = match old.window.filter(|w| w.left(now).is_some()) {
        Some(w) => (old.misses + 1, w),
        None => (1, Deadline::start(now, window, clock)),
    };
    let locked = (misses >= max).then(|| Deadline::start(now, lock, clock));
    conn.execute(
        "INSERT INTO guess_miss (target, misses, window_until, window_mono, locked_until, locked_mono)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (target) DO UPDATE SET misses = excluded.misses,
             window_until = excluded.window_until, window_mono = excluded.window_mono,
             locked_until = coalesce(excluded.locked_until, guess_miss.locked_until),
             locked_mono = CASE WHEN excluded.locked_until IS NULL
                 THEN guess_miss.locked_mono ELSE excluded.locked_mono END",
        params![
            target,
            if locked.is_some() { after_lock } else { misses },
            ts(window.wall()),
            window.mono_text(),
            locked.as_ref().map(|l| ts(l.wall())),
            locked.as_ref().and_then(Deadline::mono_text),
        ],
    )?;
    Ok(locked)
}

fn minutes(d: Duration) -> i64 {
    (d.num_seconds() + 59) / 60
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

    fn key(self) -> &'static str {
        match self {
            Numbered::Wish => "wish",
            Numbered::Suggestion => "suggestion",
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
/// is counted — against that number when it exists, and against the kiosk — and comes
/// back as the refusal to show (commit to keep the count), without saying which part
/// was wrong; a right one clears that number's count only.
fn guarded(
    tx: &Connection,
    now: DateTime<Utc>,
    clock: &BootClock,
    number: &str,
    tail: &str,
    by_number: Numbered,
) -> Result<std::result::Result<i64, Error>> {
    if let Some(left) = counter(tx, KIOSK, clock, &KIOSK_RULE)?
        .locked
        .and_then(|l| l.left(now))
    {
        return Err(Error::Invalid(format!(
            "刚才输错的次数太多，请等 {} 秒再试 (too many wrong tries here, wait a moment)",
            (left.num_milliseconds() + 999) / 1000
        )));
    }
    let number = normal_number(number);
    let tail = tail.trim();
    let found: Option<(i64, Option<String>)> = tx
        .query_row(by_number.sql(), [&number], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let target = format!("{} {number}", by_number.key());
    if found.is_some()
        && let Some(left) = counter(tx, &target, clock, &NUMBER_RULE)?
            .locked
            .and_then(|l| l.left(now))
    {
        return Err(Error::Invalid(format!(
            "这个编号输错次数太多，请 {} 分钟后再试，或请工作人员帮忙 (too many wrong tries for this number)",
            minutes(left)
        )));
    }
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
            tx.execute("DELETE FROM guess_miss WHERE target = ?1", [&target])?;
            Ok(Ok(id))
        }
        _ => {
            if found.is_some()
                && let Some(lock) = count_miss(tx, &target, now, clock, &NUMBER_RULE)?
            {
                audit::log(
                    tx,
                    WORKER_ACTOR,
                    "wish.withdraw_locked",
                    &format!(
                        "{target}: {WITHDRAW_MAX_MISSES} wrong pairs, until {}",
                        ts(lock.wall())
                    ),
                )?;
            }
            if count_miss(tx, KIOSK, now, clock, &KIOSK_RULE)?.is_some() {
                audit::log(
                    tx,
                    WORKER_ACTOR,
                    "wish.guess_paused",
                    &format!(
                        "{KIOSK_MAX_MISSES} wrong pairs in 10 min: {KIOSK_PAUSE_SECS} s pause"
                    ),
                )?;
            }
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
        let clock = self.clock.clone();
        let tx = self.write()?;
        match guarded(&tx, now, &clock, number, tail, of)? {
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
