//! One PNG per screen under tests/snapshots/, compared pixel for pixel.

use crate::{COMPACT, Kiosk, LANDSCAPE, PORTRAIT};
use iced::Size;
use std::path::PathBuf;

pub(crate) fn check(k: &Kiosk, name: &str, size: Size) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    let file = path.with_file_name(format!("{name}-tiny-skia.png"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let _ = std::fs::remove_file(&file);
    } else {
        require(&file);
    }
    let snapshot = k.sim(size).snapshot(&k.app.theme()).unwrap();
    assert!(
        snapshot.matches_image(&path).unwrap(),
        "{name} differs from {}; look at the screen, then UPDATE_SNAPSHOTS=1 if it is right",
        file.display()
    );
}

/// iced_test writes a missing snapshot and passes: a deleted or never-committed PNG
/// must fail instead.
fn require(file: &std::path::Path) {
    assert!(
        file.exists(),
        "{} is missing: run UPDATE_SNAPSHOTS=1 cargo test --test ui, look at it, commit it",
        file.display()
    );
}

#[test]
#[should_panic(expected = "is missing")]
fn a_missing_snapshot_fails() {
    require(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/no-such-tiny-skia.png"),
    );
}

#[test]
fn home_landscape() {
    check(&Kiosk::new(), "home-landscape", LANDSCAPE);
}

#[test]
fn home_portrait() {
    check(&Kiosk::new(), "home-portrait", PORTRAIT);
}

#[test]
fn home_compact() {
    check(&Kiosk::new(), "home-1280x800", COMPACT);
}

#[test]
fn home_compact_elder() {
    let mut k = Kiosk::new();
    k.tap("长辈模式");
    check(&k, "home-1280x800-elder", COMPACT);
}

#[test]
fn notices_landscape() {
    let mut k = Kiosk::new();
    k.tap("Notices");
    check(&k, "notices-landscape", LANDSCAPE);
}

#[test]
fn notices_portrait() {
    let mut k = Kiosk::new();
    k.tap("Notices");
    check(&k, "notices-portrait", PORTRAIT);
}

#[test]
fn attract_mode() {
    let mut k = Kiosk::new();
    k.wait(300);
    check(&k, "attract", LANDSCAPE);
}

#[test]
fn idle_warning() {
    let mut k = Kiosk::new();
    k.tap("Notices");
    k.wait(93);
    check(&k, "idle-warning", LANDSCAPE);
}

#[test]
fn staff_login() {
    let mut k = Kiosk::new();
    k.tap("工作人员");
    k.tap("2");
    k.tap("4");
    check(&k, "staff-login", LANDSCAPE);
}

#[test]
fn staff_amenities() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("服务设施状态");
    check(&k, "staff-amenities", LANDSCAPE);
}

#[test]
fn staff_notices() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("通知管理");
    check(&k, "staff-notices", LANDSCAPE);
}

/// Every slot state at once: free, charging, full (feed), overtime, fault, and a slot whose
/// next code try waits after five wrong ones.
fn mixed_slots() -> Kiosk {
    let mut k = Kiosk::new();
    {
        let mut store = relay_core::store::Store::open(&k.db()).unwrap();
        let now = k.now.to_utc();
        store
            .apply_feed("B1", relay_core::store::FeedState::Full, "", now)
            .unwrap();
        let limit = chrono::Duration::hours(3);
        let code = store.claim_slot("A3", now, limit).unwrap();
        let wrong = if code == "0000" { "1111" } else { "0000" };
        for _ in 0..5 {
            store.release_slot("A3", wrong, now).unwrap();
        }
    }
    k.wait(1);
    k.tap("手机充电");
    k
}

#[test]
fn charging_landscape() {
    check(&mixed_slots(), "charging-landscape", LANDSCAPE);
}

#[test]
fn charging_portrait() {
    check(&mixed_slots(), "charging-portrait", PORTRAIT);
}

#[test]
fn charging_code() {
    let mut k = Kiosk::new();
    k.tap("手机充电");
    k.tap("A1");
    k.tap("开始充电");
    // The code is random: show the dialog's layout with a known code.
    k.send(relay_kiosk::app::Message::Charging(
        relay_kiosk::screen::charging::Message::Close,
    ));
    k.tap("A2");
    for d in "2580".chars() {
        k.tap(&d.to_string());
    }
    check(&k, "charging-release", LANDSCAPE);
}

