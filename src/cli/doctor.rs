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

use super::output::{CliResult, print_json};
use chrono::{Datelike, Local};
use clap::Args;
use relay_core::feed::FEED_SOCKET;
use relay_core::store::{DB_FILE, Store};
use std::ffi::OsString;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Print the checks as a JSON array of {check, ok, status, detail}.
    #[arg(long)]
    pub json: bool,
}

/// Free space the data directory's file system should have at least.
pub const MIN_FREE_BYTES: u64 = 200 * 1024 * 1024;

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
    let quick_check = || -> rusqlite::Result<Vec<String>> {
        let conn = rusqlite::Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mut stmt = conn.prepare("PRAGMA quick_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    match quick_check() {
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

/// At least [`MIN_FREE_BYTES`] free for the store (checked on the nearest existing
/// directory, so a missing data directory still tells how full its disk is).
pub fn check_disk(dir: &Path) -> Check {
    let title = "磁盘空间 (free disk)";
    let at = dir
        .ancestors()
        .find(|p| p.exists())
        .unwrap_or(Path::new("/"));
    match free_bytes(at) {
        Ok(free) => disk_verdict(free, at),
        Err(e) => Check::new(
            "disk",
            title,
            Status::Fail,
            format!("无法读取 {} 的可用空间 (statvfs failed): {e}", at.display()),
        ),
    }
}

fn disk_verdict(free: u64, at: &Path) -> Check {
    let title = "磁盘空间 (free disk)";
    let mb = free / (1024 * 1024);
    if free >= MIN_FREE_BYTES {
        Check::new(
            "disk",
            title,
            Status::Ok,
            format!("{} 所在分区可用 {mb} MB (free)", at.display()),
        )
    } else {
        Check::new(
            "disk",
            title,
            Status::Fail,
            format!(
                "{} 所在分区只剩 {mb} MB，少于 200 MB：请清理磁盘（如 journalctl --vacuum-size=100M） \
                 (less than 200 MB free)",
                at.display()
            ),
        )
    }
}

/// Free bytes for an unprivileged user on the file system holding `path` (statvfs).
fn free_bytes(path: &Path) -> std::io::Result<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    // SAFETY: `c_path` is a valid NUL-terminated string and `stat` a writable
    // statvfs that the call fills in; nothing else is touched.
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::statvfs(c_path.as_ptr(), &mut stat) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    #[allow(clippy::unnecessary_cast)] // the field types differ between targets
    let (blocks, block_size) = (stat.f_bavail as u64, stat.f_frsize as u64);
    Ok(blocks.saturating_mul(block_size))
}

/// The clock is set: a year before 2024 means a PC that lost its time (a flat CMOS
/// battery, no network time).
pub fn check_clock(year: i32, shown: &str) -> Check {
    let title = "时钟 (clock)";
    if year >= 2024 {
        Check::new(
            "clock",
            title,
            Status::Ok,
            format!("{shown}（本地时间 local time）"),
        )
    } else {
        Check::new(
            "clock",
            title,
            Status::Fail,
            format!(
                "现在显示 {shown}，时间不对：请设置时间，并开启网络对时 \
                 sudo timedatectl set-ntp true (the clock is not set)"
            ),
        )
    }
}

/// The time zone, shown; never ✗ (a station elsewhere is not wrong), but a hint when it
/// is not Shanghai's.
pub fn check_time_zone(zone: &str, offset: &str) -> Check {
    let title = "时区 (time zone)";
    let detail = if zone == "Asia/Shanghai" || offset == "+08:00" {
        format!("{zone}（UTC{offset}）")
    } else {
        format!(
            "{zone}（UTC{offset}）；接力站在上海，一般应为 Asia/Shanghai：\
             sudo timedatectl set-timezone Asia/Shanghai (not Shanghai's zone)"
        )
    };
    Check::new("timezone", title, Status::Ok, detail)
}

/// The zone's name: `TZ`, else /etc/timezone, else where /etc/localtime links to.
fn time_zone_name() -> String {
    if let Some(tz) = std::env::var_os("TZ").filter(|v| !v.is_empty()) {
        return format!("{}（TZ）", tz.to_string_lossy().trim_start_matches(':'));
    }
    if let Ok(text) = std::fs::read_to_string("/etc/timezone") {
        let zone = text.trim();
        if !zone.is_empty() {
            return zone.to_string();
        }
    }
    if let Ok(target) = std::fs::read_link("/etc/localtime") {
        let target = target.to_string_lossy().into_owned();
        if let Some((_, zone)) = target.split_once("zoneinfo/") {
            return zone.to_string();
        }
        return target;
    }
    "未知 (unknown)".to_string()
}

/// The fonts are compiled into the program; this only confirms they are OpenType.
pub fn check_fonts() -> Check {
    let ok = [
        crate::theme::FONT_REGULAR_BYTES,
        crate::theme::FONT_BOLD_BYTES,
    ]
    .iter()
    .all(|bytes| bytes.starts_with(b"OTTO"));
    if ok {
        Check::new(
            "fonts",
            "字体 (fonts)",
            Status::Ok,
            "字体已内置：思源黑体 Noto Sans CJK SC (fonts are compiled in)".to_string(),
        )
    } else {
        Check::new(
            "fonts",
            "字体 (fonts)",
            Status::Fail,
            "内置字体损坏，请重新安装软件包 (the compiled-in fonts are damaged)".to_string(),
        )
    }
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

/// A display to open the window on. Without `WAYLAND_DISPLAY` or `DISPLAY` this is not
/// a graphical session (the doctor run over SSH, say): the kiosk gets its display from
/// cage under systemd, so that is — (information), not ✗. A variable that names a
/// socket that is not there is ✗.
pub fn check_display(
    wayland: Option<OsString>,
    x11: Option<OsString>,
    runtime_dir: Option<OsString>,
) -> Check {
    let title = "显示 (display)";
    let hint = "请让 systemd 在 cage 下启动终端：sudo systemctl start relay-kiosk \
                (run it under cage via systemd)";
    if let Some(name) = wayland.filter(|v| !v.is_empty()) {
        let name_path = PathBuf::from(&name);
        let socket = if name_path.is_absolute() {
            Some(name_path)
        } else {
            runtime_dir
                .filter(|v| !v.is_empty())
                .map(|d| PathBuf::from(d).join(&name))
        };
        let shown = name.to_string_lossy();
        return match socket {
            Some(s) if s.exists() => Check::new(
                "display",
                title,
                Status::Ok,
                format!("Wayland {shown}（{}）", s.display()),
            ),
            Some(s) => Check::new(
                "display",
                title,
                Status::Fail,
                format!(
                    "WAYLAND_DISPLAY={shown}，但没有 {}；{hint} (socket missing)",
                    s.display()
                ),
            ),
            None => Check::new(
                "display",
                title,
                Status::Fail,
                format!("WAYLAND_DISPLAY={shown}，但没有 XDG_RUNTIME_DIR；{hint}"),
            ),
        };
    }
    if let Some(display) = x11.filter(|v| !v.is_empty()) {
        let shown = display.to_string_lossy().into_owned();
        // ":0" or ":0.0" is local: its socket is /tmp/.X11-unix/X0. "host:0" is remote
        // and not checked.
        let local = shown
            .strip_prefix(':')
            .map(|rest| rest.split('.').next().unwrap_or(rest).to_string());
        return match local {
            Some(n) => {
                let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
                if socket.exists() {
                    Check::new("display", title, Status::Ok, format!("X11 {shown}"))
                } else {
                    Check::new(
                        "display",
                        title,
                        Status::Fail,
                        format!(
                            "DISPLAY={shown}，但没有 {}；{hint} (socket missing)",
                            socket.display()
                        ),
                    )
                }
            }
            None => Check::new(
                "display",
                title,
                Status::Info,
                format!("X11 {shown}（远程显示，未检查 remote, not checked）"),
            ),
        };
    }
    Check::new(
        "display",
        title,
        Status::Info,
        "不在图形会话中（例如通过 SSH）：站点电脑上由 systemd 在 cage 下启动终端，这里不检查 \
         (no graphical session here, e.g. over SSH; not checked)"
            .to_string(),
    )
}

#[cfg(test)]
#[path = "doctor_tests.rs"]
mod tests;
