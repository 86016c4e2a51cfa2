//! The notice editor's words (新建通知 / 编辑通知). Chinese first; the category words
//! come from `Category::zh`.

pub const SAVE: &str = "保存";
/// 保存 while the store writes.
pub const SAVING: &str = "正在保存…";
pub const CANCEL: &str = "取消";

// The form's lines.

pub const TITLE: &str = "标题";
pub const TITLE_PLACEHOLDER: &str = "点这里输入标题";
pub const BODY: &str = "正文";
pub const BODY_PLACEHOLDER: &str = "点这里输入正文";
pub const CATEGORY: &str = "类别";
pub const FROM: &str = "开始日期";
pub const UNTIL: &str = "结束日期";
pub const DAYS: &str = "星期";
pub const HOURS: &str = "每天时段";
pub const OTHER: &str = "其他";

// Above the on-screen keyboard while the title is typed (the body shows [`BODY`]).

pub const TITLE_TYPING: &str = "标题（最多 40 字）";
pub const TITLE_TYPING_PLACEHOLDER: &str = "在下面的键盘上输入标题";

// Dates.

/// A day as the editor shows it: `2026年11月29日 星期日`.
pub fn date(year: i32, month: u32, day: u32, weekday: &str) -> String {
    format!("{year}年{month}月{day}日 {weekday}")
}
pub const PREVIOUS_DAY: &str = "‹ 前一天";
pub const NEXT_DAY: &str = "后一天 ›";
pub const TODAY: &str = "今天";
pub const FOR_7_DAYS: &str = "共 7 天";
pub const FOR_30_DAYS: &str = "共 30 天";
/// Both the end date when there is none and the button that removes it.
pub const NO_END: &str = "不设结束";

// Weekdays and daily hours.

pub const EVERY_DAY: &str = "每天";
/// Monday to Sunday.
pub const WEEKDAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
pub const ALL_DAY: &str = "全天";
pub const SET_HOURS: &str = "设定时段";
/// Daily-hours presets that fit the notices, in minutes from midnight: 白天, 晚上 and
/// 夜间 across midnight.
pub const HOUR_PRESETS: [(&str, u16, u16); 3] = [
    ("白天", 8 * 60, 18 * 60),
    ("晚上", 18 * 60, 22 * 60),
    ("夜间", 18 * 60, 8 * 60),
];
/// The buttons that open the hour picker: `从 08:00`, `到 20:00`.
pub fn from_at(hhmm: &str) -> String {
    format!("从 {hhmm}")
}
pub fn until_at(hhmm: &str) -> String {
    format!("到 {hhmm}")
}
/// The hour picker's heading.
pub const PICK_FROM: &str = "每天从几点开始显示？";
pub const PICK_UNTIL: &str = "每天到几点停止显示？";
pub const PICK_HINT: &str = "先选整点或半点，再点钟点；过了半夜也可以（如 18:00 到 08:00）。";
pub const ON_THE_HOUR: &str = "整点 :00";
pub const ON_THE_HALF: &str = "半点 :30";
pub const PICK_CANCEL: &str = "不改，返回";
/// The same where the picker is seven across (elder mode on a short panel).
pub const PICK_BACK: &str = "返回";

// Other.

pub const PIN: &str = "置顶";
pub const PRIORITY: &str = "优先级";

// What happened.

pub const INVALID_DATE: &str = "日期无效";
pub fn saved(title: &str) -> String {
    format!("已保存：{title}")
}
pub fn not_saved(why: &str) -> String {
    format!("没有保存：{why}")
}

/// Above the body while it is typed: the notice it belongs to.
pub fn typing_under(title: &str) -> String {
    format!("《{title}》")
}
pub const NO_TITLE_YET: &str = "（还没有标题）";
