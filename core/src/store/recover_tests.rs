//! Damaged stores, each recovered from a backup or started empty with a note.

use super::*;
use crate::store::backup;
use chrono::TimeZone;

pub(crate) fn at(d: u32, h: u32) -> DateTime<Local> {
    Local.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
}

/// The ways a store file gets damaged.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Damage {
    ZeroBytes,
    Truncated,
    BadHeader,
    /// The root page of the `notice` table overwritten.
    TablePage,
}

pub(crate) const ALL: [Damage; 4] = [
    Damage::ZeroBytes,
    Damage::Truncated,
    Damage::BadHeader,
    Damage::TablePage,
];

/// Damages the (closed) store at `path`.
pub(crate) fn damage(path: &Path, how: Damage) {
    let mut bytes = std::fs::read(path).unwrap();
    match how {
        Damage::ZeroBytes => bytes.clear(),
        Damage::Truncated => bytes.truncate(bytes.len() / 2 + 100),
        Damage::BadHeader => bytes[..16].copy_from_slice(b"NOT A DATABASE!\0"),
        Damage::TablePage => {
            let conn = Connection::open(path).unwrap();
            let root: i64 = conn
                .query_row(
                    "SELECT rootpage FROM sqlite_master WHERE name = 'notice'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            drop(conn);
            bytes = std::fs::read(path).unwrap();
            let start = (root as usize - 1) * 4096;
            for b in &mut bytes[start..start + 4096] {
                *b = 0xA5;
            }
        }
    }
    std::fs::write(path, bytes).unwrap();
}

/// A small poster, as the store keeps it.
pub(crate) fn poster() -> Vec<u8> {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(8, 8, image::Rgb([200, 40, 40]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    crate::store::prepare_poster(&png).unwrap()
}

/// A station with one notice and a marker setting, closed (its WAL folded in).
pub(crate) fn station(dir: &Path, marker: &str) {
    let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
    store.set_setting("marker", marker).unwrap();
    if store.notices().unwrap().is_empty() {
        let notice = crate::store::NewNotice {
            title: "冬季手套发放".into(),
            body: "凭工作证领取".into(),
            category: crate::store::Category::Service,
            schedule: crate::store::Schedule::always_from(Utc::now() - chrono::Duration::days(1)),
            pinned: false,
            priority: 0,
            poster: Some(poster()),
        };
        store.add_notice(&notice, "test").unwrap();
    }
}

fn damaged_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".damaged-") && !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_missing_store_is_a_new_station_and_a_good_one_opens_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let opened = open_checked(dir.path(), at(30, 10)).unwrap();
    assert!(opened.recovery.is_none());
    assert_eq!(opened.store.setting("initialized").unwrap(), None);
    drop(opened);
    station(dir.path(), "v1");
    let opened = open_checked(dir.path(), at(30, 11)).unwrap();
    assert!(opened.recovery.is_none());
    assert_eq!(
        opened.store.setting("marker").unwrap().as_deref(),
        Some("v1")
    );
    assert!(damaged_files(dir.path()).is_empty());
}

#[test]
fn each_kind_of_damage_is_recovered_from_the_newest_good_backup() {
    for how in ALL {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        station(d, "backed up");
        Store::open(&d.join(DB_FILE))
            .unwrap()
            .backup(at(29, 3))
            .unwrap();
        station(d, "after the backup");
        damage(&d.join(DB_FILE), how);
        assert!(
            matches!(health(&d.join(DB_FILE)).unwrap(), Health::Damaged(_)),
            "{how:?}"
        );
        let opened = open_checked(d, at(30, 8)).unwrap();
        let r = opened.recovery.clone().expect("recovered");
        assert_eq!(r.from, Some(at(29, 3)), "{how:?}");
        assert_eq!(r.kept_as, "relay-kiosk.sqlite3.damaged-20261130-080000");
        let store = &opened.store;
        assert_eq!(
            store.setting("marker").unwrap().as_deref(),
            Some("backed up"),
            "{how:?}"
        );
        assert_eq!(store.notices().unwrap().len(), 1, "{how:?}");
        // The note waits for staff, and says from when the data is.
        let note = store.recovery_note().unwrap().unwrap();
        assert!(
            note.message().contains("2026-11-29 03:00"),
            "{}",
            note.message()
        );
        // The damaged store is kept, byte for byte; the backup is still there.
        assert_eq!(damaged_files(d)[0], r.kept_as, "{how:?}");
        assert_eq!(backup::list(d).len(), 1);
        assert_eq!(health(&d.join(DB_FILE)).unwrap(), Health::Good);
    }
}

#[test]
fn with_no_good_backup_an_empty_station_starts_with_the_note() {
    for how in ALL {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        station(d, "lost");
        // A backup that is itself damaged does not count.
        Store::open(&d.join(DB_FILE))
            .unwrap()
            .backup(at(29, 3))
            .unwrap();
        damage(&backup::list(d)[0].path, Damage::BadHeader);
        damage(&d.join(DB_FILE), how);
        let mut opened = open_checked(d, at(30, 8)).unwrap();
        let r = opened.recovery.clone().expect("recovered");
        assert_eq!(r.from, None);
        assert!(r.message().contains("空的站点"), "{}", r.message());
        let store = &mut opened.store;
        assert_eq!(store.setting("marker").unwrap(), None);
        assert!(store.notices().unwrap().is_empty());
        // Not a first start: the demo must not load over it.
        assert!(store.setting("initialized").unwrap().is_some(), "{how:?}");
        assert_eq!(store.recovery_note().unwrap(), Some(r.clone()));
        assert_eq!(damaged_files(d).len(), 1, "{how:?}");
        // Staff dismiss it; it stays dismissed.
        store.dismiss_recovery_note("test").unwrap();
        drop(opened);
        let again = open_checked(d, at(30, 9)).unwrap();
        assert!(again.recovery.is_none());
        assert_eq!(again.store.recovery_note().unwrap(), None);
        let audit = again.store.audit_log(5).unwrap();
        assert!(audit.iter().any(|a| a.action == "store.recovered"));
        assert!(audit.iter().any(|a| a.action == "store.recovery_seen"));
    }
}

#[test]
fn the_wal_and_shm_go_aside_with_the_damaged_store() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    station(d, "x");
    std::fs::write(d.join(format!("{DB_FILE}-wal")), b"junk").unwrap();
    std::fs::write(d.join(DB_FILE), b"").unwrap();
    let opened = open_checked(d, at(30, 8)).unwrap();
    let kept = opened.recovery.unwrap().kept_as;
    assert!(d.join(format!("{kept}-wal")).exists());
    assert_eq!(std::fs::read(d.join(&kept)).unwrap(), b"");
}

