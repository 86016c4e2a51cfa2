//! The words of 图书 › 从U盘导入: a spreadsheet of books from a USB stick.

pub const OPEN: &str = "从U盘导入";
pub const TITLE: &str = "从U盘导入图书";
pub const TITLE_EN: &str = "Import books from a USB stick";
pub const LOOKING: &str = "正在查找U盘里的表格……";
pub const NONE_FOUND: &str = "没有找到表格。把U盘插到这台电脑上（表格是 .xlsx 或 .csv，第一行写 书名、作者、分类 等），再点“重新查找”。";
pub const RESCAN: &str = "重新查找";
pub const BACK: &str = "‹ 返回图书";
pub const PICK: &str = "点一个表格，先看看会导入什么（还不会写入）。";
pub fn found(n: usize) -> String {
    format!("找到 {n} 个表格")
}
/// A file's line: `捐书.xlsx · 图书 · 12 KB`.
pub fn file_line(folder: &str, kb: u64) -> String {
    if folder.is_empty() {
        format!("{kb} KB")
    } else {
        format!("{folder} · {kb} KB")
    }
}
pub const CHECKING: &str = "正在检查表格……";
pub fn will_import(rows: usize, format: &str, added: usize, merged: usize, copies: u64) -> String {
    format!("共 {rows} 行（{format}）：新书 {added} 种，按 ISBN 合并 {merged} 行，共 {copies} 本")
}
pub fn new_categories(names: &str) -> String {
    format!("将新建分类：{names}")
}
pub const REFUSED: &str = "这个表格不能导入，什么都没有改。请在电脑上改好再试：";
pub fn more_problems(n: usize) -> String {
    format!("……还有 {n} 处")
}
pub fn import(rows: usize) -> String {
    format!("导入这 {rows} 行")
}
pub const IMPORTING: &str = "正在导入…";
pub const OTHER_FILE: &str = "换一个表格";
pub fn imported(rows: usize, added: usize, copies: u64) -> String {
    format!("已导入 {rows} 行：新书 {added} 种，共 {copies} 本")
}
pub fn failed(e: &str) -> String {
    format!("没有导入：{e}")
}
