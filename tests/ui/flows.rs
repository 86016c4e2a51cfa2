use crate::{Kiosk, LANDSCAPE, STAFF_PIN};
use relay_core::import::NoticeSpec;
use relay_core::store::{AmenityStatus, Store};
use relay_kiosk::app::{Message, Showing};

#[test]
fn home_to_notices_and_back() {
    let mut k = Kiosk::new();
    assert_eq!(k.app.showing(), Showing::Home);
    assert!(k.shows("万里街道户外职工爱心接力站"));
    assert!(k.shows("10:30:00"));
    assert!(k.shows("2026年12月15日 星期二"));
    assert!(k.shows("冬日送温暖"));
    k.tap("Notices");
    assert_eq!(k.app.showing(), Showing::Notices);
    // The pinned winter notice comes first, with its validity in Chinese.
    assert!(k.shows("冬日送温暖：免费领取保暖手套"));
    // As many whole notices as fit (issue 25 item 8): three of the seven at 1920×1080.
    assert!(k.shows("防范电动车电池起火"));
    assert!(!k.shows("直饮水机更换滤芯"));
    assert!(k.shows("第 1 / 3 页"));
    k.tap("下一页 ›");
    assert!(k.shows("第 2 / 3 页"));
    assert!(k.shows("直饮水机更换滤芯"));
    k.tap("‹ 上一页");
    assert!(k.shows("第 1 / 3 页"));
    // One kind at a time (issue 25 item 8): only the kinds in force are offered.
    assert!(
        !k.shows("节日"),
        "no holiday notice in force, no such choice"
    );
    k.tap("下一页 ›");
    k.tap("安全提示");
    assert!(k.shows("✓ 安全提示"));
    assert!(k.shows("雨雪冰冻天气骑行安全提示"));
    assert!(!k.shows("冬日送温暖：免费领取保暖手套"));
    assert!(
        !k.shows("下一页 ›"),
        "the two safety notices fit one page: no pager"
    );
    k.tap("全部");
    assert!(k.shows("冬日送温暖：免费领取保暖手套"));
    k.tap("← 返回首页");
    assert_eq!(k.app.showing(), Showing::Home);
}

#[test]
fn elder_mode_at_1920_uses_its_room_for_notices() {
    let mut k = Kiosk::new();
    k.tap("长辈模式");
    // Home keeps a notice in the band between the amenities and the tiles (issue 25
    // item 8: it used to be empty).
    assert!(k.shows("冬日送温暖：免费领取保暖手套"));
    // 公告通知 shows two whole notices a page, not one.
    k.tap("公告通知（7）");
    assert!(k.shows("冬日送温暖：免费领取保暖手套"));
    assert!(k.shows("雨雪冰冻天气骑行安全提示"));
    assert!(k.shows("第 1 / 4 页"));
}

#[test]
fn a_notice_card_on_home_opens_its_page() {
    let mut k = Kiosk::new();
    let third = k.app.board().notices[2].title.clone();
    k.tap(&third);
    assert_eq!(k.app.showing(), Showing::Notices);
    assert!(k.shows(&third));
}

#[test]
fn expired_future_and_off_hours_notices_are_not_public() {
    let mut k = Kiosk::new();
    k.tap("Notices");
    // Labour Day (expired), Spring Festival (not yet), summer (out of season),
    // weekend health check and Wednesday legal aid (Tuesday today), night rest (10:30).
    for hidden in [
        "劳动节慰问：户外职工节日礼包",
        "新春慰问：年夜饭和回家车票咨询",
        "夏日送清凉：冷饮和防暑药品免费领取",
        "免费健康检查",
        "法律咨询日：工资、工伤、劳动合同",
        "深夜休息区照常开放",
    ] {
        assert!(
            !k.app.board().notices.iter().any(|n| n.title == hidden),
            "{hidden} should not be public"
        );
    }
}

#[test]
fn idle_warning_then_home_clears_everything() {
    let mut k = Kiosk::new();
    k.tap("长辈模式");
    assert!(k.app.elder());
    k.tap("Notices");
    k.wait(89);
    assert_eq!(k.app.showing(), Showing::Notices);
    k.wait(1);
    assert_eq!(k.app.showing(), Showing::IdleWarning);
    assert!(k.shows("还在使用吗？"));
    k.wait(10);
    assert_eq!(k.app.showing(), Showing::Home);
    assert!(!k.app.elder(), "elder mode lasts until the idle reset");
}

#[test]
fn a_touch_during_the_warning_keeps_the_screen() {
    let mut k = Kiosk::new();
    k.tap("Notices");
    k.wait(92);
    assert_eq!(k.app.showing(), Showing::IdleWarning);
    k.tap("继续使用 · Continue");
    assert_eq!(k.app.showing(), Showing::Notices);
    k.wait(60);
    assert_eq!(k.app.showing(), Showing::Notices);
}

