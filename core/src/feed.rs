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
//! 4 KiB, an `at` outside 2000–2099, more than a day ahead, or older than the slot's
//! last report); the connection stays up either way.
//!
//! One thread with the feed's only store connection reads every feeder (epoll, whose
//! ready list is first-come, first-served) and applies the reports in the order they
//! arrive; a report that meets a busy store waits and is retried, never dropped. At most [`Limits::connections`]
//! feeders are connected at once (more are told `error: too many connections` and
//! closed), and a feeder silent for [`Limits::idle`] is disconnected.

use crate::store::{self, FeedState, Store};
use chrono::{DateTime, FixedOffset, Utc};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const FEED_SOCKET: &str = "slot-feed.sock";
/// Longest accepted line, in bytes.
pub const MAX_LINE: usize = 4096;
/// How far ahead of the kiosk's clock a report's `at` may be.
pub const MAX_AHEAD: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

/// How many feeders, and how long a silent one is kept.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Feeders connected at once; one more is told `error: too many connections`.
    pub connections: usize,
    /// A feeder that sends nothing for this long is disconnected.
    pub idle: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connections: 32,
            idle: Duration::from_secs(5 * 60),
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
        let poll = Epoll::new()?;
        poll.add(listener.as_raw_fd(), LISTENER, false)?;
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (db, stop) = (db.to_path_buf(), stop.clone());
            std::thread::Builder::new()
                .name("slot-feed".into())
                .spawn(move || {
                    Feed {
                        poll,
                        listener,
                        db,
                        store: None,
                        feeders: HashMap::new(),
                        next_key: LISTENER + 1,
                        limits,
                        refused: 0,
                        refusal_logged: None,
                    }
                    .run(&stop)
                })?
        };
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

/// The event key of the listening socket; feeders count up from it.
const LISTENER: u64 = 0;
/// How often the loop looks at the stop flag and the idle feeders.
const TICK_MS: i32 = 100;

/// A level-triggered epoll set. Its ready list is first-come, first-served, which is
/// what keeps reports from several feeders in the order they arrived.
struct Epoll(RawFd);

impl Epoll {
    fn new() -> io::Result<Epoll> {
        // SAFETY: plain syscall; the descriptor is owned by the returned value.
        let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Epoll(fd))
    }

    /// Watches `fd` for input. `edge`: report it once per arrival (the reader then
    /// reads until it would block); a level-triggered descriptor is queued again after
    /// each wait, which lets a feeder that was ready before overtake one that sent
    /// first (measured: 2 of 100 two-feeder trials in order, 100 of 100 edge-triggered).
    fn add(&self, fd: RawFd, key: u64, edge: bool) -> io::Result<()> {
        let edge = if edge { libc::EPOLLET } else { 0 };
        let mut event = libc::epoll_event {
            events: (libc::EPOLLIN | libc::EPOLLRDHUP | edge) as u32,
            u64: key,
        };
        // SAFETY: both descriptors are open; `event` outlives the call.
        if unsafe { libc::epoll_ctl(self.0, libc::EPOLL_CTL_ADD, fd, &mut event) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    fn remove(&self, fd: RawFd) {
        // SAFETY: removing a descriptor that may or may not be in the set is harmless.
        unsafe { libc::epoll_ctl(self.0, libc::EPOLL_CTL_DEL, fd, std::ptr::null_mut()) };
    }

    /// The keys that are ready, in the order they became ready.
    fn wait(&self, events: &mut [libc::epoll_event], timeout_ms: i32) -> Vec<u64> {
        // SAFETY: `events` is valid for `len` entries.
        let n = unsafe {
            libc::epoll_wait(self.0, events.as_mut_ptr(), events.len() as i32, timeout_ms)
        };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                tracing::warn!("slot feed: epoll_wait failed: {e}");
                std::thread::sleep(Duration::from_millis(100));
            }
            return Vec::new();
        }
        events[..n as usize].iter().map(|e| e.u64).collect()
    }
}

impl Drop for Epoll {
    fn drop(&mut self) {
        // SAFETY: the descriptor is ours and closed once.
        unsafe { libc::close(self.0) };
    }
}

