//! A new station set up from its own screen (issue 25 item 5): only the PIN was set from
//! a terminal; everything else by touch.

use crate::flows::type_keys;
use crate::scenarios::log_in;
use crate::{Kiosk, STAFF_PIN};
use relay_core::config::Config;
use relay_core::store::{DB_FILE, Store};

/// A real, empty station: no demo, the PIN set with `relay-kiosk staff set-pin`.
pub fn new_station() -> Kiosk {
    station_in(tempfile::tempdir().unwrap(), Config::default())
}

/// [`new_station`] in `dir`, with `config`.
fn station_in(dir: tempfile::TempDir, config: Config) -> Kiosk {
    let mut store = Store::open(&dir.path().join(DB_FILE)).unwrap();
    store.set_staff_pin(STAFF_PIN, "test").unwrap();
    Kiosk::from_store(dir, store, config)
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

#[test]
fn a_new_station_manages_its_book_categories_from_the_screen() {
    let mut k = new_station();
    log_in(&mut k);
    k.tap("图书");
    k.tap("分类");
    // A new store starts with a reading corner's eight.
    assert!(k.shows("共 8 个分类"));
    assert!(k.shows("党建工会") && k.shows("0 种书"));
    crate::snapshots::check(&k, "staff-categories", crate::LANDSCAPE);
    k.tap("＋ 新分类");
    type_keys(&mut k, "caipu");
    k.tap("菜谱");
    k.tap("完成");
    assert!(k.shows("已添加分类：菜谱"));
    assert!(k.shows("共 9 个分类"));
    // Remove an unused one (asking first), rename one.
    let id = |k: &Kiosk, name: &str| {
        k.store()
            .book_categories()
            .unwrap()
            .into_iter()
            .find(|c| c.name == name)
            .map(|c| c.id)
    };
    k.tap("删除");
    assert!(k.shows("删除分类“党建工会”吗？"));
    k.tap("取消");
    assert!(id(&k, "党建工会").is_some(), "取消 keeps it");
    k.tap("删除");
    k.tap("删除");
    assert!(k.shows("已删除分类：党建工会"));
    assert_eq!(id(&k, "党建工会"), None);
    assert!(k.shows("共 8 个分类"));
    k.tap("改名");
    k.tap("清空");
    type_keys(&mut k, "falv");
    k.tap("法律");
    type_keys(&mut k, "yuanzhu");
    k.tap("援助");
    k.tap("完成");
    assert!(k.shows("已改名为：法律援助"));
    assert!(id(&k, "法律援助").is_some() && id(&k, "法律维权").is_none());

    // A category made from the book form, chosen at once, the book filed under it.
    k.tap("‹ 返回图书");
    k.tap("＋ 添加图书");
    k.tap(relay_kiosk::text::staff::books::TAP_TITLE);
    type_keys(&mut k, "jiachangcai");
    k.tap("家常菜");
    k.tap("完成");
    k.tap("＋ 新分类");
    type_keys(&mut k, "yuanyi");
    k.tap("园艺");
    k.tap("完成");
    assert!(
        k.shows("✓ 园艺"),
        "the new category is a choice, and chosen"
    );
    crate::snapshots::check(&k, "staff-add-book-new-category", crate::LANDSCAPE);
    k.tap("保存");
    assert!(k.shows("已添加《家常菜》"));
    let book = k.store().books().unwrap().pop().unwrap();
    assert_eq!(book.category, "园艺");
    // A category with a book cannot be removed.
    k.wait(1);
    k.tap("分类");
    k.tap("下一页 ›"); // 园艺 is the last
    assert!(k.shows("园艺") && k.shows("1 种书"));
    assert!(k.shows("有书，不能删"));
}

#[test]
fn a_new_station_adds_its_slots_as_numbered_runs() {
    let mut k = new_station();
    log_in(&mut k);
    k.tap("充电位管理");
    k.tap("＋ 添加充电位");
    k.tap("点这里输入编号");
    k.tap("中 / 英");
    k.tap("a");
    k.tap("符号 123");
    k.tap("1");
    k.tap("完成");
    assert!(k.shows("将添加 A1"));
    for _ in 0..7 {
        k.tap("＋");
    }
    assert!(k.shows("将添加 A1–A8，共 8 个"));
    crate::snapshots::check(&k, "staff-slot-run", crate::LANDSCAPE);
    k.tap("保存");
    assert!(k.shows("已保存充电位 A1–A8"));
    // The battery bays: a second run.
    k.tap("＋ 添加充电位");
    k.tap("点这里输入编号");
    k.tap("中 / 英");
    k.tap("b");
    k.tap("完成");
    k.tap("＋");
    assert!(k.shows("将添加 B1–B2，共 2 个"));
    k.tap("电瓶");
    k.tap("保存");
    let slots = k.store().slots().unwrap();
    let labels: Vec<&str> = slots.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "B1", "B2"]
    );
    assert_eq!(slots[9].connector, relay_core::store::Connector::Battery);
    // The home tile counts the phone ports, not the battery bays.
    k.wait(1);
    k.tap("← 返回首页");
    let texts = k.texts(crate::LANDSCAPE);
    assert!(texts.iter().any(|t| t.contains("空闲 8/8")), "{texts:?}");
    // A run overlapping what exists adds nothing, and says which.
    log_in(&mut k);
    k.tap("充电位管理");
    k.tap("＋ 添加充电位");
    k.tap("点这里输入编号");
    k.tap("中 / 英");
    k.tap("a");
    k.tap("符号 123");
    k.tap("8");
    k.tap("完成");
    k.tap("＋");
    k.tap("保存");
    assert!(k.shows("没有保存：充电位 A8 已经有了，这一组都没有添加"));
    assert_eq!(k.store().slots().unwrap().len(), 10);
}