#[test]
fn idle_reset_ends_the_staff_session() {
    let mut k = Kiosk::new();
    k.log_in();
    assert!(k.shows("服务设施状态"));
    k.wait(100);
    assert_eq!(k.app.showing(), Showing::Home);
    k.tap("工作人员");
    assert!(k.shows("请输入工作人员 PIN"), "staff must log in again");
    let log = k.store().audit_log(5).unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "staff.logout" && e.detail == "idle")
    );
}

#[test]
fn attract_mode_after_five_idle_minutes_and_a_touch_wakes_it() {
    let mut k = Kiosk::new();
    k.wait(299);
    assert_eq!(k.app.showing(), Showing::Home);
    k.wait(1);
    assert_eq!(k.app.showing(), Showing::Attract);
    assert!(k.shows("轻触屏幕开始使用 · Touch to start"));
    let first = k.app.board().notices[0].title.clone();
    let second = k.app.board().notices[1].title.clone();
    assert!(k.shows(&first));
    k.wait(8);
    assert!(k.shows(&second), "the slideshow moves on");
    k.tap("轻触屏幕开始使用 · Touch to start");
    assert_eq!(k.app.showing(), Showing::Home);
}

#[test]
fn five_wrong_pins_lock_staff_login_with_a_countdown() {
    let mut k = Kiosk::new();
    k.tap("工作人员");
    for attempt in 1..=5 {
        for _ in 0..4 {
            k.tap("0");
        }
        k.tap("确定");
        if attempt < 5 {
            assert!(k.shows(&format!("PIN 不对，还可以试 {} 次", 5 - attempt)));
        }
    }
    assert!(k.shows("输错次数太多，已暂时锁定"));
    assert!(k.shows("请 5:00 后再试"));
    assert_eq!(k.tap_counts("1"), 0, "the keypad is off while locked");
    k.wait(61);
    assert!(k.shows("请 3:59 后再试"));
    // Keep touching so the idle reset does not take us home, until the lock ends.
    for _ in 0..4 {
        k.send(Message::Touched);
        k.wait(60);
    }
    assert!(!k.shows("输错次数太多，已暂时锁定"));
    for d in STAFF_PIN.chars() {
        k.tap(&d.to_string());
    }
    k.tap("确定");
    assert!(k.shows("服务设施状态"));
}

#[test]
fn without_a_pin_staff_mode_says_how_to_set_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let mut k = Kiosk::from_store(dir, store, Default::default());
    k.tap("工作人员");
    assert!(k.shows("还没有设置工作人员 PIN"));
    assert!(k.shows("relay-kiosk staff set-pin"));
}

#[test]
fn an_amenity_toggled_in_staff_mode_shows_on_home() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("服务设施状态");
    // The first row is 直饮水 (drinking water).
    k.tap("维修中");
    assert_eq!(k.app.board().amenities[0].status, AmenityStatus::Repair);
    assert!(k.shows("✓ 维修中"));
    k.tap("← 返回首页");
    assert!(k.shows("■ 维修中"));
    let log = k.store().audit_log(3).unwrap();
    assert_eq!(log[0].action, "amenity.set");
    assert_eq!(log[0].actor, "kiosk-staff");
}

#[test]
fn staff_unpublish_pin_and_delete_notices() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("通知管理");
    let first = k.app.board().notices[0].title.clone();
    assert!(k.shows(&first));
    k.tap("下架");
    assert!(!k.app.board().notices.iter().any(|n| n.title == first));
    assert!(k.shows("已下架"));
    k.wait(3); // the list settles after a change (issue 26)
    k.tap("重新发布");
    assert!(k.app.board().notices.iter().any(|n| n.title == first));
    let count = k.store().notices().unwrap().len();
    k.wait(3);
    k.tap("删除");
    assert!(k.shows(&format!("确定删除“{first}”吗？删除后不能恢复。")));
    k.tap("取消");
    assert_eq!(k.store().notices().unwrap().len(), count);
    k.tap("删除");
    k.tap_at(crate::LANDSCAPE, "删除");
    assert_eq!(k.store().notices().unwrap().len(), count - 1);
    let actions: Vec<String> = k
        .store()
        .audit_log(4)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions[..3],
        ["notice.remove", "notice.publish", "notice.unpublish"]
    );
}

#[test]
fn a_notice_added_by_another_process_appears_within_seconds() {
    let mut k = Kiosk::new();
    let mut cli = Store::open(&k.db()).unwrap();
    let spec = NoticeSpec {
        title: "今晚有热汤圆".into(),
        body: "晚上八点起，休息区供应热汤圆。".into(),
        pinned: true,
        ..Default::default()
    };
    let notice = spec.to_notice(&k.now, &|_| Err("none".into())).unwrap();
    cli.add_notice(&notice, "cli").unwrap();
    cli.set_amenity_status("toilet", AmenityStatus::Cleaning, "", "cli")
        .unwrap();
    assert!(!k.shows("今晚有热汤圆"));
    k.wait(2);
    assert!(k.shows("今晚有热汤圆"));
    assert!(k.shows("▲ 清洁中"));
}

