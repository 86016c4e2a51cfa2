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
//! One writer thread with the feed's only store connection applies the reports in the
//! order they arrive (a report that meets a busy store waits and is retried, never
//! dropped); each connection has a reader thread. At most [`Limits::connections`]
//! feeders are connected at once (more are told `error: too many connections` and
//! closed), and a feeder silent for [`Limits::idle`] is disconnected.

use crate::store::{self, FeedState, Store};
use chrono::{DateTime, FixedOffset, Utc};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const FEED_SOCKET: &str = "slot-feed.sock";
/// Longest accepted line, in bytes.
pub const MAX_LINE: usize = 4096;
/// How far ahead of the kiosk's clock a report's `at` may be.
pub const MAX_AHEAD: chrono::TimeDelta = chrono::TimeDelta::days(1);
/// How long a reply may wait for a feeder that does not read them; after that the
/// connection gets no more replies (its reports are still applied).
const REPLY_TIMEOUT: Duration = Duration::from_secs(5);

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

pub fn parse_line(line: &str) -> Result<FeedLine, String> {
    let line: FeedLine = serde_json::from_str(line).map_err(|e| e.to_string())?;
    if line.note.chars().count() > 100 {
        return Err("note longer than 100 characters".into());
    }
    Ok(line)
}

/// The time a report takes effect: its `at`, checked against the kiosk's clock `now`
/// (at most [`MAX_AHEAD`] ahead, within 2000–2099), or `now` when it has none.
pub fn report_time(line: &FeedLine, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let Some(at) = line.at else {
        return Ok(now);
    };
    let at = at.to_utc();
    if !store::time::in_window(at) {
        return Err(format!("at {at} is outside 2000-2099"));
    }
    if at > now + MAX_AHEAD {
        return Err(format!(
            "at {at} is more than a day ahead of the kiosk's clock"
        ));
    }
    Ok(at)
}

