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
        seq: 0,
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
    // Nothing else is left in the folder: no -wal, -journal or partial copy (the lock
    // that keeps two backups from running at once stays).
    let names: Vec<_> = std::fs::read_dir(d.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".backup.lock")
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
            "11-24 03", "11-25 03", "11-26 03", "11-27 09", "11-28 03", "11-29 03",
            // … and the newest two, whatever their days.
            "11-30 03", "11-30 14",
        ]
    );
    assert_eq!(pruned.len(), files.len() - 14);
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

fn notice_titles(store: &Store) -> Vec<String> {
    let mut titles: Vec<String> = store
        .notices()
        .unwrap()
        .into_iter()
        .map(|n| n.title)
        .collect();
    titles.sort();
    titles
}

fn add_notice(store: &mut Store, title: &str) {
    let mut notice = crate::store::NewNotice {
        title: title.into(),
        body: String::new(),
        category: crate::store::Category::Service,
        schedule: crate::store::Schedule::always_from(
            chrono::Utc::now() - chrono::Duration::days(1),
        ),
        pinned: false,
        priority: 0,
        poster: None,
    };
    notice.body.push_str("测试");
    store.add_notice(&notice, "test").unwrap();
}

/// #21 item 8: with the clock a day ahead a backup was named for tomorrow; after the
/// clock came back, recovery took that older copy for the newest and lost a notice.
#[test]
fn backups_are_ordered_as_they_were_taken_not_by_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    station(d, "v1");
    {
        let mut store = Store::open(&d.join(DB_FILE)).unwrap();
        let ahead = store.backup(at(30, 3) + chrono::Duration::days(1)).unwrap();
        add_notice(&mut store, "寒潮预警");
        let back = store.backup(at(30, 4)).unwrap();
        assert!(back.seq > ahead.seq);
        assert_eq!(
            list(d)[0].path,
            back.path,
            "the copy taken last is the newest"
        );
        assert_eq!(newest_good(d).unwrap().path, back.path);
        assert_eq!(store.last_backup(), Some(at(30, 4)));
    }
    damage(&d.join(DB_FILE), Damage::BadHeader);
    let opened = crate::store::open_checked(d, at(30, 5)).unwrap();
    assert!(opened.recovery.is_some());
    assert!(notice_titles(&opened.store).contains(&"寒潮预警".to_string()));
}

/// #21 item 11: rotation kept one copy a day, so a damaged newest copy left nothing
/// from that day. The newest two are always kept, and recovery falls back to the older.
#[test]
fn two_copies_are_kept_and_a_damaged_newest_falls_back_to_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    station(d, "v1");
    {
        let mut store = Store::open(&d.join(DB_FILE)).unwrap();
        store.backup(at(30, 3)).unwrap();
        add_notice(&mut store, "夏日送清凉");
        store.backup(at(30, 9)).unwrap();
        add_notice(&mut store, "寒潮预警");
        let newest = store.backup(at(30, 15)).unwrap();
        assert_eq!(list(d).len(), 2, "one a day, and the newest two");
        damage(&newest.path, Damage::TablePage);
    }
    damage(&d.join(DB_FILE), Damage::Truncated);
    let opened = crate::store::open_checked(d, at(30, 16)).unwrap();
    let titles = notice_titles(&opened.store);
    assert!(titles.contains(&"夏日送清凉".to_string()), "{titles:?}");
}

/// A disk simulated as `capacity` bytes holding everything under `root`.
fn small_disk(root: &Path, capacity: u64, floor: u64) -> backup_space::Space {
    fn used(p: &Path) -> u64 {
        let Ok(meta) = std::fs::symlink_metadata(p) else {
            return 0;
        };
        if meta.is_dir() {
            std::fs::read_dir(p)
                .unwrap()
                .map(|e| used(&e.unwrap().path()))
                .sum()
        } else {
            meta.len()
        }
    }
    let root = root.to_path_buf();
    backup_space::Space {
        floor,
        free: Box::new(move |_| Some(capacity.saturating_sub(used(&root)))),
    }
}

/// #21 item 10: 7 daily and 8 weekly copies filled a 3 MB disk in 6 days, then every
/// backup failed and nothing was pruned; a killed backup's `.partial` stayed for ever.
#[test]
fn backups_on_a_small_disk_prune_first_and_keep_the_floor() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    station(d, "v1");
    let store = Store::open(&d.join(DB_FILE)).unwrap();
    let size = std::fs::metadata(d.join(DB_FILE)).unwrap().len()
        + std::fs::metadata(d.join(format!("{DB_FILE}-wal"))).map_or(0, |m| m.len());
    let copy = store.backup(at(1, 3)).unwrap().bytes;
    std::fs::remove_file(list(d)[0].path.clone()).unwrap();
    // Room for the store and about five copies, one of which must stay free.
    let capacity = size + 5 * copy + copy / 2;
    let space = small_disk(d, capacity, copy);
    // A backup killed half-way left a full-size partial.
    let left = backup_dir(d).join("relay-kiosk-20261101-030000.sqlite3.partial");
    std::fs::write(&left, vec![0u8; copy as usize]).unwrap();
    for day in 1..=30 {
        let b = store.backup_in(at(day, 3), &space);
        let b = b.unwrap_or_else(|e| panic!("day {day}: {e}"));
        assert!(verify(&b.path).is_ok());
        let free = (space.free)(d).unwrap();
        assert!(free >= copy, "day {day}: {free} bytes free, floor {copy}");
        assert!(list(d).len() >= 2.min(day as usize), "day {day}");
    }
    assert!(
        !left.exists(),
        "the partial was cleaned before the first backup"
    );
    assert!(backup_space::partials(d).is_empty());
    // A disk too small for even two copies and the floor: refused in words, the two kept,
    // nothing half-written.
    let tight = small_disk(d, size + 2 * copy + copy / 2, copy);
    let before = list(d);
    let kept: Vec<PathBuf> = before.iter().take(2).map(|b| b.path.clone()).collect();
    let e = store.backup_in(at(30, 9), &tight).unwrap_err();
    assert!(e.to_string().contains("磁盘空间不够"), "{e}");
    let after: Vec<PathBuf> = list(d).into_iter().map(|b| b.path).collect();
    assert_eq!(after, kept);
    assert!(backup_space::partials(d).is_empty());
}

/// #21 item 12: stores set aside (damaged, replaced) kept every phone number for ever.
#[test]
fn stores_set_aside_are_kept_for_a_while_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    station(d, "v1");
    let names = [
        "relay-kiosk.sqlite3.damaged-20261001-030000",
        "relay-kiosk.sqlite3.damaged-20261001-030000-wal",
        "relay-kiosk.sqlite3.replaced-20261120-030000",
        "relay-kiosk.sqlite3.replaced-20261125-030000",
        "relay-kiosk.sqlite3.damaged-20261127-030000",
        "relay-kiosk.sqlite3.damaged-20261129-030000-2",
    ];
    for n in names {
        std::fs::write(d.join(n), b"x").unwrap();
    }
    let store = Store::open(&d.join(DB_FILE)).unwrap();
    store.backup(at(30, 3)).unwrap();
    let mut left: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".damaged-") || n.contains(".replaced-"))
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "relay-kiosk.sqlite3.damaged-20261127-030000",
            "relay-kiosk.sqlite3.damaged-20261129-030000-2",
            "relay-kiosk.sqlite3.replaced-20261125-030000",
        ]
    );
}