#[test]
fn staff_slots() {
    let mut k = mixed_slots();
    k.tap("← 返回首页");
    k.log_in();
    k.tap("充电位管理");
    check(&k, "staff-slots", LANDSCAPE);
}

#[test]
fn staff_stats() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("使用统计");
    check(&k, "staff-stats", LANDSCAPE);
}

fn keyboard(size: Size, symbols: bool) -> Kiosk {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("通知管理");
    k.tap("＋ 新建通知");
    k.tap("点这里输入标题");
    if symbols {
        k.tap_at(size, "符号 123");
    } else {
        for c in "nuanshou".chars() {
            k.tap_at(size, &c.to_string());
        }
    }
    k
}

#[test]
fn keyboard_letters_landscape() {
    check(
        &keyboard(LANDSCAPE, false),
        "keyboard-letters-landscape",
        LANDSCAPE,
    );
}

#[test]
fn keyboard_letters_portrait() {
    check(
        &keyboard(PORTRAIT, false),
        "keyboard-letters-portrait",
        PORTRAIT,
    );
}

#[test]
fn keyboard_symbols_landscape() {
    check(
        &keyboard(LANDSCAPE, true),
        "keyboard-symbols-landscape",
        LANDSCAPE,
    );
}

#[test]
fn keyboard_symbols_portrait() {
    check(
        &keyboard(PORTRAIT, true),
        "keyboard-symbols-portrait",
        PORTRAIT,
    );
}

#[test]
fn notice_editor() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("通知管理");
    k.tap("编辑");
    check(&k, "notice-editor", LANDSCAPE);
}

/// A big station: 24 slots still fit, in both orientations.
fn twenty_four_slots() -> Kiosk {
    let mut k = Kiosk::new();
    {
        let mut store = relay_core::store::Store::open(&k.db()).unwrap();
        for i in 1..=14 {
            let connector = if i % 3 == 0 {
                relay_core::store::Connector::Lightning
            } else {
                relay_core::store::Connector::UsbC
            };
            store
                .add_slot(&format!("C{i}"), connector, "二楼", false, "test")
                .unwrap();
        }
    }
    k.wait(1);
    k.tap("手机充电");
    k
}

#[test]
fn charging_24_slots_landscape() {
    check(&twenty_four_slots(), "charging-24-landscape", LANDSCAPE);
}

#[test]
fn charging_24_slots_portrait() {
    check(&twenty_four_slots(), "charging-24-portrait", PORTRAIT);
}

/// Night hours dim the light surfaces (and bring the night-time notices).
#[test]
fn home_at_night() {
    let mut k = Kiosk::new();
    let night = crate::t0() + chrono::Duration::hours(12) + chrono::Duration::minutes(30);
    k.tick_at(night);
    k.send(relay_kiosk::app::Message::Touched);
    k.now = night;
    assert!(k.app.theme().to_string().ends_with("-night"));
    assert!(
        k.app
            .board()
            .notices
            .iter()
            .any(|n| n.title == "深夜休息区照常开放"),
        "the 22:00–06:00 notice is in force"
    );
    check(&k, "home-night", LANDSCAPE);
    // Morning brings the day palette back.
    k.wait(8 * 3600);
    assert!(!k.app.theme().to_string().ends_with("-night"));
}

#[test]
fn charging_compact() {
    check(&mixed_slots(), "charging-1280x800", COMPACT);
}

#[test]
fn notice_editor_compact() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("通知管理");
    k.tap("编辑");
    check(&k, "notice-editor-1280x800", COMPACT);
}

#[test]
fn wish_board() {
    let mut k = Kiosk::new();
    k.tap("微心愿");
    check(&k, "wishes-landscape", LANDSCAPE);
    check(&k, "wishes-portrait", PORTRAIT);
    check(&k, "wishes-1280x800", COMPACT);
    k.tap("← 返回首页");
    k.tap("长辈模式");
    k.tap_at(COMPACT, "微心愿");
    check(&k, "wishes-1280x800-elder", COMPACT);
}

#[test]
fn wish_board_replies() {
    let mut k = Kiosk::new();
    k.tap("微心愿");
    k.tap("你说我办");
    check(&k, "wishes-replies", LANDSCAPE);
}

