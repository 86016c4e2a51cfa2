//! Tests of `wish.rs` on temporary stores: the lifecycle as the store enforces it, the
//! phone rules, and what the daily task archives and erases.
use super::*;
use crate::store::testing::temp_store;
use crate::store::{NewSuggestion, SuggestionKind};
use WishState::*;
use chrono::Duration;

const STAFF: &str = "test-staff";

fn t(days: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-06-15T04:00:00Z")
        .unwrap()
        .to_utc()
        + Duration::days(days)
}

fn new_wish(phone: &str) -> NewWish {
    NewWish {
        kind: WishKind::Work,
        text: "想要一副防寒手套，冬天骑车手冻得握不住车把".into(),
        surname: "王".into(),
        occupation: Occupation::Rider,
        phone: phone.into(),
    }
}

fn add(store: &mut Store) -> Wish {
    store
        .add_wish(&new_wish("13812345678"), t(0), STAFF)
        .unwrap()
}

/// A wish brought into `state` the legal way, around `t(0)` (archived: fulfilled at
/// `t(-40)`, then the daily task at `t(0)`).
fn wish_in_state(store: &mut Store, state: WishState) -> Wish {
    let b = if state == Archived { -43 } else { 0 };
    let id = store
        .add_wish(&new_wish("13812345678"), t(b), STAFF)
        .unwrap()
        .id;
    match state {
        Pending => {}
        Open => store.approve_wish(id, None, t(b + 1), STAFF).unwrap(),
        Claimed | Fulfilled | Archived => {
            store.approve_wish(id, None, t(b + 1), STAFF).unwrap();
            store
                .claim_wish(id, Some("党员志愿者小陈"), "13912345678", t(b + 2), STAFF)
                .unwrap();
            if state != Claimed {
                store.fulfil_wish(id, None, None, t(b + 3), STAFF).unwrap();
            }
            if state == Archived {
                let (archived, _) = store.wish_housekeeping(t(0)).unwrap();
                assert!(archived >= 1);
            }
        }
        Declined => store.decline_wish(id, "重复", t(1), STAFF).unwrap(),
        Withdrawn => store.withdraw_wish_by_staff(id, t(1), STAFF).unwrap(),
    }
    let w = store.wish(id).unwrap();
    assert_eq!(w.state, state);
    w
}

#[test]
fn can_become_allows_exactly_the_lifecycle() {
    let legal = [
        (Pending, Open),
        (Pending, Declined),
        (Pending, Withdrawn),
        (Open, Claimed),
        (Open, Withdrawn),
        (Claimed, Open),
        (Claimed, Fulfilled),
        (Claimed, Withdrawn),
        (Fulfilled, Archived),
    ];
    for from in WishState::ALL {
        for to in WishState::ALL {
            assert_eq!(
                from.can_become(to),
                legal.contains(&(from, to)),
                "{from:?} → {to:?}"
            );
        }
    }
}

type Operation = fn(&mut Store, &Wish) -> Result<()>;

/// Every operation, the states it is allowed from, and where it leads.
fn operations() -> Vec<(&'static str, Operation, Vec<WishState>, WishState)> {
    vec![
        (
            "approve",
            |s, w| s.approve_wish(w.id, None, t(10), STAFF),
            vec![Pending],
            Open,
        ),
        (
            "approve with text",
            |s, w| s.approve_wish(w.id, Some("想要一副防寒手套"), t(10), STAFF),
            vec![Pending],
            Open,
        ),
        (
            "decline",
            |s, w| s.decline_wish(w.id, "不属于微心愿范围", t(10), STAFF),
            vec![Pending],
            Declined,
        ),
        (
            "claim",
            |s, w| s.claim_wish(w.id, None, "13700001111", t(10), STAFF),
            vec![Open],
            Claimed,
        ),
        (
            "unclaim",
            |s, w| s.unclaim_wish(w.id, t(10), STAFF),
            vec![Claimed],
            Open,
        ),
        (
            "fulfil",
            |s, w| s.fulfil_wish(w.id, Some("谢谢好心人！"), None, t(10), STAFF),
            vec![Claimed],
            Fulfilled,
        ),
        (
            "withdraw by staff",
            |s, w| s.withdraw_wish_by_staff(w.id, t(10), STAFF),
            vec![Pending, Open, Claimed],
            Withdrawn,
        ),
        (
            "withdraw by the worker",
            |s, w| s.withdraw_wish(&w.number, "5678", t(10)).map(|_| ()),
            vec![Pending, Open, Claimed],
            Withdrawn,
        ),
    ]
}

#[test]
fn the_store_refuses_every_illegal_operation_in_every_state() {
    let mut tried = 0;
    for (name, op, allowed, to) in operations() {
        for from in WishState::ALL {
            let (_dir, mut store) = temp_store();
            let w = wish_in_state(&mut store, from);
            let audit_before = store.audit_log(1000).unwrap().len();
            let result = op(&mut store, &w);
            let after = store.wish(w.id).unwrap();
            if allowed.contains(&from) {
                result.unwrap_or_else(|e| panic!("{name} from {from:?}: {e}"));
                assert_eq!(after.state, to, "{name} from {from:?}");
                assert!(from.can_become(to));
                assert_eq!(
                    store.audit_log(1000).unwrap().len(),
                    audit_before + 1,
                    "{name} is audited"
                );
            } else {
                let Err(Error::Invalid(msg)) = result else {
                    panic!("{name} from {from:?} should be refused: {result:?}")
                };
                assert!(
                    msg.starts_with(&format!("这个心愿现在是{}，不能", from.zh())),
                    "{msg}"
                );
                assert!(msg.ends_with(')') && msg.contains(" (wish is "), "{msg}");
                assert_eq!(after, w, "{name} from {from:?} changed nothing");
                assert_eq!(store.audit_log(1000).unwrap().len(), audit_before);
            }
            tried += 1;
        }
    }
    assert_eq!(tried, 8 * 7);
}

