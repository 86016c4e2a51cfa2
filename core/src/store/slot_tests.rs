//! Tests of `slot.rs` on temporary stores.
use super::*;
use crate::store::AmenityStatus;
use crate::store::testing::temp_store;

const LIMIT: Duration = Duration::hours(3);

fn t(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-15T02:00:00Z")
        .unwrap()
        .to_utc()
        + Duration::minutes(minutes)
}

fn station() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    store
        .add_slot("a1", Connector::UsbC, "靠窗", false, "cli")
        .unwrap();
    store
        .add_slot("B1", Connector::Battery, "", true, "cli")
        .unwrap();
    (dir, store)
}

fn state(store: &Store, label: &str, minutes: i64) -> SlotState {
    store.slot(label).unwrap().state(t(minutes), LIMIT)
}

#[test]
fn claim_then_release_with_the_code() {
    let (_d, mut store) = station();
    assert_eq!(store.slot("A1").unwrap().label, "A1");
    assert_eq!(state(&store, "A1", 0), SlotState::Free);
    let code = store.claim_slot("A1", t(0), LIMIT).unwrap();
    assert_eq!(code.len(), 4);
    assert!(code.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(state(&store, "A1", 25), SlotState::Charging { since: t(0) });
    assert!(
        store.claim_slot("A1", t(1), LIMIT).is_err(),
        "a busy slot cannot be claimed"
    );
    assert_eq!(
        store.release_slot("A1", &code, t(40)).unwrap(),
        Release::Released
    );
    assert_eq!(state(&store, "A1", 40), SlotState::Free);
    let history = store.sessions_between(t(-10), t(60)).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].ended_by, Some(EndedBy::Released));
    assert_eq!(history[0].ended_at, Some(t(40)));
}

#[test]
fn wrong_codes_make_the_next_try_wait_longer_never_lock() {
    let (_d, mut store) = station();
    let clock = crate::store::deadline::BootClock::fake();
    store.set_boot_clock(clock.clone());
    let code = store.claim_slot("A1", t(0), LIMIT).unwrap();
    let wrong = if code == "0000" { "1111" } else { "0000" };
    for left in (1..3).rev() {
        assert_eq!(
            store.release_slot("A1", wrong, t(5)).unwrap(),
            Release::WrongCode {
                attempts_left: left
            }
        );
    }
    let left_after = |store: &mut Store, code: &str, at| match store.release_slot("A1", code, at) {
        Ok(Release::Wait { until }) => until.secs_left(at),
        other => panic!("{other:?}"),
    };
    // The third wrong code: 30 s; during the wait even the right code is not checked.
    assert_eq!(left_after(&mut store, wrong, t(5)), 30);
    clock.advance(chrono::Duration::seconds(10));
    assert_eq!(
        left_after(&mut store, &code, t(5) + chrono::Duration::seconds(10)),
        20
    );
    let wait = store.slot("A1").unwrap().code_wait.unwrap();
    assert_eq!(wait.wall(), t(5) + chrono::Duration::seconds(30));
    assert_eq!(
        wait.secs_left(t(0)),
        20,
        "the boot clock decides, not the wall"
    );
    // Then 2 minutes, then 10, then 10 again: never locked.
    clock.advance(chrono::Duration::seconds(20));
    assert_eq!(left_after(&mut store, wrong, t(6)), 120);
    clock.advance(chrono::Duration::minutes(2));
    assert_eq!(left_after(&mut store, wrong, t(8)), 600);
    clock.advance(chrono::Duration::minutes(10));
    assert_eq!(left_after(&mut store, wrong, t(18)), 600);
    assert!(!store.slot("A1").unwrap().locked);
    assert!(matches!(
        state(&store, "A1", 20),
        SlotState::Charging { .. }
    ));
    // After the wait the owner's code works, and the count starts again.
    clock.advance(chrono::Duration::minutes(10));
    assert_eq!(
        store.release_slot("A1", &code, t(28)).unwrap(),
        Release::Released
    );
    let slot = store.slot("A1").unwrap();
    assert_eq!((slot.wrong_codes, slot.code_wait), (0, None));
    // Staff were told.
    let log = store.audit_log(10).unwrap();
    assert!(log.iter().any(|e| e.action == "slot.code_wait"));
}

