//! The deeper states the layout audit visits (`layout.rs`): each a name and the taps that
//! lead there from home.

use crate::flows::type_keys;
use crate::{Kiosk, STAFF_PIN};
use relay_kiosk::text::reading::SEARCH_HINT;
use relay_kiosk::text::staff::books as staff_books;

/// A deeper state: its name and how to get there from home.
pub struct Scenario {
    pub name: &'static str,
    pub steps: fn(&mut Kiosk),
}

pub fn log_in(k: &mut Kiosk) {
    k.tap("工作人员");
    for d in STAFF_PIN.chars() {
        k.tap(&d.to_string());
    }
    k.tap("确定");
}

/// Adds slots C1…Cn (USB-C, 二楼) to the kiosk's store, and lets the kiosk see them.
pub(crate) fn add_slots(k: &mut Kiosk, n: usize) {
    let mut store = relay_core::store::Store::open(&k.db()).unwrap();
    for i in 1..=n {
        store
            .add_slot(
                &format!("C{i}"),
                relay_core::store::Connector::UsbC,
                "二楼",
                false,
                "test",
            )
            .unwrap();
    }
    drop(store);
    k.wait(1);
}

/// Every state deeper than one tap from home or the staff menu. Add a line here for a
/// new dialog or step.
/// Notes far longer than the store now takes, as a store written before the limits (or
/// by hand) may hold them (issue 21 item 4): a 300-character amenity note, a
/// 2,000-character slot note and staff fault note, a 98-character feed note.
pub(crate) fn long_notes(k: &mut Kiosk) {
    let db = rusqlite::Connection::open(k.db()).unwrap();
    db.execute_batch(&format!(
        "UPDATE amenity SET note = '{}' WHERE key = 'fridge';
         UPDATE slot SET note = '{}' WHERE label IN ('A1', 'A2');
         UPDATE slot SET fault_note = '{}' WHERE label = 'A3';
         UPDATE slot SET fed = 1, feed_state = 'fault', feed_note = '{}',
                         feed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 hour')
          WHERE label = 'A4';",
        "冷饮已领完下午补货".repeat(34),
        "进门左手第一排靠窗".repeat(223),
        "接口松动请勿使用".repeat(250),
        "过温保护".repeat(25),
    ))
    .unwrap();
    drop(db);
    k.wait(3);
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "long notes: home",
            steps: long_notes,
        },
        Scenario {
            name: "long notes: charging",
            steps: |k| {
                long_notes(k);
                k.tap("手机充电");
            },
        },
        Scenario {
            name: "long notes: staff slots",
            steps: |k| {
                long_notes(k);
                log_in(k);
                k.tap("充电位管理");
            },
        },
        Scenario {
            name: "charging (24 slots)",
            steps: |k| {
                add_slots(k, 14);
                k.tap("手机充电");
            },
        },
        Scenario {
            name: "claim dialog",
            steps: |k| {
                k.tap("手机充电");
                k.tap("A1");
            },
        },
        Scenario {
            name: "code dialog",
            steps: |k| {
                k.tap("手机充电");
                k.tap("A1");
                k.tap("开始充电");
            },
        },
        Scenario {
            name: "release dialog",
            steps: |k| {
                k.tap("手机充电");
                k.tap("A2");
                k.tap("2");
            },
        },
        Scenario {
            name: "idle warning",
            steps: |k| {
                k.tap("Notices");
                k.wait(93);
            },
        },
        Scenario {
            name: "attract",
            steps: |k| k.wait(300),
        },
        Scenario {
            name: "notice editor",
            steps: |k| {
                log_in(k);
                k.tap("通知管理");
                k.tap("编辑");
            },
        },
        Scenario {
            name: "notice editor, title keyboard",
            steps: |k| {
                log_in(k);
                k.tap("通知管理");
                k.tap("＋ 新建通知");
                k.tap("点这里输入标题");
                for c in "nuanshou".chars() {
                    k.tap(&c.to_string());
                }
            },
        },
        Scenario {
            name: "notice editor, body keyboard",
            steps: |k| {
                log_in(k);
                k.tap("通知管理");
                k.tap("＋ 新建通知");
                k.tap("点这里输入正文");
            },
        },
        Scenario {
            name: "staff station, name keyboard",
            steps: |k| {
                log_in(k);
                k.tap("本站信息");
                k.tap(relay_core::demo::DEMO_STATION);
                for c in "shimen".chars() {
                    k.tap(&c.to_string());
                }
            },
        },
        Scenario {
            name: "staff station, a refused name",
            steps: |k| {
                log_in(k);
                k.tap("本站信息");
                k.tap(relay_core::demo::DEMO_STATION);
                k.tap("清空");
                k.tap("完成");
                k.tap("保存");
            },
        },
        Scenario {
            name: "staff categories",
            steps: |k| {
                log_in(k);
                k.tap("图书");
                k.tap("分类");
            },
        },
        Scenario {
            name: "staff categories, asking before 删除",
            steps: |k| {
                // The demo's categories all have books: one without.
                relay_core::store::Store::open(&k.db())
                    .unwrap()
                    .book_category_add("菜谱", chrono::Utc::now())
                    .unwrap();
                log_in(k);
                k.tap("图书");
                k.tap("分类");
                while !k.shows("删除") && k.tap_counts("下一页 ›") > 0 {}
                k.tap("删除");
            },
        },
        Scenario {
            name: "staff categories, new category keyboard",
            steps: |k| {
                log_in(k);
                k.tap("图书");
                k.tap("分类");
                k.tap("＋ 新分类");
                for c in "caipu".chars() {
                    k.tap(&c.to_string());
                }
            },
        },
        Scenario {
            name: "slot form, a run of eight",
            steps: |k| {
                log_in(k);
                k.tap("充电位管理");
                k.tap("＋ 添加充电位");
                k.tap("点这里输入编号");
                k.tap("中 / 英");
                k.tap("d");
                k.tap("完成");
                for _ in 0..7 {
                    k.tap("＋");
                }
            },
        },
        Scenario {
            name: "slot form, keyboard",
            steps: |k| {
                log_in(k);
                k.tap("充电位管理");
                k.tap("＋ 添加充电位");
                k.tap("点这里输入编号");
            },
        },
        Scenario {
            name: "wish board replies",
            steps: |k| {
                k.tap("微心愿");
                k.tap("你说我办");
            },
        },
        Scenario {
            name: "wish board, 查进度 form with an error",
            steps: |k| {
                k.tap("微心愿");
                k.tap("查进度/撤回");
                k.tap("查一查");
            },
        },
        Scenario {
            name: "wish board, number keypad",
            steps: |k| {
                k.tap("微心愿");
                k.tap("查进度/撤回");
                k.tap("点这里输入心愿编号");
                digits(k, "38291");
            },
        },
        Scenario {
            name: "wish board, 查进度 says a wish was declined",
            steps: |k| {
                let number = declined_wish(k);
                look_up(k, &number);
            },
        },
        Scenario {
            name: "wish board, 查进度 offers 撤回",
            steps: |k| {
                let number = pending_wish(k);
                look_up(k, &number);
            },
        },
        Scenario {
            name: "你说我办, 查回复 form",
            steps: |k| {
                k.tap("微心愿");
                k.tap("你说我办");
                k.tap("查回复");
            },
        },
        Scenario {
            name: "wish form, wish step",
            steps: |k| {
                k.tap("许个微心愿");
                k.tap("工作装备");
                k.tap("下一步 ›");
            },
        },
        Scenario {
            name: "wish form, keyboard",
            steps: |k| {
                k.tap("许个微心愿");
                k.tap("工作装备");
                k.tap("下一步 ›");
                k.tap("点这里用键盘写，或者点下面的例子再改一改");
            },
        },
        Scenario {
            name: "wish form, keyboard composing a sentence",
            steps: |k| {
                k.tap("许个微心愿");
                k.tap("工作装备");
                k.tap("下一步 ›");
                k.tap("点这里用键盘写，或者点下面的例子再改一改");
                type_keys(k, "woxiangyaoyifuxindelaobaoshoutao");
            },
        },
        Scenario {
            name: "wish form, keyboard on a later candidate page",
            steps: |k| {
                k.tap("许个微心愿");
                k.tap("工作装备");
                k.tap("下一步 ›");
                k.tap("点这里用键盘写，或者点下面的例子再改一改");
                type_keys(k, "woxiangyaoyifuxindelaobaoshoutao");
                k.tap("›");
            },
        },
        Scenario {
            name: "wish form, who step",
            steps: |k| {
                helmet_wish(k);
            },
        },
        Scenario {
            name: "wish form, work step",
            steps: |k| {
                helmet_wish(k);
                k.tap("李");
                k.tap("下一步 ›");
            },
        },
        Scenario {
            name: "wish form, phone keypad",
            steps: |k| {
                helmet_wish(k);
                k.tap("李");
                k.tap("下一步 ›");
                k.tap("快递员");
                k.tap("点这里输入手机号");
            },
        },
        Scenario {
            name: "wish form, confirm step",
            steps: |k| {
                k.tap("许个微心愿");
                k.tap("健康医疗");
                k.tap("下一步 ›");
                k.tap("腰不好，想要一个护腰");
                k.tap("下一步 ›");
                k.tap("赵");
                k.tap("下一步 ›");
                k.tap("其他");
                k.tap("点这里输入手机号");
                for d in "15912345678".chars() {
                    k.tap(&d.to_string());
                }
                k.tap("完成");
                k.tap("下一步 ›");
            },
        },
        Scenario {
            name: "reading, category grid",
            steps: |k| {
                k.tap("阅读角");
                k.tap("法律维权");
            },
        },
        Scenario {
            name: "reading, book page",
            steps: |k| {
                k.tap("阅读角");
                k.tap("法律维权");
                k.tap("新就业形态劳动者权益保障问答");
            },
        },
        Scenario {
            name: "reading, borrow: surname",
            steps: |k| {
                borrow_first_aid(k);
            },
        },
        Scenario {
            name: "reading, borrow: digits",
            steps: |k| {
                borrow_first_aid(k);
                k.tap("王");
            },
        },
        Scenario {
            name: "reading, borrow: done",
            steps: |k| {
                borrow_first_aid(k);
                k.tap("王");
                for d in "1234".chars() {
                    k.tap(&d.to_string());
                }
                k.tap("确认借书");
            },
        },
        Scenario {
            name: "reading, search keyboard",
            steps: |k| {
                search(k, "hl", false);
            },
        },
        Scenario {
            name: "reading, search results",
            steps: |k| {
                search(k, "zg", true);
            },
        },
        Scenario {
            name: "reading, no results",
            steps: |k| {
                search(k, "xqzw", true);
            },
        },
        Scenario {
            name: "reading, return: books out",
            steps: |k| {
                k.tap("阅读角");
                k.tap("还书");
            },
        },
        Scenario {
            name: "staff add book",
            steps: |k| {
                log_in(k);
                k.tap("图书");
                k.tap(staff_books::ADD);
            },
        },
        Scenario {
            name: "staff add book, title keyboard",
            steps: |k| {
                log_in(k);
                k.tap("图书");
                k.tap(staff_books::ADD);
                k.tap(staff_books::TAP_TITLE);
            },
        },
        Scenario {
            name: "suggestion form, keyboard",
            steps: |k| {
                k.tap("提个建议");
                k.tap(relay_kiosk::text::suggestion_form::TAP_TO_WRITE);
            },
        },
    ]
}

