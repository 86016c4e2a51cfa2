//! The words of 图书 › 分类: the reading corner's categories.

pub const OPEN: &str = "分类";
pub const TITLE: &str = "图书分类";
pub const TITLE_EN: &str = "Book categories";
pub const LOADING: &str = "正在读取……";
pub const EMPTY: &str = "还没有分类。";
pub const NEW: &str = "＋ 新分类";
pub const RENAME: &str = "改名";
pub const REMOVE: &str = "删除";
pub const IN_USE: &str = "有书，不能删";
pub const NAME_FIELD: &str = "分类名（最多 12 字）";
pub const BACK: &str = "‹ 返回图书";
pub fn count(n: usize) -> String {
    format!("共 {n} 个分类")
}
pub fn books(n: usize) -> String {
    format!("{n} 种书")
}
pub fn remove_question(name: &str) -> String {
    format!("删除分类“{name}”吗？")
}
pub fn added(name: &str) -> String {
    format!("已添加分类：{name}")
}
pub fn renamed(name: &str) -> String {
    format!("已改名为：{name}")
}
pub fn removed(name: &str) -> String {
    format!("已删除分类：{name}")
}
pub fn not_read(e: &str) -> String {
    format!("读不到分类：{e}")
}
pub fn not_saved(e: &str) -> String {
    format!("没有保存：{e}")
}
