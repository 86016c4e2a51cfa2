//! The doctor's checks of the machine: free disk space, the clock and time zone, the
//! bundled fonts, and the graphical session the kiosk will open its window in.

use super::*;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Free space the data directory's file system should have at least.
pub const MIN_FREE_BYTES: u64 = 200 * 1024 * 1024;

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

pub(super) fn disk_verdict(free: u64, at: &Path) -> Check {
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

pub(super) use relay_core::files::free_bytes;

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
pub(super) fn time_zone_name() -> String {
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
