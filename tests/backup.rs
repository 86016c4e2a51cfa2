//! Backups and damaged stores through the real `relay-kiosk` process: every command
//! recovers a damaged store from the newest good backup (or starts an empty station),
//! says so on stderr, and `backup now|list|verify|restore|export` work as the README
//! shows.

use std::path::Path;
use std::process::{Command, Output};

const DB: &str = "relay-kiosk.sqlite3";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_relay-kiosk"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("TZ", "Asia/Shanghai")
        .env("RUST_LOG", "off")
        .env_remove("RELAY_KIOSK_DATA_DIR")
        .current_dir(dir)
        .output()
        .expect("run relay-kiosk")
}

/// Runs a command that must succeed; its stdout and stderr.
fn ok(dir: &Path, args: &[&str]) -> (String, String) {
    let out = run(dir, args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{args:?} failed: {err}");
    (String::from_utf8(out.stdout).unwrap(), err)
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

fn titles(dir: &Path) -> (Vec<String>, String) {
    let (out, err) = ok(dir, &["notice", "list", "--all", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let titles = list
        .iter()
        .map(|n| n["title"].as_str().unwrap().to_string())
        .collect();
    (titles, err)
}

fn add(dir: &Path, title: &str) {
    ok(dir, &["notice", "add", "--title", title]);
}

fn names(dir: &Path, part: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // A store's -wal and -shm go where it goes.
        .filter(|n| n.contains(part) && !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    names
}

#[derive(Debug, Clone, Copy)]
enum Damage {
    ZeroBytes,
    Truncated,
    BadHeader,
    TablePage,
}

/// Damages the closed store (its WAL folded in by the last command's exit).
fn damage(path: &Path, how: Damage) {
    let mut bytes = std::fs::read(path).unwrap();
    match how {
        Damage::ZeroBytes => bytes.clear(),
        Damage::Truncated => bytes.truncate(bytes.len() / 2 + 100),
        Damage::BadHeader => bytes[..16].copy_from_slice(b"NOT A DATABASE!\0"),
        Damage::TablePage => {
            let root: i64 = rusqlite::Connection::open(path)
                .unwrap()
                .query_row(
                    "SELECT rootpage FROM sqlite_master WHERE name = 'notice'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            bytes = std::fs::read(path).unwrap();
            let root = root as usize;
            bytes[(root - 1) * 4096..root * 4096].fill(0xA5);
        }
    }
    std::fs::write(path, bytes).unwrap();
}

const ALL: [Damage; 4] = [
    Damage::ZeroBytes,
    Damage::Truncated,
    Damage::BadHeader,
    Damage::TablePage,
];

#[test]
fn any_command_recovers_a_damaged_store_from_the_newest_good_backup() {
    for how in ALL {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        add(d, "备份前");
        ok(d, &["backup", "now"]);
        add(d, "备份后");
        damage(&d.join(DB), how);
        let (shown, err) = titles(d);
        assert_eq!(shown, ["备份前"], "{how:?}");
        assert!(
            err.contains("已从") && err.contains("的备份恢复"),
            "{how:?}: {err}"
        );
        assert_eq!(names(d, ".damaged-").len(), 1, "{how:?}");
        // Recovered once: the next command just works, quietly.
        let (_, err) = titles(d);
        assert_eq!(err, "", "{how:?}");
    }
}

#[test]
fn with_no_good_backup_a_command_starts_an_empty_station_and_says_so() {
    for how in ALL {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        add(d, "会丢失");
        damage(&d.join(DB), how);
        let (shown, err) = titles(d);
        assert!(shown.is_empty(), "{how:?}: {shown:?}");
        assert!(err.contains("没有可用的备份"), "{how:?}: {err}");
        assert_eq!(names(d, ".damaged-").len(), 1, "{how:?}");
    }
}

#[test]
fn backup_now_list_verify_restore_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (out, _) = ok(d, &["backup", "list"]);
    assert!(out.contains("还没有备份"), "{out}");
    add(d, "第一条");
    let (out, _) = ok(d, &["backup", "now", "--json"]);
    let taken: serde_json::Value = serde_json::from_str(&out).unwrap();
    let file = taken["file"].as_str().unwrap().to_string();
    assert!(file.contains("/backups/relay-kiosk-"), "{file}");
    let (out, _) = ok(d, &["backup", "list", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["file"], file.as_str());
    let (out, _) = ok(d, &["backup", "verify"]);
    assert!(out.starts_with("✓ "), "{out}");

    // Restore by name: the current store is kept as .replaced-….
    add(d, "第二条");
    let name = Path::new(&file).file_name().unwrap().to_str().unwrap();
    let (out, _) = ok(d, &["backup", "restore", name, "--json"]);
    let restored: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        restored["kept_as"].as_str().unwrap().contains(".replaced-"),
        "{restored}"
    );
    assert_eq!(titles(d).0, ["第一条"]);
    assert_eq!(names(d, ".replaced-").len(), 1);

    // Export to a "USB stick".
    let usb = tempfile::tempdir().unwrap();
    let usb_dir = usb.path().to_str().unwrap();
    let (out, _) = ok(d, &["backup", "export", usb_dir]);
    assert!(out.contains("已导出"), "{out}");
    assert_eq!(names(usb.path(), "relay-kiosk-"), [name]);
    assert!(fails(d, &["backup", "export", "/nonexistent/usb"]).contains("不是目录"));

    // A damaged copy: verify says which and fails; restore refuses it.
    damage(Path::new(&file), Damage::BadHeader);
    let out = run(d, &["backup", "verify", "--json"]);
    assert!(!out.status.success());
    let checked: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(checked[0]["ok"], false);
    let err = fails(d, &["backup", "restore", &file]);
    assert!(err.contains("损坏"), "{err}");
    assert_eq!(titles(d).0, ["第一条"], "a refused restore changes nothing");
    let err = fails(d, &["backup", "export", usb_dir]);
    assert!(err.contains("没有完好的备份"), "{err}");
}

#[test]
fn restore_is_refused_while_the_kiosk_has_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    add(d, "一");
    let (out, _) = ok(d, &["backup", "now", "--json"]);
    let taken: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The kiosk holds the lock shared for as long as it runs.
    let lock = std::fs::File::open(d.join("relay-kiosk.lock")).unwrap();
    lock.lock_shared().unwrap();
    let err = fails(d, &["backup", "restore", taken["file"].as_str().unwrap()]);
    assert!(err.contains("systemctl stop relay-kiosk"), "{err}");
    assert!(names(d, ".replaced-").is_empty());
    // Other commands run beside it.
    add(d, "二");
}

#[test]
fn doctor_wants_a_recent_good_backup() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();
    add(d, "一");
    let doctor = |d: &Path| {
        let out = run(d, &["doctor", "--json"]);
        let checks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        checks.into_iter().find(|c| c["check"] == "backup").unwrap()
    };
    let c = doctor(d);
    assert_eq!(c["ok"], false, "{c}");
    ok(d, &["backup", "now"]);
    let c = doctor(d);
    assert_eq!(c["ok"], true, "{c}");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&d.join("backups")), 0o700);
    for name in names(&d.join("backups"), "relay-kiosk-") {
        assert_eq!(mode(&d.join("backups").join(name)), 0o600);
    }
}
