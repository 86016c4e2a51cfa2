//! The station's own words: its name (at the top of home and attract mode) and the line
//! under it, set by staff on the kiosk (工作人员 › 本站信息) or with `relay-kiosk station
//! set`. Until staff set them, the kiosk shows `station_name` from `config.toml` and its
//! own line. Changes bump the notices' revision (migration V10), so the public screens
//! show them at once.

use super::text::{clean_optional, clean_text};
use super::{Result, Store, audit, ts};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

/// What the home header has room for, in elder mode on a 1280×800 panel.
pub const STATION_NAME_MAX_CHARS: usize = 20;
/// The line under the name.
pub const STATION_LINE_MAX_CHARS: usize = 30;

/// The station's name and the line under it, where staff set them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Station {
    pub name: Option<String>,
    /// `None`: the kiosk's own (24 小时开放 · 喝水 · 热饭 · 充电 · 歇脚).
    pub line: Option<String>,
}

impl Store {
    pub fn station(&self) -> Result<Station> {
        Ok(self
            .conn()
            .query_row("SELECT name, line FROM station WHERE id = 1", [], |r| {
                Ok(Station {
                    name: r.get(0)?,
                    line: r.get(1)?,
                })
            })
            .optional()?
            .unwrap_or_default())
    }

    /// Sets the name (required) and the line under it (blank: the kiosk's own); audited.
    pub fn set_station(
        &mut self,
        name: &str,
        line: &str,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<Station> {
        let name = clean_text(name, STATION_NAME_MAX_CHARS, "站名", "station name", false)?;
        let line = clean_optional(Some(line), STATION_LINE_MAX_CHARS, "介绍", "line")?;
        let tx = self.write()?;
        set_in(&tx, &name, line.as_deref(), now)?;
        audit::log(
            &tx,
            actor,
            "station.set",
            &format!("{name} · {}", line.as_deref().unwrap_or("（默认介绍）")),
        )?;
        tx.commit()?;
        Ok(Station {
            name: Some(name),
            line,
        })
    }
}

pub(super) fn set_in(
    conn: &rusqlite::Connection,
    name: &str,
    line: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO station (id, name, line, updated_at) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, line = excluded.line,
             updated_at = excluded.updated_at",
        params![name, line, ts(now)],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::testing::temp_store;
    use chrono::Utc;

    #[test]
    fn staff_set_the_name_and_line_and_bad_words_are_refused() {
        let (_dir, mut store) = temp_store();
        assert_eq!(store.station().unwrap(), Default::default());
        let before = store.revisions().unwrap().notices;
        let s = store
            .set_station(" 石门二路接力站 ", "", Utc::now(), "test")
            .unwrap();
        assert_eq!(s.name.as_deref(), Some("石门二路接力站"));
        assert_eq!(s.line, None, "blank: the kiosk's own line");
        assert_eq!(store.station().unwrap(), s);
        assert!(
            store.revisions().unwrap().notices > before,
            "screens see it"
        );
        store
            .set_station(
                "石门二路接力站",
                "早 7 点到晚 9 点 · 喝水 · 充电",
                Utc::now(),
                "test",
            )
            .unwrap();
        assert_eq!(
            store.station().unwrap().line.as_deref(),
            Some("早 7 点到晚 9 点 · 喝水 · 充电")
        );
        for (name, line) in [
            ("", ""),
            (&*"站".repeat(21), ""),
            ("接力站", &*"站".repeat(31)),
            ("接力\u{202E}站", ""),
            ("接力站", "一行\n两行"),
        ] {
            assert!(
                store.set_station(name, line, Utc::now(), "test").is_err(),
                "{name:?} {line:?}"
            );
        }
        assert_eq!(
            store.station().unwrap().name.as_deref(),
            Some("石门二路接力站"),
            "a refused change changes nothing"
        );
    }
}
