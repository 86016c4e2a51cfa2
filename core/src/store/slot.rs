//! Charging slots (充电口 / 电瓶位): claim with a 4-digit release code, release with the
//! code, wrong codes make the next try wait (never lock the phone in), staff
//! force-release and mark faults,
//! and a hardware feed whose word wins for the slots it reports.

use super::deadline::{BootClock, Deadline};
use super::slot_feed::FeedState;
use super::slot_types::*;
use super::text::clean_note;
use super::{Error, Record, Result, Store, audit, ts};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// Wrong release codes allowed before the next try has to wait.
pub const SLOT_CODE_TRIES: u32 = 3;
/// Where a slot is, on its card (进门左手第一排): one line of the card at most.
pub const SLOT_NOTE_MAX_CHARS: usize = 12;
/// What is wrong with a slot, on its card (接口松动), from staff or a feed.
pub const FAULT_NOTE_MAX_CHARS: usize = 20;

/// How long the next try waits after `wrong` wrong codes in a row: 30 s after the third,
/// 2 min after the fourth, 10 min from the fifth on. A stranger can delay the owner, never
/// lock the phone in.
pub fn code_wait(wrong: u32) -> Option<Duration> {
    match wrong {
        w if w < SLOT_CODE_TRIES => None,
        w if w == SLOT_CODE_TRIES => Some(Duration::seconds(30)),
        w if w == SLOT_CODE_TRIES + 1 => Some(Duration::minutes(2)),
        _ => Some(CODE_WAIT_LONGEST),
    }
}

/// The longest a release-code wait lasts.
pub const CODE_WAIT_LONGEST: Duration = Duration::minutes(10);

const SLOT_COLUMNS: &str = "s.id, s.label, s.connector, s.note, s.fed, s.fault_note, \
     s.wrong_codes, s.locked, s.feed_state, s.feed_note, s.feed_at, \
     c.id, c.started_at, c.code, c.simulated, s.code_wait_until, s.code_wait_mono";

/// A slot as stored. A time in it that cannot be read (`NaN`, a year 0, written by hand)
/// never hides the slot — a phone may be in it: the slot is shown with `time_damaged`
/// (its card says 时间有误), the damage is logged once, and the time is taken as what
/// harms least: a session as started now, a code wait as over, a feed report as older
/// than any new one. Releasing, repairing or the next report writes a good time again.
fn slot_from_row(r: &Row<'_>) -> rusqlite::Result<Slot> {
    use super::time::{column_text, stored_or_log};
    let connector: String = r.get(2)?;
    let label: String = r.get(1)?;
    let mut time_damaged = false;
    // NULL is `None`; a time that cannot be read is `Some(None)`.
    let mut time = |i: usize, column: &str| -> rusqlite::Result<Option<Option<DateTime<Utc>>>> {
        Ok(column_text(r, i)?.map(|text| {
            let at = stored_or_log(&text, || format!("slot {label} {column}"));
            time_damaged |= at.is_none();
            at
        }))
    };
    let feed_at = time(10, "feed_at")?;
    let feed = match (r.get::<_, Option<String>>(8)?, feed_at) {
        // Damaged: older than any report that comes next.
        (Some(state), Some(at)) => match FeedState::parse(&state) {
            Some(state) => Some((
                state,
                r.get::<_, String>(9)?,
                at.unwrap_or_else(super::time::earliest),
            )),
            None => None,
        },
        _ => None,
    };
    let started_at = time(12, "session started_at")?;
    let code_wait = time(15, "code_wait_until")?;
    let session = match r.get::<_, Option<i64>>(11)? {
        Some(id) => Some(OpenSession {
            id,
            // Damaged: as started now (0 minutes, never 已超时 a million minutes).
            started_at: started_at.flatten().unwrap_or_else(Utc::now),
            code: r.get(13)?,
            simulated: r.get(14)?,
        }),
        None => None,
    };
    Ok(Slot {
        id: r.get(0)?,
        label,
        connector: Connector::parse(&connector).unwrap_or(Connector::UsbC),
        note: r.get(3)?,
        fed: r.get(4)?,
        fault: r.get(5)?,
        wrong_codes: r.get(6)?,
        locked: r.get(7)?,
        // Damaged: no wait (the owner is not locked out by a broken value).
        code_wait: match code_wait.flatten() {
            Some(wall) => Some(Deadline::stored(
                wall,
                r.get::<_, Option<String>>(16)?.as_deref(),
                CODE_WAIT_LONGEST,
                &BootClock::System,
            )),
            None => None,
        },
        feed,
        session,
        time_damaged,
    })
}

