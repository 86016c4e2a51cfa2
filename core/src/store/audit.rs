//! The audit log of staff actions and the usage-event log (which screen was opened
//! when), which later statistics read.

use super::{Result, Store, parse_ts, ts};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageCount {
    pub screen: String,
    pub count: i64,
}

/// Writes one audit row inside the caller's transaction, so the change and its record
/// commit together.
pub(crate) fn log(conn: &Connection, actor: &str, action: &str, detail: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, detail) VALUES (?1, ?2, ?3, ?4)",
        params![ts(Utc::now()), actor, action, detail],
    )?;
    Ok(())
}

impl Store {
    /// Records a staff action that changes nothing else (login, exit).
    pub fn audit(&self, actor: &str, action: &str, detail: &str) -> Result<()> {
        log(self.conn(), actor, action, detail)
    }

    /// The newest `limit` audit entries, newest first.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(AuditEntry {
                at: parse_ts(&r.get::<_, String>(0)?)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok(super::time::decoded(rows, "audit log")?)
    }

    pub fn log_usage(&self, screen: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn().execute(
            "INSERT INTO usage_event (at, screen) VALUES (?1, ?2)",
            params![ts(at), screen],
        )?;
        Ok(())
    }

    /// How often each screen was opened in `[from, until)`, most used first.
    pub fn usage_counts(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<UsageCount>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT screen, count(*) FROM usage_event WHERE at >= ?1 AND at < ?2
             GROUP BY screen ORDER BY count(*) DESC, screen",
        )?;
        let rows = stmt.query_map(params![ts(from), ts(until)], |r| {
            Ok(UsageCount {
                screen: r.get(0)?,
                count: r.get(1)?,
            })
        })?;
        Ok(super::time::decoded(rows, "audit log")?)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::testing::temp_store;
    use chrono::{Duration, Utc};

    #[test]
    fn usage_counts_in_range() {
        let (_dir, store) = temp_store();
        let now = Utc::now();
        store.log_usage("notices", now).unwrap();
        store.log_usage("notices", now).unwrap();
        store.log_usage("home", now).unwrap();
        store.log_usage("home", now - Duration::days(3)).unwrap();
        let counts = store
            .usage_counts(now - Duration::hours(1), now + Duration::hours(1))
            .unwrap();
        assert_eq!(counts[0].screen, "notices");
        assert_eq!(counts[0].count, 2);
        assert_eq!(counts[1].count, 1);
    }
}