/// #21 item 8: after the wall clock was set back an hour, a 30 s wait read 请 61 分钟后
/// 再输取件码. The boot clock times the wait; after a reboot the wall end is used, but
/// never for longer than the wait.
#[test]
fn a_code_wait_ignores_the_wall_clock() {
    let (_d, mut store) = station();
    let clock = crate::store::deadline::BootClock::fake();
    store.set_boot_clock(clock.clone());
    let code = store.claim_slot("A1", t(0), LIMIT).unwrap();
    let wrong = if code == "0000" { "1111" } else { "0000" };
    for _ in 0..3 {
        store.release_slot("A1", wrong, t(5)).unwrap();
    }
    let back = t(5) - chrono::Duration::hours(1);
    let wait = store.slot("A1").unwrap().code_wait.unwrap();
    assert_eq!(wait.secs_left(back), 30);
    // A day ahead does not end it either.
    let ahead = t(5) + chrono::Duration::days(1);
    assert!(matches!(
        store.release_slot("A1", &code, ahead).unwrap(),
        Release::Wait { .. }
    ));
    clock.advance(chrono::Duration::seconds(30));
    assert_eq!(
        store.release_slot("A1", &code, back).unwrap(),
        Release::Released
    );
    // Across a reboot with the clock an hour back: at most the wait itself.
    let code = store.claim_slot("A1", t(10), LIMIT).unwrap();
    let wrong = if code == "0000" { "1111" } else { "0000" };
    for _ in 0..3 {
        store.release_slot("A1", wrong, t(10)).unwrap();
    }
    clock.reboot();
    let back = t(10) - chrono::Duration::hours(1);
    assert_eq!(
        store.slot("A1").unwrap().code_wait.unwrap().secs_left(back),
        30
    );
}

#[test]
fn staff_release_lifts_a_wait() {
    let (_d, mut store) = station();
    let code = store.claim_slot("A1", t(0), LIMIT).unwrap();
    let wrong = if code == "0000" { "1111" } else { "0000" };
    for _ in 0..3 {
        store.release_slot("A1", wrong, t(5)).unwrap();
    }
    assert!(store.slot("A1").unwrap().code_wait.is_some());
    store
        .force_release_slot("A1", t(6), LIMIT, "kiosk-staff")
        .unwrap();
    assert_eq!(state(&store, "A1", 6), SlotState::Free);
    assert_eq!(store.slot("A1").unwrap().code_wait, None);
    let history = store.sessions_between(t(-1), t(10)).unwrap();
    assert_eq!(history[0].ended_by, Some(EndedBy::ForceReleased));
}

#[test]
fn overtime_is_shown_never_released_silently() {
    let (_d, mut store) = station();
    store.claim_slot("A1", t(0), LIMIT).unwrap();
    assert!(matches!(
        state(&store, "A1", 179),
        SlotState::Charging { .. }
    ));
    assert_eq!(
        state(&store, "A1", 180),
        SlotState::Overtime { since: t(0) }
    );
    assert_eq!(
        state(&store, "A1", 600),
        SlotState::Overtime { since: t(0) }
    );
    assert!(store.slot("A1").unwrap().session.is_some());
    store
        .force_release_slot("A1", t(600), LIMIT, "kiosk-staff")
        .unwrap();
    let history = store.sessions_between(t(-1), t(700)).unwrap();
    assert_eq!(history[0].ended_by, Some(EndedBy::Expired));
}

#[test]
fn fault_and_repair() {
    let (_d, mut store) = station();
    store
        .set_slot_fault("A1", "接口松动", t(0), "kiosk-staff")
        .unwrap();
    assert_eq!(
        state(&store, "A1", 1),
        SlotState::Fault {
            note: "接口松动".into()
        }
    );
    assert!(store.claim_slot("A1", t(1), LIMIT).is_err());
    store.repair_slot("A1", t(2), "kiosk-staff").unwrap();
    assert_eq!(state(&store, "A1", 3), SlotState::Free);
    store
        .set_slot_fault("A1", "不通电", t(4), "kiosk-staff")
        .unwrap();
    assert_eq!(
        store.repeated_faults(t(-60), 2).unwrap(),
        [("A1".to_string(), 2)]
    );
}

