//! Amenities (服务设施): the station's fixed facilities and their status in words.

use super::text::clean_note;
use super::{Error, Result, Store, audit, ts};

/// An amenity's note, under its status on the home card (冷饮已领完，下午补货): two short
/// lines of the card at most.
pub const AMENITY_NOTE_MAX_CHARS: usize = 16;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmenityStatus {
    Ok,
    Paused,
    OutOfStock,
    Cleaning,
    Repair,
}

impl AmenityStatus {
    pub const ALL: [AmenityStatus; 5] = [
        AmenityStatus::Ok,
        AmenityStatus::Paused,
        AmenityStatus::OutOfStock,
        AmenityStatus::Cleaning,
        AmenityStatus::Repair,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AmenityStatus::Ok => "ok",
            AmenityStatus::Paused => "paused",
            AmenityStatus::OutOfStock => "out_of_stock",
            AmenityStatus::Cleaning => "cleaning",
            AmenityStatus::Repair => "repair",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            AmenityStatus::Ok => "正常",
            AmenityStatus::Paused => "暂停使用",
            AmenityStatus::OutOfStock => "缺货",
            AmenityStatus::Cleaning => "清洁中",
            AmenityStatus::Repair => "维修中",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            AmenityStatus::Ok => "OK",
            AmenityStatus::Paused => "Paused",
            AmenityStatus::OutOfStock => "Out of stock",
            AmenityStatus::Cleaning => "Cleaning",
            AmenityStatus::Repair => "Under repair",
        }
    }

    pub fn is_ok(self) -> bool {
        self == AmenityStatus::Ok
    }

    /// Accepts the key (`paused`, `out-of-stock`) or the Chinese word (`暂停使用`).
    pub fn parse(text: &str) -> Option<AmenityStatus> {
        let text = text.trim().replace('-', "_");
        AmenityStatus::ALL
            .into_iter()
            .find(|s| s.key().eq_ignore_ascii_case(&text) || s.zh() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amenity {
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub status: AmenityStatus,
    pub note: String,
    /// When its status was last set; `None` if the stored time cannot be read (logged
    /// once; the amenity is still shown, and the next status set writes a good time).
    pub updated_at: Option<DateTime<Utc>>,
}

/// What the first migration wrote for an amenity whose status was never set.
const NEVER_SET: &str = "1970-01-01T00:00:00Z";

fn amenities_in(conn: &Connection) -> Result<Vec<Amenity>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, name_zh, name_en, status, note, updated_at FROM amenity ORDER BY position",
    )?;
    let rows = stmt.query_map([], |r| {
        let status: String = r.get(3)?;
        let key: String = r.get(0)?;
        // 1970-01-01 is the first migration's "never set", not damage.
        let updated_at = super::time::column_text(r, 5)?
            .filter(|text| text != NEVER_SET)
            .and_then(|text| {
                super::time::stored_or_log(&text, || format!("amenity {key} updated_at"))
            });
        Ok(Amenity {
            key,
            name_zh: r.get(1)?,
            name_en: r.get(2)?,
            status: AmenityStatus::parse(&status).unwrap_or(AmenityStatus::Paused),
            note: r.get(4)?,
            updated_at,
        })
    })?;
    Ok(super::time::decoded(rows, "amenities")?)
}

/// Finds an amenity's key on `conn` (the store's connection, or a write transaction).
pub(super) fn amenity_key_in(conn: &Connection, name: &str) -> Result<String> {
    let name = name.trim();
    conn.query_row(
        "SELECT key FROM amenity WHERE key = lower(?1) OR name_zh = ?1",
        [name],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        let known = amenities_in(conn)
            .map(|all| {
                all.iter()
                    .map(|a| format!("{} ({})", a.key, a.name_zh))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        Error::Invalid(format!(
            "没有叫“{name}”的服务设施，可选：{known} (unknown amenity)"
        ))
    })
}

impl Store {
    pub fn amenities(&self) -> Result<Vec<Amenity>> {
        amenities_in(self.conn())
    }

    pub fn set_amenity_status(
        &mut self,
        name: &str,
        status: AmenityStatus,
        note: &str,
        actor: &str,
    ) -> Result<()> {
        let note = clean_note(note, AMENITY_NOTE_MAX_CHARS, "备注", "note")?;
        let tx = self.write()?;
        let key = amenity_key_in(&tx, name)?;
        tx.execute(
            "UPDATE amenity SET status = ?2, note = ?3, updated_at = ?4 WHERE key = ?1",
            params![key, status.key(), note, ts(Utc::now())],
        )?;
        audit::log(
            &tx,
            actor,
            "amenity.set",
            &format!("{key} {}", status.key()),
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::temp_store;

    #[test]
    fn set_by_key_or_chinese_name() {
        let (_dir, mut store) = temp_store();
        store
            .set_amenity_status("water", AmenityStatus::Paused, "换滤芯", "cli")
            .unwrap();
        store
            .set_amenity_status("应急药箱", AmenityStatus::OutOfStock, "", "cli")
            .unwrap();
        let all = store.amenities().unwrap();
        assert_eq!(all[0].name_zh, "直饮水");
        assert_eq!(all[0].status, AmenityStatus::Paused);
        assert_eq!(all[0].note, "换滤芯");
        assert_eq!(all[3].status, AmenityStatus::OutOfStock);
        let err = store
            .set_amenity_status("sauna", AmenityStatus::Ok, "", "cli")
            .unwrap_err();
        assert!(err.to_string().contains("water (直饮水)"), "{err}");
        assert_eq!(store.audit_log(5).unwrap().len(), 2);
    }

    #[test]
    fn status_words_parse_both_ways() {
        assert_eq!(
            AmenityStatus::parse("缺货"),
            Some(AmenityStatus::OutOfStock)
        );
        assert_eq!(
            AmenityStatus::parse("out-of-stock"),
            Some(AmenityStatus::OutOfStock)
        );
        assert_eq!(AmenityStatus::parse("PAUSED"), Some(AmenityStatus::Paused));
        assert_eq!(AmenityStatus::parse("broken"), None);
    }
}
