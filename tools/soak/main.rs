//! Fault injection: `kill -9` during CLI writes and during feed traffic, with
//! `PRAGMA integrity_check` and a count of acknowledged writes after each kill.
//!
//! ```sh
//! tools/soak/run.sh --quick     # CI: 40 CLI kills, 12 feed kills, under a minute
//! tools/soak/run.sh             # 300 CLI kills, 50 feed kills
//! ```
//!
//! A write is acknowledged when the CLI exited 0 (it printed 已添加) or the feed replied
//! `ok`; every acknowledged write must be in the store after the kill, and the store
//! must pass `integrity_check`. Exits non-zero on the first broken promise.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use relay_core::feed::{FEED_SOCKET, FeedServer};
use relay_core::store::DB_FILE;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration as StdDuration, Instant};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("serve-feed") {
        serve_feed(Path::new(&args[1]));
    }
    let quick = args.iter().any(|a| a == "--quick");
    let (cli_kills, feed_kills) = if quick { (40, 12) } else { (300, 50) };
    let started = Instant::now();
    let result = soak_cli(cli_kills).and_then(|cli| Ok((cli, soak_feed(feed_kills)?)));
    match result {
        Ok((cli, feed)) => {
            println!("{cli}");
            println!("{feed}");
            println!("soak passed in {:.1} s", started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("soak FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The child process the feed soak kills: a feed server on `dir`, nothing else.
fn serve_feed(dir: &Path) -> ! {
    let _server =
        FeedServer::start(&dir.join(FEED_SOCKET), &dir.join(DB_FILE)).expect("the feed starts");
    loop {
        std::thread::sleep(StdDuration::from_secs(60));
    }
}

/// The relay-kiosk binary beside this example (`target/debug/relay-kiosk`).
fn kiosk_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    exe.parent()
        .and_then(Path::parent)
        .map(|d| d.join("relay-kiosk"))
        .filter(|p| p.exists())
        .expect("build relay-kiosk first (tools/soak/run.sh does)")
}

/// A small xorshift: kill times that differ each run, no dependency.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        Rng(Instant::now().elapsed().as_nanos() as u64
            ^ u64::from(std::process::id()).rotate_left(32)
            ^ Utc::now().timestamp_nanos_opt().unwrap_or(1) as u64
            | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn cli(bin: &Path, dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin);
    c.arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("RELAY_KIOSK_DATA_DIR")
        .env("RUST_LOG", "error")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn kill9(child: &mut Child) -> bool {
    // SAFETY: kill(2) on our own child's pid.
    let sent = unsafe { libc::kill(child.id() as i32, libc::SIGKILL) } == 0;
    let _ = child.wait();
    sent
}

fn integrity(db: &Path) -> Result<rusqlite::Connection, String> {
    let conn = rusqlite::Connection::open(db).map_err(|e| format!("cannot open: {e}"))?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| format!("integrity_check failed to run: {e}"))?;
    if check != "ok" {
        return Err(format!("integrity_check: {check}"));
    }
    Ok(conn)
}

/// `notice add` killed at a random moment, `rounds` times.
fn soak_cli(rounds: u32) -> Result<String, String> {
    let bin = kiosk_bin();
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let d = dir.path();
    let db = d.join(DB_FILE);
    // How long one write takes here, to spread the kills over it.
    let t = Instant::now();
    let status = cli(&bin, d, &["notice", "add", "--title", "soak-warmup"])
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("notice add fails even without a kill".into());
    }
    let typical = t.elapsed().as_micros() as u64;
    let mut rng = Rng::new();
    let (mut acked, mut killed, mut unacked_present) = (Vec::new(), 0, 0);
    for i in 0..rounds {
        let title = format!("soak-{i}");
        let mut child = cli(&bin, d, &["notice", "add", "--title", &title])
            .spawn()
            .map_err(|e| e.to_string())?;
        std::thread::sleep(StdDuration::from_micros(rng.below(typical * 12 / 10)));
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) if status.success() => acked.push(title.clone()),
            Some(status) => return Err(format!("notice add failed on its own: {status}")),
            None => {
                kill9(&mut child);
                killed += 1;
            }
        }
        let conn = integrity(&db).map_err(|e| format!("after kill {i}: {e}"))?;
        let mut stmt = conn
            .prepare("SELECT title FROM notice WHERE title LIKE 'soak-%'")
            .map_err(|e| e.to_string())?;
        let present: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| e.to_string())?;
        if let Some(lost) = acked.iter().find(|t| !present.contains(t)) {
            return Err(format!("acknowledged notice {lost} lost after kill {i}"));
        }
        if !acked.contains(&title) && present.contains(&title) {
            unacked_present += 1; // killed after its commit, before it said so
        }
    }
    Ok(format!(
        "CLI: {rounds} rounds, {killed} killed mid-write, {} acknowledged writes all present \
         ({unacked_present} unacknowledged ones committed too), integrity_check ok after every round",
        acked.len()
    ))
}

