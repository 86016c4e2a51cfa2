//! Charging slots (充电口 / 电瓶位): claim with a 4-digit release code, release with the
//! code, five wrong codes lock the slot for staff, staff force-release and mark faults,
//! and a hardware feed whose word wins for the slots it reports.

use super::{Error, Result, Store, audit, parse_ts, ts};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

/// Wrong release codes before a slot locks for staff.
/// Wrong release codes allowed before the next try has to wait.
pub const SLOT_CODE_TRIES: u32 = 3;

/// How long the next try waits after `wrong` wrong codes in a row: 30 s after the third,
/// 2 min after the fourth, 10 min from the fifth on. A stranger can delay the owner, never
/// lock the phone in.
pub fn code_wait(wrong: u32) -> Option<Duration> {
    match wrong {
        w if w < SLOT_CODE_TRIES => None,
        w if w == SLOT_CODE_TRIES => Some(Duration::seconds(30)),
        w if w == SLOT_CODE_TRIES + 1 => Some(Duration::minutes(2)),
        _ => Some(Duration::minutes(10)),
    }
}

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

    fn parse(text: &str) -> Option<FeedState> {
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
    /// After too many wrong codes, the next try waits until then.
    pub code_wait_until: Option<DateTime<Utc>>,
    pub feed: Option<(FeedState, String, DateTime<Utc>)>,
    pub session: Option<OpenSession>,
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
        until: DateTime<Utc>,
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
    fn key(self) -> &'static str {
        match self {
            EndedBy::Released => "released",
            EndedBy::ForceReleased => "force_released",
            EndedBy::Feed => "feed",
            EndedBy::Expired => "expired",
        }
    }

    fn parse(text: &str) -> EndedBy {
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

/// One session in the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRecord {
    pub slot: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub ended_by: Option<EndedBy>,
}

/// New or changed slot fields.
#[derive(Debug, Clone, Default)]
pub struct SlotChange {
    pub label: Option<String>,
    pub connector: Option<Connector>,
    pub note: Option<String>,
    pub fed: Option<bool>,
}

const SLOT_COLUMNS: &str = "s.id, s.label, s.connector, s.note, s.fed, s.fault_note, \
     s.wrong_codes, s.locked, s.feed_state, s.feed_note, s.feed_at, \
     c.id, c.started_at, c.code, c.simulated, s.code_wait_until";

fn slot_from_row(r: &Row<'_>) -> rusqlite::Result<Slot> {
    let connector: String = r.get(2)?;
    let feed = match (
        r.get::<_, Option<String>>(8)?,
        r.get::<_, Option<String>>(10)?,
    ) {
        (Some(state), Some(at)) => match FeedState::parse(&state) {
            Some(state) => Some((state, r.get::<_, String>(9)?, parse_ts(&at)?)),
            None => None,
        },
        _ => None,
    };
    let session = match r.get::<_, Option<i64>>(11)? {
        Some(id) => Some(OpenSession {
            id,
            started_at: parse_ts(&r.get::<_, String>(12)?)?,
            code: r.get(13)?,
            simulated: r.get(14)?,
        }),
        None => None,
    };
    Ok(Slot {
        id: r.get(0)?,
        label: r.get(1)?,
        connector: Connector::parse(&connector).unwrap_or(Connector::UsbC),
        note: r.get(3)?,
        fed: r.get(4)?,
        fault: r.get(5)?,
        wrong_codes: r.get(6)?,
        locked: r.get(7)?,
        code_wait_until: r
            .get::<_, Option<String>>(15)?
            .as_deref()
            .map(parse_ts)
            .transpose()?,
        feed,
        session,
    })
}

