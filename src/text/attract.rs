//! The attract screen's words (the slideshow after a long idle), Chinese first,
//! English second where shown.

/// Shown large when there is no notice to show.
pub const WELCOME: &str = "欢迎进来歇歇脚：喝水、热饭、充电都免费";
pub const TOUCH_TO_START: &str = "轻触屏幕开始使用 · Touch to start";
/// The wish board's headline, along the bottom.
pub fn wishes_fulfilled(n: usize) -> String {
    format!("今年已实现 {n} 个微心愿")
}
/// Live phone-charging availability along the bottom: `手机充电 空闲 3 / 共 8`.
pub fn charging(free: usize, total: usize) -> String {
    format!("手机充电 空闲 {free} / 共 {total}")
}
/// Battery bays beside it, where the station has them: `电瓶 空闲 1 / 共 2`.
pub fn batteries(free: usize, total: usize) -> String {
    format!("电瓶 空闲 {free} / 共 {total}")
}
/// An amenity and its state: `● 直饮水 正常`.
pub fn amenity(mark: &str, name: &str, status: &str) -> String {
    format!("{mark} {name} {status}")
}