#[test]
fn claiming_twice_says_so() {
    let (_dir, mut store) = temp_store();
    let w = wish_in_state(&mut store, Claimed);
    let e = store
        .claim_wish(w.id, None, "13700001111", t(5), STAFF)
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("这个心愿现在是已认领，不能再认领"),
        "{e}"
    );
    assert_eq!(
        store.wish(w.id).unwrap().donor.as_deref(),
        Some("党员志愿者小陈"),
        "the first donor stays"
    );
}

#[test]
fn the_lifecycle_stamps_its_times_and_people() {
    let (_dir, mut store) = temp_store();
    let w = add(&mut store);
    assert_eq!(w.state, Pending);
    assert_eq!(w.created_at, t(0));
    assert_eq!(w.phone.as_deref(), Some("13812345678"));
    assert_eq!(w.person_zh(), "外卖骑手 王师傅");
    store.approve_wish(w.id, None, t(1), STAFF).unwrap();
    store
        .claim_wish(
            w.id,
            Some("  万里街道某物业公司 "),
            "139-1234-5678",
            t(2),
            STAFF,
        )
        .unwrap();
    let c = store.wish(w.id).unwrap();
    assert_eq!(c.approved_at, Some(t(1)));
    assert_eq!(c.claimed_at, Some(t(2)));
    assert_eq!(c.donor_zh(), "万里街道某物业公司");
    assert_eq!(c.donor_phone.as_deref(), Some("13912345678"));
    store.unclaim_wish(w.id, t(3), STAFF).unwrap();
    let u = store.wish(w.id).unwrap();
    assert_eq!(
        (u.state, u.donor.clone(), u.donor_phone.clone()),
        (Open, None, None)
    );
    assert_eq!(u.claimed_at, None);
    store
        .claim_wish(w.id, Some(""), "13912345678", t(4), STAFF)
        .unwrap();
    assert_eq!(
        store.wish(w.id).unwrap().donor_zh(),
        "爱心人士",
        "blank is anonymous"
    );
    store
        .fulfil_wish(w.id, Some(" 谢谢好心人，手套很暖和！ "), None, t(5), STAFF)
        .unwrap();
    let f = store.wish(w.id).unwrap();
    assert_eq!(f.state, Fulfilled);
    assert_eq!(f.fulfilled_at, Some(t(5)));
    assert_eq!(f.thanks.as_deref(), Some("谢谢好心人，手套很暖和！"));
    assert_eq!(f.closed_at, None);
    assert!(!f.has_photo);
    // The audit log never holds a whole phone number.
    for entry in store.audit_log(100).unwrap() {
        assert!(!entry.detail.contains("12345678"), "{entry:?}");
    }
}

