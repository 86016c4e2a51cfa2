//! The staff slots page's words (充电位管理). Chinese first; the state and connector
//! words come from the store's `zh()`.

/// Fault notes staff pick from (no typing needed); the one picked is saved as the
/// slot's fault note and shown on the charging screen.
pub const FAULT_NOTES: [&str; 5] = [
    "接口松动",
    "不通电",
    "充电线损坏",
    "充电很慢",
    "暂停使用，请找工作人员",
];

/// The last fault choice: staff type the note.
pub const OTHER_FAULT: &str = "其他（用键盘写）";
/// Its length is the store's `FAULT_NOTE_MAX_CHARS` (a test checks they agree).
pub const FAULT_NOTE_FIELD: &str = "故障说明（最多 20 字）";
pub const FAULT_NOTE_EMPTY: &str = "请写一句故障说明";
/// A time stored for the slot cannot be read (logged): what clears it.
pub const TIME_DAMAGED: &str = "时间有误（已记入日志）：强制释放或下一次上报后恢复";
pub const SAVE_FAULT: &str = "标记故障";

pub const EMPTY: &str = "还没有充电位。点“添加充电位”添加。";
pub const ADD: &str = "＋ 添加充电位";

// A slot's card and its buttons.

/// In a busy slot's details: `已 35 分钟`.
pub fn for_minutes(minutes: i64) -> String {
    format!("已 {minutes} 分钟")
}
pub const SAVING: &str = "正在保存…";
/// On a busy slot's row after wrong release codes.
pub fn wrong_codes(n: u32) -> String {
    format!("取件码输错 {n} 次")
}
pub const EDIT: &str = "修改";
pub const DELETE: &str = "删除";
pub const FORCE_RELEASE: &str = "强制释放";
pub const MARK_FAULT: &str = "标记故障";
pub const REPAIRED: &str = "已修复";
pub fn delete_question(label: &str) -> String {
    format!("确定删除充电位 {label} 吗？它的使用记录也会删除。")
}

// Choosing a fault note.

pub fn fault_question(label: &str) -> String {
    format!("{label} 出了什么问题？")
}
pub const CANCEL: &str = "取消";

// What just happened, in the page's header.

pub fn released(label: &str) -> String {
    format!("{label} 已释放")
}
pub fn fault_marked(label: &str, note: &str) -> String {
    format!("{label} 已标记故障：{note}")
}
pub fn repaired(label: &str) -> String {
    format!("{label} 已修复")
}
pub fn deleted(label: &str) -> String {
    format!("已删除充电位 {label}")
}
pub fn not_saved(why: &str) -> String {
    format!("没有保存：{why}")
}
