//! The words of 许个微心愿, the form a worker fills in to leave a wish. Chinese first,
//! English second where shown.

use relay_core::store::WishKind;

pub const TITLE: &str = "许个微心愿";
pub const TITLE_EN: &str = "Make a small wish";
pub const BACK: &str = "‹ 上一步";
pub const NEXT: &str = "下一步 ›";

/// `第 2 步，共 4 步`.
pub fn step_of(step: usize, steps: usize) -> String {
    format!("第 {step} 步，共 {steps} 步")
}

// Step 1: the kind.
pub const PICK_KIND: &str = "你想要哪一类帮助？";
pub fn kind_hint(kind: WishKind) -> &'static str {
    match kind {
        WishKind::Daily => "雨衣、保温杯、厚被子……",
        WishKind::Work => "头盔、劳保手套、车灯、充电宝……",
        WishKind::Education => "孩子的书本、文具……",
        WishKind::Health => "体检、药品、护具……",
        WishKind::Hardship => "家里遇到的难处",
        WishKind::Other => "别的心愿",
    }
}

// Step 2: the wish.
pub const WRITE_WISH: &str = "写下你的心愿";
pub const WISH_FIELD: &str = "心愿（最多 100 字）";
pub const TAP_TO_WRITE: &str = "点这里用键盘写，或者点下面的例子再改一改";
pub const EXAMPLES: &str = "例子（点一下就用它）：";
/// Tap-to-use examples, three a kind, in the workers' own words.
pub fn examples(kind: WishKind) -> [&'static str; 3] {
    match kind {
        WishKind::Daily => [
            "想要一个大一点的保温杯，路上能喝口热水",
            "电动车雨披破了，想换一件",
            "宿舍被子太薄，想要一床厚被子",
        ],
        WishKind::Work => [
            "想要一副防寒手套，冬天骑车手冻得握不住车把",
            "头盔用了三年，想换一个新的",
            "想要一个充电宝，手机跑单总没电",
        ],
        WishKind::Education => [
            "孩子今年上三年级，想要一套课外读物",
            "孩子想学画画，想要一盒彩笔和画本",
            "想给孩子买个新书包",
        ],
        WishKind::Health => [
            "腰不好，想要一个护腰",
            "想做一次体检，一直没时间去",
            "老家母亲腿不好，想给她买个助行器",
        ],
        WishKind::Hardship => [
            "家里老人住院，想请人帮忙出出主意",
            "刚来上海，想找个便宜点的住处",
            "孩子上学的事想找人问问",
        ],
        WishKind::Other => [
            "想学用电脑，有没有人教一教",
            "过年想给家里寄点上海的特产",
            "想和同乡一起吃顿年夜饭",
        ],
    }
}
pub const WISH_EMPTY: &str = "请先写下心愿，或者点一个例子";

// Steps 3 and 4: who.
pub const WHO: &str = "怎么称呼你？选你的姓";
pub const OTHER_SURNAME: &str = "其他姓（用键盘）";
pub const SURNAME_FIELD: &str = "你的姓（1–4 个字）";
pub const OCCUPATION: &str = "你做什么工作";
pub const PHONE: &str = "手机号（工作人员联系你用）";
pub const PHONE_FIELD: &str = "手机号（11 位）";
pub const TAP_FOR_PHONE: &str = "点这里输入手机号";
pub const SHOWN_AS: &str = "心愿墙上会写成：";
pub const SURNAME_MISSING: &str = "请选你的姓";
pub const OCCUPATION_MISSING: &str = "请选你的工作";
/// The ~24 commonest surnames, to pick by touch.
/// The first 24 of the common surnames, in the same order as the reading corner's grid.
pub const SURNAMES: &[&str] = super::surnames::COMMON.split_at(24).0;

// Step 4: consent and confirm.
pub const CHECK: &str = "看一看，没问题就提交";
pub const CONSENT: &str = "我同意：工作人员可以打这个电话，联系我这个心愿的事。号码不会显示在屏幕上，心愿结束 90 天后删除。";
/// The same line before it is ticked (a hollow mark; the ticked one gets ✓).
pub const CONSENT_UNTICKED: &str = "○ 我同意：工作人员可以打这个电话，联系我这个心愿的事。号码不会显示在屏幕上，心愿结束 90 天后删除。";
/// Health wishes only: the details stay with staff unless this is ticked.
pub const SHARE_HEALTH: &str = "✓ 心愿内容可以公开上墙";
pub const SHARE_HEALTH_UNTICKED: &str = "○ 心愿内容可以公开上墙（不选只写“健康方面的心愿”）";
pub const CONSENT_NEEDED: &str = "请先勾选同意，工作人员才能联系你";
pub const SUBMIT: &str = "提交心愿";
pub const SUBMITTING: &str = "正在提交…";
/// The same where space is short.
pub fn phone_masked_short(masked: &str) -> String {
    format!("手机号：{masked}")
}
pub fn phone_masked(masked: &str) -> String {
    format!("手机号：{masked}（只有工作人员能看到）")
}

// Thanks.
pub const THANKS: &str = "谢谢！心愿已经交给工作人员";
pub const YOUR_NUMBER: &str = "你的心愿编号";
pub const AFTER: &str =
    "工作人员看过后，心愿会出现在心愿墙上。记下这个编号，在心愿墙点「查进度/撤回」时要用。";
pub const TO_HOME: &str = "好的，回首页";
pub fn failed(e: &str) -> String {
    format!("没有提交成功：{e}")
}

/// How the board will name the worker: `外卖骑手 王师傅`.
pub fn person(occupation: &str, surname: char) -> String {
    format!("{occupation} {surname}师傅")
}
