//! The feed's one thread: accepts feeders, reads their lines and applies them through its
//! one store connection (see the module above for the rules).

use super::epoll::Epoll;
use super::log_limit::LogLimit;
use super::{Limits, MAX_LINE, parse_line, report_time};
use crate::store::{self, Store};
use chrono::Utc;
use std::collections::{HashMap, VecDeque};
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Starts the feed's thread on `listener`.
pub(super) fn spawn(
    listener: UnixListener,
    db: PathBuf,
    limits: Limits,
    stop: Arc<AtomicBool>,
) -> io::Result<JoinHandle<()>> {
    let poll = Epoll::new()?;
    poll.add(listener.as_raw_fd(), LISTENER, false)?;
    std::thread::Builder::new()
        .name("slot-feed".into())
        .spawn(move || {
            Feed {
                poll,
                listener,
                db,
                store: None,
                feeders: HashMap::new(),
                ready: VecDeque::new(),
                next_key: LISTENER + 1,
                limits,
                warnings: LogLimit::new(WARNINGS_WINDOW, WARNINGS_BURST),
                unusable_logged: None,
                evicted: 0,
                eviction_logged: None,
            }
            .run(&stop)
        })
}

/// The event key of the listening socket; feeders count up from it.
const LISTENER: u64 = 0;
/// How often the loop looks at the stop flag and the idle feeders.
const TICK_MS: i32 = 100;
/// Warnings about bad lines: at most this many a window, then a count.
const WARNINGS_BURST: u32 = 20;
const WARNINGS_WINDOW: Duration = Duration::from_secs(60);
/// Lines one feeder may have handled before the others get their turn: a feeder that
/// sends without pause never holds up another's reply for more than this many.
const LINES_PER_TURN: usize = 4;

/// One connected feeder.
struct Feeder {
    stream: UnixStream,
    /// Bytes read and not yet a whole line.
    pending: Vec<u8>,
    /// When the unfinished line in `pending` began.
    partial_since: Option<Instant>,
    /// The line being read is over [`MAX_LINE`]: its rest is discarded.
    skipping: bool,
    /// Off once the feeder stops reading its replies.
    replies: bool,
    connected: Instant,
    /// The last report it sent that was applied (bytes, or lines refused, do not count).
    reported: Option<Instant>,
}

impl Feeder {
    /// Since when it has given nothing of use: its last applied report, or its connect.
    fn quiet_since(&self) -> Instant {
        self.reported.unwrap_or(self.connected)
    }
}

/// Whether a feeder has more to read or handle after its turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    Done,
    More,
}

/// The feed's one thread: accepts feeders, reads their lines in the order they arrive
/// and applies them through its one store connection.
struct Feed {
    poll: Epoll,
    listener: UnixListener,
    db: PathBuf,
    store: Option<Store>,
    feeders: HashMap<u64, Feeder>,
    /// Feeders with input to read, in the order it arrived; one that used its turn
    /// goes to the back.
    ready: VecDeque<u64>,
    next_key: u64,
    limits: Limits,
    /// Warnings about bad lines, rate-limited.
    warnings: LogLimit,
    /// When the store's being unusable was last logged.
    unusable_logged: Option<Instant>,
    evicted: u64,
    eviction_logged: Option<Instant>,
}

