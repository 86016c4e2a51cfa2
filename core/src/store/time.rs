//! Times at the store's boundary: the window a stored time must fall in, and reading
//! lists so that one row that cannot be decoded is skipped (and logged), never fatal
//! to the whole list.

use chrono::{DateTime, TimeZone, Utc};

/// The earliest time the station accepts from any input (feed, CLI, import, editor).
pub fn earliest() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap()
}

/// The first time the station no longer accepts.
pub fn latest() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0).unwrap()
}

/// Whether `at` lies in 2000–2099 (UTC): anything else is a typo or a broken clock, and
/// a year outside 0–9999 cannot even be written back as RFC 3339.
pub fn in_window(at: DateTime<Utc>) -> bool {
    (earliest()..latest()).contains(&at)
}

/// `Err` with a user-facing sentence when `at` is outside [`in_window`].
pub fn check(at: DateTime<Utc>, what: &str) -> super::Result<()> {
    if in_window(at) {
        Ok(())
    } else {
        Err(super::Error::Invalid(format!(
            "{what}必须在 2000 年到 2099 年之间 (time out of range: {at})"
        )))
    }
}

/// A stored time as the screens may use it: `None` when it cannot be decoded or lies
/// outside [`in_window`] (`NaN`, a year 0 written with `sqlite3`). The caller shows the
/// row with 时间有误 rather than dropping it, and [`log_damage`] tells staff once.
pub(crate) fn stored(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.to_utc())
        .filter(|&t| in_window(t))
}

/// Logs a damaged stored time once per place and value (the board reads the store every
/// few seconds: a log line each time would bury everything else).
pub(crate) fn log_damage(place: &str, value: &str) {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static SEEN: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    let key = format!("{place}={value}");
    let first = SEEN
        .get_or_init(Default::default)
        .lock()
        .map(|mut seen| seen.len() < 10_000 && seen.insert(key))
        .unwrap_or(false);
    if first {
        tracing::error!(
            "{place}: the stored time {value:?} cannot be read (shown as 时间有误; staff can fix it on the kiosk or the CLI)"
        );
    }
}

/// Column `i` as text whatever type it holds (a time set to `NaN` with `sqlite3` may be
/// stored as a REAL): `None` for NULL.
pub(crate) fn column_text(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<String>> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Null => None,
        ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(x) => Some(x.to_string()),
        ValueRef::Blob(_) => Some("<blob>".to_string()),
    })
}

/// [`stored`], logging the damage once when it is damaged.
pub(crate) fn stored_or_log(text: &str, place: impl FnOnce() -> String) -> Option<DateTime<Utc>> {
    let at = stored(text);
    if at.is_none() {
        log_damage(&place(), text);
    }
    at
}

