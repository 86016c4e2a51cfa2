//! Tests of `suggestion.rs` on temporary stores.
use super::*;
use crate::store::testing::temp_store;
use chrono::Duration;

const STAFF: &str = "test-staff";

fn t(days: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-01T02:00:00Z")
        .unwrap()
        .to_utc()
        + Duration::days(days)
}

fn new(text: &str, phone: Option<&str>) -> NewSuggestion {
    NewSuggestion {
        kind: SuggestionKind::Facility,
        text: text.into(),
        phone: phone.map(String::from),
    }
}

#[test]
fn a_suggestion_is_anonymous_unless_a_phone_is_given() {
    let (_dir, mut store) = temp_store();
    let a = store
        .add_suggestion(&new(" 希望微波炉旁边多放几个饭盒垫 ", None), t(0), STAFF)
        .unwrap();
    assert_eq!(a.text, "希望微波炉旁边多放几个饭盒垫");
    assert_eq!(a.phone, None);
    assert_eq!(a.created_at, t(0));
    assert_eq!(
        (a.reply.clone(), a.replied_at, a.published),
        (None, None, false)
    );
    let blank = store
        .add_suggestion(&new("晚上门口灯太暗", Some("  ")), t(1), STAFF)
        .unwrap();
    assert_eq!(blank.phone, None, "a blank phone is no phone");
    let b = store
        .add_suggestion(
            &new("晚上门口灯太暗\n骑车进来看不清台阶", Some("139 1234 5678")),
            t(2),
            STAFF,
        )
        .unwrap();
    assert_eq!(b.phone.as_deref(), Some("13912345678"));
    assert_eq!(
        b.text, "晚上门口灯太暗\n骑车进来看不清台阶",
        "a suggestion may have lines"
    );
    let log = store.audit_log(1).unwrap();
    assert_eq!(log[0].action, "suggestion.add");
    assert!(!log[0].detail.contains("5678"));
    let all = store.suggestions().unwrap();
    assert_eq!(
        all.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![b.id, blank.id, a.id],
        "newest first"
    );
    assert_eq!(store.unanswered_suggestions().unwrap(), 3);
}

#[test]
fn bad_suggestions_are_refused() {
    let (_dir, mut store) = temp_store();
    let long = "灯".repeat(SUGGESTION_MAX_CHARS + 1);
    for (s, expected) in [
        (new("  ", None), "建议不能为空"),
        (new(&long, None), "建议太长"),
        (new("门口\u{0}灯", None), "不能显示的字符"),
        (new("晚上门口灯太暗", Some("12812345678")), "手机号"),
    ] {
        let e = store.add_suggestion(&s, t(0), STAFF).unwrap_err();
        assert!(e.to_string().contains(expected), "{s:?}: {e}");
    }
    assert!(store.suggestions().unwrap().is_empty());
    let exactly = "灯".repeat(SUGGESTION_MAX_CHARS);
    assert!(
        store
            .add_suggestion(&new(&exactly, None), t(0), STAFF)
            .is_ok()
    );
}

#[test]
fn publishing_needs_a_reply_and_sets_the_value_given() {
    let (_dir, mut store) = temp_store();
    let s = store
        .add_suggestion(&new("希望微波炉旁边多放几个饭盒垫", None), t(0), STAFF)
        .unwrap();
    let e = store
        .set_suggestion_published(s.id, true, STAFF)
        .unwrap_err();
    assert!(e.to_string().contains("先回复才能发布"), "{e}");
    assert!(store.published_suggestions().unwrap().is_empty());
    assert!(store.reply_suggestion(s.id, "  ", t(1), STAFF).is_err());
    store.reply_suggestion(s.id, "已添置", t(1), STAFF).unwrap();
    assert_eq!(store.unanswered_suggestions().unwrap(), 0);
    assert!(
        store.published_suggestions().unwrap().is_empty(),
        "a reply is not published"
    );
    for _ in 0..2 {
        store.set_suggestion_published(s.id, true, STAFF).unwrap();
        let published = store.published_suggestions().unwrap();
        assert_eq!(published.len(), 1, "true twice stays published");
        assert_eq!(published[0].reply.as_deref(), Some("已添置"));
        assert_eq!(published[0].replied_at, Some(t(1)));
    }
    for _ in 0..2 {
        store.set_suggestion_published(s.id, false, STAFF).unwrap();
        assert!(
            store.published_suggestions().unwrap().is_empty(),
            "false twice stays off"
        );
    }
    let actions: Vec<String> = store
        .audit_log(5)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            "suggestion.unpublish",
            "suggestion.unpublish",
            "suggestion.publish",
            "suggestion.publish",
            "suggestion.reply"
        ]
    );
    assert!(matches!(
        store.set_suggestion_published(999, true, STAFF),
        Err(Error::NotFound { .. })
    ));
    // The schema holds the rule too.
    let other = store
        .add_suggestion(&new("晚上门口灯太暗", None), t(2), STAFF)
        .unwrap();
    assert!(
        store
            .conn
            .execute(
                "UPDATE suggestion SET published = 1 WHERE id = ?1",
                [other.id]
            )
            .is_err()
    );
}

#[test]
fn a_new_reply_replaces_the_old_one_and_the_board_shows_newest_replies_first() {
    let (_dir, mut store) = temp_store();
    let lamp = store
        .add_suggestion(&new("晚上门口灯太暗", None), t(0), STAFF)
        .unwrap();
    let mats = store
        .add_suggestion(&new("希望微波炉旁边多放几个饭盒垫", None), t(1), STAFF)
        .unwrap();
    store
        .reply_suggestion(mats.id, "已添置", t(2), STAFF)
        .unwrap();
    store
        .reply_suggestion(lamp.id, "已报修", t(3), STAFF)
        .unwrap();
    store
        .set_suggestion_published(lamp.id, true, STAFF)
        .unwrap();
    store
        .set_suggestion_published(mats.id, true, STAFF)
        .unwrap();
    store
        .reply_suggestion(lamp.id, "已报修更换，现在亮了", t(5), STAFF)
        .unwrap();
    let board = store.published_suggestions().unwrap();
    assert_eq!(
        board.iter().map(|s| s.id).collect::<Vec<_>>(),
        [lamp.id, mats.id]
    );
    assert_eq!(board[0].reply.as_deref(), Some("已报修更换，现在亮了"));
    assert_eq!(board[0].replied_at, Some(t(5)));
    assert!(board[0].published, "replacing a reply keeps it published");
    let log = &store.audit_log(1).unwrap()[0];
    assert!(log.detail.contains("原回复：已报修"), "{log:?}");
}

#[test]
fn revision_counter_moves_with_suggestions_only() {
    let (_dir, mut store) = temp_store();
    let start = store.revisions().unwrap();
    let s = store
        .add_suggestion(&new("晚上门口灯太暗", None), t(0), STAFF)
        .unwrap();
    let added = store.revisions().unwrap();
    assert!(added.suggestions > start.suggestions);
    assert_eq!(added.wishes, start.wishes);
    store
        .reply_suggestion(s.id, "已报修更换", t(1), STAFF)
        .unwrap();
    let replied = store.revisions().unwrap();
    assert!(replied.suggestions > added.suggestions);
    store.set_suggestion_published(s.id, true, STAFF).unwrap();
    assert!(store.revisions().unwrap().suggestions > replied.suggestions);
    let before = store.revisions().unwrap();
    assert!(store.set_suggestion_published(999, true, STAFF).is_err());
    assert_eq!(store.revisions().unwrap(), before);
}
