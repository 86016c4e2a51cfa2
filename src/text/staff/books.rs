//! The words of the staff reading-corner pages: 图书 (the catalogue and 添加图书) and
//! 借阅 (loans out, overdue, visitor returns).

pub const LOADING: &str = "正在读取……";
pub const EMPTY: &str = "还没有图书。可以在这里添加，或用命令 relay-kiosk book import 导入表格。";
pub const ADD: &str = "＋ 添加图书";
/// A book's row: `在架 2 / 共 3 本 · B 架第 2 层` (the shelf comes with the details).
pub fn copies(in_shelf: u32, copies: u32) -> String {
    format!("在架 {in_shelf} / 共 {copies} 本")
}
pub fn count(n: usize) -> String {
    format!("共 {n} 种")
}

// 添加图书.
pub const ISBN: &str = "ISBN";
pub const ISBN_FIELD: &str = "ISBN（10 位或 13 位，扫码后按回车）";
pub const ISBN_EMPTY: &str = "扫码或点这里输入（可不填）";
pub fn isbn_ok(isbn: &str) -> String {
    format!("ISBN {isbn} ✓")
}
pub fn already_have(title: &str, copies: u32) -> String {
    format!("这本书已经有了：《{title}》，共 {copies} 本。")
}
pub const ADD_COPY: &str = "再加 1 本";
/// The last of the category choices: types a name and makes the category.
pub const NEW_CATEGORY: &str = "＋ 新分类";
pub const NEW_CATEGORY_FIELD: &str = "新分类的名字（最多 12 字）";
pub fn category_not_made(e: &str) -> String {
    format!("没有添加分类：{e}")
}
pub fn copy_added(title: &str) -> String {
    format!("已给《{title}》加了 1 本")
}
pub const TITLE: &str = "书名";
pub const TITLE_FIELD: &str = "书名（最多 60 字）";
pub const TAP_TITLE: &str = "点这里用键盘写书名";
pub const AUTHOR: &str = "作者";
pub const AUTHOR_FIELD: &str = "作者（最多 40 字）";
pub const TAP_AUTHOR: &str = "点这里写作者（不知道可以空着）";
pub const CATEGORY: &str = "分类";
pub const SHELF: &str = "位置：哪个书架，第几层";
pub const SHELVES: [&str; 6] = ["A", "B", "C", "D", "E", "F"];
pub fn shelf_name(rack: &str) -> String {
    format!("{rack} 架")
}
pub fn level_name(level: u32) -> String {
    format!("第 {level} 层")
}
/// What is stored: `B 架第 2 层`.
pub fn shelf(rack: &str, level: u32) -> String {
    format!("{rack} 架第 {level} 层")
}
pub const COPIES: &str = "数量";
pub fn copies_n(n: u32) -> String {
    format!("{n} 本")
}
pub const SAVE: &str = "保存";
pub const SAVING: &str = "正在保存…";
pub const CANCEL: &str = "取消";
pub const TITLE_MISSING: &str = "请写上书名";
pub fn added(title: &str) -> String {
    format!("已添加《{title}》")
}
pub fn failed(e: &str) -> String {
    format!("没有保存：{e}")
}

// 借阅.
pub const LOANS_EMPTY: &str = "现在没有借出的书。";
pub const VISITOR_RETURNS: &str = "读者还回、没有对上借书记录的（请核对后确认入架）";
/// A loan's line for staff: `王 · 尾号 1234 · 12 月 1 日借 · 12 月 31 日到期`.
pub fn loan_line(surname: &str, tail: &str, lent: &str, due: &str) -> String {
    format!("{surname} · 尾号 {tail} · {lent}借 · {due}到期")
}
pub fn overdue(days: u32) -> String {
    format!("逾期 {days} 天")
}
pub fn returned_at(at: &str) -> String {
    format!("{at} 放回")
}
pub const MARK_RETURNED: &str = "已还";
pub const MARK_LOST: &str = "丢失";
pub const CONFIRM_SHELVED: &str = "确认入架";
pub const TO_CHECK: &str = "待核对";
pub const DONE_RETURNED: &str = "已记为还回";
pub const DONE_LOST: &str = "已记为丢失，书的数量减 1";
pub const DONE_SHELVED: &str = "已确认入架，书的数量加 1";
pub const WORKING: &str = "正在保存…";

/// Looks the typed ISBN up (its check digit and the catalogue).
pub const CHECK_ISBN: &str = "确定";

/// A loan's date on the loans page: `3 月 5 日`.
pub fn day(date: chrono::NaiveDate) -> String {
    date.format("%-m 月 %-d 日").to_string()
}
