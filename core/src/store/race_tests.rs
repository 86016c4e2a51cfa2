//! Two connections on one store file, as the kiosk, the CLI and the feed have: every
//! read that a change decides on happens inside its `BEGIN IMMEDIATE` transaction, so
//! no change is lost or garbled by another connection's change in between.

use super::{Connector, DB_FILE, Error, FeedState, PinCheck, Release, SlotChange, Store};
use chrono::{Duration, Utc};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Instant;

const LIMIT: Duration = Duration::hours(3);

/// A store file with one plain slot (A1) and one fed bay (B1), and the path to open
/// more connections on it. The test database refuses to end a session twice, so a
/// garbled release fails loudly (the schema already refuses two open sessions).
fn station() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path).expect("open store");
    store
        .add_slot("A1", Connector::UsbC, "", false, "test")
        .unwrap();
    store
        .add_slot("B1", Connector::Battery, "", true, "test")
        .unwrap();
    store
        .conn
        .execute_batch(
            "CREATE TRIGGER test_end_once BEFORE UPDATE OF ended_at ON charging_session
             WHEN OLD.ended_at IS NOT NULL
             BEGIN SELECT RAISE(ABORT, 'a session was ended twice'); END;",
        )
        .unwrap();
    (dir, path)
}

/// A plain connection that takes the write lock, runs `sql` inside it, says so, holds
/// it for `hold`, and commits.
fn hold_write_lock(path: &Path, sql: &str, hold: std::time::Duration) -> thread::JoinHandle<()> {
    let path = path.to_path_buf();
    let sql = sql.to_string();
    let (locked, wait) = mpsc::channel();
    let holder = thread::spawn(move || {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        conn.execute_batch(&sql).unwrap();
        locked.send(()).unwrap();
        thread::sleep(hold);
        conn.execute_batch("COMMIT").unwrap();
    });
    wait.recv().expect("the holder took the lock");
    holder
}

fn count(path: &Path, sql: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// A short, uneven pause between one connection's changes, so that the other gets
/// the lock in between (SQLite's busy handler would otherwise let one run all of its
/// rounds first).
fn jitter(i: usize) -> std::time::Duration {
    std::time::Duration::from_micros((i * 7919 % 13) as u64 * 60)
}

/// Only a refusal in words is an acceptable outcome of a race; never SQLite's errors
/// (busy, constraint, the test trigger).
fn refused(e: &Error, who: &str, i: usize) {
    assert!(
        matches!(e, Error::Invalid(_)),
        "{who}, round {i}: unexpected error {e:?}"
    );
}

#[test]
fn racing_claims_releases_and_feed_never_garble_a_slot() {
    const ROUNDS: usize = 200;
    let (_dir, path) = station();
    // Both start together, so their rounds interleave.
    let start = std::sync::Arc::new(std::sync::Barrier::new(2));

    let kiosk_path = path.clone();
    let kiosk_start = start.clone();
    let kiosk = thread::spawn(move || {
        let mut store = Store::open(&kiosk_path).unwrap();
        kiosk_start.wait();
        let (mut claimed, mut released) = (0, 0);
        for i in 0..ROUNDS {
            match store.claim_slot("B1", Utc::now(), LIMIT) {
                Ok(code) => {
                    claimed += 1;
                    thread::sleep(jitter(i));
                    match store.release_slot("B1", &code, Utc::now()) {
                        Ok(Release::Released) => released += 1,
                        // The feed ended ours and started its own (no code).
                        Ok(Release::WrongCode { .. } | Release::Wait { .. } | Release::Locked) => {}
                        Err(e) => refused(&e, "release", i),
                    }
                }
                Err(e) => refused(&e, "claim", i),
            }
            thread::sleep(jitter(i + 3));
        }
        (claimed, released)
    });

    let feed_path = path.clone();
    let feed = thread::spawn(move || {
        let mut store = Store::open(&feed_path).unwrap();
        start.wait();
        let mut last = FeedState::Free;
        for i in 0..ROUNDS {
            last = if i % 2 == 0 {
                FeedState::Charging
            } else {
                FeedState::Free
            };
            if let Err(e) = store.apply_feed("B1", last, "", Utc::now()) {
                panic!("feed, round {i}: {e:?}");
            }
            thread::sleep(jitter(i + 5));
            if i % 10 == 9 {
                // Staff lift a wrong-code lock now and then (the CLI's `slot release`).
                if let Err(e) = store.force_release_slot("B1", Utc::now(), LIMIT, "test") {
                    panic!("force release, round {i}: {e:?}");
                }
            }
        }
        last
    });

    let (claimed, released) = kiosk.join().expect("the kiosk thread");
    let last_feed = feed.join().expect("the feed thread");
    assert!(claimed > 0, "the kiosk got a turn");

    // Every claim that said yes is one session, every release that said yes ended one.
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM charging_session WHERE source = 'kiosk'"
        ),
        claimed
    );
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM charging_session WHERE ended_by = 'released'"
        ),
        released
    );
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM charging_session WHERE ended_at < started_at"
        ),
        0
    );
    let open = count(
        &path,
        "SELECT count(*) FROM charging_session WHERE ended_at IS NULL",
    );
    assert!(open <= 1, "{open} open sessions on one slot");

    // The slot as the store shows it agrees with its rows and the last report.
    let mut store = Store::open(&path).unwrap();
    let slot = store.slot("B1").unwrap();
    assert_eq!(slot.session.is_some(), open == 1);
    assert_eq!(slot.feed.as_ref().map(|f| f.0), Some(last_feed));

    // And it still works: the feed frees it, staff open it, a claim succeeds.
    store
        .apply_feed("B1", FeedState::Free, "", Utc::now())
        .unwrap();
    store
        .force_release_slot("B1", Utc::now(), LIMIT, "test")
        .unwrap();
    assert!(store.slot("B1").unwrap().session.is_none());
    let code = store.claim_slot("B1", Utc::now(), LIMIT).unwrap();
    assert_eq!(
        store.release_slot("B1", &code, Utc::now()).unwrap(),
        Release::Released
    );
}

