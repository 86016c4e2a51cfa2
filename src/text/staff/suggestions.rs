//! The words of the staff suggestions page (意见建议).

pub const LOADING: &str = "正在读取……";
pub const EMPTY: &str = "还没有建议。";
pub const ANONYMOUS: &str = "匿名";
/// `编号 382 914 · 电话 139****5678`.
pub fn number_and(number: &str, who: &str) -> String {
    format!("编号 {number} · {who}")
}
pub fn phone(masked: &str) -> String {
    format!("电话 {masked}")
}
pub fn reply(reply: &str) -> String {
    format!("回复：{reply}")
}
pub const NO_REPLY: &str = "还没有回复";
pub const PUBLISHED: &str = "已公布";
pub const REPLY: &str = "回复";
pub const CHANGE_REPLY: &str = "修改回复";
pub const PUBLISH: &str = "公布";
pub const UNPUBLISH: &str = "取消公布";
pub const REPLY_FIELD: &str = "站里的回复（最多 200 字）";
/// The reply's field once the keyboard is closed: tapped, the keyboard opens again.
pub const TAP_TO_TYPE: &str = "点这里输入回复";
/// Above the reply: what it answers.
pub fn answering(suggestion: &str) -> String {
    format!("回复这条建议：{suggestion}")
}
pub const REPLIED: &str = "已保存回复";
pub const DONE_PUBLISH: &str = "已公布到「你说我办」";
pub const DONE_UNPUBLISH: &str = "已取消公布";
pub fn failed(e: &str) -> String {
    format!("没有保存：{e}")
}

/// The reply editor's buttons.
pub const SAVE: &str = "保存";
pub const CANCEL: &str = "取消";