#[test]
fn a_store_in_use_elsewhere_is_not_swapped_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    station(d, "x");
    let kiosk = open_checked(d, at(30, 8)).unwrap();
    damage(&d.join(DB_FILE), Damage::BadHeader);
    let e = open_with_wait(d, at(30, 9), Duration::from_millis(200)).unwrap_err();
    assert!(e.to_string().contains("重启终端"), "{e}");
    assert!(damaged_files(d).is_empty());
    // Once the kiosk has gone, the next start recovers.
    drop(kiosk);
    assert!(open_checked(d, at(30, 10)).unwrap().recovery.is_some());
}

/// #21 item 11: a damaged write-ahead log (last frame flipped, header scrambled, cut
/// short) lost 1–3 of 3 acknowledged notices with no word. Every commit is checkpointed
/// now, so none is lost; a log SQLite would drop frames of is reported and kept aside.
#[test]
fn a_damaged_write_ahead_log_loses_no_acknowledged_notice_and_is_reported() {
    let titles = ["寒潮预警", "夏日送清凉", "免费体检"];
    for how in ["flip the last frame", "scramble the header", "cut it short"] {
        let live = tempfile::tempdir().unwrap();
        let mut store = Store::open(&live.path().join(DB_FILE)).unwrap();
        for title in titles {
            let notice = crate::store::NewNotice {
                title: title.into(),
                body: "测试".into(),
                category: crate::store::Category::Service,
                schedule: crate::store::Schedule::always_from(
                    Utc::now() - chrono::Duration::days(1),
                ),
                pinned: false,
                priority: 0,
                poster: None,
            };
            store.add_notice(&notice, "test").unwrap();
        }
        // The files as kill -9 leaves them: the store still open.
        let dead = tempfile::tempdir().unwrap();
        for name in [DB_FILE.to_string(), format!("{DB_FILE}-wal")] {
            std::fs::copy(live.path().join(&name), dead.path().join(&name)).unwrap();
        }
        drop(store);
        let wal = dead.path().join(format!("{DB_FILE}-wal"));
        let mut bytes = std::fs::read(&wal).unwrap();
        assert!(bytes.len() > 32, "{how}: a log to damage");
        match how {
            "flip the last frame" => {
                let at = bytes.len() - 10;
                bytes[at] ^= 0xff;
            }
            "scramble the header" => bytes[16..24].copy_from_slice(b"scramble"),
            _ => bytes.truncate(bytes.len() / 2),
        }
        std::fs::write(&wal, &bytes).unwrap();
        let opened = open_checked(dead.path(), at(30, 9)).unwrap();
        let mut found: Vec<String> = opened
            .store
            .notices()
            .unwrap()
            .into_iter()
            .map(|n| n.title)
            .collect();
        found.sort();
        let mut want: Vec<String> = titles.iter().map(|t| t.to_string()).collect();
        want.sort();
        assert_eq!(found, want, "{how}: every acknowledged notice is there");
        if how == "scramble the header" {
            let r = opened.recovery.expect("the damage is reported");
            assert!(r.wal);
            assert!(r.message().contains("日志文件"), "{}", r.message());
            assert!(dead.path().join(&r.kept_as).exists(), "{}", r.kept_as);
            assert_eq!(opened.store.recovery_note().unwrap(), Some(r));
        }
    }
}
