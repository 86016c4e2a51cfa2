//! The board's reads against a real store on a temporary file.

use super::*;
use relay_core::store::{Category, Connector, NewNotice, Schedule};

/// A store on a fresh temporary file (WAL needs a real file).
fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join(store::DB_FILE)).expect("open store");
    (dir, store)
}

/// A second connection on the same file, to break the schema under the board.
fn raw(dir: &tempfile::TempDir) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.path().join(store::DB_FILE)).expect("open")
}

fn notice(title: &str, from: DateTime<Utc>) -> NewNotice {
    NewNotice {
        title: title.into(),
        body: String::new(),
        category: Category::Service,
        schedule: Schedule::always_from(from),
        pinned: false,
        priority: 0,
        poster: None,
    }
}

#[test]
fn start_up_leaves_the_catalogue_to_the_first_tick() {
    let (_dir, mut store) = temp_store();
    let now = Local::now();
    relay_core::demo::load(&mut store, &now).unwrap();
    let mut board = Board::load_for_start(&mut store, now).unwrap();
    assert!(board.catalog().is_none(), "not read before the first frame");
    assert_eq!(board.amenities.len(), 6, "the rest is read at start");
    let update = board.changes(now)(&mut store).unwrap();
    let changed = board.apply(update.expect("the catalogue is still to read"));
    assert!(changed.books);
    assert_eq!(board.catalog().map(Catalog::len), Some(80));
}

#[test]
fn only_what_changed_is_read_again() {
    let (dir, mut store) = temp_store();
    let now = Local::now();
    let mut board = Board::load(&mut store, now).unwrap();
    assert_eq!(board.amenities.len(), 6);
    assert!(
        board.changes(now)(&mut store).unwrap().is_none(),
        "nothing changed: nothing is read"
    );
    // The CLI adds a slot from its own connection.
    let mut cli = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    cli.add_slot("A1", Connector::UsbC, "", false, "cli")
        .unwrap();
    let update = board.changes(now)(&mut store)
        .unwrap()
        .expect("slots moved");
    assert!(update.amenities.is_none() && update.notices.is_none());
    let changed = board.apply(update);
    assert_eq!(
        changed,
        Changed {
            slots: true,
            ..Changed::default()
        }
    );
    assert_eq!(board.slots.len(), 1);
    // The minute turning re-reads the notices (their schedules), nothing else.
    let later = now + Duration::seconds(60);
    let update = board.changes(later)(&mut store)
        .unwrap()
        .expect("a new minute");
    assert!(update.notices.is_some());
    assert!(update.slots.is_none() && update.amenities.is_none());
    assert!(board.changes(later)(&mut store).unwrap().is_some());
}

#[test]
fn an_overdue_session_promises_nothing() {
    let (_dir, mut store) = temp_store();
    let now = Local::now();
    store
        .add_slot("A1", Connector::UsbC, "", false, "test")
        .unwrap();
    let limit = Duration::hours(3);
    // Started four hours ago: past the limit.
    store
        .claim_slot("A1", now.to_utc() - Duration::hours(4), limit)
        .unwrap();
    let board = Board::load(&mut store, now).unwrap();
    assert_eq!(
        board.next_free(now.to_utc(), limit, Duration::hours(1)),
        None,
        "no 马上会有空位 from an overdue session"
    );
    // One charging for 30 minutes of an hour's typical session: free in 30.
    store
        .add_slot("A2", Connector::UsbC, "", false, "test")
        .unwrap();
    store
        .claim_slot("A2", now.to_utc() - Duration::minutes(30), limit)
        .unwrap();
    let board = Board::load(&mut store, now).unwrap();
    let at = board
        .next_free(now.to_utc(), limit, Duration::hours(1))
        .unwrap();
    assert!(
        (at - (now.to_utc() + Duration::minutes(30)))
            .num_seconds()
            .abs()
            < 2
    );
}

/// A part that cannot be read at all is marked unavailable; the others load, and
/// it comes back once it reads again.
#[test]
fn a_part_that_fails_is_unavailable_while_the_rest_loads() {
    let (dir, mut store) = temp_store();
    store
        .add_notice(&notice("通知", Utc::now() - Duration::days(1)), "test")
        .unwrap();
    raw(&dir)
        .execute_batch("ALTER TABLE amenity RENAME TO amenity_gone;")
        .unwrap();
    let now = Local::now();
    let mut board = Board::load(&mut store, now).unwrap();
    assert!(board.unavailable.amenities);
    assert!(!board.unavailable.notices && !board.unavailable.slots);
    assert_eq!(board.notices.len(), 1);
    raw(&dir)
        .execute_batch("ALTER TABLE amenity_gone RENAME TO amenity;")
        .unwrap();
    let update = board.changes(now)(&mut store).unwrap().expect("retried");
    let changed = board.apply(update);
    assert!(changed.amenities);
    assert!(!board.unavailable.amenities);
    assert_eq!(board.amenities.len(), 6);
}

#[test]
fn a_store_that_cannot_say_what_changed_shows_every_part_unavailable() {
    let (dir, mut store) = temp_store();
    raw(&dir)
        .execute_batch("ALTER TABLE revision RENAME TO revision_gone;")
        .unwrap();
    let now = Local::now();
    let mut board = Board::load(&mut store, now).unwrap();
    let u = board.unavailable;
    assert!(
        u.amenities && u.notices && u.slots && u.wishes_and_suggestions,
        "{u:?}"
    );
    assert!(
        board.changes(now)(&mut store).unwrap().is_none(),
        "no churn"
    );
    raw(&dir)
        .execute_batch("ALTER TABLE revision_gone RENAME TO revision;")
        .unwrap();
    let update = board.changes(now)(&mut store).unwrap().expect("read again");
    board.apply(update);
    assert_eq!(board.unavailable, Default::default());
    assert_eq!(board.amenities.len(), 6);
}