/// One connected feeder.
struct Feeder {
    stream: UnixStream,
    /// Bytes read and not yet a whole line.
    pending: Vec<u8>,
    /// The line being read is over [`MAX_LINE`]: its rest is discarded.
    skipping: bool,
    /// Off once the feeder stops reading its replies.
    replies: bool,
    heard: Instant,
}

/// The feed's one thread: accepts feeders, reads their lines in the order they arrive
/// and applies them through its one store connection.
struct Feed {
    poll: Epoll,
    listener: UnixListener,
    db: PathBuf,
    store: Option<Store>,
    feeders: HashMap<u64, Feeder>,
    next_key: u64,
    limits: Limits,
    refused: u64,
    refusal_logged: Option<Instant>,
}

impl Feed {
    fn run(mut self, stop: &AtomicBool) {
        let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 64];
        while !stop.load(Ordering::Relaxed) {
            for key in self.poll.wait(&mut events, TICK_MS) {
                if key == LISTENER {
                    self.accept();
                } else {
                    self.read(key, stop);
                }
            }
            let idle = self.limits.idle;
            let silent: Vec<u64> = self
                .feeders
                .iter()
                .filter(|(_, f)| f.heard.elapsed() >= idle)
                .map(|(&k, _)| k)
                .collect();
            for key in silent {
                tracing::info!("slot feed: a feeder was silent for {idle:?}, disconnected");
                self.close(key);
            }
        }
    }

    fn accept(&mut self) {
        loop {
            let stream = match self.listener.accept() {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) => {
                    // Out of file descriptors and the like: back off, don't spin.
                    tracing::warn!("slot feed: accept failed: {e}");
                    std::thread::sleep(Duration::from_millis(100));
                    return;
                }
            };
            if self.feeders.len() >= self.limits.connections {
                self.refused += 1;
                if self
                    .refusal_logged
                    .is_none_or(|at| at.elapsed() >= Duration::from_secs(10))
                {
                    tracing::warn!(
                        "slot feed: {} feeder(s) refused: {} already connected",
                        self.refused,
                        self.limits.connections
                    );
                    (self.refused, self.refusal_logged) = (0, Some(Instant::now()));
                }
                let _ = stream.set_nonblocking(true);
                let _ = (&stream).write(b"error: too many connections\n");
                continue;
            }
            let key = self.next_key;
            self.next_key += 1;
            if stream.set_nonblocking(true).is_err()
                || self.poll.add(stream.as_raw_fd(), key, true).is_err()
            {
                continue;
            }
            self.feeders.insert(
                key,
                Feeder {
                    stream,
                    pending: Vec::with_capacity(256),
                    skipping: false,
                    replies: true,
                    heard: Instant::now(),
                },
            );
        }
    }

    /// Reads all a feeder sent (until the socket would block: it is edge-triggered) and
    /// handles each whole line as soon as it is complete.
    fn read(&mut self, key: u64, stop: &AtomicBool) {
        let mut chunk = [0u8; 4096];
        loop {
            let Some(feeder) = self.feeders.get_mut(&key) else {
                return;
            };
            match (&feeder.stream).read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    feeder.heard = Instant::now();
                    feeder.pending.extend_from_slice(&chunk[..n]);
                    self.lines(key, stop);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    tracing::warn!("slot feed: read failed, dropping feeder: {e}");
                    break;
                }
            }
        }
        // Gone (a cut-off last line is not applied).
        self.close(key);
    }

    /// Handles the whole lines a feeder has sent; keeps at most [`MAX_LINE`] bytes of
    /// an unfinished one.
    fn lines(&mut self, key: u64, stop: &AtomicBool) {
        while let Some(end) = self.feeders[&key].pending.iter().position(|&b| b == b'\n') {
            let feeder = self.feeders.get_mut(&key).expect("present");
            let line: Vec<u8> = feeder.pending.drain(..=end).collect();
            let result = if std::mem::take(&mut feeder.skipping) || line.len() > MAX_LINE + 1 {
                Some(Err(format!("line longer than {MAX_LINE} bytes").into()))
            } else {
                let text = String::from_utf8_lossy(&line);
                let text = text.trim();
                (!text.is_empty()).then(|| self.handle(text, stop))
            };
            if let Some(result) = result {
                self.reply(key, result);
            }
        }
        let feeder = self.feeders.get_mut(&key).expect("present");
        if feeder.pending.len() > MAX_LINE {
            // The rest of this line is discarded; it gets its error at its end.
            feeder.pending.clear();
            feeder.skipping = true;
        }
    }

    fn close(&mut self, key: u64) {
        if let Some(feeder) = self.feeders.remove(&key) {
            self.poll.remove(feeder.stream.as_raw_fd());
        }
    }

    /// Checks one line and applies it; a busy store is waited for, never skipped.
    fn handle(&mut self, text: &str, stop: &AtomicBool) -> crate::store::Result<()> {
        let result = parse_line(text).and_then(|line| {
            let at = report_time(&line, Utc::now())?;
            let at = match line.at {
                Some(_) => store::ReportAt::Stamped(at),
                None => store::ReportAt::Arrived(at),
            };
            let store = self.store(stop)?;
            retry_busy(stop, || {
                store.apply_report_at(&line.slot, line.state, &line.note, at, line.sim)
            })
        });
        if let Err(e) = &result {
            let shown: String = text.chars().take(120).collect();
            tracing::warn!("slot feed: skipped {shown:?}: {e}");
        }
        result
    }

    /// The feed's one store connection, opened on first use (and again after a
    /// failure, waiting for the store rather than dropping the report).
    fn store(&mut self, stop: &AtomicBool) -> crate::store::Result<&mut Store> {
        while self.store.is_none() {
            match Store::open(&self.db) {
                Ok(store) => self.store = Some(store),
                Err(e) if !stop.load(Ordering::Relaxed) => {
                    tracing::error!("slot feed: cannot open the store, retrying: {e}");
                    std::thread::sleep(Duration::from_secs(1));
                }
                Err(e) => return Err(e),
            }
        }
        Ok(self.store.as_mut().expect("opened above"))
    }

    fn reply(&mut self, key: u64, result: crate::store::Result<()>) {
        let Some(feeder) = self.feeders.get_mut(&key) else {
            return;
        };
        if !feeder.replies {
            return;
        }
        let reply = match result {
            Ok(()) => "ok\n".to_string(),
            Err(e) => format!("error: {}\n", e.to_string().replace(['\n', '\r'], " ")),
        };
        match (&feeder.stream).write(reply.as_bytes()) {
            Ok(n) if n == reply.len() => {}
            // A feeder that does not read its replies, or that has sent its lines and
            // gone: what it sent is still applied, without replies.
            Ok(_) => feeder.replies = false,
            Err(e) => {
                if e.kind() != io::ErrorKind::BrokenPipe {
                    tracing::info!("slot feed: a feeder does not read its replies: {e}");
                }
                feeder.replies = false;
            }
        }
    }
}

