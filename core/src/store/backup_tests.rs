//! Backups: taken online and checked, private, rotated, put back.

use super::*;
use crate::store::recover::tests::{Damage, at, damage, poster, station};
use std::os::unix::fs::PermissionsExt;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn fake(taken: DateTime<Local>) -> BackupFile {
    BackupFile {
        path: PathBuf::from(file_name(taken)),
        taken,
        bytes: 1,
    }
}

#[test]
fn a_backup_is_a_checked_private_single_file_with_the_posters() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    station(d, "v1");
    std::fs::create_dir(d.join(COVERS_DIR)).unwrap();
    std::fs::write(d.join(COVERS_DIR).join("7.png"), b"cover").unwrap();
    let store = Store::open(&d.join(DB_FILE)).unwrap();
    let b = store.backup(at(30, 3)).unwrap();
    assert_eq!(b.name(), "relay-kiosk-20261130-030000.sqlite3");
    assert_eq!(b.path, d.join("backups").join(b.name()));
    assert_eq!(mode(&b.path), 0o600);
    assert_eq!(mode(&d.join("backups")), 0o700);
    assert!(verify(&b.path).is_ok());
    assert_eq!(list(d), vec![b.clone()]);
    assert_eq!(store.last_backup(), Some(at(30, 3)));
    // Nothing else is left in the folder: no -wal, -journal or partial copy.
    let names: Vec<_> = std::fs::read_dir(d.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(
        std::fs::read(d.join("backups/covers/7.png")).unwrap(),
        b"cover"
    );
    assert_eq!(mode(&d.join("backups/covers/7.png")), 0o600);
    // The copy has the data, posters included.
    let copy = Connection::open(&b.path).unwrap();
    let (marker, poster_bytes): (String, Vec<u8>) = copy
        .query_row(
            "SELECT (SELECT value FROM setting WHERE key = 'marker'), poster FROM notice",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(marker, "v1");
    assert_eq!(poster_bytes, poster());
    let journal: String = copy
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "delete");
}

#[test]
fn verify_names_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    station(d, "v1");
    let b = Store::open(&d.join(DB_FILE))
        .unwrap()
        .backup(at(30, 3))
        .unwrap();
    let good = std::fs::read(&b.path).unwrap();
    for how in [
        Damage::ZeroBytes,
        Damage::Truncated,
        Damage::BadHeader,
        Damage::TablePage,
    ] {
        std::fs::write(&b.path, &good).unwrap();
        damage(&b.path, how);
        assert!(verify(&b.path).is_err(), "{how:?}");
    }
    // A database, but not one of ours.
    let other = d.join("other.sqlite3");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let e = verify(&other).unwrap_err();
    assert!(e.to_string().contains("不是本终端"), "{e}");
    assert!(verify(d).is_err());
}

#[test]
fn rotation_keeps_seven_days_and_eight_weeks() {
    // 60 days of nightly copies up to Monday 30 November 2026, and a few taken at
    // start-up during the day.
    let mut files: Vec<BackupFile> = (0..60)
        .map(|n| fake(at(30, 3) - chrono::Duration::days(n)))
        .collect();
    files.push(fake(at(30, 14)));
    files.push(fake(at(27, 9)));
    let pruned = to_prune(&files);
    let mut kept: Vec<String> = files
        .iter()
        .filter(|f| !pruned.contains(f))
        .map(|f| f.taken.format("%m-%d %H").to_string())
        .collect();
    kept.sort();
    assert_eq!(
        kept,
        [
            // The newest of each of the last 8 ISO weeks (Monday to Sunday) …
            "10-18 03", "10-25 03", "11-01 03", "11-08 03", "11-15 03", "11-22 03",
            // … and of each of the last 7 days.
            "11-24 03", "11-25 03", "11-26 03", "11-27 09", "11-28 03", "11-29 03", "11-30 14",
        ]
    );
    assert_eq!(pruned.len(), files.len() - 13);
    // Few copies: all kept.
    assert!(to_prune(&files[..5]).is_empty());
}

#[test]
fn rotation_on_disk_leaves_other_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("backups")).unwrap();
    for n in 0..20 {
        let name = file_name(at(30, 3) - chrono::Duration::days(n));
        std::fs::write(d.join("backups").join(name), b"x").unwrap();
    }
    std::fs::write(d.join("backups/notes.txt"), b"mine").unwrap();
    assert_eq!(rotate(d), 20 - 9);
    assert_eq!(list(d).len(), 9);
    assert!(d.join("backups/notes.txt").exists());
}