#[test]
fn close_requests_are_ignored() {
    let mut k = Kiosk::new();
    k.send(Message::CloseRequested);
    assert_eq!(k.app.showing(), Showing::Home);
}

#[test]
fn usage_events_are_logged() {
    let mut k = Kiosk::new();
    k.tap("Notices");
    k.tap("← 返回首页");
    let counts = k
        .store()
        .usage_counts(
            crate::t0().to_utc() - chrono::Duration::hours(1),
            crate::t0().to_utc() + chrono::Duration::hours(1),
        )
        .unwrap();
    let notices = counts.iter().find(|c| c.screen == "notices").unwrap();
    assert_eq!(notices.count, 1);
}

#[test]
fn staff_exit_asks_first_and_is_audited() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("退出终端");
    assert!(k.shows("确定退出终端吗？退出后这台屏幕将不再显示接力站页面。"));
    k.tap("取消");
    assert!(k.shows("通知管理"));
    k.tap("退出终端");
    k.tap("退出终端");
    let log = k.store().audit_log(1).unwrap();
    assert_eq!(log[0].action, "kiosk.exit");
}

#[test]
fn a_tap_under_the_warning_only_dismisses_it() {
    let mut k = Kiosk::new();
    k.tap("Notices");
    k.wait(91);
    assert_eq!(k.app.showing(), Showing::IdleWarning);
    // 返回首页 is under the dimmed layer: the tap must not reach it.
    let mut ui = k.sim(crate::LANDSCAPE);
    ui.click("← 返回首页")
        .expect("the button is still drawn under the scrim");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(messages.is_empty(), "{messages:?}");
}

#[test]
fn claim_a_slot_then_release_it_with_the_code() {
    let mut k = Kiosk::new();
    // A wide panel takes every tile in one row: the short line.
    assert!(
        k.shows("空闲 4/8"),
        "phone ports only: the two 电瓶 bays are not chargers"
    );
    k.tap("手机充电");
    assert!(k.shows("手机 空闲 4 / 共 8"));
    assert!(k.shows("电瓶 空闲 1 / 共 2"));
    assert_eq!(k.app.showing(), Showing::Charging);
    k.tap("A1");
    assert!(k.shows("在 A1 充电？"));
    k.tap("开始充电");
    assert!(k.shows("请记住取件码"));
    let code = k.store().slot("A1").unwrap().session.unwrap().code.unwrap();
    let spaced: Vec<String> = code.chars().map(String::from).collect();
    assert!(
        k.shows(&spaced.join(" ")),
        "the code is on screen in large type"
    );
    k.tap("我记住了");
    assert!(k.shows("手机 空闲 3 / 共 8"));
    assert!(k.shows("已充 0 分钟"));

    k.wait(30);
    k.tap("A1");
    assert!(k.shows("取 A1 的手机"));
    let wrong = if code == "0000" { "1111" } else { "0000" };
    for d in wrong.chars() {
        k.tap(&d.to_string());
    }
    assert!(
        k.shows(
            &wrong
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join(" ")
        )
    );
    k.tap("确定");
    assert!(k.shows("取件码不对，还可以试 2 次"));
    assert!(k.shows("_ _ _ _"), "the wrong code is cleared");
    for d in code.chars() {
        k.tap(&d.to_string());
    }
    k.tap("确定");
    assert!(k.shows("A1 已释放，请取走手机。谢谢！"));
    k.tap("好的");
    assert!(k.shows("手机 空闲 4 / 共 8"));
}

#[test]
fn faulty_and_fed_slots_explain_themselves() {
    let mut k = Kiosk::new();
    k.tap("手机充电");
    k.tap("A7");
    assert!(k.shows("A7 故障：接口松动。请用其他充电位。"));
    k.tap("好的");
    {
        let mut store = Store::open(&k.db()).unwrap();
        store
            .apply_feed(
                "B2",
                relay_core::store::FeedState::Charging,
                "",
                k.now.to_utc(),
            )
            .unwrap();
    }
    k.wait(1);
    k.tap("B2");
    assert!(k.shows("B2 由充电柜自动管理，请直接在柜子上取。"));
}

#[test]
fn no_free_slot_says_when_one_is_expected() {
    let mut k = Kiosk::new();
    {
        let mut store = Store::open(&k.db()).unwrap();
        for label in ["A1", "A3", "A6", "A8", "B2"] {
            store
                .claim_slot(label, k.now.to_utc(), chrono::Duration::hours(3))
                .unwrap();
        }
    }
    k.wait(1);
    k.tap("手机充电");
    assert!(k.shows("手机 空闲 0 / 共 8"));
    assert!(k.shows("电瓶 空闲 0 / 共 2"));
    // A5 has been charging for 200 minutes: past the median, so "soon".
    assert!(k.shows("马上会有空位"));
}

