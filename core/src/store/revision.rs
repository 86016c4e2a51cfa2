//! Which parts of the store changed: one counter per topic, bumped by triggers on
//! every insert, update or delete from any connection (migration V3).

use super::{Result, Store};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Revisions {
    pub amenities: i64,
    pub notices: i64,
    /// Slots, their sessions and their fault history.
    pub slots: i64,
    pub wishes: i64,
    pub suggestions: i64,
    /// Books, their categories, loans and visitors' returns (migration V8).
    pub books: i64,
}

impl Store {
    /// The current counters; compare with earlier ones to see what changed.
    pub fn revisions(&self) -> Result<Revisions> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT topic, n FROM revision")?;
        let mut rows = stmt.query([])?;
        let mut r = Revisions::default();
        while let Some(row) = rows.next()? {
            let topic: String = row.get(0)?;
            let n: i64 = row.get(1)?;
            match topic.as_str() {
                "amenities" => r.amenities = n,
                "notices" => r.notices = n,
                "slots" => r.slots = n,
                "wishes" => r.wishes = n,
                "suggestions" => r.suggestions = n,
                "books" => r.books = n,
                _ => {}
            }
        }
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::testing::temp_store;
    use crate::store::{AmenityStatus, Connector, Store};
    use chrono::Utc;

    #[test]
    fn each_topic_moves_only_with_its_own_tables() {
        let (dir, mut store) = temp_store();
        let start = store.revisions().unwrap();
        // Another connection (the CLI) changes a slot: only `slots` moves.
        let cli = Store::open(&dir.path().join(crate::store::DB_FILE)).unwrap();
        cli.set_setting("unrelated", "x").unwrap();
        assert_eq!(store.revisions().unwrap(), start, "settings are no topic");
        drop(cli);
        store
            .add_slot("A1", Connector::UsbC, "", false, "test")
            .unwrap();
        let after_slot = store.revisions().unwrap();
        assert!(after_slot.slots > start.slots);
        assert_eq!(after_slot.notices, start.notices);
        assert_eq!(after_slot.amenities, start.amenities);
        store
            .claim_slot("A1", Utc::now(), chrono::Duration::hours(3))
            .unwrap();
        assert!(store.revisions().unwrap().slots > after_slot.slots);
        let key = store.amenities().unwrap()[0].key.clone();
        store
            .set_amenity_status(&key, AmenityStatus::Cleaning, "", "test")
            .unwrap();
        let after_amenity = store.revisions().unwrap();
        assert!(after_amenity.amenities > after_slot.amenities);
        assert_eq!(after_amenity.notices, start.notices);
    }
}