impl Feed {
    fn run(mut self, stop: &AtomicBool) {
        let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 64];
        while !stop.load(Ordering::Relaxed) {
            // Not waiting while a feeder still has lines read but not handled.
            let timeout = if self.ready.is_empty() { TICK_MS } else { 0 };
            for key in self.poll.wait(&mut events, timeout) {
                if key == LISTENER {
                    self.accept();
                } else if !self.ready.contains(&key) {
                    self.ready.push_back(key);
                }
            }
            // One turn each, in order: a feeder with more goes to the back.
            for _ in 0..self.ready.len() {
                let Some(key) = self.ready.pop_front() else {
                    break;
                };
                if self.read(key, stop) == Turn::More {
                    self.ready.push_back(key);
                }
            }
            self.close_the_quiet();
        }
    }

    /// Closes feeders silent for [`Limits::idle`] (counted from their last applied
    /// report, not their last byte) and those whose line is not whole within
    /// [`Limits::line_budget`]: one byte a minute is not a report, and keeps no place.
    fn close_the_quiet(&mut self) {
        let Limits {
            idle, line_budget, ..
        } = self.limits;
        let now = Instant::now();
        let dawdled = format!("error: a line must end within {line_budget:?}\n");
        let quiet: Vec<(u64, String)> = self
            .feeders
            .iter()
            .filter_map(|(&k, f)| {
                if f.partial_since.is_some_and(|at| now - at >= line_budget) {
                    Some((k, dawdled.clone()))
                } else if now - f.quiet_since() >= idle {
                    Some((k, String::new()))
                } else {
                    None
                }
            })
            .collect();
        for (key, why) in quiet {
            if let Some(f) = self.feeders.get(&key) {
                let _ = (&f.stream).write(why.as_bytes());
            }
            tracing::info!(
                "slot feed: a feeder sent no report for {idle:?} (or dawdled over a line), disconnected"
            );
            self.close(key);
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
                self.make_room();
            }
            let key = self.next_key;
            self.next_key += 1;
            if stream.set_nonblocking(true).is_err()
                || self.poll.add(stream.as_raw_fd(), key, true).is_err()
            {
                continue;
            }
            let now = Instant::now();
            self.feeders.insert(
                key,
                Feeder {
                    stream,
                    pending: Vec::with_capacity(256),
                    partial_since: None,
                    skipping: false,
                    replies: true,
                    connected: now,
                    reported: None,
                },
            );
        }
    }

    /// At the cap, a new connection always gets in: the one that has given least is
    /// closed to make room — one that never sent a report applied before any that did
    /// (the oldest of them first), else the one whose last report is oldest. Feeders
    /// that report keep their place against any number of silent connections.
    fn make_room(&mut self) {
        let victim = self
            .feeders
            .iter()
            .min_by_key(|(_, f)| (f.reported.is_some(), f.quiet_since()))
            .map(|(&k, _)| k);
        if let Some(key) = victim {
            if let Some(f) = self.feeders.get(&key) {
                let _ = (&f.stream).write(b"error: too many connections: closed to make room\n");
            }
            self.close(key);
            self.evicted += 1;
            if self
                .eviction_logged
                .is_none_or(|at| at.elapsed() >= Duration::from_secs(10))
            {
                tracing::warn!(
                    "slot feed: {} connection(s) closed to make room for new ones ({} is the most at once)",
                    self.evicted,
                    self.limits.connections
                );
                (self.evicted, self.eviction_logged) = (0, Some(Instant::now()));
            }
        }
    }

    /// Reads what a feeder sent (it is edge-triggered: until the socket would block)
    /// and handles each whole line as soon as it is complete, at most
    /// [`LINES_PER_TURN`] of them: `Turn::More` when it has more to read or handle.
    fn read(&mut self, key: u64, stop: &AtomicBool) -> Turn {
        let mut chunk = [0u8; 4096];
        let mut handled = 0;
        loop {
            handled += self.lines(key, stop, LINES_PER_TURN - handled);
            let Some(feeder) = self.feeders.get_mut(&key) else {
                return Turn::Done;
            };
            if handled >= LINES_PER_TURN {
                return Turn::More;
            }
            match (&feeder.stream).read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    if feeder.partial_since.is_none() {
                        feeder.partial_since = Some(Instant::now());
                    }
                    feeder.pending.extend_from_slice(&chunk[..n]);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Turn::Done,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    tracing::warn!("slot feed: read failed, dropping feeder: {e}");
                    break;
                }
            }
        }
        // Gone (a cut-off last line is not applied).
        self.close(key);
        Turn::Done
    }

    /// Handles up to `most` whole lines a feeder has sent and returns how many; keeps at
    /// most [`MAX_LINE`] bytes of an unfinished one.
    fn lines(&mut self, key: u64, stop: &AtomicBool, most: usize) -> usize {
        let mut handled = 0;
        while handled < most {
            let Some(feeder) = self.feeders.get_mut(&key) else {
                return handled;
            };
            let Some(end) = feeder.pending.iter().position(|&b| b == b'\n') else {
                break;
            };
            let line: Vec<u8> = feeder.pending.drain(..=end).collect();
            feeder.partial_since = (!feeder.pending.is_empty()).then(Instant::now);
            let result = if std::mem::take(&mut feeder.skipping) || line.len() > MAX_LINE + 1 {
                Some(Err(format!("line longer than {MAX_LINE} bytes").into()))
            } else {
                let text = String::from_utf8_lossy(&line);
                let text = text.trim();
                (!text.is_empty()).then(|| self.handle(text, stop))
            };
            if let Some(result) = result {
                if result.is_ok()
                    && let Some(feeder) = self.feeders.get_mut(&key)
                {
                    feeder.reported = Some(Instant::now());
                }
                self.reply(key, result);
                handled += 1;
            }
        }
        let Some(feeder) = self.feeders.get_mut(&key) else {
            return handled;
        };
        if feeder.pending.len() > MAX_LINE {
            // The rest of this line is discarded; it gets its error at its end.
            feeder.pending.clear();
            feeder.skipping = true;
        }
        handled
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
        if let Err(e) = &result
            && let Some(held_back) = self.warnings.allow(Instant::now())
        {
            let shown: String = text.chars().take(120).collect();
            if held_back > 0 {
                tracing::warn!(
                    "slot feed: {held_back} more bad lines were not logged (at most {WARNINGS_BURST} every {WARNINGS_WINDOW:?})"
                );
            }
            tracing::warn!("slot feed: skipped {shown:?}: {e}");
        }
        result
    }

    /// The feed's one store connection, opened on first use (and again after a
    /// failure). A busy store is waited for rather than the report dropped; a store that
    /// cannot be written (a newer schema, no permission, damage) is not: the line gets
    /// an error naming the cause at once, and the log says so at most once a minute
    /// (#21 item 7: it used to accept, never reply, and log every second).
    fn store(&mut self, stop: &AtomicBool) -> crate::store::Result<&mut Store> {
        while self.store.is_none() {
            match Store::open(&self.db) {
                Ok(store) => self.store = Some(store),
                Err(e) if e.is_busy() && !stop.load(Ordering::Relaxed) => {
                    tracing::warn!("slot feed: the store is busy while opening, retrying: {e}");
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(e) => {
                    let dir = self.db.parent().unwrap_or(Path::new("."));
                    let cause = store::cause_of(dir, &e);
                    if self
                        .unusable_logged
                        .is_none_or(|t| t.elapsed() > Duration::from_secs(60))
                    {
                        self.unusable_logged = Some(Instant::now());
                        tracing::error!(
                            "slot feed: the store cannot be written ({}), reports refused: {e}",
                            cause.zh()
                        );
                    }
                    return Err(store::Error::Invalid(format!(
                        "数据库不能写入（原因：{}），报告没有保存 (store cannot be written: {e})",
                        cause.zh()
                    )));
                }
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
