//! A new station set up from its own screen (issue 25 item 5): only the PIN was set from
//! a terminal; everything else by touch.

use crate::flows::type_keys;
use crate::scenarios::log_in;
use crate::{Kiosk, STAFF_PIN};
use relay_core::config::Config;
use relay_core::store::{DB_FILE, Store};

/// A real, empty station: no demo, the PIN set with `relay-kiosk staff set-pin`.
pub fn new_station() -> Kiosk {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join(DB_FILE)).unwrap();
    store.set_staff_pin(STAFF_PIN, "test").unwrap();
    Kiosk::from_store(dir, store, Config::default())
}

#[test]
fn a_new_station_is_named_from_its_screen() {
    let mut k = new_station();
    // Not the demo's name: the kiosk's plain one until staff name the station.
    assert!(k.shows("户外职工爱心接力站"));
    assert!(!k.shows("万里街道户外职工爱心接力站"));
    assert!(k.shows("24 小时开放 · 喝水 · 热饭 · 充电 · 歇脚"));
    log_in(&mut k);
    k.tap("本站信息");
    k.tap("户外职工爱心接力站");
    k.tap("清空");
    type_keys(&mut k, "shimen");
    k.tap("石门");
    type_keys(&mut k, "jieli");
    k.tap("接力");
    type_keys(&mut k, "zhan");
    k.tap("站");
    k.tap("完成");
    assert!(k.shows("石门接力站"));
    k.tap(relay_kiosk::text::staff::station::TAP_FOR_LINE);
    type_keys(&mut k, "zao");
    k.tap("早");
    for key in ["符号 123", "7"] {
        k.tap(key);
    }
    k.tap("字母");
    type_keys(&mut k, "dian");
    k.tap("点");
    k.tap("完成");
    assert!(k.shows("早7点"));
    crate::snapshots::check(&k, "staff-station", crate::LANDSCAPE);
    k.tap("保存");
    assert!(k.shows("已保存：石门接力站"));
    assert_eq!(k.store().station().unwrap().line.as_deref(), Some("早7点"));
    k.tap("← 返回首页");
    assert!(k.shows("石门接力站"), "home shows it at once");
    assert!(k.shows("早7点"));
    assert!(!k.shows("24 小时开放 · 喝水 · 热饭 · 充电 · 歇脚"));
    assert_eq!(k.app.title(), "石门接力站");
}

#[test]
fn a_station_name_cannot_be_left_empty() {
    let mut k = new_station();
    log_in(&mut k);
    k.tap("本站信息");
    k.tap("户外职工爱心接力站");
    k.tap("清空");
    k.tap("完成");
    k.tap("保存");
    assert!(k.shows("请填写站名"));
    assert_eq!(k.store().station().unwrap().name, None, "nothing saved");
}