#[test]
fn staff_mark_faults_repair_and_force_release_slots() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("充电位管理");
    // The first row is A1: mark it faulty with a note chosen by touch.
    k.tap("标记故障");
    assert!(k.shows("A1 出了什么问题？"));
    k.tap("不通电");
    let a1 = k
        .app
        .board()
        .slots
        .iter()
        .find(|s| s.label == "A1")
        .unwrap();
    assert_eq!(a1.fault.as_deref(), Some("不通电"));
    assert!(k.shows("已修复"));
    k.tap("已修复");
    let a1 = k
        .app
        .board()
        .slots
        .iter()
        .find(|s| s.label == "A1")
        .unwrap();
    assert_eq!(a1.fault, None);
    // Only busy slots offer 强制释放: the first is A2.
    k.tap("强制释放");
    let a2 = k
        .app
        .board()
        .slots
        .iter()
        .find(|s| s.label == "A2")
        .unwrap();
    assert!(a2.session.is_none());
    let actions: Vec<String> = k
        .store()
        .audit_log(3)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["slot.force_release", "slot.repair", "slot.fault"]);
}

#[test]
fn staff_see_charging_statistics() {
    let mut k = Kiosk::new();
    {
        let mut store = Store::open(&k.db()).unwrap();
        let now = k.now.to_utc();
        store.set_slot_fault("A3", "接口松动", now, "test").unwrap();
        store.repair_slot("A3", now, "test").unwrap();
        store.set_slot_fault("A3", "不通电", now, "test").unwrap();
    }
    k.wait(1);
    k.log_in();
    k.tap("使用统计");
    assert!(k.shows("近 7 天每小时开始充电的次数"));
    assert!(k.shows("近 30 天反复出故障：A3（2 次）"));
    // Demo history: lunch and dinner are busiest.
    assert!(k.shows("11–13 点、18–19 点"), "neighbouring hours merge");
}

fn open_new_notice(k: &mut Kiosk) {
    k.log_in();
    k.tap("通知管理");
    k.tap("＋ 新建通知");
    assert!(k.shows("新建通知"));
}

pub fn type_keys(k: &mut Kiosk, keys: &str) {
    for c in keys.chars() {
        k.tap(&c.to_string());
    }
}

#[test]
fn type_pinyin_on_the_screen_keyboard() {
    let mut k = Kiosk::new();
    open_new_notice(&mut k);
    k.tap("点这里输入标题");
    type_keys(&mut k, "nuanshou");
    assert!(k.shows("nuan'shou") || k.shows("nuanshou"));
    k.tap("暖手");
    assert!(k.shows("暖手"), "the chosen word is in the field");
    k.tap("完成");
    assert!(k.shows("暖手"));
    assert!(k.shows("保存"));
}