#[test]
fn put_in_place_keeps_the_store_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    station(d, "old");
    let b = Store::open(&d.join(DB_FILE))
        .unwrap()
        .backup(at(29, 3))
        .unwrap();
    station(d, "new");
    std::fs::remove_dir_all(d.join("covers")).ok();
    std::fs::create_dir_all(d.join("backups/covers")).unwrap();
    std::fs::write(d.join("backups/covers/3.png"), b"c").unwrap();
    let kept = put_in_place(d, &b.path, "replaced", at(30, 9))
        .unwrap()
        .unwrap();
    assert_eq!(
        kept.file_name().unwrap(),
        "relay-kiosk.sqlite3.replaced-20261130-090000"
    );
    let store = Store::open(&d.join(DB_FILE)).unwrap();
    assert_eq!(store.setting("marker").unwrap().as_deref(), Some("old"));
    assert_eq!(
        Store::open(&kept)
            .unwrap()
            .setting("marker")
            .unwrap()
            .as_deref(),
        Some("new")
    );
    assert_eq!(mode(&d.join(DB_FILE)), 0o600);
    assert!(d.join("covers/3.png").exists());
    // A damaged backup is refused and the store stays as it is.
    damage(&b.path, Damage::BadHeader);
    drop(store);
    assert!(put_in_place(d, &b.path, "replaced", at(30, 10)).is_err());
    assert_eq!(
        Store::open(&d.join(DB_FILE))
            .unwrap()
            .setting("marker")
            .unwrap()
            .as_deref(),
        Some("old")
    );
    assert!(
        !d.join("relay-kiosk.sqlite3.replaced-20261130-100000")
            .exists()
    );
}

#[test]
fn the_nightly_backup_is_due_once_a_night_after_three() {
    // Started at 14:00: the start-up copy stands for today; next is tomorrow 03:00.
    let last = nightly_taken_at_start(at(29, 14));
    assert!(!nightly_due(at(29, 23), last));
    assert!(!nightly_due(at(30, 2), last));
    assert!(nightly_due(at(30, 3), last));
    let last = Some(at(30, 3).date_naive());
    assert!(!nightly_due(at(30, 4), last));
    // Started at 01:00: tonight's is still due at 03:00.
    let last = nightly_taken_at_start(at(30, 1));
    assert!(!nightly_due(at(30, 2), last));
    assert!(nightly_due(at(30, 3), last));
}

#[test]
fn a_backup_is_taken_while_another_connection_writes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    station(&d, "v1");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (d, stop) = (d.clone(), stop.clone());
        std::thread::spawn(move || {
            let store = Store::open(&d.join(DB_FILE)).unwrap();
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                store.set_setting(&format!("k{n}"), "v").unwrap();
                n += 1;
            }
            n
        })
    };
    let store = Store::open(&d.join(DB_FILE)).unwrap();
    for i in 0..5 {
        let b = store
            .backup(at(30, 3) + chrono::Duration::seconds(i))
            .unwrap();
        assert!(verify(&b.path).is_ok());
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(
        writer.join().unwrap() > 0,
        "the writer was never blocked out"
    );
}

/// Issue 21 item 14: a file that cannot be a store — a 4 GB sparse file, a FIFO, a
/// photo — is refused before anything is copied, and the store stays as it was.
#[test]
fn a_file_that_cannot_be_a_store_is_refused_before_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    station(d, "kept");
    let sparse = d.join("big.sqlite3");
    let f = std::fs::File::create(&sparse).unwrap();
    f.set_len(4 << 30).unwrap();
    let photo = d.join("photo.sqlite3");
    std::fs::write(&photo, b"\x89PNG\r\n\x1a\n not a database").unwrap();
    let fifo = d.join("pipe.sqlite3");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for (src, says) in [
        (&sparse, "不像本站的数据库备份"),
        (&photo, "不是数据库备份文件"),
        (&fifo, "不是普通文件"),
    ] {
        let started = std::time::Instant::now();
        let e = put_in_place(d, src, "replaced", at(30, 9))
            .unwrap_err()
            .to_string();
        assert!(e.contains(says), "{}: {e}", src.display());
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }
    assert!(!d.join(format!("{DB_FILE}.restoring")).exists());
    let store = Store::open(&d.join(DB_FILE)).unwrap();
    assert_eq!(store.setting("marker").unwrap().as_deref(), Some("kept"));
}