/// Collects rows, skipping (and logging) each one whose values cannot be decoded, such
/// as a time written by hand that is not RFC 3339. Other errors still fail the list.
pub(crate) fn decoded<T>(
    rows: impl Iterator<Item = rusqlite::Result<T>>,
    what: &str,
) -> rusqlite::Result<Vec<T>> {
    let mut out = Vec::new();
    for row in rows {
        match row {
            Ok(row) => out.push(row),
            Err(
                e @ (rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::IntegralValueOutOfRange(..)),
            ) => tracing::error!("{what}: a row that cannot be read was skipped: {e}"),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_2000_to_2099() {
        assert!(in_window(
            Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 0).unwrap()
        ));
        assert!(in_window(earliest()));
        assert!(!in_window(latest()));
        assert!(!in_window(
            Utc.with_ymd_and_hms(1999, 12, 31, 23, 59, 59).unwrap()
        ));
        let year_zero = DateTime::parse_from_rfc3339("0000-01-01T00:00:00+01:00").unwrap();
        assert!(check(year_zero.to_utc(), "上报时间").is_err());
        assert!(
            check(
                Utc.with_ymd_and_hms(10000, 1, 1, 0, 0, 0).unwrap(),
                "开始时间"
            )
            .is_err()
        );
    }

    use crate::store::testing::temp_store;
    use crate::store::{Category, Connector, FeedState, NewNotice, Schedule};
    use chrono::Duration;

    fn notice(title: &str, from: DateTime<Utc>) -> NewNotice {
        NewNotice {
            title: title.into(),
            body: String::new(),
            category: Category::Service,
            schedule: Schedule::always_from(from),
            pinned: false,
            priority: 0,
            poster: None,
        }
    }

    #[test]
    fn times_outside_the_window_are_refused_at_the_store() {
        let (_dir, mut store) = temp_store();
        let far = Utc.with_ymd_and_hms(10000, 1, 1, 0, 0, 0).unwrap();
        let err = store.add_notice(&notice("x", far), "test").unwrap_err();
        assert!(err.to_string().contains("2000"), "{err}");
        store
            .add_slot("B2", Connector::Battery, "", true, "test")
            .unwrap();
        let year_zero = DateTime::parse_from_rfc3339("0000-01-01T00:00:00+01:00")
            .unwrap()
            .to_utc();
        assert!(
            store
                .apply_feed("B2", FeedState::Charging, "", year_zero)
                .is_err()
        );
        assert!(store.notices().unwrap().is_empty());
        assert!(store.slot("B2").unwrap().feed.is_none());
    }

    #[test]
    fn an_older_report_than_the_last_is_refused() {
        let (_dir, mut store) = temp_store();
        store
            .add_slot("B1", Connector::Battery, "", true, "test")
            .unwrap();
        let now = Utc::now();
        store.apply_feed("B1", FeedState::Free, "", now).unwrap();
        let err = store
            .apply_feed("B1", FeedState::Charging, "", now - Duration::minutes(1))
            .unwrap_err();
        assert!(err.to_string().contains("older"), "{err}");
        assert_eq!(store.slot("B1").unwrap().feed.unwrap().0, FeedState::Free);
    }

    /// Rows written behind the store's back (by hand with SQL, or by an older build)
    /// with times that cannot be read: a notice is skipped (whether it is in force cannot
    /// be known), but a slot or an amenity is still shown, marked (issue 21 item 6).
    #[test]
    fn a_bad_time_skips_a_notice_but_hides_no_slot_or_amenity() {
        let (_dir, mut store) = temp_store();
        let now = Utc::now();
        for label in ["A1", "B2"] {
            store
                .add_slot(label, Connector::Battery, "", true, "test")
                .unwrap();
        }
        store
            .apply_feed("A1", FeedState::Charging, "", now - Duration::minutes(5))
            .unwrap();
        store
            .add_notices(
                &[
                    notice("好的通知", now - Duration::days(1)),
                    notice("坏的通知", now - Duration::days(1)),
                ],
                "test",
            )
            .unwrap();
        store
            .conn
            .execute_batch(
                "UPDATE slot SET feed_state = 'charging', feed_at = '-0001-12-31T23:00:00Z'
                 WHERE label = 'B2';
                 UPDATE notice SET starts_at = '+10000-01-01T00:00:00Z' WHERE title = '坏的通知';
                 UPDATE amenity SET updated_at = 'yesterday' WHERE key = 'water';",
            )
            .unwrap();
        let slots = store.slots().unwrap();
        assert_eq!(
            slots
                .iter()
                .map(|s| (s.label.as_str(), s.time_damaged))
                .collect::<Vec<_>>(),
            [("A1", false), ("B2", true)]
        );
        // The damaged report counts as older than any next one.
        store
            .apply_feed("B2", FeedState::Free, "", now - Duration::minutes(1))
            .unwrap();
        assert!(!store.slot("B2").unwrap().time_damaged);
        let notices = store.notices().unwrap();
        assert_eq!(
            notices.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(),
            ["好的通知"]
        );
        let amenities = store.amenities().unwrap();
        assert_eq!(amenities.len(), 6);
        assert_eq!(amenities[0].key, "water");
        assert_eq!(amenities[0].updated_at, None);
        assert_eq!(amenities[1].updated_at, None, "never set");
        store
            .set_amenity_status("water", crate::store::AmenityStatus::Ok, "", "test")
            .unwrap();
        assert!(store.amenities().unwrap()[0].updated_at.is_some());
    }

    /// Issue 21 item 6: `NaN` (text or REAL) and a year 0 in a session, a code wait or the
    /// staff lockout: the slot is shown (its phone can be released), 0 minutes rather
    /// than a million, no wait; the PIN check answers rather than failing.
    #[test]
    fn nan_and_year_zero_times_leave_slots_and_the_login_working() {
        let (_dir, mut store) = temp_store();
        let now = Utc::now();
        let limit = Duration::hours(3);
        for label in ["A1", "A2", "A3"] {
            store
                .add_slot(label, Connector::UsbC, "", false, "test")
                .unwrap();
        }
        let codes: Vec<String> = ["A1", "A2", "A3"]
            .iter()
            .map(|l| store.claim_slot(l, now, limit).unwrap())
            .collect();
        store.set_staff_pin("246813", "test").unwrap();
        store
            .conn
            .execute_batch(
                "UPDATE charging_session SET started_at = 'NaN'
                  WHERE slot_id = (SELECT id FROM slot WHERE label = 'A1');
                 UPDATE charging_session SET started_at = '0000-01-01T00:00:00Z'
                  WHERE slot_id = (SELECT id FROM slot WHERE label = 'A2');
                 UPDATE slot SET code_wait_until = CAST('NaN' AS REAL) WHERE label = 'A3';
                 UPDATE staff_lockout SET locked_until = 'NaN';",
            )
            .unwrap();
        let slots = store.slots().unwrap();
        assert_eq!(slots.len(), 3, "no slot vanishes");
        for s in &slots {
            assert!(s.time_damaged, "{}", s.label);
            let minutes = s.state(now, limit).since().map(|t| (now - t).num_minutes());
            assert!(minutes.is_some_and(|m| (0..=1).contains(&m)), "{minutes:?}");
            assert_eq!(s.code_wait, None);
        }
        // Each phone can still be released with its code.
        for (label, code) in ["A1", "A2", "A3"].iter().zip(&codes) {
            assert_eq!(
                store.release_slot(label, code, now).unwrap(),
                crate::store::Release::Released,
                "{label}"
            );
        }
        assert!(store.slots().unwrap().iter().all(|s| s.session.is_none()));
        assert_eq!(
            store.check_staff_pin("246813", now).unwrap(),
            crate::store::PinCheck::Accepted
        );
    }
}