#[test]
fn compose_and_save_a_notice_by_touch() {
    let mut k = Kiosk::new();
    open_new_notice(&mut k);
    // Saving without a title says why, in Chinese only (the English gloss is the CLI's).
    k.tap("保存");
    assert!(k.shows("标题不能为空"));
    assert!(!k.shows("标题不能为空 (title is empty)"));
    k.tap("点这里输入标题");
    type_keys(&mut k, "nuanshou");
    k.tap("暖手");
    k.tap("中 / 英");
    type_keys(&mut k, "ok");
    k.tap("符号 123");
    k.tap("！");
    k.tap("字母");
    k.tap("完成");
    k.tap("点这里输入正文");
    // The title stays in sight while the body is typed, and the body's field takes the
    // room above the keyboard (issue 25 item 10).
    assert!(k.shows("《暖手ok！》"), "{:?}", k.texts(crate::LANDSCAPE));
    let body = crate::layout::see(&k, crate::LANDSCAPE);
    assert!(
        body.texts
            .iter()
            .any(|(r, _, t)| t == "《暖手ok！》" && r.y < 300.0),
        "the title at the top, no empty band"
    );
    crate::snapshots::check(&k, "notice-editor-body-typing", crate::LANDSCAPE);
    // Still in English mode.
    type_keys(&mut k, "hi");
    k.tap("完成");
    k.tap("冬日送温暖");
    k.tap("共 30 天");
    k.tap("周六");
    k.tap("周日");
    // With the error line above it, the form's last lines are on its next page.
    if !k.shows("设定时段") {
        k.tap(relay_kiosk::text::widget::NEXT_PAGE);
    }
    k.tap("设定时段");
    k.tap("置顶");
    k.tap("保存");
    assert!(
        k.shows("已保存：暖手ok！"),
        "back on the list with a word of thanks"
    );
    let saved = k
        .store()
        .notices()
        .unwrap()
        .into_iter()
        .find(|n| n.title == "暖手ok！")
        .expect("saved in the store");
    // What was just saved is in sight: first on page 1, marked 刚保存 (issue 26), though
    // it starts later; the rest put in force before upcoming before expired.
    assert!(k.shows("刚保存"));
    crate::snapshots::check(&k, "staff-notices-saved", LANDSCAPE);
    let texts = k.texts(LANDSCAPE);
    let all = k.store().notices().unwrap();
    let shown: Vec<&relay_core::store::Notice> = texts
        .iter()
        .filter_map(|t| all.iter().find(|n| &n.title == t))
        .collect();
    assert_eq!(shown.first().map(|n| n.title.as_str()), Some("暖手ok！"));
    let now = k.now.to_utc();
    let rank = |n: &relay_core::store::Notice| {
        use relay_core::store::NoticeState::*;
        match n.state(&now) {
            InForce => 0,
            OffHours => 1,
            Scheduled => 2,
            Unpublished => 3,
            Expired => 4,
        }
    };
    let ranks: Vec<i32> = shown[1..].iter().map(|n| rank(n)).collect();
    assert!(ranks.is_sorted(), "in force first: {ranks:?}");
    assert_eq!(saved.body, "hi");
    assert_eq!(saved.category, relay_core::store::Category::Winter);
    assert!(saved.pinned);
    assert_eq!(saved.schedule.weekdays.to_spec(), "6,7");
    assert_eq!(
        saved.schedule.describe_zh(&chrono::Local),
        "2026年12月15日 至 2027年1月13日 · 周六、周日 · 08:00–20:00"
    );
    let log = k.store().audit_log(1).unwrap();
    assert_eq!(
        (log[0].actor.as_str(), log[0].action.as_str()),
        ("kiosk-staff", "notice.add")
    );

    // Edit it: make it every day, all day; then it is public now (a Tuesday morning).
    k.tap("编辑");
    k.tap("每天");
    k.tap("全天");
    k.tap("保存");
    k.tap("← 返回首页");
    k.tap("Notices");
    assert!(k.shows("暖手ok！"));
}

#[test]
fn staff_add_and_remove_slots_on_the_kiosk() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("充电位管理");
    k.tap("＋ 添加充电位");
    k.tap("点这里输入编号");
    k.tap("中 / 英");
    k.tap("c");
    k.tap("符号 123");
    k.tap("9");
    k.tap("完成");
    k.tap("电瓶");
    k.tap("由充电柜自动上报状态");
    k.tap("保存");
    let c9 = k.store().slot("C9").expect("added");
    assert_eq!(c9.connector, relay_core::store::Connector::Battery);
    assert!(c9.fed);
    // Eleven slots: C9 is on the list's last page, reached with 下一页.
    assert!(!k.shows("C9"));
    let mut turned = 0;
    while !k.shows("C9") && turned < 3 {
        k.tap(relay_kiosk::text::widget::NEXT_PAGE);
        turned += 1;
    }
    assert!(k.shows("C9"), "on a later page");
    for _ in 0..turned {
        k.tap(relay_kiosk::text::widget::PREVIOUS_PAGE);
    }
    // A1 is free, so it may be removed, after a question.
    k.tap("删除");
    assert!(k.shows("确定删除充电位 A1 吗？它的使用记录也会删除。"));
    k.tap("删除");
    assert!(k.store().slot("A1").is_err());
    assert!(!k.app.board().slots.iter().any(|s| s.label == "A1"));
    // A duplicate label is refused with a reason.
    k.tap("＋ 添加充电位");
    k.tap("点这里输入编号");
    k.tap("中 / 英");
    k.tap("a");
    k.tap("符号 123");
    k.tap("2");
    k.tap("完成");
    k.tap("保存");
    assert!(k.shows("没有保存：充电位 A2 已经有了"));
}

#[test]
fn a_station_without_slots_offers_no_charging_tile() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let k = Kiosk::from_store(dir, store, Default::default());
    assert!(k.shows("公告通知（0）"));
    assert!(!k.shows("手机充电"));
}

/// Another process (the CLI, the feed) holds the store's write lock for `secs`.
fn hold_write_lock(db: std::path::PathBuf, secs: u64) -> std::thread::JoinHandle<()> {
    let (locked, is_locked) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE; UPDATE setting SET value = value;")
            .unwrap();
        locked.send(()).unwrap();
        std::thread::sleep(std::time::Duration::from_secs(secs));
        conn.execute_batch("COMMIT").unwrap();
    });
    is_locked.recv().unwrap();
    holder
}

