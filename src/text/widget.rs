//! The shared widgets' words (back button, pager, save and confirm buttons, badges,
//! keypad, on-screen keyboard, chart), used by every screen. Chinese first.

// Buttons and paging (`widget`).

/// The way home from every screen.
pub const HOME: &str = "← 返回首页";
pub const PREVIOUS_PAGE: &str = "‹ 上一页";
pub const NEXT_PAGE: &str = "下一页 ›";
/// Between the paging buttons; `page` counts from 1: `第 1 / 3 页`.
pub fn page_of(page: usize, pages: usize) -> String {
    format!("第 {page} / {pages} 页")
}
/// The same where the row is narrow.
pub fn page_short(page: usize, pages: usize) -> String {
    format!("{page} / {pages}")
}

// Badges and dialogs (`widget::badge`).

/// Beside a pinned notice's category.
pub const PINNED: &str = "置顶";
/// The no of a confirmation.
pub const CANCEL: &str = "取消";

// The numeric keypad (`widget::keypad`).

pub const KEYPAD_CLEAR: &str = "清除";
pub const KEYPAD_DELETE: &str = "删除";

// The on-screen keyboard (`widget::keyboard`).

pub const KEY_DELETE: &str = "删除";
/// The language key while typing Chinese.
pub const KEY_CHINESE: &str = "中 / 英";
/// The language key while typing English.
pub const KEY_ENGLISH: &str = "英 / 中";
/// The page key on the symbols page.
pub const KEY_LETTERS: &str = "字母";
/// The page key on the letters page.
pub const KEY_SYMBOLS: &str = "符号 123";
pub const KEY_SPACE: &str = "空格";
pub const KEY_CLEAR: &str = "清空";
pub const KEY_DONE: &str = "完成";
/// The candidate bar before typing, in Chinese.
pub const BAR_PINYIN: &str = "拼音";
/// The candidate bar's word while the digits and punctuation page is open.
pub const BAR_SYMBOLS: &str = "数字和标点";
/// The candidate bar before typing, in English.
pub const BAR_ENGLISH: &str = "English";
pub const NO_CANDIDATES: &str = "没有找到，按空格输入字母";

// The hourly chart (`widget::chart`).

/// Under every third bar: `9时`.
pub fn hour(hour: usize) -> String {
    format!("{hour}时")
}

// A part of a screen the store could not give (`widget::unavailable`).

pub const UNAVAILABLE: &str = "暂时无法显示，请联系工作人员";
pub const UNAVAILABLE_EN: &str = "Not available right now — please ask the staff";

/// Characters typed of the most a field takes: `12 / 100 字`.
pub fn chars_count(count: usize, max: usize) -> String {
    format!("{count} / {max} 字")
}

/// Digits typed of the most a number takes: `4 / 11 位`.
pub fn digits_count(count: usize, max: usize) -> String {
    format!("{count} / {max} 位")
}
