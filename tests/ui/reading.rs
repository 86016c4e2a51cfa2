//! The reading corner (阅读角) by touch: search by initials tapped on the keyboard,
//! open a book, borrow it with a surname and four digits, return it with the digits;
//! a return nobody lent; staff adding a book by scanning its ISBN; and the snapshots.

use crate::flows::type_keys;
use crate::{COMPACT, Kiosk, LANDSCAPE, PORTRAIT};
use iced::Size;
use relay_core::books::Catalog;
use relay_core::store::NewBook;
use relay_kiosk::app::Message;
use relay_kiosk::screen::Typed;

const SEARCH: &str = "点这里找书：书名、作者、拼音首字母都行";
const SEARCH_SHORT: &str = "点这里找书（书名、作者、拼音）";

/// The demo kiosk, with 红楼梦 on the shelf (two copies, one of them in).
fn kiosk() -> Kiosk {
    let k = Kiosk::new();
    {
        let mut store = k.store();
        let now = k.now.to_utc();
        let catalog = Catalog::load(&store, now).unwrap();
        let found = catalog
            .search("红楼梦")
            .into_iter()
            .any(|id| catalog.card(id).is_some_and(|c| c.title == "红楼梦"));
        if !found {
            store
                .book_add(
                    &NewBook {
                        title: "红楼梦".into(),
                        author: "曹雪芹".into(),
                        category: Some("文学小说".into()),
                        shelf: "B 架第 2 层".into(),
                        copies: 2,
                        summary: "贾宝玉和林黛玉的故事。".into(),
                        ..NewBook::default()
                    },
                    now,
                )
                .unwrap();
        }
    }
    let mut k = k;
    k.wait(1);
    k
}

fn open_corner(k: &mut Kiosk) {
    k.tap("阅读角");
    assert_eq!(k.app.showing(), relay_kiosk::app::Showing::Reading);
}

/// Taps h, l, m on the keyboard; 红楼梦 shows among the results as the letters land.
fn search_hlm(k: &mut Kiosk) {
    k.tap(SEARCH);
    k.tap("h");
    k.tap("l");
    let texts = k.texts(LANDSCAPE);
    assert!(texts.iter().any(|t| t == "hl▏"), "{texts:?}");
    k.tap("m");
    assert!(
        k.shows("《红楼梦》"),
        "hlm finds 红楼梦 by its initials while the keyboard composes"
    );
}

fn hlm_id(k: &Kiosk) -> i64 {
    let catalog = k.app.board().catalog().unwrap();
    catalog
        .search("红楼梦")
        .into_iter()
        .find(|&id| catalog.card(id).is_some_and(|c| c.title == "红楼梦"))
        .unwrap()
}

fn tap_digits(k: &mut Kiosk, digits: &str) {
    for d in digits.chars() {
        k.tap(&d.to_string());
    }
}

#[test]
fn search_borrow_and_return_by_touch() {
    let mut k = kiosk();
    open_corner(&mut k);
    search_hlm(&mut k);
    k.tap("《红楼梦》");
    assert!(k.shows("B 架第 2 层") || k.texts(LANDSCAPE).iter().any(|t| t.contains("架")));
    let id = hlm_id(&k);
    let before = k.app.board().catalog().unwrap().card(id).unwrap().out;
    k.tap("借走这本");
    k.tap("王");
    // The surname is gone once the digits are typed.
    assert!(!k.shows("王"));
    tap_digits(&mut k, "1234");
    k.tap("确认借书");
    assert!(k.shows("借好了，请带走这本书"));
    // 15 December 2026 + 30 days.
    assert!(k.shows("2027 年 1 月 14 日") && k.shows("星期四"));
    let texts = k.texts(LANDSCAPE).join(" ");
    assert!(!texts.contains("1234") && !texts.contains('王'), "{texts}");
    let loans = k.store().loans_out(k.now.to_utc()).unwrap();
    assert!(
        loans
            .iter()
            .any(|l| l.book_id == id && l.surname == "王" && l.phone_tail == "1234")
    );
    k.wait(1);
    assert_eq!(
        k.app.board().catalog().unwrap().card(id).unwrap().out,
        before + 1,
        "the catalogue follows the loan"
    );
    k.tap("好的");
    // 还书: the books out say how many are out, not what is on the shelf.
    k.tap("还书");
    let texts = k.texts(LANDSCAPE);
    assert!(texts.iter().any(|t| t.starts_with("借出 ")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.starts_with("在架")), "{texts:?}");
    // Find it by search, the same digits, done.
    search_hlm(&mut k);
    k.tap("《红楼梦》");
    tap_digits(&mut k, "1234");
    let visitors = k.store().visitor_returns().unwrap().len();
    k.tap("确认还书");
    assert!(k.shows("书还好了，谢谢你！"));
    // It says where the book goes, as its page does.
    let shelf = k.store().book(id).unwrap().shelf;
    assert!(!shelf.is_empty());
    assert!(
        k.shows(&format!("请放回 {shelf}")),
        "{:?}",
        k.texts(LANDSCAPE)
    );
    crate::snapshots::check(&k, "reading-returned", LANDSCAPE);
    let loans = k.store().loans_out(k.now.to_utc()).unwrap();
    assert!(
        !loans
            .iter()
            .any(|l| l.book_id == id && l.phone_tail == "1234")
    );
    assert_eq!(k.store().visitor_returns().unwrap().len(), visitors);
    k.tap("好的");
    assert!(k.shows(SEARCH), "back on a fresh front page");
}

