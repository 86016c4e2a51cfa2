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
/// The last good backup (`None`: still being read; `Some(None)`: there is none).
pub fn last_backup(at: Option<Option<chrono::DateTime<chrono::Local>>>) -> String {
    match at {
        None => "最近一次备份：正在读取…".to_string(),
        Some(None) => "最近一次备份：还没有（终端启动时和每晚 3:00 自动备份）".to_string(),
        Some(Some(at)) => format!(
            "最近一次备份：{}（已检查完好，终端每晚 3:00 自动备份）",
            at.format("%Y-%m-%d %H:%M")
        ),
    }
}