#[test]
fn a_new_station_imports_the_unions_spreadsheet_from_a_usb_stick() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    let stick = media.join("station").join("KINGSTON");
    std::fs::create_dir_all(&stick).unwrap();
    std::fs::write(
        stick.join("捐书.csv"),
        "书名,作者,分类,位置,数量\n家常菜谱,佚名,菜谱,F 架第 1 层,2\n骆驼祥子,老舍,文学小说,D 架第 3 层,1\n",
    )
    .unwrap();
    std::fs::write(stick.join("坏表.csv"), "书名,数量\n好书,1\n坏书,三本\n").unwrap();
    let config = Config {
        import_dirs: vec![media],
        ..Config::default()
    };
    let mut k = station_in(dir, config);
    log_in(&mut k);
    k.tap("图书");
    k.tap("从U盘导入");
    assert!(k.shows("找到 2 个表格"));
    let found = crate::layout::audit(&k, "book import, the files found");
    assert!(found.is_empty(), "{found:#?}");
    // A bad file: every problem with its row, nothing written, another file offered.
    k.tap("坏表.csv");
    assert!(k.shows("这个表格不能导入，什么都没有改。请在电脑上改好再试："));
    let texts = k.texts(crate::LANDSCAPE);
    assert!(texts.iter().any(|t| t.contains("第 3 行")), "{texts:?}");
    assert!(!k.shows("导入这 2 行"));
    k.tap("换一个表格");
    // The good one: what it would add first, then all of it.
    k.tap("捐书.csv");
    assert!(k.shows("共 2 行（CSV UTF-8）：新书 2 种，按 ISBN 合并 0 行，共 3 本"));
    assert!(k.shows("将新建分类：菜谱"));
    crate::snapshots::check(&k, "staff-book-import-preview", crate::LANDSCAPE);
    let found = crate::layout::audit(&k, "book import preview");
    assert!(found.is_empty(), "{found:#?}");
    assert!(
        k.store().books().unwrap().is_empty(),
        "a preview writes nothing"
    );
    k.tap("导入这 2 行");
    assert!(k.shows("已导入 2 行：新书 2 种，共 3 本"));
    let books = k.store().books().unwrap();
    assert_eq!(books.len(), 2);
    assert_eq!(books[0].category, "菜谱");
}

#[test]
fn without_a_stick_the_import_page_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        import_dirs: vec![dir.path().join("nothing-mounted")],
        ..Config::default()
    };
    let mut k = station_in(dir, config);
    log_in(&mut k);
    k.tap("图书");
    k.tap("从U盘导入");
    assert!(k.shows("找到 0 个表格"));
    assert!(k.shows(relay_kiosk::text::staff::book_import::NONE_FOUND));
}