fn validate_label(label: &str) -> Result<String> {
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
fn slot_in(conn: &Connection, label: &str) -> Result<Slot> {
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
    .ok_or_else(|| Error::NotFound(format!("充电位 {label}")))
}

/// Whether a slot other than `except` already has this label.
fn label_taken(conn: &Connection, label: &str, except: Option<i64>) -> Result<bool> {
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
        Ok(super::time::decoded(rows, "slots")?)
    }

    pub fn slot(&self, label: &str) -> Result<Slot> {
        slot_in(self.conn(), label)
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
        let tx = self.write()?;
        if label_taken(&tx, &label, None)? {
            return Err(Error::Invalid(format!(
                "充电位 {label} 已经有了 (slot exists)"
            )));
        }
        tx.execute(
            "INSERT INTO slot (label, connector, note, fed, position)
             VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM slot))",
            params![label, connector.key(), note.trim(), fed],
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
                change.note.as_deref().map(str::trim).unwrap_or(&slot.note),
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
            "UPDATE slot SET wrong_codes = 0, code_wait_until = NULL WHERE id = ?1",
            [slot.id],
        )?;
        tx.commit()?;
        Ok(code)
    }

    /// Ends a session with its release code. From the third wrong code in a row the next
    /// try waits (see [`code_wait`]); staff are told through the audit log.
    pub fn release_slot(&mut self, label: &str, code: &str, now: DateTime<Utc>) -> Result<Release> {
        let tx = self.write()?;
        let slot = slot_in(&tx, label)?;
        if slot.locked {
            return Ok(Release::Locked);
        }
        let Some(session) = slot.session else {
            return Err(Error::Invalid(format!(
                "充电位 {} 没有在充电 (slot is free)",
                slot.label
            )));
        };
        if let Some(until) = slot.code_wait_until
            && until > now
        {
            return Ok(Release::Wait { until });
        }
        let outcome = if session.code.as_deref() == Some(code.trim()) {
            end_session(&tx, &slot.label, session.id, now, EndedBy::Released)?;
            tx.execute(
                "UPDATE slot SET wrong_codes = 0, code_wait_until = NULL WHERE id = ?1",
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
                    let until = now + wait;
                    tx.execute(
                        "UPDATE slot SET code_wait_until = ?2 WHERE id = ?1",
                        params![slot.id, ts(until)],
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
            "UPDATE slot SET wrong_codes = 0, locked = 0, code_wait_until = NULL WHERE id = ?1",
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
        let note = note.trim();
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
            "UPDATE slot SET fault_note = NULL, wrong_codes = 0, locked = 0, code_wait_until = NULL
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
        super::time::check(at, "上报时间").map_err(Error::Invalid)?;
        let tx = self.write()?;
        let slot = slot_in(&tx, label)?;
        if !slot.fed {
            return Err(Error::Invalid(format!(
                "充电位 {} 没有接入硬件上报 (slot is not fed)",
                slot.label
            )));
        }
        // Reports may arrive out of order (several feeders, a retry): an older one
        // than what the slot last heard is refused, never applied over it.
        if let Some((_, _, last)) = &slot.feed
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
            params![slot.id, state.key(), note, ts(at)],
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

    /// Sessions that started in `[from, until)`, oldest first. Simulated sessions
    /// (`slot simulate`) are not history and are left out.
    pub fn sessions_between(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<SessionRecord>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.label, c.started_at, c.ended_at, c.ended_by FROM charging_session c
             JOIN slot s ON s.id = c.slot_id
             WHERE c.started_at >= ?1 AND c.started_at < ?2 AND c.simulated = 0
             ORDER BY c.started_at, c.id",
        )?;
        let rows = stmt.query_map(params![ts(from), ts(until)], |r| {
            Ok(SessionRecord {
                slot: r.get(0)?,
                started_at: parse_ts(&r.get::<_, String>(1)?)?,
                ended_at: r
                    .get::<_, Option<String>>(2)?
                    .as_deref()
                    .map(parse_ts)
                    .transpose()?,
                ended_by: r
                    .get::<_, Option<String>>(3)?
                    .as_deref()
                    .map(EndedBy::parse),
            })
        })?;
        Ok(super::time::decoded(rows, "slots")?)
    }

    /// The median length of sessions that ended in the last 30 days, if there are at
    /// least `min_sessions` of them.
    pub fn median_session(
        &self,
        now: DateTime<Utc>,
        min_sessions: usize,
    ) -> Result<Option<Duration>> {
        let mut lengths: Vec<i64> = self
            .sessions_between(now - Duration::days(30), now)?
            .into_iter()
            .filter_map(|s| s.ended_at.map(|end| (end - s.started_at).num_seconds()))
            .filter(|&secs| secs > 0)
            .collect();
        if lengths.len() < min_sessions.max(1) {
            return Ok(None);
        }
        lengths.sort_unstable();
        Ok(Some(Duration::seconds(lengths[lengths.len() / 2])))
    }

    /// Slots with at least `min` faults reported since `since`: label and count.
    /// Simulated faults do not count.
    pub fn repeated_faults(&self, since: DateTime<Utc>, min: i64) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.label, count(*) FROM slot_fault f JOIN slot s ON s.id = f.slot_id
             WHERE f.at >= ?1 AND f.simulated = 0 GROUP BY s.id HAVING count(*) >= ?2
             ORDER BY count(*) DESC, s.label",
        )?;
        let rows = stmt.query_map(params![ts(since), min], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(super::time::decoded(rows, "slots")?)
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
fn end_session(
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