/// Lets the members of `group` reach the feed socket in `dir`: the socket becomes
/// group-writable (0660) and the data directory group-searchable (0710), so they can
/// connect, but not list the directory or read the store (0600).
pub fn share_with_group(dir: &Path, group: &str) -> Result<(), String> {
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
fn group_id(group: &str) -> Result<u32, String> {
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
        .ok_or_else(|| format!("没有用户组 {group} (no such group)"))
}

/// One report on its way to the writer, with where its reply goes.
struct Job {
    line: FeedLine,
    at: DateTime<Utc>,
    reply: mpsc::SyncSender<Result<(), String>>,
}

/// The feeders connected now, to close them when the server stops.
type Live = Arc<Mutex<HashMap<u64, UnixStream>>>;

/// The listening socket; dropping it stops accepting, disconnects every feeder, closes
/// the store connection and removes the socket file.
pub struct FeedServer {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
    writer: Option<JoinHandle<()>>,
    live: Live,
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
        // Only the kiosk's user (and the feed group, README) may report.
        crate::store::owner_only(socket);
        let stop = Arc::new(AtomicBool::new(false));
        let live: Live = Arc::default();
        let (jobs, queue) = mpsc::channel();
        let writer = {
            let (db, stop) = (db.to_path_buf(), stop.clone());
            std::thread::Builder::new()
                .name("slot-feed-writer".into())
                .spawn(move || write_reports(&db, &queue, &stop))?
        };
        let accept = {
            let (stop, live) = (stop.clone(), live.clone());
            std::thread::Builder::new()
                .name("slot-feed".into())
                .spawn(move || accept(&listener, &jobs, &live, &stop, limits))?
        };
        tracing::info!("slot feed listening on {}", socket.display());
        Ok(FeedServer {
            path: socket.to_path_buf(),
            stop,
            accept: Some(accept),
            writer: Some(writer),
            live,
        })
    }
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = UnixStream::connect(&self.path); // wake the accept loop
        if let Some(handle) = self.accept.take() {
            let _ = handle.join();
        }
        for stream in lock(&self.live).values() {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
        if let Some(handle) = self.writer.take() {
            let _ = handle.join();
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

fn lock(live: &Live) -> std::sync::MutexGuard<'_, HashMap<u64, UnixStream>> {
    live.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Accepts feeders up to the limit, each on its own reader thread.
fn accept(
    listener: &UnixListener,
    jobs: &Sender<Job>,
    live: &Live,
    stop: &AtomicBool,
    limits: Limits,
) {
    let mut next_id = 0u64;
    // Refusals are logged at most every ten seconds, with how many there were.
    let (mut refused, mut logged) = (0u64, None::<Instant>);
    for stream in listener.incoming() {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let stream = match stream {
            Ok(stream) => stream,
            Err(e) => {
                // Out of file descriptors and the like: back off, don't spin.
                tracing::warn!("slot feed: accept failed: {e}");
                std::thread::sleep(Duration::from_millis(500));
                continue;
            }
        };
        let mut connected = lock(live);
        if connected.len() >= limits.connections {
            drop(connected);
            refused += 1;
            if logged.is_none_or(|at| at.elapsed() >= Duration::from_secs(10)) {
                tracing::warn!(
                    "slot feed: {refused} feeder(s) refused: {} already connected",
                    limits.connections
                );
                (refused, logged) = (0, Some(Instant::now()));
            }
            let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
            let _ = (&stream).write_all(b"error: too many connections\n");
            continue;
        }
        let Ok(handle) = stream.try_clone() else {
            continue;
        };
        next_id += 1;
        let id = next_id;
        connected.insert(id, handle);
        drop(connected);
        let (jobs, live2) = (jobs.clone(), live.clone());
        let spawned = std::thread::Builder::new()
            .name("slot-feeder".into())
            .spawn(move || {
                serve(&stream, &jobs, limits.idle);
                lock(&live2).remove(&id);
            });
        if let Err(e) = spawned {
            tracing::warn!("slot feed: cannot serve a feeder: {e}");
            lock(live).remove(&id);
        }
    }
}

/// Reads one feeder's lines until it disconnects or stays silent too long, replying
/// to each.
fn serve(stream: &UnixStream, jobs: &Sender<Job>, idle: Duration) {
    let _ = stream.set_read_timeout(Some(idle));
    let _ = stream.set_write_timeout(Some(REPLY_TIMEOUT));
    let mut reader = BufReader::new(stream);
    let mut line = Vec::with_capacity(256);
    let mut replies = true;
    loop {
        line.clear();
        let read = (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut line);
        match read {
            Ok(0) => return,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                tracing::info!("slot feed: a feeder was silent for {idle:?}, disconnected");
                return;
            }
            Err(e) => {
                tracing::warn!("slot feed: read failed, dropping feeder: {e}");
                return;
            }
        }
        let result = if line.len() > MAX_LINE && line.last() != Some(&b'\n') {
            if skip_line(&mut reader).is_err() {
                return;
            }
            Err(format!("line longer than {MAX_LINE} bytes"))
        } else {
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let result = submit(text, jobs);
            if let Err(e) = &result {
                let shown: String = text.chars().take(120).collect();
                tracing::warn!("slot feed: skipped {shown:?}: {e}");
            }
            result
        };
        if replies {
            let reply = match result {
                Ok(()) => "ok\n".to_string(),
                Err(e) => format!("error: {}\n", e.replace(['\n', '\r'], " ")),
            };
            if let Err(e) = { stream }.write_all(reply.as_bytes()) {
                // A feeder that never reads its replies, or that has sent its lines and
                // gone: the lines it sent are still applied, without replies.
                if e.kind() != io::ErrorKind::BrokenPipe {
                    tracing::info!("slot feed: a feeder does not read its replies: {e}");
                }
                replies = false;
            }
        }
    }
}

/// Checks one line and hands it to the writer; waits until it is applied.
fn submit(text: &str, jobs: &Sender<Job>) -> Result<(), String> {
    let line = parse_line(text)?;
    let at = report_time(&line, Utc::now())?;
    let (reply, answer) = mpsc::sync_channel(1);
    jobs.send(Job { line, at, reply })
        .map_err(|_| "the kiosk is stopping".to_string())?;
    answer
        .recv()
        .unwrap_or_else(|_| Err("the kiosk is stopping".into()))
}

/// The one writer: opens the feed's only store connection and applies reports in the
/// order they were queued, until the server stops.
fn write_reports(db: &Path, queue: &Receiver<Job>, stop: &AtomicBool) {
    let mut store = None;
    loop {
        let job = match queue.recv_timeout(Duration::from_millis(200)) {
            Ok(job) => job,
            Err(RecvTimeoutError::Timeout) if !stop.load(Ordering::Relaxed) => continue,
            Err(_) => return,
        };
        let result = loop {
            if store.is_none() {
                match Store::open(db) {
                    Ok(s) => store = Some(s),
                    Err(e) if !stop.load(Ordering::Relaxed) => {
                        tracing::error!("slot feed: cannot open the store, retrying: {e}");
                        std::thread::sleep(Duration::from_secs(1));
                        continue;
                    }
                    Err(e) => break Err(e.to_string()),
                }
            }
            let store = store.as_mut().expect("opened above");
            let line = &job.line;
            break retry_busy(stop, || {
                store.apply_report(&line.slot, line.state, &line.note, job.at, line.sim)
            })
            .map_err(|e| e.to_string());
        };
        let _ = job.reply.send(result);
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

/// Discards the rest of an oversized line.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(pos) = buf.iter().position(|&b| b == b'\n') {
            reader.consume(pos + 1);
            return Ok(());
        }
        let len = buf.len();
        reader.consume(len);
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
        assert!(at("2026-12-01T12:00:01Z").is_err(), "more than a day ahead");
        assert_eq!(
            at("2026-12-01T11:00:00Z").unwrap(),
            now + chrono::TimeDelta::hours(23)
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