fn at(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A feed server process fed as fast as it replies, killed at a random moment,
/// `rounds` times. Reports carry `at` one second apart, so the slot's stored time
/// says which report was applied last.
fn soak_feed(rounds: u32) -> Result<String, String> {
    let bin = kiosk_bin();
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let d = dir.path();
    let db = d.join(DB_FILE);
    let status = cli(
        &bin,
        d,
        &["slot", "add", "B1", "--connector", "battery", "--fed"],
    )
    .status()
    .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("slot add failed".into());
    }
    // Whole seconds, as the store keeps them.
    let base = DateTime::from_timestamp((Utc::now() - Duration::hours(12)).timestamp(), 0)
        .expect("a valid time");
    let mut rng = Rng::new();
    let mut seq = 0i64;
    let (mut acked_total, mut sent_total) = (0u64, 0u64);
    for round in 0..rounds {
        let mut server = Command::new(&me)
            .arg("serve-feed")
            .arg(d)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let socket = d.join(FEED_SOCKET);
        let start = Instant::now();
        let stream = loop {
            if let Ok(s) = UnixStream::connect(&socket) {
                break s;
            }
            if start.elapsed() > StdDuration::from_secs(20) {
                kill9(&mut server);
                return Err("the feed server did not start".into());
            }
            std::thread::sleep(StdDuration::from_millis(10));
        };
        // The feeder: the last report acknowledged with `ok`.
        let last_ok = Arc::new(Mutex::new(None::<i64>));
        let first = seq;
        let feeder = {
            let last_ok = last_ok.clone();
            std::thread::spawn(move || {
                let mut out = stream.try_clone().expect("clone");
                let mut replies = BufReader::new(stream);
                let mut seq = first;
                loop {
                    let state = if seq % 2 == 0 { "charging" } else { "free" };
                    let line = format!(
                        r#"{{"slot":"B1","state":"{state}","at":"{}"}}"#,
                        at(base + Duration::seconds(seq))
                    );
                    if writeln!(out, "{line}").is_err() {
                        return seq;
                    }
                    let mut reply = String::new();
                    match replies.read_line(&mut reply) {
                        Ok(n) if n > 0 && reply.trim() == "ok" => {
                            *last_ok.lock().unwrap() = Some(seq);
                        }
                        Ok(n) if n > 0 => panic!("feed said {reply:?} to {line}"),
                        _ => return seq,
                    }
                    seq += 1;
                }
            })
        };
        std::thread::sleep(StdDuration::from_millis(50 + rng.below(400)));
        kill9(&mut server);
        let next = feeder
            .join()
            .map_err(|_| "the feeder saw an error reply".to_string())?;
        sent_total += (next - first + 1) as u64;
        let last = *last_ok.lock().unwrap();
        let conn = integrity(&db).map_err(|e| format!("after feed kill {round}: {e}"))?;
        let (state, stored_at): (String, String) = conn
            .query_row(
                "SELECT feed_state, feed_at FROM slot WHERE label = 'B1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| format!("B1 unreadable after feed kill {round}: {e}"))?;
        if let Some(last) = last {
            acked_total += (last - first + 1) as u64;
            let stored = DateTime::parse_from_rfc3339(&stored_at)
                .map_err(|e| format!("stored time {stored_at}: {e}"))?
                .to_utc();
            let applied = (stored - base).num_seconds();
            // The acknowledged report, or the one after it (applied, killed before ok).
            if applied != last && applied != last + 1 {
                return Err(format!(
                    "feed kill {round}: report {last} acknowledged, store holds {applied}"
                ));
            }
            let want = if applied % 2 == 0 { "charging" } else { "free" };
            if state != want {
                return Err(format!(
                    "feed kill {round}: state {state}, report said {want}"
                ));
            }
            seq = applied + 1;
        } else {
            seq = next + 1;
        }
        let _ = std::fs::remove_file(&socket);
    }
    Ok(format!(
        "feed: {rounds} servers killed mid-traffic, {acked_total} acknowledged reports of \
         {sent_total} sent, the last acknowledged one (or its successor) in the store every time, \
         integrity_check ok after every kill"
    ))
}
