//! The slot feed over a real Unix socket.

use relay_kiosk::feed::{FEED_SOCKET, FeedServer};
use relay_kiosk::store::{Connector, DB_FILE, SlotState, Store};
use std::io::Write;
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
