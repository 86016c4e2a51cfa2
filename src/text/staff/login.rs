//! The staff login page's words (工作人员登录): the PIN keypad and the page shown
//! while no PIN is set. Chinese first, English second where shown.

pub const LOADING: &str = "正在读取……";
pub const ENTER_PIN: &str = "请输入工作人员 PIN";
pub const ENTER_PIN_EN: &str = "Enter the staff PIN";
pub const CHECKING: &str = "正在验证…";
pub const CONFIRM: &str = "确定";
pub fn wrong_pin(attempts_left: u32) -> String {
    format!("PIN 不对，还可以试 {attempts_left} 次")
}
pub fn cannot_check(why: &str) -> String {
    format!("无法验证：{why}")
}
pub const LOCKED: &str = "输错次数太多，已暂时锁定";
/// Under [`LOCKED`]; `countdown` as `4:05`.
pub fn try_again_in(countdown: &str) -> String {
    format!("请 {countdown} 后再试")
}

// No PIN set yet: the command between these lines is shown as it is.

pub const NOT_SET: &str = "还没有设置工作人员 PIN";
pub const NOT_SET_HOW: &str = "请管理员在这台电脑的终端里运行下面的命令设置 PIN（6–8 位数字）：";
pub const NOT_SET_EN: &str = "No staff PIN yet: run `relay-kiosk staff set-pin` on this computer.";