#[test]
fn a_tap_while_another_process_writes_shows_it_is_busy_then_succeeds() {
    let mut k = Kiosk::new();
    k.tap("工作人员");
    for d in STAFF_PIN.chars() {
        k.tap(&d.to_string());
    }
    let holder = hold_write_lock(k.db(), 2);
    let started = std::time::Instant::now();
    k.tap_no_wait(crate::LANDSCAPE, "确定");
    assert!(
        started.elapsed() < std::time::Duration::from_millis(500),
        "the tap must not wait for the lock"
    );
    assert!(
        k.shows("正在验证…"),
        "the tapped control says it is working"
    );
    assert!(!k.shows("确定"));
    k.settle();
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    assert!(
        k.shows("服务设施状态"),
        "logged in once the lock was released"
    );
    holder.join().unwrap();

    // The same for a claim on the charging screen.
    k.tap("← 返回首页");
    k.tap("手机充电");
    k.tap("A1");
    let holder = hold_write_lock(k.db(), 2);
    k.tap_no_wait(crate::LANDSCAPE, "开始充电");
    assert!(k.shows("正在开始…"));
    k.settle();
    assert!(k.shows("请记住取件码"));
    holder.join().unwrap();
}

#[test]
fn a_store_error_reaches_staff_as_a_chinese_sentence() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("充电位管理");
    // Another process removes A1 after the list was read; 删除 then finds nothing.
    k.tap_no_wait(crate::LANDSCAPE, "删除");
    k.settle();
    assert!(k.shows("确定删除充电位 A1 吗？它的使用记录也会删除。"));
    {
        let mut store = k.store();
        store.remove_slot("A1", "cli").unwrap();
    }
    k.tap("删除");
    assert!(k.shows("没有保存：找不到充电位 A1，可能刚被删除了。请返回后再看一下。"));
}

#[test]
fn staff_see_the_licences_of_the_embedded_data() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("关于本机");
    let texts = k.texts(crate::LANDSCAPE).join("\n");
    assert!(texts.contains("CC BY-SA 4.0"), "{texts}");
    assert!(texts.contains("SIL Open Font License 1.1"));
    // The notices are longer than a page: every line is reached with 下一页.
    let mut seen = texts;
    while k.tap_counts("下一页 ›") > 0 {
        seen.push_str(&k.texts(crate::LANDSCAPE).join("\n"));
    }
    for line in relay_core::ime::NOTICE
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        assert!(seen.contains(line), "{line} never shown");
    }
}

#[test]
fn flows_explain_themselves() {
    let mut k = Kiosk::new();
    // The code keypad always says what to do without the code.
    k.tap("手机充电");
    k.tap("A2");
    assert!(k.shows("忘记取件码请找工作人员"));
    k.tap("取消");
    // A busy slot keeps its place on the card (A1 is free, A2 busy, both in the first row).
    let first_row = k
        .texts(crate::LANDSCAPE)
        .into_iter()
        .filter(|t| t == "进门左手第一排")
        .count();
    assert!(first_row >= 2, "{first_row}");
    k.tap("← 返回首页");

    // Staff banners say what happened, then go.
    k.log_in();
    k.tap("服务设施状态");
    k.tap("清洁中");
    assert!(k.shows("已保存：直饮水 清洁中"));
    k.wait(7);
    assert!(!k.shows("已保存：直饮水 清洁中"));
    assert!(k.shows("Amenity status"), "the English line is back");

    // Logging out goes home and says so, for a few seconds.
    k.tap("‹ 工作人员菜单");
    k.tap("退出工作人员模式");
    assert_eq!(k.app.showing(), Showing::Home);
    assert!(k.shows("已退出工作人员模式"));
    k.wait(7);
    assert!(!k.shows("已退出工作人员模式"));
}

#[test]
fn the_symbols_page_is_not_called_pinyin() {
    let mut k = Kiosk::new();
    open_new_notice(&mut k);
    k.tap("点这里输入标题");
    assert!(k.shows("拼音"));
    k.tap("符号 123");
    assert!(k.shows("数字和标点"));
    assert!(!k.shows("拼音"));
}

#[test]
fn attract_mode_says_whether_to_come_in() {
    let mut k = Kiosk::new();
    k.wait(300);
    assert_eq!(k.app.showing(), Showing::Attract);
    // Phones and battery bays apart (issue 25): 4 phone ports free, not "5 of 10".
    assert!(k.shows("手机充电 空闲 4 / 共 8"));
    assert!(k.shows("电瓶 空闲 1 / 共 2"));
    assert!(k.shows("▲ 冰箱 缺货"));
    assert!(k.shows("● 直饮水 正常"));
}

#[test]
fn a_fault_note_of_staffs_own_words() {
    let mut k = Kiosk::new();
    k.log_in();
    k.tap("充电位管理");
    k.tap("标记故障");
    k.tap("其他（用键盘写）");
    type_keys(&mut k, "fare");
    k.tap("发热");
    k.tap("完成");
    k.tap("标记故障");
    assert!(k.shows("A1 已标记故障：发热"));
    let slot = k.store().slot("A1").unwrap();
    assert_eq!(slot.fault.as_deref(), Some("发热"));
}