#[test]
fn a_book_out_is_returned_from_the_list_of_books_out() {
    let mut k = kiosk();
    let id = hlm_id(&k);
    k.store()
        .book_lend(id, "李", "5678", k.now.to_utc(), 30)
        .unwrap();
    k.wait(1);
    open_corner(&mut k);
    k.tap("还书");
    assert!(k.shows("还哪一本？点书名，或者上面搜一下"));
    k.tap("红楼梦");
    tap_digits(&mut k, "5678");
    k.tap("确认还书");
    assert!(k.shows("书还好了，谢谢你！"));
}

#[test]
fn an_unknown_return_is_shelved_with_thanks() {
    let mut k = kiosk();
    open_corner(&mut k);
    search_hlm(&mut k);
    k.tap("《红楼梦》");
    k.tap("还这本书");
    tap_digits(&mut k, "9999");
    let before = k.store().visitor_returns().unwrap().len();
    k.tap("确认还书");
    assert!(k.shows("谢谢你！书已经收下了"), "not refused");
    let returns = k.store().visitor_returns().unwrap();
    assert_eq!(returns.len(), before + 1);
    assert!(returns.iter().any(|r| r.title == "红楼梦"));
    // Staff see it on 借阅 and confirm it onto the shelf.
    k.tap("好的");
    k.tap("← 返回首页");
    k.log_in();
    k.tap("Loans");
    assert!(k.shows("待核对"));
    k.tap("确认入架");
    assert!(k.shows("已确认入架，书的数量加 1"));
    assert_eq!(k.store().visitor_returns().unwrap().len(), before);
}

#[test]
fn no_results_say_so_and_offer_the_categories() {
    let mut k = kiosk();
    open_corner(&mut k);
    k.tap(SEARCH);
    type_keys(&mut k, "xqzw");
    k.tap("完成");
    let texts = k.texts(LANDSCAPE);
    assert!(
        texts
            .iter()
            .any(|t| t == "没有找到 “xqzw” 的书。换个字试试，或者按分类找："),
        "{texts:?}"
    );
    assert!(k.texts(LANDSCAPE).iter().any(|t| t == "文学小说"));
}

#[test]
fn the_idle_reset_forgets_the_search() {
    let mut k = kiosk();
    open_corner(&mut k);
    k.tap(SEARCH);
    type_keys(&mut k, "hlm");
    k.wait(100);
    assert_eq!(k.app.showing(), relay_kiosk::app::Showing::Home);
    open_corner(&mut k);
    assert!(k.shows(SEARCH), "nothing typed survives");
}

fn scan(k: &mut Kiosk, isbn: &str) {
    for c in isbn.chars() {
        k.send(Message::Typed(Typed::Char(c)));
    }
    k.send(Message::Typed(Typed::Enter));
}

#[test]
fn staff_add_a_book_by_scanning_its_isbn() {
    let mut k = kiosk();
    k.log_in();
    k.tap("图书");
    k.tap("＋ 添加图书");
    scan(&mut k, "9787302134527");
    assert!(k.shows("ISBN 9787302134527 ✓"));
    k.tap("点这里用键盘写书名");
    k.tap("中 / 英");
    type_keys(&mut k, "rust");
    k.tap("完成");
    k.tap("文学小说");
    k.tap("C 架");
    k.tap("第 3 层");
    k.tap("保存");
    assert!(k.shows("已添加《rust》"));
    let book = k.store().book_by_isbn("9787302134527").unwrap().unwrap();
    assert_eq!(book.title, "rust");
    assert_eq!(book.shelf, "C 架第 3 层");
    assert_eq!(book.category, "文学小说");
    // The kiosk's catalogue has it at once.
    k.wait(1);
    assert!(k.app.board().catalog().unwrap().card(book.id).is_some());
}