/// Runs `apply` until the store is not busy (waiting longer each time, up to two
/// seconds), or the server stops.
fn retry_busy(
    stop: &AtomicBool,
    mut apply: impl FnMut() -> store::Result<()>,
) -> store::Result<()> {
    let mut wait = Duration::from_millis(50);
    let mut tries = 0u32;
    loop {
        match apply() {
            Err(e) if e.is_busy() && !stop.load(Ordering::Relaxed) => {
                tries += 1;
                if tries == 1 || tries.is_multiple_of(30) {
                    tracing::warn!("slot feed: the store is busy, retrying ({tries}): {e}");
                }
                std::thread::sleep(wait);
                wait = (wait * 2).min(Duration::from_secs(2));
            }
            result => return result,
        }
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

    #[test]
    fn a_busy_store_is_retried_not_dropped() {
        let busy = || {
            store::Error::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                None,
            ))
        };
        let stop = AtomicBool::new(false);
        let mut calls = 0;
        let result = retry_busy(&stop, || {
            calls += 1;
            if calls < 3 { Err(busy()) } else { Ok(()) }
        });
        assert!(result.is_ok());
        assert_eq!(calls, 3);
        // Other errors are not retried.
        let mut calls = 0;
        let result = retry_busy(&stop, || {
            calls += 1;
            Err(store::Error::Invalid("bad".into()))
        });
        assert!(result.is_err());
        assert_eq!(calls, 1);
    }
}
