//! The words of 本站信息: the station's name and the line under it on the home screen.

pub const NAME: &str = "站名（首页最上面的大字）";
pub const NAME_FIELD: &str = "站名（最多 20 字）";
pub const TAP_FOR_NAME: &str = "点这里输入站名，如 石门二路户外职工爱心接力站";
pub const LINE: &str = "站名下面的一句介绍（可以不填）";
pub const LINE_FIELD: &str = "介绍（最多 30 字）";
pub const TAP_FOR_LINE: &str = "不填就用：24 小时开放 · 喝水 · 热饭 · 充电 · 歇脚";
pub const NOTE: &str = "保存后首页和轮播马上换成新的站名。";
pub const SAVE: &str = "保存";
pub const SAVING: &str = "正在保存…";
pub const CANCEL: &str = "返回菜单";
pub const NAME_MISSING: &str = "请填写站名";
pub fn saved(name: &str) -> String {
    format!("已保存：{name}")
}
pub fn not_saved(e: &str) -> String {
    format!("没有保存：{e}")
}
