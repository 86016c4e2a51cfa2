use super::*;
use std::fs;

fn dir_with_mode(mode: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(mode)).unwrap();
    dir
}

#[test]
fn a_good_data_directory_passes() {
    let dir = dir_with_mode(0o700);
    let c = check_data_dir(dir.path());
    assert_eq!(c.status, Status::Ok, "{}", c.detail);
    // The write probe leaves nothing behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_missing_or_open_data_directory_fails() {
    let dir = dir_with_mode(0o700);
    let missing = dir.path().join("nope");
    let c = check_data_dir(&missing);
    assert_eq!(c.status, Status::Fail);
    assert!(c.detail.contains("不存在"), "{}", c.detail);
    let open = dir_with_mode(0o755);
    let c = check_data_dir(open.path());
    assert_eq!(c.status, Status::Fail);
    assert!(c.detail.contains("0755"), "{}", c.detail);
    assert!(c.detail.contains("chmod 700"), "{}", c.detail);
}

#[test]
fn a_store_is_checked_and_its_pin() {
    let dir = dir_with_mode(0o700);
    // None yet.
    assert_eq!(check_store(dir.path()).status, Status::Fail);
    let mut store = Store::open(&dir.path().join(DB_FILE)).unwrap();
    let c = check_store(dir.path());
    assert_eq!(c.status, Status::Ok, "{}", c.detail);
    let c = check_pin(dir.path(), true);
    assert_eq!(c.status, Status::Fail);
    assert!(c.detail.contains("staff set-pin"), "{}", c.detail);
    store.set_staff_pin("246813", "test").unwrap();
    assert_eq!(check_pin(dir.path(), true).status, Status::Ok);
    assert_eq!(check_pin(dir.path(), false).status, Status::Fail);
}

#[test]
fn a_damaged_store_fails() {
    let dir = dir_with_mode(0o700);
    fs::write(dir.path().join(DB_FILE), vec![0x5a; 8192]).unwrap();
    let c = check_store(dir.path());
    assert_eq!(c.status, Status::Fail);
    assert!(c.detail.contains("备份"), "{}", c.detail);
}

#[test]
fn the_last_good_backup_must_be_recent() {
    use chrono::TimeZone;
    let dir = dir_with_mode(0o700);
    let taken = Local.with_ymd_and_hms(2026, 11, 28, 3, 0, 0).unwrap();
    let c = check_backup(dir.path(), taken);
    assert_eq!(c.status, Status::Fail);
    assert!(c.detail.contains("backup now"), "{}", c.detail);
    let store = Store::open(&dir.path().join(DB_FILE)).unwrap();
    store.backup(taken).unwrap();
    let c = check_backup(dir.path(), taken + chrono::Duration::hours(30));
    assert_eq!(c.status, Status::Ok, "{}", c.detail);
    assert!(c.detail.contains("2026-11-28 03:00"), "{}", c.detail);
    let c = check_backup(dir.path(), taken + chrono::Duration::hours(51));
    assert_eq!(c.status, Status::Fail, "{}", c.detail);
    // A damaged copy is not a good backup.
    let copy = relay_core::store::backup::list(dir.path())[0].path.clone();
    fs::write(&copy, b"not a database").unwrap();
    let c = check_backup(dir.path(), taken + chrono::Duration::hours(1));
    assert_eq!(c.status, Status::Fail, "{}", c.detail);
    assert!(c.detail.contains("共 1 份"), "{}", c.detail);
}

#[test]
fn disk_space_below_200_mb_fails() {
    let at = Path::new("/var/lib/relay-kiosk");
    assert_eq!(disk_verdict(MIN_FREE_BYTES, at).status, Status::Ok);
    assert_eq!(disk_verdict(MIN_FREE_BYTES - 1, at).status, Status::Fail);
    // The real statvfs answers for a temporary directory.
    let dir = tempfile::tempdir().unwrap();
    assert!(free_bytes(dir.path()).unwrap() > 0);
    assert_ne!(check_disk(&dir.path().join("a/b")).detail, "");
}

