//! The hardware feed: charging cabinets and smart power strips report slot states as
//! newline-delimited JSON on a Unix socket in the data directory (`slot-feed.sock`):
//!
//! ```text
//! {"slot":"B1","state":"charging","at":"2026-11-29T18:00:00+08:00"}
//! {"slot":"B2","state":"fault","note":"过热"}
//! ```
//!
//! `state` is `free`, `charging`, `full` or `fault`; `at` (RFC 3339), `note` and
//! `sim` (`true` from `slot simulate`) are optional. Every line gets one reply line:
//! `ok`, or `error: <reason>` (a malformed line, an unknown or unfed slot, a line over
//! 4 KiB, an `at` outside 2000–2099, more than 5 minutes ahead, or older than the slot's
//! last report); the connection stays up either way.
//!
//! One thread with the feed's only store connection (`server.rs`) reads every feeder
//! (epoll, whose ready list is first-come, first-served) and applies the reports in the
//! order they arrive, a few lines a feeder at a time, so one that floods never holds up
//! another's reply; a report that meets a busy store waits and is retried, never
//! dropped. At most [`Limits::connections`] feeders are connected at once, and a new one
//! always gets in: the one that has given least is closed to make room. A feeder with no
//! report applied for [`Limits::idle`], or whose line is not whole within
//! [`Limits::line_budget`], is disconnected. Bad lines are logged at most 20 a minute.

mod epoll;
mod log_limit;
mod server;

use crate::store::{self, FeedState};
use chrono::{DateTime, FixedOffset, Utc};
use serde::Deserialize;
use std::io;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

pub const FEED_SOCKET: &str = "slot-feed.sock";
/// Longest accepted line, in bytes.
pub const MAX_LINE: usize = 4096;
/// How far ahead of the kiosk's clock a report's `at` may be.
pub const MAX_AHEAD: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

/// How many feeders, and how long a silent or dawdling one is kept.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Feeders connected at once. One more still gets in: the one that has given least
    /// (never a report applied, else the oldest last report) is closed to make room.
    pub connections: usize,
    /// A feeder with no report applied for this long is disconnected (bytes, or lines
    /// refused, do not count).
    pub idle: Duration,
    /// A line must be whole within this long of its first byte.
    pub line_budget: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connections: 32,
            idle: Duration::from_secs(5 * 60),
            line_budget: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedLine {
    pub slot: String,
    pub state: FeedState,
    #[serde(default)]
    pub at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub note: String,
    /// Sent by `slot simulate`: a pretend report that never touches real use and is
    /// left out of the history (see [`Store::apply_report`]).
    #[serde(default)]
    pub sim: bool,
}

pub fn parse_line(line: &str) -> crate::store::Result<FeedLine> {
    let line: FeedLine = serde_json::from_str(line).map_err(|e| e.to_string())?;
    if line.note.chars().count() > store::FAULT_NOTE_MAX_CHARS {
        return Err(format!(
            "note longer than {} characters (故障说明太长)",
            store::FAULT_NOTE_MAX_CHARS
        )
        .into());
    }
    Ok(line)
}

/// The time a report takes effect: its `at`, checked against the kiosk's clock `now`
/// (at most [`MAX_AHEAD`] ahead, within 2000–2099), or `now` when it has none.
pub fn report_time(line: &FeedLine, now: DateTime<Utc>) -> crate::store::Result<DateTime<Utc>> {
    let Some(at) = line.at else {
        return Ok(now);
    };
    let at = at.to_utc();
    if !store::time::in_window(at) {
        return Err(format!("at {at} is outside 2000-2099").into());
    }
    if at > now + MAX_AHEAD {
        return Err(format!(
            "at {at} is more than 5 minutes ahead of the kiosk's clock (check the feeder's clock)"
        )
        .into());
    }
    Ok(at)
}

/// Lets the members of `group` reach the feed socket in `dir`: the socket becomes
/// group-writable (0660) and the data directory group-searchable (0710), so they can
/// connect, but not list the directory or read the store (0600).
pub fn share_with_group(dir: &Path, group: &str) -> crate::store::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let gid = group_id(group)?;
    let socket = dir.join(FEED_SOCKET);
    for (path, mode) in [(dir, 0o710), (socket.as_path(), 0o660)] {
        std::os::unix::fs::chown(path, None, Some(gid))
            .and_then(|()| std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)))
            .map_err(|e| {
                format!(
                    "无法把 {} 交给用户组 {group} (cannot share with group): {e}",
                    path.display()
                )
            })?;
    }
    tracing::info!("slot feed: members of {group} may report");
    Ok(())
}

