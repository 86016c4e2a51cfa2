//! The app shell's words: the idle warning ("还在使用吗？") shown over any screen before
//! the kiosk returns home. Chinese first, English second.

pub const STILL_THERE: &str = "还在使用吗？";
/// The countdown under the question.
pub fn returning_in(seconds: i64) -> String {
    format!("{seconds} 秒后回到首页，没填完的内容会清除。")
}
pub const STILL_THERE_EN: &str = "Still there? Returning to the home screen soon.";
pub const CONTINUE: &str = "继续使用 · Continue";
/// On home, for a few seconds after staff log out.
pub const LOGGED_OUT: &str = "已退出工作人员模式";