#[test]
fn phone_numbers_are_mainland_mobiles() {
    for ok in [
        "13812345678",
        "19912345678",
        "138-1234-5678",
        " 138 1234 5678 ",
    ] {
        let digits = validate_phone(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert_eq!(digits.len(), 11, "{ok}");
        assert!(digits.chars().all(|c| c.is_ascii_digit()));
    }
    assert_eq!(validate_phone("138-1234-5678").unwrap(), "13812345678");
    for bad in [
        "12812345678",
        "1381234567",
        "138123456789",
        "23812345678",
        "1381234567a",
        "abcdefghijk",
        "",
        "＋8613812345678",
        "１３８１２３４５６７８",
    ] {
        let e = validate_phone(bad).unwrap_err();
        assert!(
            e.to_string().starts_with("手机号应为 11 位数字"),
            "{bad}: {e}"
        );
    }
}

#[test]
fn masking_keeps_three_and_four_digits() {
    assert_eq!(mask_phone("13812345678"), "138****5678");
    assert_eq!(mask_phone("19900001111"), "199****1111");
    assert_eq!(mask_phone("123"), "****");
    assert_eq!(mask_phone("一二三四五六七八九十一"), "****");
}

#[test]
fn bad_wishes_are_refused_and_write_nothing() {
    let (_dir, mut store) = temp_store();
    let hundred = "暖".repeat(100);
    let cases: Vec<(NewWish, &str)> = vec![
        (
            NewWish {
                text: "   ".into(),
                ..new_wish("13812345678")
            },
            "心愿不能为空",
        ),
        (
            NewWish {
                text: format!("{hundred}手"),
                ..new_wish("13812345678")
            },
            "心愿太长",
        ),
        (
            NewWish {
                text: "想要手套\n和帽子".into(),
                ..new_wish("13812345678")
            },
            "不要换行",
        ),
        (
            NewWish {
                text: "想要\u{7}手套".into(),
                ..new_wish("13812345678")
            },
            "不能显示的字符",
        ),
        (
            NewWish {
                text: "想要\u{202E}手套".into(),
                ..new_wish("13812345678")
            },
            "不能显示的字符",
        ),
        (
            NewWish {
                surname: "".into(),
                ..new_wish("13812345678")
            },
            "姓氏",
        ),
        (
            NewWish {
                surname: "王2".into(),
                ..new_wish("13812345678")
            },
            "姓氏",
        ),
        (
            NewWish {
                surname: "欧阳王李张".into(),
                ..new_wish("13812345678")
            },
            "姓氏",
        ),
        (new_wish("12812345678"), "手机号"),
        (new_wish(""), "手机号"),
    ];
    for (wish, expected) in cases {
        let e = store.add_wish(&wish, t(0), STAFF).unwrap_err();
        assert!(matches!(e, Error::Invalid(_)), "{e:?}");
        assert!(e.to_string().contains(expected), "{wish:?}: {e}");
    }
    assert!(store.wishes(&WishFilter::default()).unwrap().is_empty());
    assert!(store.audit_log(10).unwrap().is_empty());
    // Exactly 100 characters (300 bytes) is fine; so is a compound surname.
    let w = store
        .add_wish(
            &NewWish {
                text: format!(" {hundred} "),
                surname: "欧阳".into(),
                ..new_wish("13812345678")
            },
            t(0),
            STAFF,
        )
        .unwrap();
    assert_eq!(w.text, hundred);
    assert_eq!(w.person_zh(), "外卖骑手 欧师傅");
}

#[test]
fn wish_numbers_are_six_digits_and_unique() {
    let (_dir, mut store) = temp_store();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..150 {
        let w = add(&mut store);
        assert_eq!(w.number.len(), 6, "{}", w.number);
        assert!(w.number.bytes().all(|b| b.is_ascii_digit()), "{}", w.number);
        assert!(!w.number.starts_with('0'), "{}", w.number);
        assert!(seen.insert(w.number.clone()), "{} twice", w.number);
    }
    // Typed with the grouping space it is shown with, it is found.
    let w = add(&mut store);
    let grouped = format!(" {} ", crate::store::shown_number(&w.number));
    assert_eq!(store.wish_by_number(&grouped).unwrap().id, w.id);
    let w = add(&mut store);
    let lower = format!(" {} ", w.number.to_lowercase());
    assert_eq!(store.wish_by_number(&lower).unwrap().id, w.id);
    assert!(matches!(
        store.wish_by_number("WXXX"),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn the_worker_withdraws_with_number_and_phone_tail() {
    let (_dir, mut store) = temp_store();
    let clock = crate::store::deadline::BootClock::fake();
    store.set_boot_clock(clock.clone());
    let w = wish_in_state(&mut store, Open);
    let other = store
        .add_wish(&new_wish("13900009999"), t(0), STAFF)
        .unwrap();
    let wrong = "心愿编号或手机后 4 位不对";
    for (i, (number, tail)) in [
        (w.number.as_str(), "5679"),
        (w.number.as_str(), "9999"), // the other wish's tail
        (other.number.as_str(), "5678"),
        ("WZZZ", "5678"),
        (w.number.as_str(), "567"),
        (w.number.as_str(), "56a8"),
        (w.number.as_str(), ""),
    ]
    .into_iter()
    .enumerate()
    {
        // Two hours apart, so the guard against guessing does not step in.
        let at = t(5) - chrono::Duration::hours(2 * (10 - i as i64));
        clock.advance(chrono::Duration::hours(2));
        let e = store.withdraw_wish(number, tail, at).unwrap_err();
        assert!(e.to_string().starts_with(wrong), "{number} {tail}: {e}");
    }
    assert_eq!(store.wish(w.id).unwrap().state, Open);
    assert_eq!(store.wish(other.id).unwrap().state, Pending);
    let done = store
        .withdraw_wish(&w.number.to_lowercase(), " 5678 ", t(5))
        .unwrap();
    assert_eq!(done.id, w.id);
    assert_eq!(done.state, Withdrawn);
    assert_eq!(done.closed_at, Some(t(5)));
    let last = &store.audit_log(1).unwrap()[0];
    assert_eq!(
        (last.actor.as_str(), last.action.as_str()),
        ("kiosk", "wish.withdraw")
    );
    // Withdrawing again: the pair is right, the state is not.
    let e = store.withdraw_wish(&w.number, "5678", t(6)).unwrap_err();
    assert!(e.to_string().starts_with("这个心愿现在是已撤回"), "{e}");
}

#[test]
fn approving_with_edited_text_keeps_the_original_in_the_audit_log() {
    let (_dir, mut store) = temp_store();
    let original = "孩子今年上三年级，想要一套课外读物，我电话13812345678";
    let w = store
        .add_wish(
            &NewWish {
                text: original.into(),
                ..new_wish("13812345678")
            },
            t(0),
            STAFF,
        )
        .unwrap();
    store
        .approve_wish(
            w.id,
            Some("孩子今年上三年级，想要一套课外读物"),
            t(1),
            STAFF,
        )
        .unwrap();
    let a = store.wish(w.id).unwrap();
    assert_eq!(a.text, "孩子今年上三年级，想要一套课外读物");
    assert_eq!(a.state, Open);
    let entry = &store.audit_log(1).unwrap()[0];
    assert_eq!(entry.action, "wish.approve");
    assert_eq!(entry.actor, STAFF);
    assert!(entry.detail.contains(&w.number), "{entry:?}");
    assert!(entry.detail.contains(original), "{entry:?}");
    // Approving unchanged text does not repeat it.
    let plain = add(&mut store);
    store.approve_wish(plain.id, None, t(1), STAFF).unwrap();
    let entry = &store.audit_log(1).unwrap()[0];
    assert!(!entry.detail.contains("原文"), "{entry:?}");
    // A bad edit is refused before anything changes.
    let third = add(&mut store);
    assert!(
        store
            .approve_wish(third.id, Some(" "), t(1), STAFF)
            .is_err()
    );
    assert_eq!(store.wish(third.id).unwrap().state, Pending);
}

#[test]
fn revealing_a_phone_is_audited() {
    let (_dir, mut store) = temp_store();
    let w = wish_in_state(&mut store, Claimed);
    let before = store.audit_log(100).unwrap().len();
    let phone = store
        .reveal_wish_phone(w.id, PhoneOf::Worker, STAFF)
        .unwrap();
    assert_eq!(phone, "13812345678");
    let log = store.audit_log(100).unwrap();
    assert_eq!(log.len(), before + 1);
    assert_eq!(log[0].action, "wish.reveal_phone");
    assert_eq!(log[0].actor, STAFF);
    assert!(log[0].detail.contains(&w.number) && log[0].detail.contains("worker"));
    assert!(!log[0].detail.contains("5678"), "the log names no number");
    let donor = store
        .reveal_wish_phone(w.id, PhoneOf::Donor, STAFF)
        .unwrap();
    assert_eq!(donor, "13912345678");
    assert!(store.audit_log(1).unwrap()[0].detail.contains("donor"));
    // No donor yet: nothing to reveal, nothing logged.
    let open = wish_in_state(&mut store, Open);
    let before = store.audit_log(100).unwrap().len();
    assert!(matches!(
        store.reveal_wish_phone(open.id, PhoneOf::Donor, STAFF),
        Err(Error::Invalid(_))
    ));
    assert_eq!(store.audit_log(100).unwrap().len(), before);
}

#[test]
fn fulfilled_wishes_archive_after_30_days_and_phones_go_90_days_after_closing() {
    let (_dir, mut store) = temp_store();
    let fulfilled = wish_in_state(&mut store, Fulfilled); // fulfilled at t(3)
    let declined = wish_in_state(&mut store, Declined); // closed at t(1)
    let pending = wish_in_state(&mut store, Pending);
    let claimed = wish_in_state(&mut store, Claimed);
    let counted = store.wishes_fulfilled_this_year(t(20)).unwrap();
    assert_eq!(counted, 1);

    assert_eq!(store.wish_housekeeping(t(3 + 29)).unwrap(), (0, 0));
    assert_eq!(store.wish(fulfilled.id).unwrap().state, Fulfilled);
    let audit_before = store.audit_log(1000).unwrap().len();
    assert_eq!(store.wish_housekeeping(t(3 + 29)).unwrap(), (0, 0));
    assert_eq!(
        store.audit_log(1000).unwrap().len(),
        audit_before,
        "nothing done, nothing logged"
    );

    assert_eq!(store.wish_housekeeping(t(3 + 31)).unwrap(), (1, 0));
    let archived = store.wish(fulfilled.id).unwrap();
    assert_eq!(archived.state, Archived);
    assert_eq!(archived.closed_at, Some(t(34)));
    assert!(archived.phone.is_some() && archived.donor_phone.is_some());
    assert!(
        !store
            .public_wishes()
            .unwrap()
            .iter()
            .any(|w| w.id == fulfilled.id)
    );
    let log = &store.audit_log(1).unwrap()[0];
    assert_eq!(log.action, "wish.housekeeping");

    // The declined wish closed at t(1): its phone goes after 90 days, not before.
    assert_eq!(store.wish_housekeeping(t(1 + 89)).unwrap(), (0, 0));
    assert!(store.wish(declined.id).unwrap().phone.is_some());
    assert_eq!(store.wish_housekeeping(t(1 + 91)).unwrap(), (0, 1));
    let d = store.wish(declined.id).unwrap();
    assert_eq!(d.phone, None);
    assert_eq!(d.text, declined.text, "the wish stays");
    assert_eq!(d.decline_reason.as_deref(), Some("重复"));
    assert!(matches!(
        store.reveal_wish_phone(declined.id, PhoneOf::Worker, STAFF),
        Err(Error::Invalid(_))
    ));

    // The archived one (closed at t(34)): both numbers go after t(124).
    assert_eq!(store.wish_housekeeping(t(34 + 89)).unwrap(), (0, 0));
    assert_eq!(store.wish_housekeeping(t(34 + 91)).unwrap(), (0, 1));
    let a = store.wish(fulfilled.id).unwrap();
    assert_eq!((a.phone.clone(), a.donor_phone.clone()), (None, None));
    assert_eq!(
        a.donor.as_deref(),
        Some("党员志愿者小陈"),
        "the name of the good deed stays"
    );
    assert_eq!(a.state, Archived);
    // Counts stay.
    assert_eq!(store.wishes_fulfilled_this_year(t(20)).unwrap(), 1);
    assert_eq!(store.wishes(&WishFilter::default()).unwrap().len(), 4);
    // Wishes still open or claimed keep their numbers, however old.
    assert!(store.wish(pending.id).unwrap().phone.is_some());
    let c = store.wish(claimed.id).unwrap();
    assert!(c.phone.is_some() && c.donor_phone.is_some());
    assert_eq!(store.wish_housekeeping(t(400)).unwrap(), (0, 0));
}

#[test]
fn suggestion_phones_go_90_days_after_the_reply() {
    let (_dir, mut store) = temp_store();
    let with_phone = |text: &str| NewSuggestion {
        kind: SuggestionKind::Facility,
        text: text.into(),
        phone: Some("13812345678".into()),
    };
    let unanswered = store
        .add_suggestion(&with_phone("晚上门口灯太暗"), t(0), STAFF)
        .unwrap();
    let answered = store
        .add_suggestion(&with_phone("希望微波炉旁边多放几个饭盒垫"), t(0), STAFF)
        .unwrap();
    store
        .reply_suggestion(answered.id, "已添置", t(50), STAFF)
        .unwrap();
    assert_eq!(store.wish_housekeeping(t(89)).unwrap(), (0, 0));
    assert_eq!(store.wish_housekeeping(t(91)).unwrap(), (0, 1));
    let all = store.suggestions().unwrap();
    let phone_of = |id: i64| all.iter().find(|s| s.id == id).unwrap().phone.clone();
    assert_eq!(phone_of(unanswered.id), None);
    assert!(phone_of(answered.id).is_some());
    assert_eq!(store.wish_housekeeping(t(141)).unwrap(), (0, 1));
    assert!(
        store
            .suggestions()
            .unwrap()
            .iter()
            .all(|s| s.phone.is_none())
    );
    assert_eq!(store.suggestions().unwrap().len(), 2, "suggestions stay");
}

#[test]
fn fulfilled_this_year_counts_the_local_calendar_year() {
    let (_dir, mut store) = temp_store();
    let last_year = wish_in_state(&mut store, Claimed);
    store
        .fulfil_wish(last_year.id, None, None, t(-365), STAFF)
        .unwrap();
    let this_year = wish_in_state(&mut store, Claimed);
    store
        .fulfil_wish(this_year.id, None, None, t(100), STAFF)
        .unwrap();
    let _claimed = wish_in_state(&mut store, Claimed);
    let _archived = wish_in_state(&mut store, Archived); // fulfilled at t(-40)
    let december = DateTime::parse_from_rfc3339("2026-12-15T03:00:00Z")
        .unwrap()
        .to_utc();
    assert_eq!(store.wishes_fulfilled_this_year(december).unwrap(), 2);
    let next_summer = t(365);
    assert_eq!(store.wishes_fulfilled_this_year(next_summer).unwrap(), 0);
    assert_eq!(store.wishes_fulfilled_this_year(t(-300)).unwrap(), 1);
}

#[test]
fn the_board_and_the_staff_badge() {
    let (_dir, mut store) = temp_store();
    let mut by_state = Vec::new();
    for state in WishState::ALL {
        by_state.push((state, wish_in_state(&mut store, state)));
    }
    let second_open = wish_in_state(&mut store, Open);
    let public: Vec<(WishState, i64)> = store
        .public_wishes()
        .unwrap()
        .iter()
        .map(|w| (w.state, w.id))
        .collect();
    let id = |s: WishState| by_state.iter().find(|(st, _)| *st == s).unwrap().1.id;
    assert_eq!(
        public,
        vec![
            (Open, second_open.id),
            (Open, id(Open)),
            (Claimed, id(Claimed)),
            (Fulfilled, id(Fulfilled)),
        ],
        "open first, then claimed, then fulfilled; newest first"
    );
    assert_eq!(store.wishes_for_staff().unwrap(), (1, 1));
    let all = store.wishes(&WishFilter::default()).unwrap();
    assert_eq!(all.len(), 8);
    assert_eq!(all[0].id, second_open.id, "newest first");
    let open = store
        .wishes(&WishFilter {
            states: vec![Open, Pending],
            kind: None,
        })
        .unwrap();
    assert_eq!(open.len(), 3);
    let none = store
        .wishes(&WishFilter {
            states: vec![],
            kind: Some(WishKind::Health),
        })
        .unwrap();
    assert!(none.is_empty());
    let work = store
        .wishes(&WishFilter {
            states: vec![],
            kind: Some(WishKind::Work),
        })
        .unwrap();
    assert_eq!(work.len(), 8);
}

#[test]
fn a_handover_photo_is_checked_and_downscaled() {
    let (_dir, mut store) = temp_store();
    let w = wish_in_state(&mut store, Claimed);
    let e = store
        .fulfil_wish(w.id, None, Some(b"not an image"), t(5), STAFF)
        .unwrap_err();
    assert!(e.to_string().starts_with("照片不是可识别的图片"), "{e}");
    assert_eq!(store.wish(w.id).unwrap().state, Claimed);
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(2400, 1200, image::Rgb([200, 40, 40]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    store
        .fulfil_wish(w.id, None, Some(png.get_ref()), t(5), STAFF)
        .unwrap();
    assert!(store.wish(w.id).unwrap().has_photo);
    let stored = store.wish_photo(w.id).unwrap().unwrap();
    let img = image::load_from_memory(&stored).unwrap();
    assert_eq!((img.width(), img.height()), (1200, 600));
}

#[test]
fn revision_counter_moves_with_wishes_only() {
    let (dir, mut store) = temp_store();
    let start = store.revisions().unwrap();
    let w = add(&mut store);
    let after_add = store.revisions().unwrap();
    assert!(after_add.wishes > start.wishes);
    assert_eq!(after_add.suggestions, start.suggestions);
    assert_eq!(after_add.notices, start.notices);
    // Another connection (the CLI) approves it.
    let mut cli = Store::open(&dir.path().join(crate::store::DB_FILE)).unwrap();
    cli.approve_wish(w.id, None, t(1), "cli").unwrap();
    assert!(store.revisions().unwrap().wishes > after_add.wishes);
    // A refused change moves nothing.
    let before = store.revisions().unwrap();
    assert!(store.approve_wish(w.id, None, t(2), STAFF).is_err());
    assert_eq!(store.revisions().unwrap(), before);
    // Erasing phones is a change the kiosk must see.
    store.withdraw_wish_by_staff(w.id, t(2), STAFF).unwrap();
    let before = store.revisions().unwrap();
    assert_eq!(store.wish_housekeeping(t(100)).unwrap(), (0, 1));
    assert!(store.revisions().unwrap().wishes > before.wishes);
}

#[test]
fn a_claim_decides_on_the_wish_as_it_is_after_waiting_for_the_lock() {
    let (dir, mut kiosk) = temp_store();
    let w = wish_in_state(&mut kiosk, Open);
    let path = dir.path().join(crate::store::DB_FILE);
    // Another connection (the CLI) is claiming the same wish right now.
    let (locked, wait) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        conn.execute(
            "UPDATE wish SET state = 'claimed', donor = '万里街道某物业公司',
                 donor_phone = '15821473690', claimed_at = '2026-06-16T05:00:00Z'
             WHERE id = ?1",
            [w.id],
        )
        .unwrap();
        locked.send(()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(400));
        conn.execute_batch("COMMIT").unwrap();
    });
    wait.recv().unwrap();
    let claim = kiosk.claim_wish(w.id, Some("党员志愿者小陈"), "13912345678", t(2), STAFF);
    holder.join().unwrap();
    match claim {
        Err(Error::Invalid(msg)) => assert!(msg.contains("不能再认领"), "{msg}"),
        other => panic!("a wish claimed while waiting must be refused in words: {other:?}"),
    }
    let after = kiosk.wish(w.id).unwrap();
    assert_eq!(after.donor.as_deref(), Some("万里街道某物业公司"));
    assert_eq!(after.donor_phone.as_deref(), Some("15821473690"));
}

#[test]
fn racing_claims_leave_exactly_one_donor() {
    let (dir, mut store) = temp_store();
    let path = dir.path().join(crate::store::DB_FILE);
    let ids: Vec<i64> = (0..10)
        .map(|_| wish_in_state(&mut store, Open).id)
        .collect();
    let racers: Vec<_> = ["13700000001", "13700000002"]
        .into_iter()
        .map(|phone| {
            let path = path.clone();
            let ids = ids.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                let mut won = Vec::new();
                for id in ids {
                    match s.claim_wish(id, None, phone, t(2), "racer") {
                        Ok(()) => won.push(id),
                        Err(Error::Invalid(msg)) => assert!(msg.contains("不能再认领"), "{msg}"),
                        Err(e) => panic!("only a refusal in words: {e:?}"),
                    }
                }
                (phone, won)
            })
        })
        .collect();
    let results: Vec<_> = racers.into_iter().map(|r| r.join().unwrap()).collect();
    let total: usize = results.iter().map(|(_, won)| won.len()).sum();
    assert_eq!(total, ids.len(), "every wish claimed exactly once");
    for (phone, won) in &results {
        for id in won {
            assert_eq!(
                store.wish(*id).unwrap().donor_phone.as_deref(),
                Some(*phone)
            );
        }
    }
}

#[test]
fn guessing_withdrawal_pairs_is_slowed_down() {
    use crate::store::wish::withdraw::{WITHDRAW_LOCK_MINUTES, WITHDRAW_MAX_MISSES};
    let (_dir, mut store) = crate::store::testing::temp_store();
    let clock = crate::store::deadline::BootClock::fake();
    store.set_boot_clock(clock.clone());
    let now = chrono::Utc::now();
    let wish = store
        .add_wish(
            &crate::store::NewWish {
                kind: crate::store::WishKind::Daily,
                text: "想要一副手套".into(),
                surname: "王".into(),
                occupation: crate::store::Occupation::Rider,
                phone: "13812345678".into(),
            },
            now,
            "test",
        )
        .unwrap();
    for i in 0..WITHDRAW_MAX_MISSES {
        let e = store
            .withdraw_wish(&wish.number, &format!("{:04}", i), now)
            .unwrap_err();
        assert!(e.to_string().contains("不对"), "{e}");
    }
    // Locked now: even the right pair waits.
    let e = store.withdraw_wish(&wish.number, "5678", now).unwrap_err();
    assert!(e.to_string().contains("输错次数太多"), "{e}");
    assert_eq!(
        store.wish(wish.id).unwrap().state,
        crate::store::WishState::Pending
    );
    let log = store.audit_log(3).unwrap();
    assert!(log.iter().any(|e| e.action == "wish.withdraw_locked"));
    // After the wait, the right pair works.
    let later = now + chrono::Duration::minutes(WITHDRAW_LOCK_MINUTES + 1);
    // The wait is 10 minutes of the boot clock, whatever the wall clock says.
    assert!(store.withdraw_wish(&wish.number, "5678", later).is_err());
    clock.advance(chrono::Duration::minutes(WITHDRAW_LOCK_MINUTES));
    let done = store.withdraw_wish(&wish.number, "5678", later).unwrap();
    assert_eq!(done.state, crate::store::WishState::Withdrawn);
}

/// #21 item 9: withdrawing one's own wish reset the count (9 wrong pairs in 70 s before
/// the lock) and the lock was global (a guesser blocked every owner for 10 minutes).
#[test]
fn wrong_pairs_count_per_number_and_never_lock_other_owners_out() {
    use crate::store::deadline::BootClock;
    use crate::store::wish::withdraw::{KIOSK_MAX_MISSES, KIOSK_PAUSE_SECS, WITHDRAW_MAX_MISSES};
    let (_dir, mut store) = crate::store::testing::temp_store();
    let clock = BootClock::fake();
    store.set_boot_clock(clock.clone());
    let now = chrono::Utc::now();
    let new = |text: &str| crate::store::NewWish {
        kind: crate::store::WishKind::Daily,
        text: text.into(),
        surname: "王".into(),
        occupation: crate::store::Occupation::Rider,
        phone: "13812345678".into(),
    };
    let a = store.add_wish(&new("想要一副手套"), now, "test").unwrap();
    let b = store.add_wish(&new("想要一个水杯"), now, "test").unwrap();
    let c = store.add_wish(&new("想要一把雨伞"), now, "test").unwrap();
    for _ in 0..WITHDRAW_MAX_MISSES - 1 {
        assert!(store.withdraw_wish(&a.number, "0000", now).is_err());
    }
    // A success elsewhere does not reset a's count …
    store.withdraw_wish(&b.number, "5678", now).unwrap();
    let e = store.withdraw_wish(&a.number, "0000", now).unwrap_err();
    assert!(e.to_string().contains("不对"), "{e}");
    let e = store.withdraw_wish(&a.number, "5678", now).unwrap_err();
    assert!(e.to_string().contains("这个编号输错次数太多"), "{e}");
    // … and a's lock holds no one else up.
    let done = store.withdraw_wish(&c.number, "5678", now).unwrap();
    assert_eq!(done.state, crate::store::WishState::Withdrawn);
    // The lock is timed on the boot clock: the wall clock set back does not lengthen it,
    // set ahead does not end it.
    let e = store
        .withdraw_wish(&a.number, "5678", now + chrono::Duration::days(1))
        .unwrap_err();
    assert!(e.to_string().contains("10 分钟后"), "{e}");
    clock.advance(chrono::Duration::minutes(10));
    let done = store
        .withdraw_wish(&a.number, "5678", now - chrono::Duration::hours(1))
        .unwrap();
    assert_eq!(done.state, crate::store::WishState::Withdrawn);

    // Someone trying many numbers: after 20 misses every try waits 30 s, no longer.
    let d = store.add_wish(&new("想要一本书"), now, "test").unwrap();
    let mut misses = 0;
    let paused = loop {
        let e = store
            .withdraw_wish(&format!("99{misses:04}"), "1234", now)
            .unwrap_err();
        if e.to_string().contains("请等") {
            break e;
        }
        misses += 1;
        assert!(misses <= KIOSK_MAX_MISSES, "never paused");
    };
    assert_eq!(misses, KIOSK_MAX_MISSES);
    assert!(paused.to_string().contains("30 秒"), "{paused}");
    // The owner of d waits out the pause, not 10 minutes.
    assert!(store.withdraw_wish(&d.number, "5678", now).is_err());
    clock.advance(chrono::Duration::seconds(KIOSK_PAUSE_SECS));
    store.withdraw_wish(&d.number, "5678", now).unwrap();
    // Still past the threshold: the guesser's next miss pauses again at once.
    assert!(store.withdraw_wish("990099", "1234", now).is_err());
    let e = store.withdraw_wish("990098", "1234", now).unwrap_err();
    assert!(e.to_string().contains("请等"), "{e}");
    let log = store.audit_log(20).unwrap();
    assert!(log.iter().any(|e| e.action == "wish.guess_paused"));
}

#[test]
fn a_health_wish_is_private_unless_the_worker_agrees() {
    let (_dir, mut store) = temp_store();
    let mut health = new_wish("13812345678");
    health.kind = WishKind::Health;
    let private = store.add_wish(&health, t(0), STAFF).unwrap();
    assert!(!private.text_public, "health details start private");
    let shared = store.add_wish_with(&health, true, t(0), STAFF).unwrap();
    assert!(shared.text_public);
    let other = store
        .add_wish(&new_wish("13812345678"), t(0), STAFF)
        .unwrap();
    assert!(other.text_public, "other kinds show their text");
    assert!(
        !store.wish(private.id).unwrap().text_public,
        "kept in the store"
    );
}

#[test]
fn progress_by_number_and_phone_tail_says_the_state_and_nothing_else() {
    let (_dir, mut store) = temp_store();
    let w = add(&mut store);
    let p = store.wish_progress(&w.number, "5678", t(1)).unwrap();
    assert_eq!((p.state, p.decline_reason.as_deref()), (Pending, None));
    // Typed grouped as it is shown.
    let grouped = crate::store::shown_number(&w.number);
    assert_eq!(grouped.len(), 7, "{grouped}");
    store.approve_wish(w.id, None, t(1), STAFF).unwrap();
    assert_eq!(
        store.wish_progress(&grouped, "5678", t(2)).unwrap().state,
        Open
    );
    let d = add(&mut store);
    store
        .decline_wish(d.id, "不在站点服务范围内", t(2), STAFF)
        .unwrap();
    let p = store.wish_progress(&d.number, "5678", t(3)).unwrap();
    assert_eq!(p.state, Declined);
    assert_eq!(p.decline_reason.as_deref(), Some("不在站点服务范围内"));
    // A wrong tail says nothing, and wrong pairs lock asking as they lock withdrawing.
    let e = store.wish_progress(&w.number, "0000", t(3)).unwrap_err();
    assert!(e.to_string().contains("心愿编号或手机后 4 位不对"), "{e}");
    for _ in 1..withdraw::WITHDRAW_MAX_MISSES {
        assert!(store.wish_progress(&w.number, "0000", t(3)).is_err());
    }
    let e = store.wish_progress(&w.number, "5678", t(3)).unwrap_err();
    assert!(e.to_string().contains("输错次数太多"), "{e}");
    assert!(store.withdraw_wish(&w.number, "5678", t(3)).is_err());
}

#[test]
fn a_suggestion_has_a_number_and_its_reply_is_asked_after_with_it() {
    let (_dir, mut store) = temp_store();
    let with_phone = store
        .add_suggestion(
            &NewSuggestion {
                kind: SuggestionKind::Facility,
                text: "微波炉旁边加个插座".into(),
                phone: Some("13812345678".into()),
            },
            t(0),
            STAFF,
        )
        .unwrap();
    let number = with_phone.number.clone().expect("a number");
    assert_eq!(number.len(), 6);
    let p = store.suggestion_progress(&number, "5678", t(1)).unwrap();
    assert_eq!((p.reply, p.published), (None, false));
    assert!(store.suggestion_progress(&number, "", t(1)).is_err());
    let anonymous = store
        .add_suggestion(
            &NewSuggestion {
                kind: SuggestionKind::Other,
                text: "晚上灯太暗".into(),
                phone: None,
            },
            t(0),
            STAFF,
        )
        .unwrap();
    let other = anonymous.number.clone().unwrap();
    assert_ne!(other, number);
    // Left without a phone: the number alone.
    assert!(store.suggestion_progress(&other, "", t(1)).is_ok());
    assert!(store.suggestion_progress(&other, "5678", t(1)).is_err());
    // A wish's number is not a suggestion's.
    let w = add(&mut store);
    assert!(store.suggestion_progress(&w.number, "5678", t(1)).is_err());
}

/// Issue 21 item 12: a number erased by the daily task is gone from the file itself, not
/// left readable in a page's free space until a VACUUM (`secure_delete`).
#[test]
fn an_erased_phone_number_is_not_left_in_the_file() {
    let (dir, mut store) = temp_store();
    let id = store
        .add_wish(&new_wish("13700001111"), t(0), STAFF)
        .unwrap()
        .id;
    // Others in the same page, still kept, so the page is not simply rewritten whole.
    for n in 0..6 {
        store
            .add_wish(&new_wish(&format!("1390000222{n}")), t(0), STAFF)
            .unwrap();
    }
    store.decline_wish(id, "重复", t(1), STAFF).unwrap();
    let file = dir.path().join(crate::store::DB_FILE);
    let holds = |store: &Store| {
        store
            .conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        let bytes = std::fs::read(&file).unwrap();
        bytes.windows(11).any(|w| w == b"13700001111")
    };
    assert!(holds(&store), "the number is in the file while it is kept");
    assert_eq!(store.wish_housekeeping(t(1 + 91)).unwrap(), (0, 1));
    assert!(
        !holds(&store),
        "the erased number is still readable in the store file"
    );
}

/// Issue 21 item 14: a line separator, tag characters, emoji or a direction override in
/// a surname are refused, as the README says.
#[test]
fn a_surname_holds_only_what_the_board_can_draw() {
    let (_dir, mut store) = temp_store();
    for surname in ["欧\u{2028}阳", "王\u{E0041}", "王😀", "\u{202E}王"] {
        let wish = NewWish {
            surname: surname.into(),
            ..new_wish("13812345678")
        };
        let e = store.add_wish(&wish, t(0), STAFF).unwrap_err().to_string();
        assert!(e.contains("姓氏"), "{surname:?}: {e}");
    }
    assert!(store.wishes(&WishFilter::default()).unwrap().is_empty());
}
