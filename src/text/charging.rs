//! The charging screen's words (手机充电): the slot grid and its dialogs. Chinese
//! first, English second where shown.

// The page.

pub const TITLE: &str = "手机充电";
pub const TITLE_EN: &str = "Phone charging";
pub const HOW_TO: &str = "点空闲的充电位开始充电，会给你一个 4 位取件码；取手机时点它输入取件码。";
/// The summary in the header: `空闲 3 / 共 8`.
pub fn free_of(free: usize, total: usize) -> String {
    format!("空闲 {free} / 共 {total}")
}
/// The phone ports' summary where the station also has battery bays: `手机 空闲 3 / 共 8`.
pub fn phones_free_of(free: usize, total: usize) -> String {
    format!("手机 空闲 {free} / 共 {total}")
}
/// The battery bays' summary, under the phones': `电瓶 空闲 1 / 共 2`.
pub fn batteries_free_of(free: usize, total: usize) -> String {
    format!("电瓶 空闲 {free} / 共 {total}")
}
/// Under the summary when every slot is busy; `time` as `18:05`.
pub fn free_at(time: &str) -> String {
    format!("预计 {time} 有空位")
}
pub const FREE_SOON: &str = "马上会有空位";
pub const NONE_AVAILABLE: &str = "暂时没有可用的充电位";
pub const NO_SLOTS: &str = "这里还没有充电位。";

// A slot's card, under its state.

pub const TAP_TO_CHARGE: &str = "点这里开始充电";
pub fn charging_for(minutes: i64) -> String {
    format!("已充 {minutes} 分钟")
}
pub fn charged_for(minutes: i64) -> String {
    format!("共充 {minutes} 分钟")
}
pub fn overtime_by(minutes: i64) -> String {
    format!("已超时 {minutes} 分钟")
}
pub const ASK_STAFF: &str = "请找工作人员";
/// A time stored for the slot cannot be read (written by hand, a damaged row): the card
/// says so calmly, and the slot still works.
pub const TIME_DAMAGED: &str = "时间有误，请找工作人员";

// Claiming a free slot.

pub fn claim_question(label: &str) -> String {
    format!("在 {label} 充电？")
}
/// What the slot takes and where it is: `手机接口：USB-C　位置：进门左手第一排`, or for a
/// battery bay `给电动车电瓶充电　位置：门外充电柜`; no place, no 位置.
pub fn claim_details(connector: &str, battery: bool, place: &str) -> String {
    let what = if battery {
        "给电动车电瓶充电".to_string()
    } else {
        format!("手机接口：{connector}")
    };
    if place.trim().is_empty() {
        what
    } else {
        format!("{what}　位置：{place}")
    }
}
pub const STARTING: &str = "正在开始…";
pub const START: &str = "开始充电";
pub const CANCEL: &str = "取消";
pub fn claim_failed(why: &str) -> String {
    format!("没能开始充电：{why}")
}

// The release code after a claim.

pub const REMEMBER_CODE: &str = "请记住取件码";
pub fn code_hint(label: &str) -> String {
    format!("手机插在 {label}。取手机时，点屏幕上的 {label}，输入这 4 位数字。")
}
pub const REMEMBER_CODE_EN: &str = "Remember this code to take your phone back.";
pub const GOT_IT: &str = "我记住了";

// Releasing a busy slot with its code.

pub fn release_title(label: &str) -> String {
    format!("取 {label} 的手机")
}
pub const ENTER_CODE: &str = "请输入取件码";
/// On the code keypad, always.
pub const FORGOT_CODE: &str = "忘记取件码请找工作人员";
pub const CHECKING: &str = "正在核对…";
pub const CONFIRM: &str = "确定";
pub fn released(label: &str) -> String {
    format!("{label} 已释放，请取走手机。谢谢！")
}
pub fn wrong_code(attempts_left: u32) -> String {
    format!("取件码不对，还可以试 {attempts_left} 次")
}
/// After too many wrong codes: how long the next try waits, in whole minutes or seconds.
pub fn code_wait(label: &str, seconds: i64) -> String {
    format!(
        "{label} 的取件码输错太多次，请{}后再试。忘记取件码请找工作人员。",
        wait_words(seconds)
    )
}
/// On the slot's card while the next try waits.
pub fn code_wait_short(seconds: i64) -> String {
    format!("请{}后再输取件码", wait_words(seconds))
}
fn wait_words(seconds: i64) -> String {
    let seconds = seconds.max(1);
    if seconds < 60 {
        format!(" {seconds} 秒")
    } else {
        format!(" {} 分钟", (seconds + 59) / 60)
    }
}

// Tapping a slot that cannot be claimed or released here.

pub fn not_found(label: &str) -> String {
    format!("找不到充电位 {label}，请刷新后再试。")
}
/// `note` is the fault's description, without its final full stop.
pub fn fault(label: &str, note: &str) -> String {
    format!("{label} 故障：{note}。请用其他充电位。")
}
pub fn locked(label: &str) -> String {
    format!("{label} 已锁定，请找工作人员帮你取。")
}
pub fn fed(label: &str) -> String {
    format!("{label} 由充电柜自动管理，请直接在柜子上取。")
}

/// The button closing a message.
pub const OK: &str = "好的";