/// With a USB keyboard plugged in, staff type the title's pinyin on it: letters compose,
/// space takes the best guess, Enter is 完成.
#[test]
fn staff_type_a_title_on_a_physical_keyboard() {
    let mut k = kiosk();
    k.log_in();
    k.tap("图书");
    k.tap("＋ 添加图书");
    k.tap("点这里用键盘写书名");
    for c in "Jiaotong anquan".chars() {
        k.send(Message::Typed(Typed::Char(c)));
    }
    k.send(Message::Typed(Typed::Enter));
    k.tap("保存");
    assert!(k.shows("已添加《交通安全》"), "{:?}", k.texts(LANDSCAPE));
}

/// In the reading corner, letters typed on a physical keyboard search as taps do.
#[test]
fn a_physical_keyboard_searches_the_reading_corner() {
    let mut k = kiosk();
    open_corner(&mut k);
    for c in "hlm".chars() {
        k.send(Message::Typed(Typed::Char(c)));
    }
    assert!(k.shows("《红楼梦》"), "{:?}", k.texts(LANDSCAPE));
    // Enter closes the keyboard and keeps the letters: the results stay.
    k.send(Message::Typed(Typed::Enter));
    assert!(k.texts(LANDSCAPE).iter().any(|t| t.contains("红楼梦")));
    assert!(!k.shows("完成"));
}

#[test]
fn a_wrong_isbn_checksum_gets_a_chinese_message() {
    let mut k = kiosk();
    k.log_in();
    k.tap("图书");
    k.tap("＋ 添加图书");
    scan(&mut k, "9787302134528");
    let texts = k.texts(LANDSCAPE);
    assert!(texts.iter().any(|t| t.contains("校验位不对")), "{texts:?}");
    assert!(k.store().book_by_isbn("9787302134527").unwrap().is_none());
    // The next scan starts afresh.
    scan(&mut k, "9787302134527");
    assert!(k.shows("ISBN 9787302134527 ✓"));
}

/// On a small panel in elder mode the book's page keeps where it stands on the shelf on
/// the first page and pages the summary after it, instead of scrolling it away.
#[test]
fn a_small_elder_book_page_pages_its_summary() {
    let mut k = at(COMPACT, true, book);
    let summary = k
        .store()
        .book(hlm_id(&k))
        .unwrap()
        .summary
        .trim()
        .to_string();
    assert!(!summary.is_empty());
    let texts = k.texts(COMPACT);
    assert!(
        texts
            .iter()
            .any(|t| t == "D 架第 1 层" || t == "B 架第 2 层"),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t == "1 / 2"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains(&summary)), "{texts:?}");
    k.tap_at(COMPACT, "下一页 ›");
    let texts = k.texts(COMPACT);
    assert!(texts.iter().any(|t| t.contains(&summary)), "{texts:?}");
    assert!(texts.iter().any(|t| t == "2 / 2"), "{texts:?}");
    // A big panel shows it all at once.
    let k = at(LANDSCAPE, false, book);
    let texts = k.texts(LANDSCAPE);
    assert!(texts.iter().any(|t| t.contains(&summary)), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("下一页")), "{texts:?}");
}

// Snapshots: the front page, a category grid, search results, a book page and the
// borrow confirmation, landscape, portrait and elder 1280×800.

fn at(size: Size, elder: bool, go: impl Fn(&mut Kiosk, Size)) -> Kiosk {
    let mut k = kiosk();
    if elder {
        k.tap("长辈模式");
    }
    k.tap_at(size, "阅读角");
    go(&mut k, size);
    k
}

fn search_field(k: &mut Kiosk, size: Size) {
    let label = if size == LANDSCAPE {
        SEARCH
    } else {
        SEARCH_SHORT
    };
    k.tap_at(size, label);
}

fn front(_: &mut Kiosk, _: Size) {}

fn category(k: &mut Kiosk, size: Size) {
    k.tap_at(size, "文学小说");
}

fn typed_hlm(k: &mut Kiosk, size: Size) {
    search_field(k, size);
    for c in "hlm".chars() {
        k.tap_at(size, &c.to_string());
    }
}

