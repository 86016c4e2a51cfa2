//! The words of the wish board (微心愿 and 你说我办), the donor's claim and the
//! worker's withdrawal. Chinese first, English second where shown.

pub const TITLE: &str = "微心愿";
pub const TITLE_EN: &str = "Wish board";
pub const TAB_WISHES: &str = "微心愿";
pub const TAB_SUGGESTIONS: &str = "你说我办";
/// The board's headline, also on home and in attract mode.
pub fn fulfilled_this_year(n: usize) -> String {
    format!("今年已实现 {n} 个微心愿")
}
pub const ALL_STATES: &str = "全部";
pub const ALL_KINDS: &str = "类别：全部";
/// The kind filter on a small panel.
pub const ALL_KINDS_SHORT: &str = "全部类别";
pub fn kind_filter(kind: &str) -> String {
    format!("类别：{kind}")
}
pub const NO_WISHES: &str = "这里还没有心愿。";
pub const MAKE_A_WISH: &str = "许个微心愿";
pub const PREVIOUS: &str = "‹ 上一页";
pub const NEXT: &str = "下一页 ›";
/// The page number where space is short: `1/12`.
pub fn page_short(page: usize, pages: usize) -> String {
    format!("{page}/{pages}")
}
pub const SUGGEST: &str = "提个建议";
/// 查进度 / 撤回: a worker's own wish, by its number.
pub const PROGRESS: &str = "查进度/撤回";
/// 查回复: the reply to a worker's own suggestion, by its number.
pub const REPLY_LOOKUP: &str = "查回复";

// A wish's card.
/// How long it has waited: `等了 12 天` / `今天刚到`.
pub fn waited(days: i64) -> String {
    if days <= 0 {
        "今天刚到".to_string()
    } else {
        format!("等了 {days} 天")
    }
}
pub fn claimed_by(donor: &str) -> String {
    format!("认领人：{donor}")
}
pub fn fulfilled_on(date: &str) -> String {
    format!("{date} 已实现")
}
pub fn thanks_line(thanks: &str) -> String {
    format!("“{thanks}”")
}
pub const CLAIM: &str = "我来认领";
/// In place of a health wish's text the worker did not want shown.
pub const PRIVATE_TEXT: &str = "健康方面的心愿（详情由工作人员转告认领人）";

// A donor's claim.
pub const CLAIM_TITLE: &str = "认领这个心愿";
pub const DONOR: &str = "你的称呼或单位";
pub const DONOR_FIELD: &str = "称呼或单位（最多 20 字）";
pub const TAP_FOR_DONOR: &str = "点这里输入，如 万里街道某公司、党员小陈";
pub const ANONYMOUS: &str = "不留名（显示为 爱心人士）";
pub const DONOR_PHONE: &str = "手机号（工作人员和你约交接，不会显示在屏幕上）";
pub const PHONE_FIELD: &str = "手机号（11 位）";
pub const TAP_FOR_PHONE: &str = "点这里输入手机号";
pub const DONOR_MISSING: &str = "请填写称呼或单位，或者选“不留名”";
pub const CONFIRM_CLAIM: &str = "确定认领";
pub const CLAIMING: &str = "正在认领…";
pub const CANCEL: &str = "取消";
pub const CLAIMED: &str = "谢谢你！工作人员会打电话和你约定怎么交给心愿人。";
pub fn claim_failed(e: &str) -> String {
    format!("没有认领成功：{e}")
}

// A worker's own wish, by its number.
pub const NUMBER: &str = "心愿编号（提交时给你的编号，如 382 914）";
pub const NUMBER_FIELD: &str = "心愿编号";
pub const TAP_FOR_NUMBER: &str = "点这里输入心愿编号";
pub const TAIL: &str = "手机号后 4 位";
pub const TAIL_FIELD: &str = "手机号后 4 位";
pub const TAP_FOR_TAIL: &str = "点这里输入后 4 位";
/// On what 查进度 found, while the wish can still be withdrawn.
pub const WITHDRAW_THIS: &str = "撤回这个心愿";
pub const WITHDRAWING: &str = "正在撤回…";
pub const NUMBER_INCOMPLETE: &str = "请填写 6 位心愿编号和手机号后 4 位";
pub fn withdrawn(number: &str) -> String {
    format!("心愿 {} 已撤回。", relay_core::store::shown_number(number))
}
pub fn withdraw_failed(e: &str) -> String {
    format!("没有撤回：{e}")
}
pub const OK: &str = "好的";

// 查进度 and 查回复.
pub const PROGRESS_TITLE: &str = "查进度或撤回我的心愿";
pub const CONFIRM_PROGRESS: &str = "查一查";
pub const LOOKING: &str = "正在查…";
pub fn lookup_failed(e: &str) -> String {
    format!("没有查到：{e}")
}
pub fn progress_pending(number: &str) -> String {
    format!("心愿 {number}：待审核。工作人员看过后，心愿会出现在心愿墙上。")
}
pub fn progress_open(number: &str) -> String {
    format!("心愿 {number}：已通过，在心愿墙上等人认领。")
}
pub fn progress_claimed(number: &str) -> String {
    format!("心愿 {number}：已有人认领，工作人员会打电话和你约定交接。")
}
pub fn progress_fulfilled(number: &str) -> String {
    format!("心愿 {number}：已实现。")
}
pub fn progress_declined(number: &str) -> String {
    format!("心愿 {number}：未通过。有问题可以问站里的工作人员。")
}
pub fn progress_withdrawn(number: &str) -> String {
    format!("心愿 {number}：已撤回。")
}
pub fn decline_reason(reason: &str) -> String {
    format!("工作人员说：{reason}")
}
pub const REPLY_TITLE: &str = "查建议的回复";
pub const SUGGESTION_NUMBER: &str = "建议编号（提交时给你的编号，如 382 914）";
pub const SUGGESTION_NUMBER_FIELD: &str = "建议编号";
pub const TAP_FOR_SUGGESTION_NUMBER: &str = "点这里输入建议编号";
pub const SUGGESTION_TAIL: &str = "手机号后 4 位（没留手机号就不填）";
pub const TAP_FOR_SUGGESTION_TAIL: &str = "点这里输入后 4 位（没留手机号就不填）";
pub const REPLY_INCOMPLETE: &str = "请填写 6 位建议编号；留了手机号的，再填后 4 位";
pub fn no_reply_yet(number: &str) -> String {
    format!("建议 {number}：已收到，站里还没有回复，过几天再来看看。")
}
pub fn replied(number: &str, published: bool) -> String {
    if published {
        format!("建议 {number}：站里已经回复，也公布在「你说我办」里。")
    } else {
        format!("建议 {number}：站里已经回复。")
    }
}

// 你说我办.
pub const NO_SUGGESTIONS: &str = "还没有公布的回复。";
pub fn reply(reply: &str) -> String {
    format!("站里回复：{reply}")
}
