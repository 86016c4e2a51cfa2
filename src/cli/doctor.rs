//! `relay-kiosk doctor [--json]`: is this station PC ready to run the kiosk?
//!
//! One line per check: ✓ (fine), ✗ (something to fix; the line says what to do, in
//! Chinese with a short English gloss) or — (for information only, e.g. no graphical
//! session when run over SSH). The command exits non-zero when any line is ✗.
//! `--json` prints an array of `{check, ok, status, detail}`; `ok` is false only for ✗,
//! `status` is `ok`, `fail` or `info`.
//!
//! The doctor changes nothing: it does not create the data directory and opens the
//! store read-only for `PRAGMA quick_check` (only the PIN check opens it as every
//! command does, and only when the quick check passed).

mod system;

use super::output::{CliResult, print_json};
use chrono::{Datelike, Local};
use clap::Args;
use relay_core::feed::FEED_SOCKET;
use relay_core::store::{DB_FILE, Store};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
pub use system::*;

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Print the checks as a JSON array of {check, ok, status, detail}.
    #[arg(long)]
    pub json: bool,
}

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// ✓
    Ok,
    /// ✗: something to fix.
    Fail,
    /// —: not checked here, for information.
    Info,
}

impl Status {
    fn mark(self) -> &'static str {
        match self {
            Status::Ok => "✓",
            Status::Fail => "✗",
            Status::Info => "—",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Fail => "fail",
            Status::Info => "info",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Check {
    /// A stable key for scripts: `data_dir`, `store`, `disk`, …
    pub key: &'static str,
    /// What is checked, in Chinese with an English gloss.
    pub title: &'static str,
    pub status: Status,
    /// What was found and, for ✗, what to do.
    pub detail: String,
}

impl Check {
    fn new(key: &'static str, title: &'static str, status: Status, detail: String) -> Check {
        Check {
            key,
            title,
            status,
            detail,
        }
    }
}

pub fn run(args: &DoctorArgs, dir: &Path, out: &mut dyn Write) -> CliResult {
    let checks = checks(dir);
    if args.json {
        let items: Vec<serde_json::Value> = checks
            .iter()
            .map(|c| {
                serde_json::json!({
                    "check": c.key,
                    "ok": c.status != Status::Fail,
                    "status": c.status.key(),
                    "detail": c.detail,
                })
            })
            .collect();
        print_json(out, &items)?;
    } else {
        for c in &checks {
            writeln!(out, "{} {}：{}", c.status.mark(), c.title, c.detail)?;
        }
    }
    let failed = checks.iter().filter(|c| c.status == Status::Fail).count();
    if failed > 0 {
        return Err(format!("有 {failed} 项检查未通过 ({failed} checks failed)").into());
    }
    Ok(())
}

/// Every check, in the order they print.
pub fn checks(dir: &Path) -> Vec<Check> {
    let now = Local::now();
    let store = check_store(dir);
    let store_ok = store.status == Status::Ok;
    vec![
        check_data_dir(dir),
        store,
        check_disk(dir),
        check_backup(dir, now),
        check_backup_space(dir, relay_core::files::free_bytes(dir).ok()),
        check_clock(now.year(), &now.format("%Y-%m-%d %H:%M").to_string()),
        check_time_zone(&time_zone_name(), &now.offset().to_string()),
        check_fonts(),
        check_feed(dir),
        check_pin(dir, store_ok),
        check_display(
            std::env::var_os("WAYLAND_DISPLAY"),
            std::env::var_os("DISPLAY"),
            std::env::var_os("XDG_RUNTIME_DIR"),
        ),
    ]
}

/// The data directory exists, is mode 0700 (it holds phone numbers) and is writable.
pub fn check_data_dir(dir: &Path) -> Check {
    let title = "数据目录 (data directory)";
    let d = dir.display();
    let meta = match std::fs::metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Check::new(
                "data_dir",
                title,
                Status::Fail,
                format!(
                    "{d} 不存在。站点电脑上的数据目录是 /var/lib/relay-kiosk（软件包会创建），\
                     请用 RELAY_KIOSK_DATA_DIR 或 --data-dir 指定；手动创建：\
                     sudo install -d -m 700 -o relay-kiosk {d} (does not exist)"
                ),
            );
        }
        Err(e) => {
            return Check::new(
                "data_dir",
                title,
                Status::Fail,
                format!("{d} 无法读取 (cannot stat): {e}"),
            );
        }
    };
    if !meta.is_dir() {
        return Check::new(
            "data_dir",
            title,
            Status::Fail,
            format!("{d} 不是目录 (not a directory)"),
        );
    }
    let mode = meta.permissions().mode() & 0o7777;
    // 0710 when `feed_group` lets a feeder reach the socket (it cannot list or read).
    if mode != 0o700 && mode != 0o710 {
        return Check::new(
            "data_dir",
            title,
            Status::Fail,
            format!(
                "{d} 的权限是 {mode:04o}，应为 0700（里面有手机号）：sudo chmod 700 {d} \
                 (mode {mode:04o}, should be 0700)"
            ),
        );
    }
    let probe = dir.join(format!(".doctor-{}", std::process::id()));
    let writable = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map(|_| std::fs::remove_file(&probe));
    match writable {
        Ok(_) => Check::new(
            "data_dir",
            title,
            Status::Ok,
            format!(
                "{d}，权限 0700，属主 uid {}，可写 (mode 0700, writable)",
                meta.uid()
            ),
        ),
        Err(e) => Check::new(
            "data_dir",
            title,
            Status::Fail,
            format!(
                "{d} 不可写，请以终端的用户运行（sudo -u relay-kiosk …）或修正属主 \
                 (not writable): {e}"
            ),
        ),
    }
}

