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
    /// with times that cannot be read: lists skip them, the rest shows.
    #[test]
    fn a_row_with_a_bad_time_is_skipped_not_fatal() {
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
            slots.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(),
            ["A1"]
        );
        let notices = store.notices().unwrap();
        assert_eq!(
            notices.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(),
            ["好的通知"]
        );
        assert_eq!(store.amenities().unwrap().len(), 5);
    }
}