#[test]
fn a_claim_waits_for_a_held_write_lock_and_succeeds() {
    let (_dir, path) = station();
    let mut kiosk = Store::open(&path).unwrap();
    let start = Instant::now();
    let holder = hold_write_lock(
        &path,
        "UPDATE setting SET value = value WHERE 0",
        std::time::Duration::from_secs(2),
    );
    let code = kiosk.claim_slot("A1", Utc::now(), LIMIT);
    let waited = start.elapsed();
    holder.join().unwrap();
    let code = code.expect("the claim waits out the lock instead of failing");
    assert!(
        waited >= std::time::Duration::from_millis(1900),
        "the claim must have waited for the lock (took {waited:?})"
    );
    assert_eq!(
        kiosk.slot("A1").unwrap().session.unwrap().code.as_deref(),
        Some(code.as_str())
    );
}

#[test]
fn a_claim_decides_on_the_slot_as_it_is_after_the_wait() {
    let (_dir, path) = station();
    let mut kiosk = Store::open(&path).unwrap();
    // Another connection is starting a session on A1 right now.
    let holder = hold_write_lock(
        &path,
        "INSERT INTO charging_session (slot_id, started_at, code, source)
         SELECT id, '2026-12-15T02:00:00Z', '1234', 'kiosk' FROM slot WHERE label = 'A1'",
        std::time::Duration::from_millis(500),
    );
    let claim = kiosk.claim_slot("A1", Utc::now(), LIMIT);
    holder.join().unwrap();
    match claim {
        Err(Error::Invalid(msg)) => assert!(msg.contains("不能使用"), "{msg}"),
        other => panic!("a slot taken while waiting must be refused in words: {other:?}"),
    }
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM charging_session WHERE ended_at IS NULL"
        ),
        1
    );
}

#[test]
fn a_release_after_the_feed_freed_the_slot_ends_nothing_twice() {
    let (_dir, path) = station();
    let mut kiosk = Store::open(&path).unwrap();
    let code = kiosk.claim_slot("B1", Utc::now(), LIMIT).unwrap();
    // The cabinet reports B1 free while the person types the code.
    let holder = hold_write_lock(
        &path,
        "UPDATE charging_session SET ended_at = '2099-01-01T00:00:00Z', ended_by = 'feed'
         WHERE ended_at IS NULL",
        std::time::Duration::from_millis(500),
    );
    let release = kiosk.release_slot("B1", &code, Utc::now());
    holder.join().unwrap();
    match release {
        Err(Error::Invalid(msg)) => assert!(msg.contains("没有在充电"), "{msg}"),
        other => panic!("a slot freed while waiting must be refused in words: {other:?}"),
    }
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM charging_session WHERE ended_by = 'feed'"
        ),
        1,
        "the feed's end stands"
    );
}

#[test]
fn a_slot_change_keeps_what_another_connection_just_changed() {
    let (_dir, path) = station();
    let mut staff = Store::open(&path).unwrap();
    // The CLI is moving A1 to the window and marking it fed.
    let holder = hold_write_lock(
        &path,
        "UPDATE slot SET note = '靠窗', fed = 1 WHERE label = 'A1'",
        std::time::Duration::from_millis(500),
    );
    let change = SlotChange {
        connector: Some(Connector::Lightning),
        ..Default::default()
    };
    let result = staff.update_slot("A1", &change, "test");
    holder.join().unwrap();
    result.unwrap();
    let slot = staff.slot("A1").unwrap();
    assert_eq!(slot.connector, Connector::Lightning);
    assert_eq!(slot.note, "靠窗", "the other connection's note is kept");
    assert!(slot.fed, "and its fed flag");
}

#[test]
fn removing_a_slot_claimed_meanwhile_is_refused() {
    let (_dir, path) = station();
    let mut staff = Store::open(&path).unwrap();
    let holder = hold_write_lock(
        &path,
        "INSERT INTO charging_session (slot_id, started_at, code, source)
         SELECT id, '2026-12-15T02:00:00Z', '1234', 'kiosk' FROM slot WHERE label = 'A1'",
        std::time::Duration::from_millis(500),
    );
    let removed = staff.remove_slot("A1", "test");
    holder.join().unwrap();
    assert!(
        matches!(&removed, Err(Error::Invalid(msg)) if msg.contains("正在使用")),
        "{removed:?}"
    );
    assert!(staff.slot("A1").unwrap().session.is_some());
}