/// The store opens and `PRAGMA quick_check` says ok. Opened read-only: the doctor
/// changes nothing.
pub fn check_store(dir: &Path) -> Check {
    let title = "数据库 (store)";
    let path = dir.join(DB_FILE);
    if !path.exists() {
        return Check::new(
            "store",
            title,
            Status::Fail,
            format!(
                "还没有 {}：启动一次终端或运行任一命令（如 staff set-pin）就会创建 \
                 (no store yet)",
                path.display()
            ),
        );
    }
    let open = || {
        let conn = rusqlite::Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok::<_, rusqlite::Error>(conn)
    };
    // A store from a newer version is not damaged: say which it is before checking.
    let version =
        open().and_then(|c| c.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)));
    if let Ok(version) = version
        && version > Store::latest_schema()
    {
        return Check::new(
            "store",
            title,
            Status::Fail,
            format!(
                "{} 的版本更新（架构 {version}，本程序支持到 {}）：它由更新版本的 relay-kiosk 写入，\
                 终端只能只读显示。请重新安装新版本，不要降级 (newer schema: reinstall the newer \
                 version)",
                path.display(),
                Store::latest_schema()
            ),
        );
    }
    let quick_check = || -> rusqlite::Result<Vec<String>> {
        let conn = open()?;
        let mut stmt = conn.prepare("PRAGMA quick_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    let checked = quick_check();
    if let Err(e) = &checked {
        let cause =
            relay_core::store::cause_of(dir, &relay_core::store::Error::Invalid(e.to_string()));
        if cause == relay_core::store::Cause::Permission {
            return Check::new(
                "store",
                title,
                Status::Fail,
                format!(
                    "{} 没有读写权限（不是损坏）：{}。终端会以只读方式显示 (permission, not \
                     damage): {e}",
                    path.display(),
                    cause.advice()
                ),
            );
        }
    }
    match checked {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Check::new(
            "store",
            title,
            Status::Ok,
            format!("{} 完好 (quick_check ok)", path.display()),
        ),
        Ok(rows) => Check::new(
            "store",
            title,
            Status::Fail,
            format!(
                "{} 已损坏：重启终端（sudo systemctl restart relay-kiosk）或运行任一命令会自动从\
                 最近的完好备份恢复，见 relay-kiosk backup list (damaged; the next start restores \
                 the newest good backup): {}",
                path.display(),
                rows.into_iter().take(3).collect::<Vec<_>>().join("; ")
            ),
        ),
        Err(e) => Check::new(
            "store",
            title,
            Status::Fail,
            format!(
                "{} 打不开或已损坏：重启终端（sudo systemctl restart relay-kiosk）会自动从\
                 最近的完好备份恢复 (cannot open or damaged; the next start restores the newest \
                 good backup): {e}",
                path.display()
            ),
        ),
    }
}

/// A backup older than this (hours) is ✗: the kiosk takes one every night.
pub const BACKUP_MAX_AGE_HOURS: i64 = 50;

/// The last good backup is recent (the kiosk takes one at start and nightly at 03:00).
pub fn check_backup(dir: &Path, now: chrono::DateTime<Local>) -> Check {
    let title = "最近的完好备份 (last good backup)";
    let Some(b) = relay_core::store::backup::newest_good(dir) else {
        let any = relay_core::store::backup::list(dir).len();
        return Check::new(
            "backup",
            title,
            Status::Fail,
            format!(
                "没有完好的备份（共 {any} 份）：启动终端会自动备份，或运行 relay-kiosk backup now \
                 (no good backup)"
            ),
        );
    };
    let hours = (now - b.taken).num_hours();
    let when = b.taken.format("%Y-%m-%d %H:%M");
    if hours > BACKUP_MAX_AGE_HOURS {
        Check::new(
            "backup",
            title,
            Status::Fail,
            format!(
                "{when}，已经 {} 天没有新备份：终端在运行吗？运行 relay-kiosk backup now \
                 并查看日志 journalctl -u relay-kiosk (last good backup is {hours} h old)",
                hours / 24
            ),
        )
    } else {
        Check::new(
            "backup",
            title,
            Status::Ok,
            format!("{when}（{hours} 小时前）{} ({hours} h ago)", b.name()),
        )
    }
}

/// Room for the next backup above the floor, the copies kept (the newest two must
/// verify), and copies a killed backup left half-written.
pub fn check_backup_space(dir: &Path, free: Option<u64>) -> Check {
    use relay_core::store::{backup, backup_space};
    let title = "备份空间 (backup space)";
    let copies = backup::list(dir);
    let total: u64 = copies.iter().map(|b| b.bytes).sum();
    let partials = backup_space::partials(dir);
    let store = std::fs::metadata(dir.join(DB_FILE)).map_or(0, |m| m.len());
    let good = copies
        .iter()
        .take(backup_space::MIN_COPIES)
        .filter(|b| backup::verify(&b.path).is_ok())
        .count();
    let mb = |b: u64| b.div_ceil(1 << 20);
    let mut detail = format!(
        "{} 份备份共 {} MB，最近 {} 份中 {good} 份完好",
        copies.len(),
        mb(total),
        backup_space::MIN_COPIES.min(copies.len())
    );
    let mut status = Status::Ok;
    if let Some(free) = free {
        detail.push_str(&format!(
            "；可用 {} MB（备份至少留出 {} MB）",
            mb(free),
            backup_space::FREE_FLOOR_BYTES >> 20
        ));
        if free < store.saturating_add(backup_space::FREE_FLOOR_BYTES) {
            status = Status::Fail;
            detail.push_str(
                "：下一份备份放不下，请清理磁盘（旧备份会先被删除，最近 2 份保留）                  (no room for the next backup)",
            );
        }
    }
    if copies.len() >= backup_space::MIN_COPIES && good < backup_space::MIN_COPIES {
        status = Status::Fail;
        detail.push_str(
            "；最近的备份有损坏：运行 relay-kiosk backup now 并查看 backup list              (a recent backup is damaged)",
        );
    }
    if !partials.is_empty() {
        if status == Status::Ok {
            status = Status::Info;
        }
        detail.push_str(&format!(
            "；有 {} 个未写完的备份文件（{} MB），下次备份时删除 (half-written copies)",
            partials.len(),
            mb(partials
                .iter()
                .filter_map(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .sum())
        ));
    }
    Check::new("backup-space", title, status, detail)
}

/// The charging feed socket: reachable while the kiosk runs; a socket nobody answers
/// on is left over from a kiosk that did not stop cleanly.
pub fn check_feed(dir: &Path) -> Check {
    let title = "充电数据接口 (charging feed socket)";
    let path = dir.join(FEED_SOCKET);
    if std::fs::symlink_metadata(&path).is_err() {
        return Check::new(
            "feed",
            title,
            Status::Info,
            format!(
                "没有 {FEED_SOCKET}：终端没有在这个数据目录上运行 \
                 (no socket: the kiosk is not running on this data directory)"
            ),
        );
    }
    match std::os::unix::net::UnixStream::connect(&path) {
        Ok(_) => Check::new(
            "feed",
            title,
            Status::Ok,
            format!("{} 可连接，终端在运行 (reachable)", path.display()),
        ),
        Err(e) => Check::new(
            "feed",
            title,
            Status::Fail,
            format!(
                "{} 连不上：终端没有在运行，套接字是上次留下的；\
                 sudo systemctl restart relay-kiosk (stale socket: kiosk not running): {e}",
                path.display()
            ),
        ),
    }
}

/// A staff PIN is set, else nobody can open staff mode on the screen.
pub fn check_pin(dir: &Path, store_ok: bool) -> Check {
    let title = "工作人员 PIN (staff PIN)";
    let how = format!(
        "sudo -u relay-kiosk RELAY_KIOSK_DATA_DIR={} relay-kiosk staff set-pin",
        dir.display()
    );
    if !store_ok {
        return Check::new(
            "staff_pin",
            title,
            Status::Fail,
            "数据库不可用，无法检查 (cannot check: the store is not usable)".to_string(),
        );
    }
    match Store::open(&dir.join(DB_FILE)).and_then(|s| s.staff_pin_is_set()) {
        Ok(true) => Check::new("staff_pin", title, Status::Ok, "已设置 (set)".to_string()),
        Ok(false) => Check::new(
            "staff_pin",
            title,
            Status::Fail,
            format!("未设置，工作人员无法登录：{how} (not set)"),
        ),
        Err(e) => Check::new(
            "staff_pin",
            title,
            Status::Fail,
            format!("无法检查 (cannot check): {e}"),
        ),
    }
}

#[cfg(test)]
#[path = "doctor_tests.rs"]
mod tests;
