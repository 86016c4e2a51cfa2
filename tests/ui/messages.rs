//! A message that appears never moves a target (issue 25 item 7): it takes room where
//! nothing is tapped, and the choice it asks for takes it away.

use crate::Kiosk;
use crate::flows::type_keys;
use crate::layout::{SIZES, see};
use iced::{Rectangle, Size};
use relay_kiosk::text::wish_form as t;

fn bounds_of(k: &Kiosk, size: Size, label: &str) -> Rectangle {
    see(k, size)
        .controls
        .into_iter()
        .find(|c| c.texts.iter().any(|(_, s)| s == label))
        .unwrap_or_else(|| panic!("{label} at {size:?}"))
        .bounds
}

#[test]
fn the_work_steps_message_moves_no_choice_and_goes_once_answered() {
    for elder in [false, true] {
        let mut k = Kiosk::new();
        if elder {
            k.tap("长辈模式");
        }
        k.tap("许个微心愿");
        k.tap("生活用品");
        k.tap("下一步 ›");
        k.tap(t::TAP_TO_WRITE);
        type_keys(&mut k, "shoutao");
        k.tap("手套");
        k.tap("完成");
        k.tap("下一步 ›");
        k.tap("王");
        k.tap("下一步 ›");
        let before: Vec<_> = SIZES
            .iter()
            .map(|&s| (bounds_of(&k, s, "外卖骑手"), bounds_of(&k, s, "下一步 ›")))
            .collect();
        k.tap("下一步 ›");
        assert!(k.shows(t::OCCUPATION_MISSING));
        if elder {
            crate::snapshots::check(&k, "wish-form-work-missing-1280x800-elder", crate::COMPACT);
        }
        for (&size, was) in SIZES.iter().zip(&before) {
            let now = (
                bounds_of(&k, size, "外卖骑手"),
                bounds_of(&k, size, "下一步 ›"),
            );
            assert_eq!(&now, was, "elder {elder} at {size:?}: a target moved");
        }
        k.tap("外卖骑手");
        assert!(
            !k.shows(t::OCCUPATION_MISSING),
            "answered: the message goes"
        );
    }
}

#[test]
fn a_wrong_release_code_moves_neither_cancel_nor_the_keys() {
    for elder in [false, true] {
        let mut k = Kiosk::new();
        if elder {
            k.tap("长辈模式");
        }
        k.tap("手机充电");
        k.tap("A1");
        k.tap("开始充电");
        let code = k.store().slot("A1").unwrap().session.unwrap().code.unwrap();
        k.tap("我记住了");
        k.wait(30);
        k.tap("A1");
        let watched = ["取消", "确定", "5"];
        let before: Vec<Vec<Rectangle>> = SIZES
            .iter()
            .map(|&s| watched.iter().map(|l| bounds_of(&k, s, l)).collect())
            .collect();
        let wrong = if code == "0000" { "1111" } else { "0000" };
        for d in wrong.chars() {
            k.tap(&d.to_string());
        }
        k.tap("确定");
        assert!(k.shows("取件码不对，还可以试 2 次"));
        if !elder {
            crate::snapshots::check(&k, "charging-wrong-code", crate::LANDSCAPE);
        }
        for (&size, was) in SIZES.iter().zip(&before) {
            let now: Vec<Rectangle> = watched.iter().map(|l| bounds_of(&k, size, l)).collect();
            assert_eq!(&now, was, "elder {elder} at {size:?}: a target moved");
        }
    }
}

/// One rule on every step of the wish form: a tap chooses, 下一步 moves on.
#[test]
fn every_wish_step_moves_on_with_next_only() {
    let mut k = Kiosk::new();
    k.tap("许个微心愿");
    k.tap("生活用品");
    assert!(k.shows(t::PICK_KIND), "still step 1");
    assert!(
        k.shows("✓ 生活用品"),
        "the choice is marked, not only coloured"
    );
    k.tap("工作装备");
    assert!(k.shows("✓ 工作装备") && k.shows("生活用品"));
    k.tap("下一步 ›");
    assert!(k.shows(t::TAP_TO_WRITE));
    k.tap("‹ 上一步");
    assert!(k.shows("✓ 工作装备"), "kept when coming back");
}