#[test]
fn a_staff_lockout_set_during_a_pin_check_holds() {
    let (_dir, path) = station();
    let mut kiosk = Store::open(&path).unwrap();
    kiosk.set_staff_pin("246813", "test").unwrap();
    // Another kiosk process has just locked staff login.
    let holder = hold_write_lock(
        &path,
        "UPDATE staff_lockout SET failed = 0, locked_until = '2099-01-01T00:00:00Z'",
        std::time::Duration::from_millis(500),
    );
    let check = kiosk.check_staff_pin("246813", Utc::now());
    holder.join().unwrap();
    assert!(
        matches!(check, Ok(PinCheck::Locked { .. })),
        "the right PIN must not lift a lockout set meanwhile: {check:?}"
    );
    assert!(kiosk.staff_locked_until(Utc::now()).unwrap().is_some());
}

#[test]
fn a_pin_changed_during_a_check_is_checked_against_the_new_one() {
    let (_dir, path) = station();
    let mut kiosk = Store::open(&path).unwrap();
    kiosk.set_staff_pin("246813", "test").unwrap();
    let new_hash = {
        let (_d, mut other) = super::testing::temp_store();
        other.set_staff_pin("135791", "test").unwrap();
        other
            .conn
            .query_row("SELECT pin_hash FROM staff_credential", [], |r| {
                r.get::<_, String>(0)
            })
            .unwrap()
    };
    let holder = hold_write_lock(
        &path,
        &format!("UPDATE staff_credential SET pin_hash = '{new_hash}'"),
        std::time::Duration::from_millis(800),
    );
    let check = kiosk.check_staff_pin("246813", Utc::now());
    holder.join().unwrap();
    assert_eq!(check.unwrap(), PinCheck::Wrong { attempts_left: 4 });
    assert_eq!(
        kiosk.check_staff_pin("135791", Utc::now()).unwrap(),
        PinCheck::Accepted
    );
}

#[test]
fn zh_never_shows_sqlite_english() {
    let (_dir, path) = station();
    // A real busy error: the lock is held and this connection does not wait.
    let holder = hold_write_lock(
        &path,
        "UPDATE setting SET value = value WHERE 0",
        std::time::Duration::from_millis(300),
    );
    let impatient = Connection::open(&path).unwrap();
    impatient.busy_timeout(std::time::Duration::ZERO).unwrap();
    let busy = Error::from(impatient.execute_batch("BEGIN IMMEDIATE").unwrap_err());
    holder.join().unwrap();
    assert!(busy.is_busy(), "{busy:?}");
    assert!(busy.to_string().contains("locked"), "{busy}");

    // A real constraint error: a second slot A1.
    let store = Store::open(&path).unwrap();
    let constraint = Error::from(
        store
            .conn
            .execute(
                "INSERT INTO slot (label, connector, position) VALUES ('A1', 'usb-c', 9)",
                [],
            )
            .unwrap_err(),
    );
    assert!(constraint.to_string().contains("UNIQUE"), "{constraint}");

    assert!(busy.is_busy() && !busy.is_conflict(), "{busy:?}");
    assert!(
        constraint.is_conflict() && !constraint.is_busy(),
        "{constraint:?}"
    );
}

#[test]
fn refusals_keep_a_chinese_sentence_and_an_english_gloss() {
    let (_dir, path) = station();
    let mut store = Store::open(&path).unwrap();
    let code = store.claim_slot("A1", Utc::now(), LIMIT).unwrap();
    let errors = [
        store.claim_slot("A1", Utc::now(), LIMIT).unwrap_err(),
        store.remove_slot("A1", "test").unwrap_err(),
        store
            .apply_feed("A1", FeedState::Free, "", Utc::now())
            .unwrap_err(),
        store
            .add_slot("A1", Connector::UsbC, "", false, "test")
            .unwrap_err(),
        store
            .add_slot("充电", Connector::UsbC, "", false, "test")
            .unwrap_err(),
        store.set_staff_pin("12", "test").unwrap_err(),
        store
            .set_amenity_status("sauna", super::AmenityStatus::Ok, "", "test")
            .unwrap_err(),
        {
            store.release_slot("A1", &code, Utc::now()).unwrap();
            store.release_slot("A1", &code, Utc::now()).unwrap_err()
        },
    ];
    for e in &errors {
        let Error::Invalid(msg) = e else {
            panic!("{e:?} should be a refusal in words");
        };
        assert!(msg.ends_with(')'), "{msg:?} should end with its gloss");
        let gloss = &msg[msg.rfind(" (").expect("a gloss")..];
        assert!(gloss[2..].is_ascii(), "{msg:?}: the gloss is English");
        assert!(
            !msg[..msg.len() - gloss.len()].is_ascii(),
            "{msg:?}: Chinese first"
        );
    }
}