/// 微心愿 › 查进度/撤回 with `number` and the tail 5678, on the keypad.
fn look_up(k: &mut Kiosk, number: &str) {
    k.tap("微心愿");
    k.tap("查进度/撤回");
    k.tap("点这里输入心愿编号");
    digits(k, number);
    k.tap("完成");
    k.tap("点这里输入后 4 位");
    digits(k, "5678");
    k.tap("完成");
    k.tap("查一查");
}

/// Taps each digit of `digits` on the keypad.
fn digits(k: &mut Kiosk, digits: &str) {
    for d in digits.chars() {
        k.tap(&d.to_string());
    }
}

/// A wish waiting for review; its number (phone tail 5678).
fn pending_wish(k: &mut Kiosk) -> String {
    let mut store = relay_core::store::Store::open(&k.db()).unwrap();
    store
        .add_wish(&a_wish(), chrono::Utc::now(), "test")
        .unwrap()
        .number
}

fn a_wish() -> relay_core::store::NewWish {
    relay_core::store::NewWish {
        kind: relay_core::store::WishKind::Daily,
        text: "想要一副新的劳保手套".into(),
        surname: "王".into(),
        occupation: relay_core::store::Occupation::Rider,
        phone: "13912345678".into(),
    }
}

/// A wish declined with the longest reason staff can give; its number (phone tail 5678).
fn declined_wish(k: &mut Kiosk) -> String {
    let mut store = relay_core::store::Store::open(&k.db()).unwrap();
    let now = chrono::Utc::now();
    let saved = store.add_wish(&a_wish(), now, "test").unwrap();
    let reason = "站".repeat(50);
    store.decline_wish(saved.id, &reason, now, "test").unwrap();
    saved.number
}

/// 阅读角 › 健康急救 › 家庭急救手册 › 借走这本.
fn borrow_first_aid(k: &mut Kiosk) {
    k.tap("阅读角");
    k.tap("健康急救");
    k.tap("家庭急救手册");
    k.tap("借走这本");
}

/// The reading corner's search with `letters` typed, closed with 完成 when `done`.
fn search(k: &mut Kiosk, letters: &str, done: bool) {
    k.tap("阅读角");
    k.tap(SEARCH_HINT);
    type_keys(k, letters);
    if done {
        k.tap("完成");
    }
}

/// 许个微心愿 › 工作装备 › the helmet example › 下一步 (to the who step).
fn helmet_wish(k: &mut Kiosk) {
    k.tap("许个微心愿");
    k.tap("工作装备");
    k.tap("下一步 ›");
    k.tap("头盔用了三年，想换一个新的");
    k.tap("下一步 ›");
}