pub(super) fn validate_label(label: &str) -> Result<String> {
    let label = label.trim().to_uppercase();
    let ok = !label.is_empty()
        && label.chars().count() <= 8
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(label)
    } else {
        Err(Error::Invalid(format!(
            "充电位编号“{label}”不对：用 1–8 个字母或数字，如 A1 (bad slot label)"
        )))
    }
}

/// Reads one slot (with its open session) on `conn`: the store's connection for a
/// plain read, or a write transaction, so that what a change decides on is what it
/// changes (nothing can slip in between under `BEGIN IMMEDIATE`).
pub(super) fn slot_in(conn: &Connection, label: &str) -> Result<Slot> {
    let label = label.trim().to_uppercase();
    conn.query_row(
        &format!(
            "SELECT {SLOT_COLUMNS} FROM slot s
             LEFT JOIN charging_session c ON c.slot_id = s.id AND c.ended_at IS NULL
             WHERE s.label = ?1"
        ),
        [&label],
        slot_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(Record::Slot, label))
}

/// Whether a slot other than `except` already has this label.
pub(super) fn label_taken(conn: &Connection, label: &str, except: Option<i64>) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM slot WHERE label = ?1 AND id IS NOT ?2",
            params![label, except],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub(super) fn new_code() -> String {
    format!("{:04}", OsRng.next_u32() % 10_000)
}