fn results(k: &mut Kiosk, size: Size) {
    typed_hlm(k, size);
    k.tap_at(size, "看全部结果");
}

fn book(k: &mut Kiosk, size: Size) {
    typed_hlm(k, size);
    k.tap_at(size, "《红楼梦》");
}

fn borrowed(k: &mut Kiosk, size: Size) {
    book(k, size);
    k.tap_at(size, "借走这本");
    k.tap_at(size, "王");
    for d in "1234".chars() {
        k.tap_at(size, &d.to_string());
    }
    k.tap_at(size, "确认借书");
}

type Go = fn(&mut Kiosk, Size);

const SCREENS: [(&str, Go); 6] = [
    ("front", front),
    ("typing", typed_hlm),
    ("category", category),
    ("results", results),
    ("book", book),
    ("borrowed", borrowed),
];

fn snap(name: &str, size: Size, elder: bool, suffix: &str) {
    let (_, go) = SCREENS.iter().find(|(n, _)| *n == name).unwrap();
    let k = at(size, elder, *go);
    crate::snapshots::check(&k, &format!("reading-{name}-{suffix}"), size);
}

macro_rules! snapshots {
    ($($test:ident: $name:literal, $size:expr, $elder:expr, $suffix:literal;)*) => {
        $(
            #[test]
            fn $test() {
                snap($name, $size, $elder, $suffix);
            }
        )*
    };
}

snapshots! {
    snapshot_front_landscape: "front", LANDSCAPE, false, "landscape";
    snapshot_front_portrait: "front", PORTRAIT, false, "portrait";
    snapshot_front_elder: "front", COMPACT, true, "1280x800-elder";
    snapshot_category_landscape: "category", LANDSCAPE, false, "landscape";
    snapshot_category_portrait: "category", PORTRAIT, false, "portrait";
    snapshot_category_elder: "category", COMPACT, true, "1280x800-elder";
    snapshot_results_landscape: "results", LANDSCAPE, false, "landscape";
    snapshot_results_portrait: "results", PORTRAIT, false, "portrait";
    snapshot_results_elder: "results", COMPACT, true, "1280x800-elder";
    snapshot_typing_landscape: "typing", LANDSCAPE, false, "landscape";
    snapshot_typing_portrait: "typing", PORTRAIT, false, "portrait";
    snapshot_typing_elder: "typing", COMPACT, true, "1280x800-elder";
    snapshot_book_landscape: "book", LANDSCAPE, false, "landscape";
    snapshot_book_portrait: "book", PORTRAIT, false, "portrait";
    snapshot_book_elder: "book", COMPACT, true, "1280x800-elder";
    snapshot_borrowed_landscape: "borrowed", LANDSCAPE, false, "landscape";
    snapshot_borrowed_portrait: "borrowed", PORTRAIT, false, "portrait";
    snapshot_borrowed_elder: "borrowed", COMPACT, true, "1280x800-elder";
}

#[test]
fn staff_mark_loans_returned_or_lost_and_see_the_figures() {
    let mut k = kiosk();
    let now = k.now.to_utc();
    let out = k.store().loans_out(now).unwrap().len();
    assert!(out >= 2, "the demo lends a few books");
    k.log_in();
    k.tap("Loans");
    // Staff pages show who borrowed (surname and phone tail); overdue first.
    assert!(k.texts(LANDSCAPE).iter().any(|t| t.contains("尾号")));
    assert!(k.texts(LANDSCAPE).iter().any(|t| t.starts_with("逾期")));
    k.tap("已还");
    assert!(k.shows("已记为还回"));
    assert_eq!(k.store().loans_out(now).unwrap().len(), out - 1);
    let lost = k.store().loans_out(now).unwrap()[0].clone();
    let copies = k.store().book(lost.book_id).unwrap().copies;
    k.wait(3); // the list settles after a change (issue 26)
    k.tap("丢失");
    assert!(k.shows("已记为丢失，书的数量减 1"));
    assert_eq!(k.store().loans_out(now).unwrap().len(), out - 2);
    assert_eq!(k.store().book(lost.book_id).unwrap().copies, copies - 1);
    // The statistics page has the reading corner's figures.
    k.tap("‹ 工作人员菜单");
    k.tap("使用统计");
    assert!(k.shows("阅读角本月借出"));
    assert!(
        k.texts(LANDSCAPE)
            .iter()
            .any(|t| t.starts_with("借得最多的书：《"))
    );
}
