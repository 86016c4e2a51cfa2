//! The staff slot form's words (添加充电位 / 修改充电位). Chinese first; the connector
//! words come from `Connector::zh`.

// The form's lines and their tap-to-type fields.

pub const LABEL: &str = "编号";
pub const LABEL_PLACEHOLDER: &str = "点这里输入编号";
pub const NOTE: &str = "位置";
pub const NOTE_PLACEHOLDER: &str = "点这里输入位置";
pub const CONNECTOR: &str = "接口";
pub const FED: &str = "硬件上报";
pub const FED_CHOICE: &str = "由充电柜自动上报状态";
/// The same where it shares a line with 位置.
pub const FED_SHORT: &str = "柜子自动上报";
/// A connector's name where the full one does not fit.
pub fn connector_short(c: relay_core::store::Connector) -> &'static str {
    use relay_core::store::Connector;
    match c {
        Connector::UsbC => "USB-C",
        Connector::Lightning => "苹果",
        Connector::MicroUsb => "安卓",
        Connector::Wireless => "无线",
        Connector::Battery => "电瓶",
    }
}
/// A new slot's run: how many, numbered from the label.
pub const COUNT: &str = "数量";
pub const FEWER: &str = "－";
pub const MORE: &str = "＋";
/// What the run will add: `将添加 A1–A8，共 8 个`.
pub fn run(labels: &str, n: usize) -> String {
    if n == 1 {
        format!("将添加 {labels}")
    } else {
        format!("将添加 {labels}，共 {n} 个")
    }
}
pub const SAVE: &str = "保存";
/// 保存 while the store writes.
pub const SAVING: &str = "正在保存…";
pub const CANCEL: &str = "取消";

// Above the on-screen keyboard while a field is typed.

pub const LABEL_TYPING: &str = "编号（字母和数字，如 A9）";
pub const NOTE_TYPING: &str = "位置（如 休息区桌上）";
/// The empty position field's placeholder while typing.
pub const NOTE_EXAMPLE: &str = "休息区桌上";

// What happened.

pub const LABEL_MISSING: &str = "请填写编号，如 A9";
pub fn saved(label: &str) -> String {
    format!("已保存充电位 {label}")
}
pub fn not_saved(why: &str) -> String {
    format!("没有保存：{why}")
}