#[test]
fn wish_form_steps() {
    let mut k = Kiosk::new();
    k.tap("许个微心愿");
    check(&k, "wish-form-kind", LANDSCAPE);
    k.tap("工作装备");
    k.tap("下一步 ›");
    check(&k, "wish-form-wish", LANDSCAPE);
    k.tap("头盔用了三年，想换一个新的");
    k.tap("下一步 ›");
    k.tap("李");
    check(&k, "wish-form-who", LANDSCAPE);
    check(&k, "wish-form-who-portrait", PORTRAIT);
    k.tap("下一步 ›");
    k.tap("快递员");
    check(&k, "wish-form-work", LANDSCAPE);
    k.tap("点这里输入手机号");
    for d in "13712345678".chars() {
        k.tap(&d.to_string());
    }
    k.tap("完成");
    k.tap("下一步 ›");
    k.tap(relay_kiosk::text::wish_form::CONSENT_UNTICKED);
    check(&k, "wish-form-confirm", LANDSCAPE);
    k.tap("← 返回首页");
    k.tap("长辈模式");
    k.tap_at(COMPACT, "许个微心愿");
    k.tap_at(COMPACT, "工作装备");
    k.tap_at(COMPACT, "下一步 ›");
    k.tap_at(COMPACT, "点这里用键盘写，或者点下面的例子再改一改");
    check(&k, "wish-form-keyboard-1280x800-elder", COMPACT);
}

#[test]
fn wish_thanks() {
    use relay_kiosk::app::Message;
    use relay_kiosk::screen::wish_form;
    let mut k = Kiosk::new();
    k.tap("许个微心愿");
    // The wish number is random: the store's answer is given with a known one.
    k.send(Message::Done(Box::new(Message::WishForm(
        wish_form::Message::Submitted(Ok("382914".into())),
    ))));
    check(&k, "wish-thanks", LANDSCAPE);
    check(&k, "wish-thanks-portrait", PORTRAIT);
    k.tap("好的，回首页");
    k.tap("长辈模式");
    k.tap_at(COMPACT, "许个微心愿");
    k.send(Message::Done(Box::new(Message::WishForm(
        wish_form::Message::Submitted(Ok("382914".into())),
    ))));
    check(&k, "wish-thanks-1280x800-elder", COMPACT);
}

#[test]
fn suggestion_form() {
    let mut k = Kiosk::new();
    k.tap("提个建议");
    check(&k, "suggestion-form", LANDSCAPE);
}

#[test]
fn staff_wish_queue() {
    let mut k = Kiosk::new();
    k.log_in();
    let q = k.app.board().staff_queue;
    let tile = if q.wishes() > 0 {
        format!("微心愿管理（{}）", q.wishes())
    } else {
        "微心愿管理".to_string()
    };
    check(&k, "staff-menu", LANDSCAPE);
    check(&k, "staff-menu-portrait", PORTRAIT);
    k.tap("关于本机");
    check(&k, "staff-about", LANDSCAPE);
    k.tap("‹ 工作人员菜单");
    k.tap(&tile);
    check(&k, "staff-wishes", LANDSCAPE);
    check(&k, "staff-wishes-portrait", PORTRAIT);
    k.tap("← 返回首页");
    k.tap("长辈模式");
    k.tap_at(COMPACT, "工作人员");
    for d in crate::STAFF_PIN.chars() {
        k.tap_at(COMPACT, &d.to_string());
    }
    k.tap_at(COMPACT, "确定");
    // A small elder panel shows the short name (微心愿（6）).
    k.tap_at(COMPACT, &tile.replace("微心愿管理", "微心愿"));
    check(&k, "staff-wishes-1280x800-elder", COMPACT);
}

#[test]
fn wish_consent_in_elder_mode() {
    let mut k = Kiosk::new();
    k.tap("长辈模式");
    for label in [
        "许个微心愿",
        "健康医疗",
        "下一步 ›",
        "腰不好，想要一个护腰",
        "下一步 ›",
        "赵",
    ] {
        k.tap_at(COMPACT, label);
    }
    check(&k, "wish-form-who-1280x800-elder", COMPACT);
    for label in ["下一步 ›", "其他"] {
        k.tap_at(COMPACT, label);
    }
    check(&k, "wish-form-work-1280x800-elder", COMPACT);
    k.tap_at(COMPACT, "点这里输入手机号");
    check(&k, "wish-form-phone-1280x800-elder", COMPACT);
    for d in "15912345678".chars() {
        k.tap_at(COMPACT, &d.to_string());
    }
    k.tap_at(COMPACT, "完成");
    k.tap_at(COMPACT, "下一步 ›");
    check(&k, "wish-form-confirm-1280x800-elder", COMPACT);
    check(&k, "wish-form-confirm-portrait-elder", PORTRAIT);
}