#[test]
fn the_feed_wins_for_fed_slots() {
    let (_d, mut store) = station();
    // Not fed: refused.
    assert!(
        store
            .apply_feed("A1", FeedState::Charging, "", t(0))
            .is_err()
    );
    assert!(matches!(
        store.apply_feed("ZZ", FeedState::Charging, "", t(0)),
        Err(Error::NotFound { .. })
    ));
    // A manual claim on a fed bay, then the cabinet reports.
    store.claim_slot("B1", t(0), LIMIT).unwrap();
    store
        .apply_feed("B1", FeedState::Charging, "", t(1))
        .unwrap();
    assert_eq!(state(&store, "B1", 2), SlotState::Charging { since: t(0) });
    store.apply_feed("B1", FeedState::Full, "", t(50)).unwrap();
    assert_eq!(state(&store, "B1", 51), SlotState::Full { since: t(0) });
    store.apply_feed("B1", FeedState::Free, "", t(60)).unwrap();
    assert_eq!(state(&store, "B1", 61), SlotState::Free);
    assert_eq!(
        store.sessions_between(t(-1), t(100)).unwrap()[0].ended_by,
        Some(EndedBy::Feed)
    );
    // The feed alone starts a session, and reports a fault.
    store
        .apply_feed("B1", FeedState::Charging, "", t(70))
        .unwrap();
    assert_eq!(
        state(&store, "B1", 71),
        SlotState::Charging { since: t(70) }
    );
    store
        .apply_feed("B1", FeedState::Fault, "过热", t(80))
        .unwrap();
    assert_eq!(
        state(&store, "B1", 81),
        SlotState::Fault {
            note: "过热".into()
        }
    );
    store.apply_feed("B1", FeedState::Free, "", t(90)).unwrap();
    assert_eq!(state(&store, "B1", 91), SlotState::Free);
}

#[test]
fn median_needs_enough_history() {
    let (_d, mut store) = station();
    assert_eq!(store.median_session(t(0), 3).unwrap(), None);
    for (start, len) in [(-300, 30), (-200, 60), (-100, 90)] {
        store
            .record_session("A1", t(start), t(start + len))
            .unwrap();
    }
    assert_eq!(
        store.median_session(t(0), 3).unwrap(),
        Some(Duration::minutes(60))
    );
}

#[test]
fn slot_management_rules() {
    let (_d, mut store) = station();
    assert!(
        store
            .add_slot("A1", Connector::Lightning, "", false, "cli")
            .is_err()
    );
    assert!(
        store
            .add_slot("充电1", Connector::Lightning, "", false, "cli")
            .is_err()
    );
    store
        .update_slot(
            "A1",
            &SlotChange {
                label: Some("A9".into()),
                connector: Some(Connector::Lightning),
                ..Default::default()
            },
            "cli",
        )
        .unwrap();
    assert_eq!(store.slot("A9").unwrap().connector, Connector::Lightning);
    store.claim_slot("A9", t(0), LIMIT).unwrap();
    assert!(store.remove_slot("A9", "cli").is_err(), "in use");
    store.force_release_slot("A9", t(1), LIMIT, "cli").unwrap();
    store.remove_slot("A9", "cli").unwrap();
    assert_eq!(store.slots().unwrap().len(), 1);
    assert_eq!(Connector::parse("Type-C"), Some(Connector::UsbC));
    assert_eq!(Connector::parse("电瓶"), Some(Connector::Battery));
}

#[test]
fn a_session_is_ended_only_once() {
    let (_d, mut store) = station();
    store.claim_slot("A1", t(0), LIMIT).unwrap();
    let id = store.slot("A1").unwrap().session.unwrap().id;
    let tx = store.write().unwrap();
    end_session(&tx, "A1", id, t(10), EndedBy::Released).unwrap();
    let again = end_session(&tx, "A1", id, t(20), EndedBy::Feed).unwrap_err();
    tx.commit().unwrap();
    assert!(
        matches!(&again, Error::Invalid(msg) if msg.contains("刚刚已被释放")),
        "{again:?}"
    );
    assert!(
        again
            .to_string()
            .starts_with("充电位 A1 刚刚已被释放，请刷新后再看"),
        "{again}"
    );
    let history = store.sessions_between(t(-1), t(30)).unwrap();
    assert_eq!(history[0].ended_at, Some(t(10)), "the first end stands");
    assert_eq!(history[0].ended_by, Some(EndedBy::Released));
}