#[test]
fn an_unset_clock_fails_and_any_zone_is_shown() {
    assert_eq!(check_clock(2026, "2026-11-30 08:00").status, Status::Ok);
    assert_eq!(check_clock(1970, "1970-01-01 08:00").status, Status::Fail);
    let c = check_time_zone("Asia/Shanghai", "+08:00");
    assert_eq!(
        (c.status, c.detail.as_str()),
        (Status::Ok, "Asia/Shanghai（UTC+08:00）")
    );
    let c = check_time_zone("Etc/UTC", "+00:00");
    assert_eq!(c.status, Status::Ok);
    assert!(c.detail.contains("set-timezone Asia/Shanghai"));
    assert_eq!(check_fonts().status, Status::Ok);
}

#[test]
fn the_feed_socket_is_reachable_only_while_someone_listens() {
    let dir = dir_with_mode(0o700);
    assert_eq!(check_feed(dir.path()).status, Status::Info);
    let listener = std::os::unix::net::UnixListener::bind(dir.path().join(FEED_SOCKET)).unwrap();
    assert_eq!(check_feed(dir.path()).status, Status::Ok);
    drop(listener); // the socket file stays: stale
    assert_eq!(check_feed(dir.path()).status, Status::Fail);
}

#[test]
fn no_graphical_session_is_information_not_failure() {
    let dir = tempfile::tempdir().unwrap();
    let none = check_display(None, None, None);
    assert_eq!(none.status, Status::Info);
    let rt = Some(dir.path().as_os_str().to_owned());
    let missing = check_display(Some("wayland-9".into()), None, rt.clone());
    assert_eq!(missing.status, Status::Fail);
    fs::write(dir.path().join("wayland-9"), "").unwrap();
    assert_eq!(
        check_display(Some("wayland-9".into()), None, rt).status,
        Status::Ok
    );
    assert_eq!(
        check_display(None, Some(":987".into()), None).status,
        Status::Fail
    );
    assert_eq!(
        check_display(None, Some("remote:0".into()), None).status,
        Status::Info
    );
}

/// #21 item 10: `doctor` says how much the backups take, whether the next one fits above
/// the floor, whether the newest two verify, and what a killed backup left.
#[test]
fn backup_space_is_shown_with_the_floor_and_half_written_copies() {
    use chrono::TimeZone;
    use relay_core::store::backup_space::FREE_FLOOR_BYTES;
    let dir = dir_with_mode(0o700);
    let store = Store::open(&dir.path().join(DB_FILE)).unwrap();
    let at = |h| Local.with_ymd_and_hms(2026, 11, 28, h, 0, 0).unwrap();
    store.backup(at(3)).unwrap();
    store.backup(at(9)).unwrap();
    let c = check_backup_space(dir.path(), Some(1 << 30));
    assert_eq!(c.status, Status::Ok, "{}", c.detail);
    assert!(c.detail.contains("2 份备份"), "{}", c.detail);
    assert!(c.detail.contains("2 份中 2 份完好"), "{}", c.detail);
    let c = check_backup_space(dir.path(), Some(FREE_FLOOR_BYTES / 2));
    assert_eq!(c.status, Status::Fail, "{}", c.detail);
    assert!(c.detail.contains("放不下"), "{}", c.detail);
    let partial = dir
        .path()
        .join("backups/relay-kiosk-20261128-100000.sqlite3.partial");
    fs::write(&partial, vec![0u8; 3 << 20]).unwrap();
    let c = check_backup_space(dir.path(), Some(1 << 30));
    assert_eq!(c.status, Status::Info, "{}", c.detail);
    assert!(
        c.detail.contains("1 个未写完的备份文件（3 MB）"),
        "{}",
        c.detail
    );
    let newest = relay_core::store::backup::list(dir.path())[0].path.clone();
    fs::write(&newest, b"not a database").unwrap();
    let c = check_backup_space(dir.path(), Some(1 << 30));
    assert_eq!(c.status, Status::Fail, "{}", c.detail);
    store.backup(at(11)).unwrap();
    assert!(!partial.exists(), "the next backup removes it");
}

/// #21 item 7: `doctor` called a store from a newer version damaged.
#[test]
fn a_store_from_a_newer_version_is_not_called_damaged() {
    let dir = dir_with_mode(0o700);
    drop(Store::open(&dir.path().join(DB_FILE)).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let c = check_store(dir.path());
    assert_eq!(c.status, Status::Fail);
    assert!(c.detail.contains("版本更新"), "{}", c.detail);
    assert!(!c.detail.contains("损坏"), "{}", c.detail);
}
