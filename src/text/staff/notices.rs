//! The staff notices page's words (通知管理). Chinese first; the state and category
//! words come from the store's `zh()`.

pub const LOADING: &str = "正在读取……";
pub const EMPTY: &str = "还没有通知。点“新建通知”，或用命令 relay-kiosk notice add 添加。";
pub const NEW: &str = "＋ 新建通知";

// A notice's buttons.

pub const EDIT: &str = "编辑";
pub const PIN: &str = "置顶";
pub const UNPIN: &str = "取消置顶";
pub const UNPUBLISH: &str = "下架";
pub const REPUBLISH: &str = "重新发布";
pub const DELETE: &str = "删除";
pub const SAVING: &str = "正在保存…";
/// On the card of the notice staff just saved (it is put first, on page 1).
pub const JUST_SAVED: &str = "刚保存";
pub fn delete_question(title: &str) -> String {
    format!("确定删除“{title}”吗？删除后不能恢复。")
}

// What just happened, in the page's header.

pub const PINNED: &str = "已置顶";
pub const UNPINNED: &str = "已取消置顶";
pub const REPUBLISHED: &str = "已重新发布";
pub const UNPUBLISHED: &str = "已下架";
pub const DELETED: &str = "已删除";
pub fn load_failed(why: &str) -> String {
    format!("读取通知失败：{why}")
}
pub fn not_saved(why: &str) -> String {
    format!("没有保存：{why}")
}
