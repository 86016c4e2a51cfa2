//! The words of 关于本机, the staff page with the program's version and the licences
//! of the data it carries.

pub const TITLE: &str = "关于本机";
pub const TITLE_EN: &str = "About this kiosk";
pub fn version(v: &str) -> String {
    format!("relay-kiosk {v}（程序代码：MIT 或 Apache-2.0 许可）")
}
pub const FONTS: &str =
    "字体：Noto Sans CJK SC，SIL Open Font License 1.1（见 assets/fonts/OFL.txt）";
pub const DATA: &str = "拼音输入法的数据来自下列作品，按其许可使用（CC BY-SA 4.0 等）：";
