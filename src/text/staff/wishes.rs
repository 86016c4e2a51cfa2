//! The words of the staff wish queue (微心愿管理).

pub fn tab_review(n: usize) -> String {
    format!("待审核（{n}）")
}
pub fn tab_claimed(n: usize) -> String {
    format!("已认领（{n}）")
}
pub const TAB_OPEN: &str = "待认领";
pub const TAB_CLOSED: &str = "已结束";
pub const LOADING: &str = "正在读取……";
pub const EMPTY: &str = "这里没有心愿。";
pub fn number_and_person(number: &str, person: &str, surname: &str) -> String {
    format!("{number} · {person}（姓{surname}）")
}
pub fn phone(masked: &str) -> String {
    format!("电话 {masked}")
}
/// A health wish whose details stay off the board.
pub fn private(text: &str) -> String {
    format!("{text}（不公开）")
}
pub const NO_PHONE: &str = "电话已删除";
pub const REVEAL: &str = "显示号码";
pub fn donor(name: &str) -> String {
    format!("认领人：{name}")
}
pub fn declined(reason: &str) -> String {
    format!("拒绝原因：{reason}")
}
pub const APPROVE: &str = "通过";
pub const EDIT_APPROVE: &str = "修改后通过";
pub const DECLINE: &str = "拒绝";
pub const RECORD_CLAIM: &str = "登记认领";
pub const WITHDRAW: &str = "撤回";
pub const FULFIL: &str = "已实现";
pub const UNCLAIM: &str = "退回待认领";
pub const SAVING: &str = "正在保存…";

pub const EDIT_FIELD: &str = "修改心愿（最多 100 字；原文会留在操作记录里）";
pub const DECLINE_WHY: &str = "为什么不通过？";
pub const CANCEL: &str = "取消";
pub const CLAIM_TITLE: &str = "登记电话或微信认领";
pub const DONOR_FIELD: &str = "认领人称呼或单位";
pub const TAP_FOR_DONOR: &str = "点这里输入称呼或单位";
pub const ANONYMOUS: &str = "不留名（爱心人士）";
pub const DONOR_PHONE: &str = "认领人手机号";
pub const TAP_FOR_PHONE: &str = "点这里输入手机号";
pub const SAVE: &str = "保存";
pub const DONOR_MISSING: &str = "请填写称呼或单位，或者选“不留名”";
pub const FULFIL_TITLE: &str = "标记已实现";
pub const THANKS_FIELD: &str = "心愿人的一句感谢（可以不填）";
pub const TAP_FOR_THANKS: &str = "点这里输入，如 谢谢好心人，手套很暖和！";

pub const APPROVED: &str = "已通过，心愿已上墙";
pub const DECLINED: &str = "已拒绝";
pub const CLAIM_RECORDED: &str = "已登记认领";
pub const WITHDRAWN: &str = "已撤回";
pub const FULFILLED: &str = "已标记实现";
pub const UNCLAIMED: &str = "已退回待认领";
pub fn failed(e: &str) -> String {
    format!("没有保存：{e}")
}
