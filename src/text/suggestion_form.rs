//! The words of 提个建议, the form for telling the station what to improve.

pub const TITLE: &str = "提个建议";
pub const TITLE_EN: &str = "Tell us what to improve";
pub const KIND: &str = "关于哪方面？";
pub const TEXT: &str = "你的建议";
pub const TEXT_FIELD: &str = "建议（最多 200 字）";
pub const TAP_TO_WRITE: &str = "点这里用键盘写，比如：晚上门口的灯太暗了";
pub const PHONE: &str = "想让工作人员回电话吗？（可以不填，默认匿名）";
pub const PHONE_FIELD: &str = "手机号（11 位，可以不填）";
pub const TAP_FOR_PHONE: &str = "不填就是匿名；点这里留手机号";
pub const PHONE_NOTE: &str = "号码只有工作人员能看到，回复后 90 天删除。";
pub const TEXT_EMPTY: &str = "请先写下你的建议";
pub const SUBMIT: &str = "提交建议";
pub const SUBMITTING: &str = "正在提交…";
pub const CANCEL: &str = "不填了";
pub const THANKS: &str = "谢谢你的建议！";
pub const YOUR_NUMBER: &str = "你的建议编号";
pub const AFTER: &str =
    "工作人员会尽快回复。记下这个编号，在心愿墙的「你说我办」里点「查回复」就能看到回复。";
pub const TO_HOME: &str = "好的，回首页";
pub fn failed(e: &str) -> String {
    format!("没有提交成功：{e}")
}
