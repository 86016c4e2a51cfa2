//! What the monthly report counts that nothing else keeps (migration V12): visits — the
//! first touch after the kiosk was idle, a *screen session*, not a person — counted per
//! hour, and the history of amenity status changes (a trigger writes it).

use super::amenity::AmenityStatus;
use super::{Result, Store, parse_ts, ts};
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use rusqlite::params;

/// One change of an amenity's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmenityChange {
    /// The amenity's key (`water`, `microwave` …).
    pub amenity: String,
    pub status: AmenityStatus,
    pub at: DateTime<Utc>,
}

fn hour_of(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(TimeDelta::hours(1)).unwrap_or(at)
}

impl Store {
    /// Counts a visit at `at` (in its hour).
    pub fn count_visit(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.conn().execute(
            "INSERT INTO visit (hour, n) VALUES (?1, 1)
             ON CONFLICT (hour) DO UPDATE SET n = n + 1",
            [ts(hour_of(at))],
        )?;
        Ok(())
    }

    /// Visits per hour (the hour's start, UTC) for the hours in `[from, until)`, in order;
    /// hours without a visit are left out.
    pub fn visits_between(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, i64)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT hour, n FROM visit WHERE hour >= ?1 AND hour < ?2 ORDER BY hour",
        )?;
        let rows = stmt.query_map(params![ts(hour_of(from)), ts(until)], |r| {
            Ok((parse_ts(&r.get::<_, String>(0)?)?, r.get(1)?))
        })?;
        Ok(super::time::decoded(rows, "visits")?)
    }

    /// Every change of an amenity's status in `[from, until)`, oldest first. (What it was
    /// before `from` is the last change before it: ask from further back.)
    pub fn amenity_changes_between(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<AmenityChange>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT amenity, status, at FROM amenity_change
             WHERE at >= ?1 AND at < ?2 ORDER BY at, id",
        )?;
        let rows = stmt.query_map(params![ts(from), ts(until)], |r| {
            let status: String = r.get(1)?;
            Ok((
                r.get::<_, String>(0)?,
                status,
                parse_ts(&r.get::<_, String>(2)?)?,
            ))
        })?;
        let rows: Vec<(String, String, DateTime<Utc>)> =
            super::time::decoded(rows, "amenity changes")?;
        Ok(rows
            .into_iter()
            .filter_map(|(amenity, status, at)| {
                Some(AmenityChange {
                    amenity,
                    status: AmenityStatus::parse(&status)?,
                    at,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::temp_store;

    #[test]
    fn visits_are_counted_per_hour() {
        let (_dir, mut store) = temp_store();
        let t = |h: u32, m: u32| {
            chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 30, h, m, 0).unwrap()
        };
        for at in [t(8, 0), t(8, 59), t(9, 1), t(9, 30), t(9, 31), t(23, 59)] {
            store.count_visit(at).unwrap();
        }
        assert_eq!(
            store.visits_between(t(8, 30), t(23, 0)).unwrap(),
            vec![(t(8, 0), 2), (t(9, 0), 3)],
            "the hour a `from` falls in counts whole"
        );
        let all: i64 = store
            .visits_between(t(0, 0), t(23, 59) + TimeDelta::minutes(1))
            .unwrap()
            .iter()
            .map(|(_, n)| n)
            .sum();
        assert_eq!(all, 6);
    }

    #[test]
    fn every_status_change_of_an_amenity_is_kept_with_its_time() {
        let (_dir, mut store) = temp_store();
        let from = Utc::now() - TimeDelta::minutes(1);
        store
            .set_amenity_status("微波炉热饭", AmenityStatus::Repair, "门坏了", "staff")
            .unwrap();
        // The note changing alone is not a status change.
        store
            .set_amenity_status("微波炉热饭", AmenityStatus::Repair, "等配件", "staff")
            .unwrap();
        store
            .set_amenity_status("microwave", AmenityStatus::Ok, "", "staff")
            .unwrap();
        let changes = store
            .amenity_changes_between(from, Utc::now() + TimeDelta::minutes(1))
            .unwrap();
        let seen: Vec<(&str, AmenityStatus)> = changes
            .iter()
            .map(|c| (c.amenity.as_str(), c.status))
            .collect();
        assert_eq!(
            seen,
            [
                ("microwave", AmenityStatus::Repair),
                ("microwave", AmenityStatus::Ok)
            ]
        );
        assert!(changes[0].at <= changes[1].at);
    }
}