/// Rows in the fault history, simulated or not.
fn fault_rows(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM slot_fault", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn simulated_reports_never_touch_real_use_and_leave_no_history() {
    let (_d, mut store) = station();
    store
        .add_slot("B2", Connector::Battery, "", true, "cli")
        .unwrap();
    store
        .add_slot("B3", Connector::Battery, "", true, "cli")
        .unwrap();
    // A person's claim on B1: every simulated report on it is refused.
    let code = store.claim_slot("B1", t(0), LIMIT).unwrap();
    for s in [
        FeedState::Free,
        FeedState::Charging,
        FeedState::Full,
        FeedState::Fault,
    ] {
        assert!(
            store.apply_report("B1", s, "", t(1), true).is_err(),
            "{s:?}"
        );
    }
    assert_eq!(state(&store, "B1", 2), SlotState::Charging { since: t(0) });
    assert_eq!(
        store.slot("B1").unwrap().session.unwrap().code,
        Some(code.clone())
    );
    // A staff fault on B3: refused too.
    store.set_slot_fault("B3", "坏了", t(0), "cli").unwrap();
    assert!(
        store
            .apply_report("B3", FeedState::Free, "", t(1), true)
            .is_err()
    );

    // B2 goes through a whole pretend cycle, fault included.
    store
        .apply_report("B2", FeedState::Charging, "", t(10), true)
        .unwrap();
    assert!(store.slot("B2").unwrap().session.unwrap().simulated);
    store
        .apply_report("B2", FeedState::Full, "", t(20), true)
        .unwrap();
    store
        .apply_report("B2", FeedState::Fault, "过热保护", t(30), true)
        .unwrap();
    assert_eq!(store.simulated_slots().unwrap(), ["B2"]);
    assert_eq!(
        state(&store, "B2", 31),
        SlotState::Fault {
            note: "过热保护".into()
        }
    );
    // While it runs, statistics do not see it.
    let history = store.sessions_between(t(-1), t(100)).unwrap();
    assert!(history.iter().all(|s| s.slot != "B2"), "{history:?}");
    assert_eq!(store.repeated_faults(t(-1), 1).unwrap(), [("B3".into(), 1)]);
    assert_eq!(fault_rows(&store), 2, "staff B3 + simulated B2");
    // Free: nothing of it is left.
    store
        .apply_report("B2", FeedState::Free, "", t(40), true)
        .unwrap();
    assert_eq!(state(&store, "B2", 41), SlotState::Free);
    assert!(store.simulated_slots().unwrap().is_empty());
    assert_eq!(fault_rows(&store), 1, "only the staff fault");
    let sessions: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM charging_session", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sessions, 1, "only the person's session on B1");
    assert_eq!(store.median_session(t(100), 1).unwrap(), None);
    // The person's session is still open and theirs.
    assert_eq!(
        store.release_slot("B1", &code, t(50)).unwrap(),
        Release::Released
    );
}

#[test]
fn a_real_report_replaces_what_the_simulator_pretended() {
    let (_d, mut store) = station();
    store
        .apply_report("B1", FeedState::Charging, "", t(0), true)
        .unwrap();
    store
        .apply_report("B1", FeedState::Fault, "模拟", t(1), true)
        .unwrap();
    // The real cabinet says a phone is charging: a real session, no pretend fault.
    store
        .apply_feed("B1", FeedState::Charging, "", t(5))
        .unwrap();
    let session = store.slot("B1").unwrap().session.unwrap();
    assert!(!session.simulated);
    assert_eq!(session.started_at, t(5));
    assert_eq!(fault_rows(&store), 0);
    assert!(store.simulated_slots().unwrap().is_empty());
    // Now the simulator may not end it.
    assert!(
        store
            .apply_report("B1", FeedState::Free, "", t(6), true)
            .is_err()
    );
    // A real fault is kept in the history, and the simulator stays away from it.
    store
        .apply_feed("B1", FeedState::Fault, "过热", t(7))
        .unwrap();
    assert!(
        store
            .apply_report("B1", FeedState::Free, "", t(8), true)
            .is_err()
    );
    assert_eq!(fault_rows(&store), 1);
    assert_eq!(store.sessions_between(t(-1), t(10)).unwrap().len(), 1);
}

