//! A charger's hardware feed: its reports (free, charging, full, fault) win for the
//! slots it reports, in the order they happened, and what the demo feeder simulates.

use super::slot::{end_session, slot_in};
use super::slot_types::EndedBy;
use super::{Error, Result, Store, ts};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

/// What a hardware feed reports for a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedState {
    Free,
    Charging,
    Full,
    Fault,
}

impl FeedState {
    pub fn key(self) -> &'static str {
        match self {
            FeedState::Free => "free",
            FeedState::Charging => "charging",
            FeedState::Full => "full",
            FeedState::Fault => "fault",
        }
    }

    pub(super) fn parse(text: &str) -> Option<FeedState> {
        [
            FeedState::Free,
            FeedState::Charging,
            FeedState::Full,
            FeedState::Fault,
        ]
        .into_iter()
        .find(|s| s.key() == text)
    }
}

/// When a feed report happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportAt {
    /// The feeder said (`"at"` in its line): compared with the slot's last report.
    Stamped(DateTime<Utc>),
    /// The kiosk's clock when the line arrived (no `"at"`): arrival order.
    Arrived(DateTime<Utc>),
}

impl Store {
    /// Applies one report from a hardware feed. Only slots marked as fed accept it.
    pub fn apply_feed(
        &mut self,
        label: &str,
        state: FeedState,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.apply_report(label, state, note, at, false)
    }

    /// Applies one feed report; `simulated` when it comes from `slot simulate`.
    ///
    /// A simulated report only touches a slot that is free or that the simulator
    /// itself occupies: it is refused on a slot with a real session (a phone, a kiosk
    /// claim, a real feed's), a staff fault, a lock or a real feed fault. Its sessions
    /// and faults are marked as simulated, left out of the history and statistics, and
    /// deleted again when it reports the slot free. A real report on a slot the
    /// simulator occupies first wipes out what the simulator pretended.
    pub fn apply_report(
        &mut self,
        label: &str,
        state: FeedState,
        note: &str,
        at: DateTime<Utc>,
        simulated: bool,
    ) -> Result<()> {
        self.apply_report_at(label, state, note, ReportAt::Stamped(at), simulated)
    }

    /// [`Store::apply_report`], for a report stamped by its feeder or timed by its arrival.
    pub fn apply_report_at(
        &mut self,
        label: &str,
        state: FeedState,
        note: &str,
        at: ReportAt,
        simulated: bool,
    ) -> Result<()> {
        let (at, stamped) = match at {
            ReportAt::Stamped(at) => (at, true),
            ReportAt::Arrived(at) => (at, false),
        };
        super::time::check(at, "上报时间")?;
        let note = super::text::clean_note(note, super::FAULT_NOTE_MAX_CHARS, "故障说明", "note")?;
        let note = note.as_str();
        let tx = self.write()?;
        let slot = slot_in(&tx, label)?;
        if !slot.fed {
            return Err(Error::Invalid(format!(
                "充电位 {} 没有接入硬件上报 (slot is not fed)",
                slot.label
            )));
        }
        // Reports may arrive out of order (several feeders, a retry): a stamped one
        // older than what the slot last heard is refused, never applied over it. One
        // without a stamp is timed by its arrival, which is order enough: it is never
        // refused because a stored time lies ahead (a clock set back, a stamp from a
        // feeder whose clock runs fast), which would lock the slot out until then.
        if stamped
            && let Some((_, _, last)) = &slot.feed
            && at < *last
        {
            return Err(Error::Invalid(format!(
                "充电位 {} 的这条上报比上一条旧，已忽略 (report older than the slot's last report {}: ignored)",
                slot.label,
                ts(*last)
            )));
        }
        let sim_fault: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM slot_fault
             WHERE slot_id = ?1 AND simulated = 1 AND repaired_at IS NULL)",
            [slot.id],
            |r| r.get(0),
        )?;
        let mut was_fault = matches!(slot.feed, Some((FeedState::Fault, _, _)));
        let mut session = slot.session.clone();
        if simulated {
            let real_session = session.as_ref().is_some_and(|s| !s.simulated);
            let real_fault = was_fault && !sim_fault;
            if real_session || real_fault || slot.fault.is_some() || slot.locked {
                return Err(Error::Invalid(format!(
                    "充电位 {} 有人在用或有故障，模拟上报不碰它 (slot in real use: simulated report refused)",
                    slot.label
                )));
            }
        } else {
            if let Some(s) = session.take_if(|s| s.simulated) {
                tx.execute("DELETE FROM charging_session WHERE id = ?1", [s.id])?;
            }
            if sim_fault {
                tx.execute(
                    "DELETE FROM slot_fault WHERE slot_id = ?1 AND simulated = 1",
                    [slot.id],
                )?;
                was_fault = false;
            }
        }
        match (state, &session) {
            (FeedState::Free, Some(s)) if s.simulated => {
                tx.execute("DELETE FROM charging_session WHERE id = ?1", [s.id])?;
            }
            (FeedState::Free, Some(s)) => end_session(&tx, &slot.label, s.id, at, EndedBy::Feed)?,
            (FeedState::Charging | FeedState::Full, None) => {
                tx.execute(
                    "INSERT INTO charging_session (slot_id, started_at, source, simulated)
                     VALUES (?1, ?2, 'feed', ?3)",
                    params![slot.id, ts(at), simulated],
                )?;
            }
            _ => {}
        }
        if state == FeedState::Fault && !was_fault {
            tx.execute(
                "INSERT INTO slot_fault (slot_id, at, note, source, simulated)
                 VALUES (?1, ?2, ?3, 'feed', ?4)",
                params![slot.id, ts(at), note, simulated],
            )?;
        }
        if state != FeedState::Fault && was_fault {
            if simulated {
                // A pretend fault never enters the fault history.
                tx.execute(
                    "DELETE FROM slot_fault WHERE slot_id = ?1 AND simulated = 1",
                    [slot.id],
                )?;
            } else {
                tx.execute(
                    "UPDATE slot_fault SET repaired_at = ?2
                     WHERE slot_id = ?1 AND source = 'feed' AND repaired_at IS NULL",
                    params![slot.id, ts(at)],
                )?;
            }
        }
        tx.execute(
            "UPDATE slot SET feed_state = ?2, feed_note = ?3, feed_at = ?4 WHERE id = ?1",
            // To the microsecond: two reports 0.8 s apart keep their order.
            params![
                slot.id,
                state.key(),
                note,
                at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Slots on which `slot simulate` has left an open session or a fault (a run
    /// that was cut short), in display order.
    pub fn simulated_slots(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.label FROM slot s
             WHERE EXISTS (SELECT 1 FROM charging_session c
                           WHERE c.slot_id = s.id AND c.ended_at IS NULL AND c.simulated = 1)
                OR EXISTS (SELECT 1 FROM slot_fault f WHERE f.slot_id = s.id AND f.simulated = 1)
             ORDER BY s.position, s.label",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(super::time::decoded(rows, "slots")?)
    }
}
