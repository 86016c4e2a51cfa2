//! The hardware feed: charging cabinets and smart power strips report slot states as
//! newline-delimited JSON on a Unix socket in the data directory (`slot-feed.sock`):
//!
//! ```text
//! {"slot":"B1","state":"charging","at":"2026-11-29T18:00:00+08:00"}
//! {"slot":"B2","state":"fault","note":"过热"}
//! ```
//!
//! `state` is `free`, `charging`, `full` or `fault`; `at` (RFC 3339), `note` and
//! `sim` (`true` from `slot simulate`) are optional. A malformed line, an unknown or unfed slot, or a line over 4 KiB is logged
//! and skipped; the connection stays up. Any number of feeders may connect, drop and
//! reconnect. Each connection writes through its own store connection, so the kiosk
//! sees the change on its next tick.

use crate::store::{FeedState, Store};
use chrono::{DateTime, FixedOffset, Utc};
use serde::Deserialize;
use std::io::{self, BufRead, BufReader, Read};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

pub const FEED_SOCKET: &str = "slot-feed.sock";
/// Longest accepted line, in bytes.
pub const MAX_LINE: usize = 4096;

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

/// The listening socket; dropping it stops accepting and removes the socket file.
pub struct FeedServer {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl FeedServer {
    /// Listens on `socket`, applying reports to the store at `db`.
    pub fn start(socket: &Path, db: &Path) -> io::Result<FeedServer> {
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
        // Only the kiosk's user may report (README: give a feeder access with a group).
        crate::store::owner_only(socket);
        let stop = Arc::new(AtomicBool::new(false));
        let db = db.to_path_buf();
        let flag = stop.clone();
        let accept = std::thread::Builder::new()
            .name("slot-feed".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if flag.load(Ordering::Relaxed) {
                        break;
                    }
                    match stream {
                        Ok(stream) => {
                            let db = db.clone();
                            let spawned = std::thread::Builder::new()
                                .name("slot-feeder".into())
                                .spawn(move || serve(stream, &db));
                            if let Err(e) = spawned {
                                tracing::warn!("slot feed: cannot serve a feeder: {e}");
                            }
                        }
                        Err(e) => {
                            // Out of file descriptors and the like: back off, don't spin.
                            tracing::warn!("slot feed: accept failed: {e}");
                            std::thread::sleep(std::time::Duration::from_millis(500));
                        }
                    }
                }
            })?;
        tracing::info!("slot feed listening on {}", socket.display());
        Ok(FeedServer {
            path: socket.to_path_buf(),
            stop,
            accept: Some(accept),
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
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Reads one feeder's lines until it disconnects.
fn serve(stream: UnixStream, db: &Path) {
    let mut store = match Store::open(db) {
        Ok(store) => store,
        Err(e) => {
            tracing::error!("slot feed: cannot open the store: {e}");
            return;
        }
    };
    let mut reader = BufReader::new(stream);
    let mut line = Vec::with_capacity(256);
    loop {
        line.clear();
        let read = (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut line);
        match read {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                tracing::warn!("slot feed: read failed, dropping feeder: {e}");
                return;
            }
        }
        if line.len() > MAX_LINE && line.last() != Some(&b'\n') {
            tracing::warn!("slot feed: line longer than {MAX_LINE} bytes skipped");
            if skip_line(&mut reader).is_err() {
                return;
            }
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if let Err(e) = apply(&mut store, text) {
            let shown: String = text.chars().take(120).collect();
            tracing::warn!("slot feed: skipped {shown:?}: {e}");
        }
    }
}

fn apply(store: &mut Store, text: &str) -> Result<(), String> {
    let line = parse_line(text)?;
    let at = line.at.map_or_else(Utc::now, |t| t.with_timezone(&Utc));
    store
        .apply_report(&line.slot, line.state, &line.note, at, line.sim)
        .map_err(|e| e.to_string())
}

/// Discards the rest of an oversized line.
fn skip_line(reader: &mut BufReader<UnixStream>) -> io::Result<()> {
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
}