/// Issue 21 item 4 and 5: a note is one short clean line at every way in — slot add, a
/// run, a change, a staff fault, a feed report and an amenity — and nothing is written
/// when it is not.
#[test]
fn notes_are_short_clean_lines_at_every_boundary() {
    let (_d, mut store) = station();
    let bad = [
        "\u{1b}[2J清屏".to_string(),
        "响铃\u{7}".to_string(),
        "\u{202E}货补午下".to_string(),
        "坏了😀".to_string(),
        "长".repeat(FAULT_NOTE_MAX_CHARS + 1),
    ];
    for note in &bad {
        assert!(
            store
                .add_slot("C1", Connector::UsbC, note, false, "cli")
                .is_err(),
            "{note:?}"
        );
        assert!(
            store
                .add_slot_run("D1", 3, Connector::UsbC, note, false, "cli")
                .is_err()
        );
        let change = SlotChange {
            note: Some(note.clone()),
            ..SlotChange::default()
        };
        assert!(store.update_slot("A1", &change, "cli").is_err());
        assert!(store.set_slot_fault("A1", note, t(0), "cli").is_err());
        assert!(
            store
                .apply_feed("B1", FeedState::Fault, note, t(0))
                .is_err()
        );
        assert!(
            store
                .set_amenity_status("water", AmenityStatus::Paused, note, "cli")
                .is_err()
        );
    }
    assert!(store.slot("C1").is_err() && store.slot("D1").is_err());
    let a1 = store.slot("A1").unwrap();
    assert_eq!((a1.note.as_str(), a1.fault.as_deref()), ("靠窗", None));
    assert_eq!(store.slot("B1").unwrap().feed, None);
    // The longest allowed is taken, trimmed.
    let longest = "长".repeat(SLOT_NOTE_MAX_CHARS);
    store
        .add_slot("C1", Connector::UsbC, &format!(" {longest} "), false, "cli")
        .unwrap();
    assert_eq!(store.slot("C1").unwrap().note, longest);
    assert!(
        store
            .add_slot(
                "C2",
                Connector::UsbC,
                &"长".repeat(SLOT_NOTE_MAX_CHARS + 1),
                false,
                "cli"
            )
            .is_err()
    );
    let fault = "坏".repeat(FAULT_NOTE_MAX_CHARS);
    store.set_slot_fault("A1", &fault, t(0), "cli").unwrap();
    store
        .apply_feed("B1", FeedState::Fault, &fault, t(0))
        .unwrap();
    let note = "缺".repeat(crate::store::AMENITY_NOTE_MAX_CHARS);
    store
        .set_amenity_status("water", AmenityStatus::Paused, &note, "cli")
        .unwrap();
    assert!(
        store
            .set_amenity_status("water", AmenityStatus::Paused, &format!("{note}缺"), "cli")
            .is_err()
    );
}

/// Issue 21 item 3: the order of reports is kept below the second; a stamp ahead (within
/// the feed's 5 minutes) or a clock set back never locks out the reports without one.
#[test]
fn feed_times_keep_sub_second_order_and_never_lock_a_slot_out() {
    use crate::store::ReportAt::{Arrived, Stamped};
    let (_d, mut store) = station();
    let ms = Duration::milliseconds;
    store
        .apply_report_at(
            "B1",
            FeedState::Charging,
            "",
            Stamped(t(0) + ms(800)),
            false,
        )
        .unwrap();
    let older = store.apply_report_at("B1", FeedState::Free, "", Stamped(t(0)), false);
    assert!(older.is_err(), "0.8 s older is older");
    assert_eq!(store.slot("B1").unwrap().feed.unwrap().2, t(0) + ms(800));
    // A stamp 4 minutes ahead of the kiosk, then reports timed by arrival: applied.
    store
        .apply_report_at("B1", FeedState::Full, "", Stamped(t(4)), false)
        .unwrap();
    store
        .apply_report_at("B1", FeedState::Free, "", Arrived(t(0) + ms(900)), false)
        .unwrap();
    assert_eq!(store.slot("B1").unwrap().feed.unwrap().0, FeedState::Free);
    // The wall clock set back an hour: the next report by arrival still lands.
    store
        .apply_report_at("B1", FeedState::Charging, "", Arrived(t(60)), false)
        .unwrap();
    store
        .apply_report_at("B1", FeedState::Free, "", Arrived(t(1)), false)
        .unwrap();
    assert_eq!(store.slot("B1").unwrap().feed.unwrap().0, FeedState::Free);
}