#[test]
fn a_battery_bay_says_what_it_charges() {
    let mut k = Kiosk::new();
    k.tap("手机充电");
    k.tap("B2");
    assert!(k.shows("给电动车电瓶充电　位置：门外充电柜"));
    k.tap("取消");
    k.tap("A1");
    assert!(k.shows("手机接口：USB-C　位置：进门左手第一排"));
}

/// Presses at each of `keys` in one batch of events, the way the runtime hands them
/// over when the kiosk is busy: with the latest cursor position for all of them.
fn tap_in_one_batch(k: &mut Kiosk, keys: &[&str]) {
    use iced::mouse;
    let messages: Vec<Message> = {
        let mut ui = k.sim(crate::LANDSCAPE);
        let mut events = Vec::new();
        let mut last = iced::Point::ORIGIN;
        for key in keys {
            let target = ui.find(*key).unwrap_or_else(|e| panic!("{key}: {e}"));
            let at = target.bounds().center();
            events.push(iced::Event::Mouse(mouse::Event::CursorMoved {
                position: at,
            }));
            events.extend(iced_test::simulator::click());
            last = at;
        }
        ui.point_at(last);
        ui.simulate(events);
        ui.into_messages().collect()
    };
    for m in messages {
        k.send(m);
    }
}

#[test]
fn a_fast_typist_gets_the_letters_they_tapped() {
    let mut k = Kiosk::new();
    open_new_notice(&mut k);
    k.tap("点这里输入标题");
    tap_in_one_batch(&mut k, &["l", "i", "u", "d", "i", "a", "n"]);
    assert!(k.shows("liu'dian"), "every letter where it was tapped");
    // The same on the PIN keypad and the slot grid.
    let mut k = Kiosk::new();
    k.tap("工作人员");
    tap_in_one_batch(&mut k, &["2", "4", "6", "8", "1", "3"]);
    k.tap("确定");
    assert!(
        k.shows("服务设施状态"),
        "the PIN typed in one batch logs in"
    );
    let mut k = Kiosk::new();
    k.tap("手机充电");
    tap_in_one_batch(&mut k, &["A1"]);
    assert!(k.shows("在 A1 充电？"));
}

#[test]
fn a_new_code_hides_itself_after_a_minute() {
    let mut k = Kiosk::new();
    k.tap("手机充电");
    k.tap("A1");
    k.tap("开始充电");
    assert!(k.shows("请记住取件码"));
    // A touch now and then keeps the idle warning away; the code still goes.
    k.wait(30);
    k.send(relay_kiosk::app::Message::Touched);
    assert!(k.shows("请记住取件码"));
    k.wait(30);
    assert!(!k.shows("请记住取件码"), "the next person must not see it");
    assert_eq!(k.app.showing(), Showing::Charging);
    assert!(k.shows("A6"), "the grid is back");
}

#[test]
fn wrong_codes_make_the_next_try_wait_and_staff_see_them() {
    let mut k = Kiosk::new();
    k.tap("手机充电");
    k.tap("A1");
    k.tap("开始充电");
    let code = k.store().slot("A1").unwrap().session.unwrap().code.unwrap();
    let wrong = if code == "0000" { "1111" } else { "0000" };
    k.tap("我记住了");
    for _ in 0..2 {
        k.tap("A1");
        for d in wrong.chars() {
            k.tap(&d.to_string());
        }
        k.tap("确定");
    }
    for d in wrong.chars() {
        k.tap(&d.to_string());
    }
    k.tap("确定");
    assert!(k.shows("A1 的取件码输错太多次，请 30 秒后再试。忘记取件码请找工作人员。"));
    k.tap("好的");
    assert!(k.shows("请 30 秒后再输取件码"), "the card says how long");
    // Staff see it on the slot's row.
    k.tap("← 返回首页");
    k.log_in();
    k.tap("充电位管理");
    let texts = k.texts(crate::LANDSCAPE).join("\n");
    assert!(texts.contains("取件码输错 3 次"), "{texts}");
}

#[test]
fn the_idle_clock_ignores_wall_clock_jumps() {
    let mut k = Kiosk::new();
    k.tap("Notices");
    k.wait(80);
    // NTP sets a dead RTC's clock back two hours: the screen still goes home on time.
    let back = k.now - chrono::Duration::hours(2);
    k.tick_at(back);
    k.wait(9);
    assert_eq!(k.app.showing(), Showing::Notices, "89 s of real time");
    k.wait(1);
    assert_eq!(k.app.showing(), Showing::IdleWarning, "90 s of real time");
    // And a jump forward does not end a session early.
    let mut k = Kiosk::new();
    k.tap("Notices");
    let ahead = k.now + chrono::Duration::hours(3);
    k.tick_at(ahead);
    k.wait(5);
    assert_eq!(k.app.showing(), Showing::Notices);
}

