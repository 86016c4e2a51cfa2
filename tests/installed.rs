//! An installed station's first start, as its systemd unit starts it: real and empty,
//! never the demo station's invented notices, wishes, books and slots (issue 25).

use relay_core::store::WishFilter;

/// The kiosk's own arguments in the packaged unit's `ExecStart` (after `cage … --`).
fn unit_args() -> Vec<String> {
    let unit = include_str!("../packaging/relay-kiosk.service");
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .expect("the unit has an ExecStart");
    let (_, kiosk) = exec.split_once(" -- ").expect("cage -s -- relay-kiosk …");
    let mut words = kiosk.split_whitespace().map(str::to_string);
    assert_eq!(words.next().as_deref(), Some("/usr/bin/relay-kiosk"));
    words.collect()
}

#[test]
fn the_unit_starts_a_real_station_empty() {
    let args = unit_args();
    let no_demo = args.iter().any(|a| a == "--no-demo");
    assert!(no_demo, "the packaged unit must pass --no-demo: {args:?}");
    let dir = tempfile::tempdir().unwrap();
    let opened = relay_kiosk::kiosk::open_store(dir.path(), no_demo).unwrap();
    let store = &opened.store;
    assert!(store.notices().unwrap().is_empty());
    assert!(store.slots().unwrap().is_empty());
    assert!(store.books().unwrap().is_empty());
    assert!(store.wishes(&WishFilter::default()).unwrap().is_empty());
    // Started again, still empty: the first start is remembered.
    drop(opened);
    let again = relay_kiosk::kiosk::open_store(dir.path(), no_demo).unwrap();
    assert!(again.store.notices().unwrap().is_empty());
}

#[test]
fn the_readme_command_still_opens_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let opened = relay_kiosk::kiosk::open_store(dir.path(), false).unwrap();
    assert!(!opened.store.notices().unwrap().is_empty());
    assert!(!opened.store.slots().unwrap().is_empty());
}
