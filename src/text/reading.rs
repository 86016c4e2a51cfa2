//! The reading corner's words (阅读角): search, browse, a book's page, borrowing and
//! returning. Chinese first, English second where shown.

use chrono::{Datelike, NaiveDate};

pub const TITLE: &str = "阅读角";
pub const TITLE_EN: &str = "Reading corner";

/// The home tile's second line: `在架 76 本 · 借出 4 本`.
pub fn home_line(in_shelf: u32, out: u32) -> String {
    format!("在架 {in_shelf} 本 · 借出 {out} 本")
}
/// Elder mode on a small panel: `在架 76 本`.
pub fn home_line_tight(in_shelf: u32) -> String {
    format!("在架 {in_shelf} 本")
}
/// The same where space is short: `在架 76 · 借出 4`.
pub fn home_line_short(in_shelf: u32, out: u32) -> String {
    format!("在架 {in_shelf} · 借出 {out}")
}

// The front page.
pub const SEARCH_HINT: &str = "点这里找书：书名、作者、拼音首字母都行";
pub const SEARCH_HINT_SHORT: &str = "点这里找书（书名、作者、拼音）";
pub const SEARCH_FIELD: &str = "找书：打书名、作者，或拼音首字母（如 hlm）";
pub const CATEGORIES: &str = "按分类找 · Categories";
/// A category tile's second line: `12 种 · 在架 10 本` (titles, copies in).
pub fn category_count(books: u32, in_shelf: u32) -> String {
    format!("{books} 种 · 在架 {in_shelf} 本")
}
pub const NEWEST: &str = "新到图书 · New";
pub const POPULAR: &str = "大家都在看 · Popular";
pub const RETURN: &str = "还书";
pub const RETURN_EN: &str = "Return a book";
pub const LOADING: &str = "正在整理书架…";
pub const EMPTY_SHELF: &str = "书架上还没有书，工作人员正在整理。";

// Search.
/// `找到 3 本`.
pub fn found(n: usize) -> String {
    format!("找到 {n} 本")
}
/// `“hlm” 的结果`.
pub fn results_for(query: &str) -> String {
    format!("“{query}” 的结果")
}
pub const TYPE_TO_SEARCH: &str = "打字就会出结果";
pub fn no_results(query: &str) -> String {
    format!("没有找到 “{query}” 的书。换个字试试，或者按分类找：")
}
pub const NO_RESULTS_SHORT: &str = "没有找到，换个字试试";
pub const SHOW_ALL: &str = "看全部结果";
pub const EDIT_SEARCH: &str = "改一改";
pub const CLEAR_SEARCH: &str = "清空";
/// A title as it appears in a result or a list: `《红楼梦》`.
pub fn quoted(title: &str) -> String {
    format!("《{title}》")
}

// A book's card and page.
/// `在架 2 本`, or that all are out.
/// Under a book in the list of books to return: how many are out (what is on the shelf
/// means nothing to someone holding a copy).
pub fn out_count(out: u32) -> String {
    format!("借出 {out} 本")
}
pub fn availability(copies: u32, out: u32) -> String {
    let in_shelf = copies.saturating_sub(out);
    if in_shelf > 0 {
        format!("在架 {in_shelf} 本")
    } else if copies == 0 {
        "暂时没有".into()
    } else {
        "全部借出".into()
    }
}
pub const AUTHOR: &str = "作者";
pub const SHELF: &str = "在书架上的位置";
/// The same, beside the place on a small panel in elder mode.
pub const SHELF_SHORT: &str = "位置";
pub const ALL_OUT: &str = "这本书都被借走了，过几天再来看看。";
pub const BORROW: &str = "借走这本";
pub const BORROW_EN: &str = "Borrow";
pub const RETURN_THIS: &str = "还这本书";
pub const BACK: &str = "‹ 返回";
pub const BACK_TO_CORNER: &str = "‹ 阅读角";
pub const BOOK_GONE: &str = "这本书刚被工作人员下架了。";

// Borrowing.
pub const WHO: &str = "借书登记：选你的姓";
pub const WHO_NOTE: &str = "只有工作人员能看到，还书 90 天后删除。";
pub const OTHER_SURNAME: &str = "其他姓（用键盘）";
pub const SURNAME_FIELD: &str = "你的姓（1–2 个字）";
pub const SURNAME_MISSING: &str = "请选你的姓";
pub const DIGITS: &str = "手机号后 4 位";
pub const DIGITS_NOTE: &str = "还书时输入同样的 4 位数字。";
pub const DIGITS_MISSING: &str = "请输入手机号的后 4 位数字";
pub const CONFIRM_BORROW: &str = "确认借书";
pub const BORROWING: &str = "正在登记…";
pub const BORROWED: &str = "借好了，请带走这本书";
pub const DUE: &str = "请在这一天之前还回来：";
/// `2027 年 1 月 14 日`, big.
pub fn due_date(due: NaiveDate) -> String {
    format!("{} 年 {} 月 {} 日", due.year(), due.month(), due.day())
}
/// `星期四`, under the date.
pub fn due_weekday(due: NaiveDate) -> String {
    let days = ["一", "二", "三", "四", "五", "六", "日"];
    format!(
        "星期{}",
        days[due.weekday().num_days_from_monday() as usize]
    )
}
/// `可以借 30 天`.
pub fn loan_days(days: u32) -> String {
    format!("可以借 {days} 天，看完放回阅读角，在屏幕上点“还书”。")
}
pub const DONE: &str = "好的";
pub fn failed(e: &str) -> String {
    format!("没有成功：{e}")
}

// Returning.
pub const RETURN_PICK: &str = "还哪一本？点书名，或者上面搜一下";
pub const NOTHING_OUT: &str = "现在没有借出的书。";
pub const RETURN_DIGITS: &str = "借书时输入的手机号后 4 位";
pub const CONFIRM_RETURN: &str = "确认还书";
pub const RETURNING: &str = "正在登记…";
pub const RETURNED: &str = "书还好了，谢谢你！";
/// Where the returned book goes: `请放回 E 架第 2 层`.
pub fn put_back(shelf: &str) -> String {
    format!("请放回 {shelf}")
}
pub fn returned_late(days: u32) -> String {
    format!("晚了 {days} 天也没关系，谢谢你还回来。")
}
pub const RETURNED_NOTE: &str = "请把书放回书架上原来的位置。";
pub const SHELVED: &str = "谢谢你！书已经收下了";
pub const SHELVED_NOTE: &str =
    "这里没有查到对应的借书记录，我们先登记为放回书架，工作人员会核对，你不用担心。";

/// The ~60 commonest surnames, to pick by touch.
pub const SURNAMES: [&str; 60] = super::surnames::COMMON;
