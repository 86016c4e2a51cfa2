//! Amenity outages for the monthly report: from the status changes the store keeps
//! (`amenity_change`, migration V12), the times an amenity was 缺货, 维修中 or 暂停使用
//! and for how long. 清洁中 is routine, not an outage.
//!
//! Before V12 only the current status was kept: an amenity with no recorded change is
//! taken to have had its current status since it was last set (`updated_at`), and one
//! whose first recorded change comes later is taken to have been 正常 before it.

use super::amenity::AmenityStatus;
use super::{Result, parse_ts, ts};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

/// One amenity in one unavailable status during the span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outage {
    /// Its name on the kiosk (直饮水, 微波炉热饭 …).
    pub amenity: String,
    /// 缺货 / 维修中 / 暂停使用.
    pub status: String,
    /// How many separate times it was so in the span.
    pub times: i64,
    /// How long in all, within the span.
    pub hours: f64,
}

fn is_outage(status: AmenityStatus) -> bool {
    matches!(
        status,
        AmenityStatus::OutOfStock | AmenityStatus::Repair | AmenityStatus::Paused
    )
}

/// The outage intervals within `[from, end)` of one amenity whose status changed at the
/// given times (oldest first), each as `(status, start, stop)`.
pub(super) fn intervals(
    changes: &[(DateTime<Utc>, AmenityStatus)],
    from: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Vec<(AmenityStatus, DateTime<Utc>, DateTime<Utc>)> {
    let mut out = Vec::new();
    let mut status = AmenityStatus::Ok;
    let mut since = from;
    let close = |out: &mut Vec<_>, status, since: DateTime<Utc>, at: DateTime<Utc>| {
        let (start, stop) = (since.max(from), at.min(end));
        if is_outage(status) && stop > start {
            out.push((status, start, stop));
        }
    };
    for &(at, next) in changes.iter().filter(|(at, _)| *at < end) {
        if next == status {
            continue;
        }
        close(&mut out, status, since, at);
        status = next;
        since = at;
    }
    close(&mut out, status, since, end);
    out
}

/// Every outage of every amenity in `[from, end)`, in the amenities' order.
pub(super) fn outages(
    conn: &Connection,
    from: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<Outage>> {
    let mut amenities = conn.prepare_cached(
        "SELECT key, name_zh, status, updated_at,
                EXISTS (SELECT 1 FROM amenity_change c WHERE c.amenity = a.key)
         FROM amenity a ORDER BY position, key",
    )?;
    let amenities = amenities
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut changes = conn.prepare_cached(
        "SELECT status, at FROM amenity_change WHERE amenity = ?1 AND at < ?2 ORDER BY at, id",
    )?;
    let mut out = Vec::new();
    for (key, name, status, updated_at, recorded) in amenities {
        let timeline: Vec<(DateTime<Utc>, AmenityStatus)> = if recorded {
            let rows = changes.query_map(rusqlite::params![key, ts(end)], |r| {
                Ok((r.get::<_, String>(0)?, parse_ts(&r.get::<_, String>(1)?)?))
            })?;
            super::time::decoded(rows, "amenity changes")?
                .into_iter()
                .filter_map(|(s, at)| Some((at, AmenityStatus::parse(&s)?)))
                .collect()
        } else {
            // No history yet: the current status since it was set.
            match (
                AmenityStatus::parse(&status),
                super::time::stored(&updated_at),
            ) {
                (Some(s), Some(at)) => vec![(at, s)],
                _ => Vec::new(),
            }
        };
        for (status, start, stop) in intervals(&timeline, from, end) {
            let hours = (stop - start).num_seconds() as f64 / 3600.0;
            match out
                .iter_mut()
                .find(|o: &&mut Outage| o.amenity == name && o.status == status.zh())
            {
                Some(o) => {
                    o.times += 1;
                    o.hours += hours;
                }
                None => out.push(Outage {
                    amenity: name.clone(),
                    status: status.zh().to_string(),
                    times: 1,
                    hours,
                }),
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn outages_are_clipped_to_the_span_and_cleaning_is_not_one() {
        use AmenityStatus::*;
        let changes = [
            (t(1, 0) - chrono::Duration::days(2), Repair), // began before the span
            (t(2, 0), Ok),
            (t(5, 8), Cleaning),
            (t(5, 9), OutOfStock),
            (t(5, 9), OutOfStock), // the same again: one outage
            (t(5, 12), Ok),
            (t(29, 0), Paused), // still paused at the end
        ];
        let got = intervals(&changes, t(1, 0), t(30, 0));
        assert_eq!(
            got,
            vec![
                (Repair, t(1, 0), t(2, 0)),
                (OutOfStock, t(5, 9), t(5, 12)),
                (Paused, t(29, 0), t(30, 0)),
            ]
        );
        assert!(intervals(&changes, t(3, 0), t(5, 0)).is_empty());
    }
}