/// Issue 26: daily hours in a few taps — presets that fit the notices (夜间 across
/// midnight), and any window picked on a grid of hours, two or three taps per end.
#[test]
fn daily_hours_in_a_few_taps() {
    let mut k = Kiosk::new();
    open_new_notice(&mut k);
    k.tap("点这里输入标题");
    type_keys(&mut k, "hanchaoyujing");
    k.tap("空格");
    k.tap("完成");
    assert!(k.shows("寒潮预警"), "the station's word, first (issue 25)");
    if !k.shows("夜间") {
        k.tap(relay_kiosk::text::widget::NEXT_PAGE);
    }
    // A preset: one tap, across midnight.
    k.tap("夜间");
    assert!(k.shows("从 18:00"));
    assert!(k.shows("到 08:00"));
    // 16:00 to 20:30: two taps for the start, three for the end.
    k.tap("从 18:00");
    assert!(k.shows("每天从几点开始显示？"));
    crate::snapshots::check(&k, "notice-editor-hours", LANDSCAPE);
    let found = crate::layout::audit(&k, "hour picker");
    assert!(found.is_empty(), "{found:#?}");
    k.tap("16:00");
    assert!(k.shows("从 16:00"));
    k.tap("到 08:00");
    k.tap("半点 :30");
    k.tap("20:30");
    assert!(k.shows("到 20:30"));
    // The picker can be left without a change.
    k.tap("从 16:00");
    k.tap("不改，返回");
    assert!(k.shows("从 16:00"));
    k.tap("保存");
    let saved = k
        .store()
        .notices()
        .unwrap()
        .into_iter()
        .find(|n| n.title == "寒潮预警")
        .expect("saved");
    let window = saved.schedule.window.expect("daily hours");
    assert_eq!((window.from, window.until), (16 * 60, 20 * 60 + 30));
}

#[test]
fn the_hour_picker_fits_in_elder_mode() {
    let mut k = Kiosk::new();
    k.tap("长辈模式");
    open_new_notice(&mut k);
    while !k.shows("夜间") {
        k.tap(relay_kiosk::text::widget::NEXT_PAGE);
    }
    k.tap("夜间");
    k.tap("到 08:00");
    assert!(k.shows("每天到几点停止显示？"));
    crate::snapshots::check(&k, "notice-editor-hours-1280x800-elder", crate::COMPACT);
    let found = crate::layout::audit(&k, "hour picker");
    assert!(found.is_empty(), "{found:#?}");
}

/// Issue 21 item 6: a time written by hand that cannot be read (`NaN`) hides no slot with
/// a phone in it and leaves no screen waiting: the card says 时间有误, the staff login works.
#[test]
fn an_unreadable_stored_time_hides_no_slot_and_blocks_no_login() {
    let mut k = Kiosk::new();
    let db = rusqlite::Connection::open(k.db()).unwrap();
    db.execute_batch(
        "UPDATE charging_session SET started_at = 'NaN'
          WHERE slot_id = (SELECT id FROM slot WHERE label = 'A2') AND ended_at IS NULL;
         UPDATE staff_lockout SET locked_until = 'NaN';",
    )
    .unwrap();
    drop(db);
    k.wait(3);
    k.tap("手机充电");
    assert!(k.shows("A2"));
    assert!(k.shows("时间有误，请找工作人员"));
    k.tap("← 返回首页");
    k.log_in();
    assert!(k.shows("充电位管理"), "the staff menu opens");
    k.tap("充电位管理");
    let texts = k.texts(LANDSCAPE).join("\n");
    assert!(texts.contains("时间有误（已记入日志）"), "{texts}");
}

/// Issue 19: a visit is the first touch after the kiosk was idle (a screen session, not
/// a person), counted per hour for the monthly report.
#[test]
fn visits_are_the_first_touches_after_idle() {
    let mut k = Kiosk::new();
    let visits = |k: &Kiosk| -> i64 {
        let now = k.now.to_utc();
        k.store()
            // From this hour on: the demo's history ends with the hour before.
            .visits_between(now, now + chrono::Duration::days(1))
            .unwrap()
            .iter()
            .map(|(_, n)| n)
            .sum()
    };
    assert_eq!(visits(&k), 0);
    k.tap("手机充电");
    k.tap("← 返回首页");
    k.wait(10);
    k.tap("手机充电");
    assert_eq!(visits(&k), 1, "one person's taps are one visit");
    // Idle past the timeout (the kiosk goes home by itself), then someone new.
    k.wait(120);
    k.send(Message::Touched);
    assert_eq!(visits(&k), 2);
}
