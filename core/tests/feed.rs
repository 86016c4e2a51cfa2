//! The slot feed over a real Unix socket.

use relay_core::feed::{FEED_SOCKET, FeedServer, Limits};
use relay_core::store::{Connector, DB_FILE, SlotState, Store};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

fn station(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
    store
        .add_slot("A1", Connector::UsbC, "", false, "test")
        .unwrap();
    store
        .add_slot("B1", Connector::Battery, "", true, "test")
        .unwrap();
    store
        .add_slot("B2", Connector::Battery, "", true, "test")
        .unwrap();
    store
}

fn state(store: &Store, label: &str) -> SlotState {
    store
        .slot(label)
        .unwrap()
        .state(chrono::Utc::now(), chrono::Duration::hours(3))
}

/// Waits up to five seconds for `label` to reach a state with key `want`.
fn wait_for(store: &Store, label: &str, want: &str) {
    let start = Instant::now();
    while state(store, label).key() != want {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{label} stayed {:?}, wanted {want}",
            state(store, label)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn lines_change_slots_and_garbage_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = station(dir.path());
    let socket = dir.path().join(FEED_SOCKET);
    let _server = FeedServer::start(&socket, &dir.path().join(DB_FILE)).unwrap();

    let mut feeder = UnixStream::connect(&socket).unwrap();
    let at = (chrono::Utc::now() - chrono::Duration::minutes(5))
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap())
        .to_rfc3339();
    writeln!(feeder, r#"{{"slot":"B1","state":"charging","at":"{at}"}}"#).unwrap();
    wait_for(&store, "B1", "charging");

    // Garbage of every kind, then a good line on the same connection.
    let huge = format!(
        r#"{{"slot":"B1","state":"free","note":"{}"}}"#,
        "x".repeat(100_000)
    );
    for bad in [
        "not json at all",
        r#"{"slot":"B1","state":"exploded"}"#,
        r#"{"slot":"ZZ9","state":"free"}"#,
        r#"{"slot":"A1","state":"charging"}"#,
        huge.as_str(),
        "",
        "\u{0}\u{1}binary",
    ] {
        feeder.write_all(bad.as_bytes()).unwrap();
        feeder.write_all(b"\n").unwrap();
    }
    writeln!(feeder, r#"{{"slot":"B2","state":"fault","note":"过热"}}"#).unwrap();
    wait_for(&store, "B2", "fault");
    assert_eq!(
        state(&store, "B1").key(),
        "charging",
        "garbage changed nothing"
    );
    assert_eq!(
        state(&store, "A1"),
        SlotState::Free,
        "unfed slots ignore the feed"
    );
    assert_eq!(
        state(&store, "B2"),
        SlotState::Fault {
            note: "过热".into()
        }
    );
    let since = store.slot("B1").unwrap().session.unwrap().started_at;
    let sent = chrono::DateTime::parse_from_rfc3339(&at).unwrap();
    assert_eq!(
        since.timestamp(),
        sent.timestamp(),
        "the feed's own time is kept"
    );
}

#[test]
fn several_feeders_interleave_and_reconnect() {
    let dir = tempfile::tempdir().unwrap();
    let store = station(dir.path());
    let socket = dir.path().join(FEED_SOCKET);
    let _server = FeedServer::start(&socket, &dir.path().join(DB_FILE)).unwrap();

    let mut one = UnixStream::connect(&socket).unwrap();
    let mut two = UnixStream::connect(&socket).unwrap();
    // Half a line from one feeder, a whole line from the other, then the rest.
    one.write_all(br#"{"slot":"B1","sta"#).unwrap();
    two.write_all(b"{\"slot\":\"B2\",\"state\":\"charging\"}\n")
        .unwrap();
    one.flush().unwrap();
    wait_for(&store, "B2", "charging");
    one.write_all(b"te\":\"charging\"}\n").unwrap();
    wait_for(&store, "B1", "charging");

    // One feeder drops mid-line and comes back.
    one.write_all(br#"{"slot":"B1","state":"fr"#).unwrap();
    drop(one);
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(
        state(&store, "B1").key(),
        "charging",
        "a cut-off line is not applied"
    );
    let mut again = UnixStream::connect(&socket).unwrap();
    again
        .write_all(b"{\"slot\":\"B1\",\"state\":\"full\"}\n")
        .unwrap();
    wait_for(&store, "B1", "full");
    again
        .write_all(b"{\"slot\":\"B1\",\"state\":\"free\"}\n")
        .unwrap();
    wait_for(&store, "B1", "free");
    two.write_all(b"{\"slot\":\"B2\",\"state\":\"free\"}\n")
        .unwrap();
    wait_for(&store, "B2", "free");
}

#[test]
fn a_stale_socket_file_is_replaced_and_removed_on_stop() {
    let dir = tempfile::tempdir().unwrap();
    let _store = station(dir.path());
    let socket = dir.path().join(FEED_SOCKET);
    std::fs::write(&socket, b"left over").unwrap();
    let server = FeedServer::start(&socket, &dir.path().join(DB_FILE)).unwrap();
    assert!(
        FeedServer::start(&socket, &dir.path().join(DB_FILE)).is_err(),
        "one listener"
    );
    drop(server);
    assert!(!socket.exists());
}

#[test]
fn simulated_lines_leave_real_use_alone_and_leave_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = station(dir.path());
    let socket = dir.path().join(FEED_SOCKET);
    let _server = FeedServer::start(&socket, &dir.path().join(DB_FILE)).unwrap();
    let claimed_at = chrono::Utc::now() - chrono::Duration::minutes(5);
    store
        .claim_slot("B1", claimed_at, chrono::Duration::hours(3))
        .unwrap();
    let claimed = store.slot("B1").unwrap().session.unwrap();

    let mut feeder = UnixStream::connect(&socket).unwrap();
    // Simulated lines on the claimed B1 are refused, whatever they say.
    for state in ["full", "fault", "free"] {
        writeln!(feeder, r#"{{"slot":"B1","state":"{state}","sim":true}}"#).unwrap();
    }
    writeln!(feeder, r#"{{"slot":"B2","state":"charging","sim":true}}"#).unwrap();
    wait_for(&store, "B2", "charging");
    assert!(store.slot("B2").unwrap().session.unwrap().simulated);
    assert_eq!(store.slot("B1").unwrap().session.unwrap(), claimed);
    assert_eq!(state(&store, "B1").key(), "charging");
    writeln!(
        feeder,
        r#"{{"slot":"B2","state":"fault","note":"模拟","sim":true}}"#
    )
    .unwrap();
    wait_for(&store, "B2", "fault");
    let day = chrono::Duration::days(1);
    let now = chrono::Utc::now();
    assert!(store.repeated_faults(now - day, 1).unwrap().is_empty());
    assert_eq!(
        store.sessions_between(now - day, now + day).unwrap().len(),
        1
    );
    writeln!(feeder, r#"{{"slot":"B2","state":"free","sim":true}}"#).unwrap();
    wait_for(&store, "B2", "free");
    assert!(store.simulated_slots().unwrap().is_empty());
    // Straight from the tables: only the person's session, no fault.
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM charging_session"), 1);
    assert_eq!(count("SELECT count(*) FROM slot_fault"), 0);
    // An old feeder's lines (no "sim") still work as before.
    writeln!(feeder, r#"{{"slot":"B1","state":"free"}}"#).unwrap();
    wait_for(&store, "B1", "free");
}

/// A feeder that reads its replies: one line out, one line back.
struct Feeder {
    out: UnixStream,
    replies: BufReader<UnixStream>,
}

impl Feeder {
    fn connect(socket: &Path) -> Feeder {
        let out = UnixStream::connect(socket).unwrap();
        out.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let replies = BufReader::new(out.try_clone().unwrap());
        Feeder { out, replies }
    }

    /// One write, as a feeder sends a line.
    fn send(&mut self, line: &str) {
        self.out.write_all(format!("{line}\n").as_bytes()).unwrap();
    }

    fn reply(&mut self) -> String {
        let mut reply = String::new();
        self.replies.read_line(&mut reply).unwrap();
        reply.trim_end().to_string()
    }

    /// Sends `line` and returns its reply.
    fn report(&mut self, line: &str) -> String {
        self.send(line);
        self.reply()
    }
}

fn at(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[test]
fn every_line_gets_a_reply() {
    let dir = tempfile::tempdir().unwrap();
    let store = station(dir.path());
    let socket = dir.path().join(FEED_SOCKET);
    let _server = FeedServer::start(&socket, &dir.path().join(DB_FILE)).unwrap();
    let mut f = Feeder::connect(&socket);
    assert_eq!(f.report(r#"{"slot":"B1","state":"charging"}"#), "ok");
    assert_eq!(state(&store, "B1").key(), "charging", "applied before ok");
    let now = chrono::Utc::now();
    for (line, says) in [
        ("not json".to_string(), "expected"),
        (r#"{"slot":"ZZ9","state":"free"}"#.into(), "ZZ9"),
        (r#"{"slot":"A1","state":"free"}"#.into(), "not fed"),
        (
            r#"{"slot":"B2","state":"charging","at":"0000-01-01T00:00:00+01:00"}"#.into(),
            "2000",
        ),
        (
            format!(
                r#"{{"slot":"B2","state":"charging","at":"{}"}}"#,
                at(now + chrono::Duration::minutes(10))
            ),
            "5 minutes ahead",
        ),
        (
            format!(
                r#"{{"slot":"B1","state":"free","at":"{}"}}"#,
                at(now - chrono::Duration::hours(1))
            ),
            "older",
        ),
        (format!(r#"{{"note":"{}"}}"#, "x".repeat(5000)), "4096"),
    ] {
        let reply = f.report(&line);
        assert!(
            reply.starts_with("error: ") && reply.contains(says),
            "{reply:?} for {}",
            &line[..line.len().min(80)]
        );
    }
    assert_eq!(state(&store, "B1").key(), "charging");
    assert!(store.slot("B2").unwrap().feed.is_none(), "nothing applied");
    assert_eq!(f.report(r#"{"slot":"B1","state":"free"}"#), "ok");
    assert_eq!(state(&store, "B1").key(), "free");
}

/// Two feeders, one slot: `charging` from one, then `free` from the other, both sent
/// at once without waiting. With `at` the later report wins whatever order the lines
/// meet the writer in; without it, a feeder that waits for `ok` is applied in order.
#[test]
fn two_feeders_keep_order_in_100_of_100_trials() {
    let dir = tempfile::tempdir().unwrap();
    let store = station(dir.path());
    let socket = dir.path().join(FEED_SOCKET);
    let _server = FeedServer::start(&socket, &dir.path().join(DB_FILE)).unwrap();
    let mut one = Feeder::connect(&socket);
    let mut two = Feeder::connect(&socket);
    let start = chrono::Utc::now() - chrono::Duration::hours(1);
    let mut right = 0;
    for trial in 0..100 {
        let t = start + chrono::Duration::seconds(trial * 2);
        one.send(&format!(
            r#"{{"slot":"B1","state":"charging","at":"{}"}}"#,
            at(t)
        ));
        two.send(&format!(
            r#"{{"slot":"B1","state":"free","at":"{}"}}"#,
            at(t + chrono::Duration::seconds(1))
        ));
        // Either may be refused as older, never both.
        let replies = [one.reply(), two.reply()];
        assert!(replies.iter().any(|r| r == "ok"), "{replies:?}");
        if state(&store, "B1") == SlotState::Free {
            right += 1;
        }
    }
    assert_eq!(right, 100, "with at");
    let mut right = 0;
    for _ in 0..100 {
        assert_eq!(one.report(r#"{"slot":"B2","state":"charging"}"#), "ok");
        assert_eq!(two.report(r#"{"slot":"B2","state":"free"}"#), "ok");
        if state(&store, "B2") == SlotState::Free {
            right += 1;
        }
    }
    assert_eq!(right, 100, "without at, waiting for ok");
}

/// Issue 21 item 2: the places are all taken by connections that say nothing, then 500
/// more keep coming: a feeder that reports still gets in and is answered within 100 ms,
/// every time, and keeps its place.
#[test]
fn silent_connections_never_keep_a_working_feeder_out() {
    let dir = tempfile::tempdir().unwrap();
    let store = station(dir.path());
    let socket = dir.path().join(FEED_SOCKET);
    let _server = FeedServer::start(&socket, &dir.path().join(DB_FILE)).unwrap();
    let mut silent: Vec<UnixStream> = (0..32)
        .map(|_| UnixStream::connect(&socket).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let mut feeder = Feeder::connect(&socket);
    let started = Instant::now();
    assert_eq!(feeder.report(r#"{"slot":"B2","state":"free"}"#), "ok");
    let first = started.elapsed();
    let mut slowest = first;
    for i in 0..500 {
        silent.push(UnixStream::connect(&socket).unwrap());
        if i % 50 == 0 {
            let state = if i % 100 == 0 { "charging" } else { "free" };
            let started = Instant::now();
            let reply = feeder.report(&format!(r#"{{"slot":"B1","state":"{state}"}}"#));
            slowest = slowest.max(started.elapsed());
            assert_eq!(reply, "ok", "after {i} more silent connections");
        }
    }
    assert_eq!(state(&store, "B1").key(), "free");
    // A new feeder gets in too, though every place was taken again.
    let mut late = Feeder::connect(&socket);
    let started = Instant::now();
    assert_eq!(late.report(r#"{"slot":"B2","state":"full"}"#), "ok");
    slowest = slowest.max(started.elapsed());
    eprintln!(
        "a working feeder among 532 silent connections: first reply {first:?}, slowest {slowest:?}"
    );
    assert!(slowest < Duration::from_millis(100), "{slowest:?}");
}

/// Issue 21 item 2: one feeder sending without pause (lines the store refuses, or real
/// reports) does not hold up another's replies: each within 100 ms.
#[test]
fn a_flooding_feeder_does_not_delay_another() {
    let dir = tempfile::tempdir().unwrap();
    let store = station(dir.path());
    let socket = dir.path().join(FEED_SOCKET);
    let _server = FeedServer::start(&socket, &dir.path().join(DB_FILE)).unwrap();
    for flood in [
        r#"{"slot":"ZZ9","state":"free"}"#,
        r#"{"slot":"B2","state":"charging"}"#,
    ] {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flooder = {
            let (socket, stop) = (socket.clone(), stop.clone());
            let line = format!("{flood}\n").repeat(200);
            std::thread::spawn(move || {
                let mut out = UnixStream::connect(&socket).unwrap();
                // Reads nothing back: its replies stop once the socket's buffer is full.
                let mut sent = 0usize;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    if out.write_all(line.as_bytes()).is_err() {
                        break;
                    }
                    sent += 200;
                }
                sent
            })
        };
        std::thread::sleep(Duration::from_millis(300));
        let mut feeder = Feeder::connect(&socket);
        let mut slowest = Duration::ZERO;
        for i in 0..20 {
            let state = if i % 2 == 0 { "charging" } else { "free" };
            let started = Instant::now();
            let reply = feeder.report(&format!(r#"{{"slot":"B1","state":"{state}"}}"#));
            slowest = slowest.max(started.elapsed());
            assert_eq!(reply, "ok");
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let sent = flooder.join().unwrap();
        eprintln!(
            "beside a feeder flooding {flood}: slowest of 20 replies {slowest:?} ({sent} lines sent)"
        );
        assert!(slowest < Duration::from_millis(100), "{slowest:?}");
        assert_eq!(state(&store, "B1").key(), "free");
    }
}

#[test]
fn connections_are_capped_and_silent_or_dawdling_ones_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let store = station(dir.path());
    let socket = dir.path().join(FEED_SOCKET);
    let limits = Limits {
        connections: 2,
        idle: Duration::from_millis(400),
        line_budget: Duration::from_millis(300),
    };
    let _server = FeedServer::start_with(&socket, &dir.path().join(DB_FILE), limits).unwrap();
    let mut one = Feeder::connect(&socket);
    assert_eq!(one.report(r#"{"slot":"B1","state":"charging"}"#), "ok");
    let mut two = Feeder::connect(&socket);
    std::thread::sleep(Duration::from_millis(50));
    // At the cap the newcomer gets in; the one that never reported makes room.
    let mut three = Feeder::connect(&socket);
    assert_eq!(
        two.reply(),
        "error: too many connections: closed to make room"
    );
    assert_eq!(two.reply(), "", "and closed");
    assert_eq!(three.report(r#"{"slot":"B2","state":"full"}"#), "ok");
    // Reporting keeps a feeder connected; no report past the idle time ends it.
    for _ in 0..3 {
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(one.report(r#"{"slot":"B1","state":"charging"}"#), "ok");
    }
    assert_eq!(three.reply(), "", "the quiet one was disconnected");
    // Bytes that never make a line keep no place.
    let mut four = Feeder::connect(&socket);
    for _ in 0..5 {
        let _ = four.out.write_all(b"{");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(four.reply().starts_with("error: a line must end within"));
    assert_eq!(state(&store, "B2").key(), "full");
}

/// A report that meets the store locked past its busy timeout (a long CLI write, a
/// backup) waits and is applied, not dropped.
#[test]
fn a_report_meeting_a_busy_store_is_applied_once_it_frees() {
    let dir = tempfile::tempdir().unwrap();
    let store = station(dir.path());
    let socket = dir.path().join(FEED_SOCKET);
    let _server = FeedServer::start(&socket, &dir.path().join(DB_FILE)).unwrap();
    let mut f = Feeder::connect(&socket);
    assert_eq!(f.report(r#"{"slot":"B2","state":"free"}"#), "ok");
    let lock = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    f.send(r#"{"slot":"B1","state":"charging"}"#);
    // Past the store's five-second busy timeout.
    std::thread::sleep(Duration::from_secs(6));
    lock.execute_batch("COMMIT").unwrap();
    assert_eq!(f.reply(), "ok");
    assert_eq!(state(&store, "B1").key(), "charging");
}

/// #21 item 7: on a store from a newer version the feed accepted lines, never replied,
/// and logged every second. Each line now gets an error naming the cause at once.
#[test]
fn a_store_that_cannot_be_written_gets_an_error_reply_at_once() {
    let dir = tempfile::tempdir().unwrap();
    drop(station(dir.path()));
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let socket = dir.path().join(FEED_SOCKET);
    let _server = FeedServer::start(&socket, &dir.path().join(DB_FILE)).unwrap();
    let feeder = UnixStream::connect(&socket).unwrap();
    feeder
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut reader = BufReader::new(feeder.try_clone().unwrap());
    for _ in 0..3 {
        let started = Instant::now();
        writeln!(&feeder, r#"{{"slot":"B1","state":"charging"}}"#).unwrap();
        let mut reply = String::new();
        reader.read_line(&mut reply).unwrap();
        assert!(reply.starts_with("error:"), "{reply}");
        assert!(reply.contains("版本更新"), "{reply}");
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "{:?}",
            started.elapsed()
        );
    }
}