/// A group's id from `/etc/group` (or a number).
fn group_id(group: &str) -> crate::store::Result<u32> {
    if let Ok(gid) = group.parse() {
        return Ok(gid);
    }
    let groups = std::fs::read_to_string("/etc/group").unwrap_or_default();
    groups
        .lines()
        .filter_map(|l| {
            let mut fields = l.split(':');
            Some((fields.next()?, fields.nth(1)?))
        })
        .find(|(name, _)| *name == group)
        .and_then(|(_, gid)| gid.parse().ok())
        .ok_or_else(|| format!("没有用户组 {group} (no such group)").into())
}

/// The listening socket; dropping it stops accepting, disconnects every feeder, closes
/// the store connection and removes the socket file.
pub struct FeedServer {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FeedServer {
    /// Listens on `socket`, applying reports to the store at `db`, with the default
    /// [`Limits`].
    pub fn start(socket: &Path, db: &Path) -> io::Result<FeedServer> {
        Self::start_with(socket, db, Limits::default())
    }

    pub fn start_with(socket: &Path, db: &Path, limits: Limits) -> io::Result<FeedServer> {
        if socket.exists() {
            if UnixStream::connect(socket).is_ok() {
                return Err(io::Error::new(
                    io::ErrorKind::AddrInUse,
                    format!("another kiosk is listening on {}", socket.display()),
                ));
            }
            std::fs::remove_file(socket)?; // left over from a power cut
        }
        let listener = UnixListener::bind(socket)?;
        listener.set_nonblocking(true)?;
        // Only the kiosk's user (and the feed group, README) may report.
        crate::store::owner_only(socket);
        let stop = Arc::new(AtomicBool::new(false));
        let thread = server::spawn(listener, db.to_path_buf(), limits, stop.clone())?;
        tracing::info!("slot feed listening on {}", socket.display());
        Ok(FeedServer {
            path: socket.to_path_buf(),
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(handle) = self.thread.take() {
            let _ = handle.join();
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_lines() {
        let l = parse_line(r#"{"slot":"A1","state":"charging","at":"2026-11-29T18:00:00+08:00"}"#)
            .unwrap();
        assert_eq!(l.slot, "A1");
        assert_eq!(l.state, FeedState::Charging);
        assert_eq!(l.at.unwrap().to_rfc3339(), "2026-11-29T18:00:00+08:00");
        let l = parse_line(r#"{"slot":"B2","state":"fault","note":"过热"}"#).unwrap();
        assert_eq!(l.note, "过热");
        assert!(parse_line(r#"{"slot":"A1","state":"exploded"}"#).is_err());
        assert!(parse_line(r#"{"slot":"A1"}"#).is_err());
        assert!(parse_line("not json").is_err());
        assert!(parse_line(r#"{"slot":"A1","state":"free","extra":1}"#).is_err());
        assert!(!parse_line(r#"{"slot":"A1","state":"free"}"#).unwrap().sim);
        assert!(
            parse_line(r#"{"slot":"A1","state":"free","sim":true}"#)
                .unwrap()
                .sim
        );
    }

    #[test]
    fn a_feed_group_may_reach_the_socket_and_nothing_else() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let _listener = UnixListener::bind(dir.path().join(FEED_SOCKET)).unwrap();
        let gid = std::fs::metadata(dir.path()).unwrap().gid();
        share_with_group(dir.path(), &gid.to_string()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(dir.path()), 0o710);
        assert_eq!(mode(&dir.path().join(FEED_SOCKET)), 0o660);
        assert_eq!(group_id("root").unwrap(), 0);
        assert!(share_with_group(dir.path(), "no-such-group-here").is_err());
    }

    #[test]
    fn report_times_are_checked_against_the_clock() {
        let now = DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z")
            .unwrap()
            .to_utc();
        let at = |at: &str| {
            let line = parse_line(&format!(
                r#"{{"slot":"B2","state":"charging","at":"{at}"}}"#
            ))
            .unwrap();
            report_time(&line, now)
        };
        assert!(at("0000-01-01T00:00:00+01:00").is_err(), "year 0");
        assert!(at("1999-12-31T23:00:00Z").is_err());
        assert!(at("2026-12-01T12:00:01Z").is_err(), "a day ahead");
        assert!(
            at("2026-11-30T12:05:01Z").is_err(),
            "more than 5 minutes ahead"
        );
        assert_eq!(
            at("2026-11-30T12:04:00Z").unwrap(),
            now + chrono::TimeDelta::minutes(4)
        );
        assert_eq!(at("2026-11-30T20:00:00+08:00").unwrap(), now);
        let none = parse_line(r#"{"slot":"B2","state":"free"}"#).unwrap();
        assert_eq!(report_time(&none, now).unwrap(), now);
    }
}
