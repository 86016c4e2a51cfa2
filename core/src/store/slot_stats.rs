//! Charging figures: the sessions of a period, the median session, and slots that keep
//! failing.

use super::slot_types::EndedBy;
use super::{Result, Store, parse_ts, ts};
use chrono::{DateTime, Duration, Utc};
use rusqlite::params;
use serde::Serialize;

/// One session in the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRecord {
    pub slot: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub ended_by: Option<EndedBy>,
}

impl Store {
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
}