impl Store {
    pub fn slots(&self) -> Result<Vec<Slot>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {SLOT_COLUMNS} FROM slot s
             LEFT JOIN charging_session c ON c.slot_id = s.id AND c.ended_at IS NULL
             ORDER BY s.position, s.label"
        ))?;
        let rows = stmt.query_map([], slot_from_row)?;
        let slots: Vec<Slot> = super::time::decoded(rows, "slots")?;
        Ok(slots.into_iter().map(|s| self.clocked(s)).collect())
    }

    pub fn slot(&self, label: &str) -> Result<Slot> {
        slot_in(self.conn(), label).map(|s| self.clocked(s))
    }

    /// `slot` with its wait timed on this store's boot clock.
    fn clocked(&self, mut slot: Slot) -> Slot {
        slot.code_wait = slot.code_wait.map(|d| d.with_clock(&self.clock));
        slot
    }

    pub fn add_slot(
        &mut self,
        label: &str,
        connector: Connector,
        note: &str,
        fed: bool,
        actor: &str,
    ) -> Result<i64> {
        let label = validate_label(label)?;
        let note = clean_note(note, SLOT_NOTE_MAX_CHARS, "位置说明", "note")?;
        let tx = self.write()?;
        if label_taken(&tx, &label, None)? {
            return Err(Error::Invalid(format!(
                "充电位 {label} 已经有了 (slot exists)"
            )));
        }
        tx.execute(
            "INSERT INTO slot (label, connector, note, fed, position)
             VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM slot))",
            params![label, connector.key(), note, fed],
        )?;
        let id = tx.last_insert_rowid();
        audit::log(
            &tx,
            actor,
            "slot.add",
            &format!("{label} {}", connector.key()),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Changes the fields `change` sets; the others keep their value as it is in the
    /// store when the change is written, not as it was when the form was opened.
    pub fn update_slot(&mut self, label: &str, change: &SlotChange, actor: &str) -> Result<()> {
        let new_label = change.label.as_deref().map(validate_label).transpose()?;
        let note = change
            .note
            .as_deref()
            .map(|n| clean_note(n, SLOT_NOTE_MAX_CHARS, "位置说明", "note"))
            .transpose()?;
        let tx = self.write()?;
        let slot = slot_in(&tx, label)?;
        let new_label = new_label.unwrap_or_else(|| slot.label.clone());
        if new_label != slot.label && label_taken(&tx, &new_label, Some(slot.id))? {
            return Err(Error::Invalid(format!(
                "充电位 {new_label} 已经有了 (slot exists)"
            )));
        }
        tx.execute(
            "UPDATE slot SET label = ?2, connector = ?3, note = ?4, fed = ?5 WHERE id = ?1",
            params![
                slot.id,
                new_label,
                change.connector.unwrap_or(slot.connector).key(),
                note.as_deref().unwrap_or(&slot.note),
                change.fed.unwrap_or(slot.fed),
            ],
        )?;
        audit::log(&tx, actor, "slot.set", &new_label)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a slot and its history; refused while someone's phone is on it.
    pub fn remove_slot(&mut self, label: &str, actor: &str) -> Result<()> {
        let tx = self.write()?;
        let slot = slot_in(&tx, label)?;
        if slot.session.is_some() {
            return Err(Error::Invalid(format!(
                "充电位 {} 正在使用，先释放再删除 (slot in use)",
                slot.label
            )));
        }
        tx.execute("DELETE FROM slot WHERE id = ?1", [slot.id])?;
        audit::log(&tx, actor, "slot.remove", &slot.label)?;
        tx.commit()?;
        Ok(())
    }

    /// Starts a session on a free slot and returns its 4-digit release code.
    pub fn claim_slot(
        &mut self,
        label: &str,
        now: DateTime<Utc>,
        limit: Duration,
    ) -> Result<String> {
        let tx = self.write()?;
        let slot = slot_in(&tx, label)?;
        let state = slot.state(now, limit);
        if !state.is_free() {
            return Err(Error::Invalid(format!(
                "充电位 {} 现在{}，不能使用 (slot not free)",
                slot.label,
                state.zh()
            )));
        }
        let code = new_code();
        tx.execute(
            "INSERT INTO charging_session (slot_id, started_at, code, source)
             VALUES (?1, ?2, ?3, 'kiosk')",
            params![slot.id, ts(now), code],
        )?;
        tx.execute(
            "UPDATE slot SET wrong_codes = 0, code_wait_until = NULL, code_wait_mono = NULL WHERE id = ?1",
            [slot.id],
        )?;
        tx.commit()?;
        Ok(code)
    }

    /// Ends a session with its release code. From the third wrong code in a row the next
    /// try waits (see [`code_wait`]); staff are told through the audit log.
    pub fn release_slot(&mut self, label: &str, code: &str, now: DateTime<Utc>) -> Result<Release> {
        let clock = self.clock.clone();
        let tx = self.write()?;
        let mut slot = slot_in(&tx, label)?;
        slot.code_wait = slot.code_wait.map(|d| d.with_clock(&clock));
        if slot.locked {
            return Ok(Release::Locked);
        }
        let Some(session) = slot.session else {
            return Err(Error::Invalid(format!(
                "充电位 {} 没有在充电 (slot is free)",
                slot.label
            )));
        };
        if let Some(until) = slot.code_wait.filter(|d| d.left(now).is_some()) {
            return Ok(Release::Wait { until });
        }
        let outcome = if session.code.as_deref() == Some(code.trim()) {
            end_session(&tx, &slot.label, session.id, now, EndedBy::Released)?;
            tx.execute(
                "UPDATE slot SET wrong_codes = 0, code_wait_until = NULL, code_wait_mono = NULL WHERE id = ?1",
                [slot.id],
            )?;
            Release::Released
        } else {
            let wrong: u32 = tx.query_row(
                "UPDATE slot SET wrong_codes = wrong_codes + 1 WHERE id = ?1 RETURNING wrong_codes",
                [slot.id],
                |r| r.get(0),
            )?;
            match code_wait(wrong) {
                Some(wait) => {
                    let until = Deadline::start(now, wait, &clock);
                    tx.execute(
                        "UPDATE slot SET code_wait_until = ?2, code_wait_mono = ?3 WHERE id = ?1",
                        params![slot.id, ts(until.wall()), until.mono_text()],
                    )?;
                    audit::log(
                        &tx,
                        "kiosk",
                        "slot.code_wait",
                        &format!(
                            "{} {wrong} wrong codes, waits {} s",
                            slot.label,
                            wait.num_seconds()
                        ),
                    )?;
                    Release::Wait { until }
                }
                None => Release::WrongCode {
                    attempts_left: SLOT_CODE_TRIES - wrong,
                },
            }
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// Staff open a slot: ends its session (as expired when it was overtime) and lifts a lock.
    pub fn force_release_slot(
        &mut self,
        label: &str,
        now: DateTime<Utc>,
        limit: Duration,
        actor: &str,
    ) -> Result<()> {
        let tx = self.write()?;
        let slot = slot_in(&tx, label)?;
        if let Some(session) = &slot.session {
            let how = if now - session.started_at >= limit {
                EndedBy::Expired
            } else {
                EndedBy::ForceReleased
            };
            end_session(&tx, &slot.label, session.id, now, how)?;
        }
        tx.execute(
            "UPDATE slot SET wrong_codes = 0, locked = 0, code_wait_until = NULL, code_wait_mono = NULL WHERE id = ?1",
            [slot.id],
        )?;
        audit::log(&tx, actor, "slot.force_release", &slot.label)?;
        tx.commit()?;
        Ok(())
    }

    pub fn set_slot_fault(
        &mut self,
        label: &str,
        note: &str,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        let note = clean_note(note, FAULT_NOTE_MAX_CHARS, "故障说明", "fault note")?;
        let tx = self.write()?;
        let slot = slot_in(&tx, label)?;
        tx.execute(
            "UPDATE slot SET fault_note = ?2 WHERE id = ?1",
            params![slot.id, note],
        )?;
        tx.execute(
            "INSERT INTO slot_fault (slot_id, at, note, source) VALUES (?1, ?2, ?3, 'staff')",
            params![slot.id, ts(now), note],
        )?;
        audit::log(&tx, actor, "slot.fault", &format!("{} {note}", slot.label))?;
        tx.commit()?;
        Ok(())
    }

    pub fn repair_slot(&mut self, label: &str, now: DateTime<Utc>, actor: &str) -> Result<()> {
        let tx = self.write()?;
        let slot = slot_in(&tx, label)?;
        tx.execute(
            "UPDATE slot SET fault_note = NULL, wrong_codes = 0, locked = 0, code_wait_until = NULL, code_wait_mono = NULL
             WHERE id = ?1",
            [slot.id],
        )?;
        tx.execute(
            "UPDATE slot_fault SET repaired_at = ?2 WHERE slot_id = ?1 AND repaired_at IS NULL",
            params![slot.id, ts(now)],
        )?;
        audit::log(&tx, actor, "slot.repair", &slot.label)?;
        tx.commit()?;
        Ok(())
    }

    /// Demo and tests: a finished session in the history.
    pub fn record_session(
        &mut self,
        label: &str,
        started_at: DateTime<Utc>,
        ended_at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.write()?;
        let slot = slot_in(&tx, label)?;
        tx.execute(
            "INSERT INTO charging_session (slot_id, started_at, ended_at, source, ended_by)
             VALUES (?1, ?2, ?3, 'kiosk', 'released')",
            params![slot.id, ts(started_at), ts(ended_at)],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// Ends an open session. Only a session that is still open is ended: if another
/// connection ended it first, nothing is overwritten and the caller gets an error.
pub(super) fn end_session(
    conn: &Connection,
    label: &str,
    id: i64,
    at: DateTime<Utc>,
    how: EndedBy,
) -> Result<()> {
    let changed = conn.execute(
        "UPDATE charging_session SET ended_at = max(?2, started_at), ended_by = ?3
         WHERE id = ?1 AND ended_at IS NULL",
        params![id, ts(at), how.key()],
    )?;
    if changed == 0 {
        return Err(Error::Invalid(format!(
            "充电位 {label} 刚刚已被释放，请刷新后再看 (already released)"
        )));
    }
    Ok(())
}

#[cfg(test)]
#[path = "slot_tests.rs"]
mod tests;
