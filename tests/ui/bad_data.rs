//! One bad value or one unreadable table never blanks the home screen.

use crate::{Kiosk, LANDSCAPE, t0};
use relay_core::config::Config;
use relay_core::store::{DB_FILE, Store};

const UNAVAILABLE: &str = "暂时无法显示，请联系工作人员";

/// A demo station as of `t0()`, damaged with `sql` written behind the store's back.
fn damaged(sql: &str) -> Kiosk {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let mut store = Store::open(&db).unwrap();
    relay_core::demo::load(&mut store, &t0()).unwrap();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
    Kiosk::from_store(dir, store, Config::default())
}

#[test]
fn rows_with_unreadable_times_are_marked_or_skipped_and_home_shows_the_rest() {
    let mut k = damaged(
        "UPDATE notice SET starts_at = '+10000-01-01T00:00:00Z'
           WHERE id = (SELECT min(id) FROM notice);
         UPDATE amenity SET updated_at = '-0001-12-31T23:00:00Z' WHERE key = 'water';
         UPDATE charging_session SET started_at = '-0001-12-31T23:00:00Z'
           WHERE id = (SELECT min(id) FROM charging_session WHERE ended_at IS NULL);",
    );
    k.wait(1);
    let lines = k.texts(LANDSCAPE);
    let texts = lines.join("\n");
    assert!(!texts.contains(UNAVAILABLE), "{texts}");
    assert!(texts.contains("冰箱"), "the other amenities show: {texts}");
    assert!(
        lines.iter().any(|l| l == "直饮水"),
        "an amenity with a bad time still shows (issue 21 item 6): {texts}"
    );
    assert!(
        texts.contains("手机充电"),
        "the charging tile shows: {texts}"
    );
    assert!(
        !texts.contains("现在没有通知"),
        "the other notices show: {texts}"
    );
    assert!(texts.contains("查看 ›"), "{texts}");
}

#[test]
fn a_part_that_cannot_be_read_shows_a_calm_card_and_the_rest_works() {
    let mut k = damaged("ALTER TABLE amenity RENAME TO amenity_damaged;");
    k.wait(1);
    let texts = k.texts(LANDSCAPE).join("\n");
    assert!(texts.contains(UNAVAILABLE), "{texts}");
    assert!(!texts.contains("冰箱"), "{texts}");
    assert!(texts.contains("查看 ›"), "notices still show: {texts}");
    assert!(texts.contains("手机充电"), "{texts}");
    // The rest works: the charging screen opens and shows its slots.
    k.tap("手机充电");
    let texts = k.texts(LANDSCAPE).join("\n");
    assert!(!texts.contains(UNAVAILABLE), "{texts}");
    // Once the table reads again, the card goes.
    rusqlite::Connection::open(k.db())
        .unwrap()
        .execute_batch("ALTER TABLE amenity_damaged RENAME TO amenity;")
        .unwrap();
    k.tap("← 返回首页");
    k.wait(1);
    let texts = k.texts(LANDSCAPE).join("\n");
    assert!(!texts.contains(UNAVAILABLE), "{texts}");
    assert!(texts.contains("冰箱"), "{texts}");
}

#[test]
fn slots_that_cannot_be_read_show_the_card_on_the_charging_screen() {
    let mut k = damaged("ALTER TABLE slot RENAME TO slot_damaged;");
    k.wait(1);
    let texts = k.texts(LANDSCAPE).join("\n");
    assert!(texts.contains("冰箱"), "amenities still show: {texts}");
    k.tap("手机充电");
    assert!(k.shows(UNAVAILABLE));
}

#[test]
fn a_catalogue_that_cannot_be_read_shows_the_card_in_the_reading_corner() {
    let mut k = damaged("ALTER TABLE book RENAME TO book_damaged;");
    k.wait(1);
    assert!(k.shows("冰箱"), "amenities still show");
    k.tap("阅读角");
    assert!(k.shows(UNAVAILABLE));
    assert!(!k.shows("正在整理书架…"));
}
