//! After a damaged store was recovered, staff are told on the staff menu from when the
//! data is, until they dismiss it; 关于本机 shows the last good backup.

use crate::snapshots::check;
use crate::{COMPACT, Kiosk, LANDSCAPE, PORTRAIT, STAFF_PIN, secs, t0};
use relay_core::config::Config;
use relay_core::store::{DB_FILE, Store, open_checked};

/// A demo station backed up at 03:30, then found with a damaged store at `t0()`.
fn recovered_kiosk() -> Kiosk {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let mut store = Store::open(&path).unwrap();
        relay_core::demo::load(&mut store, &t0()).unwrap();
        store.set_staff_pin(STAFF_PIN, "test").unwrap();
        store.backup(t0() - secs(7 * 3600)).unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[..16].copy_from_slice(b"NOT A DATABASE!\0");
    std::fs::write(&path, bytes).unwrap();
    let opened = open_checked(dir.path(), t0()).unwrap();
    assert!(opened.recovery.is_some());
    Kiosk::from_store(dir, opened.store, Config::default())
}

const NOTE: &str = "已从 2026-12-15 03:30 的备份恢复";

fn note_shown(k: &Kiosk, size: iced::Size) -> bool {
    k.texts(size).iter().any(|t| t.contains(NOTE))
}

#[test]
fn staff_are_told_from_when_the_data_is_until_they_dismiss_it() {
    let mut k = recovered_kiosk();
    assert!(!note_shown(&k, LANDSCAPE), "not on the public screens");
    k.log_in();
    assert!(note_shown(&k, LANDSCAPE));
    check(&k, "staff-menu-recovered", LANDSCAPE);
    check(&k, "staff-menu-recovered-portrait", PORTRAIT);
    let found = crate::layout::audit(&k, "staff menu with the recovery note");
    assert!(found.is_empty(), "{found:#?}");
    // It outlives a logout (and a restart: it is kept in the store).
    k.tap("退出工作人员模式");
    k.log_in();
    assert!(note_shown(&k, LANDSCAPE));
    k.tap("知道了");
    assert!(!note_shown(&k, LANDSCAPE));
    assert!(k.shows("在通知管理里可以新建、编辑、置顶、下架和删除通知。"));
    assert_eq!(k.store().recovery_note().unwrap(), None);
    // 关于本机 tells when the last good backup was taken.
    k.tap("关于本机");
    assert!(
        k.texts(LANDSCAPE)
            .iter()
            .any(|t| t.contains("最近一次备份：2026-12-15 03:30")),
        "{:?}",
        k.texts(LANDSCAPE)
    );
}

#[test]
fn the_note_fits_a_small_screen_in_elder_mode() {
    let mut k = recovered_kiosk();
    k.tap("长辈模式");
    k.tap_at(COMPACT, "工作人员");
    for d in STAFF_PIN.chars() {
        k.tap_at(COMPACT, &d.to_string());
    }
    k.tap_at(COMPACT, "确定");
    assert!(note_shown(&k, COMPACT));
    check(&k, "staff-menu-recovered-1280x800-elder", COMPACT);
    // The note never squeezes or spills the menu's tiles, on any panel.
    let found = crate::layout::audit(&k, "staff menu with the recovery note");
    assert!(found.is_empty(), "{found:#?}");
    k.tap_at(COMPACT, "知道了");
    assert!(!note_shown(&k, COMPACT));
}

/// #21 item 7: a store from a newer version started an empty station (no notices, no
/// charging tile, 未设置 PIN). Now it is shown read-only: the notices and slots are
/// there, the PIN works, and staff read the cause; a write is refused in words.
#[test]
fn a_store_from_a_newer_version_is_shown_read_only_and_staff_read_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let mut store = Store::open(&path).unwrap();
        relay_core::demo::load(&mut store, &t0()).unwrap();
        store.set_staff_pin(STAFF_PIN, "test").unwrap();
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let (store, _) = relay_kiosk::kiosk::open_store_or_memory(dir.path(), true).unwrap();
    assert!(store.read_only().is_some());
    let mut k = Kiosk::from_store(dir, store, Config::default());
    assert!(!k.app.board().notices.is_empty(), "the notices are shown");
    k.tap("手机充电");
    assert!(k.shows("A1"), "the slots are shown");
    k.tap("← 返回首页");
    k.log_in();
    let texts = k.texts(LANDSCAPE);
    assert!(
        texts
            .iter()
            .any(|t| t.contains("不能保存") && t.contains("版本更新")),
        "{texts:?}"
    );
    let found = crate::layout::audit(&k, "staff menu on a read-only store");
    assert!(found.is_empty(), "{found:#?}");
    check(&k, "staff-menu-read-only", LANDSCAPE);
    // 知道了 cannot be kept on a store that cannot be written: it is not offered.
    assert!(!k.shows("知道了"));
}
