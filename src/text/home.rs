//! The home screen's words (首页), Chinese first, English second where shown.

pub const TAGLINE: &str = "24 小时开放 · 喝水 · 热饭 · 充电 · 歇脚";
pub const TAGLINE_EN: &str = "Outdoor workers' rest station · open 24 hours";
/// Under a line the station wrote itself (its hours may not be 24).
pub const TAGLINE_EN_PLAIN: &str = "Outdoor workers' rest station";

// The season banner: a title, and a line beside it (the title alone where space is
// tight). None out of season.

pub const BANNER_SUMMER_TITLE: &str = "夏日送清凉";
pub const BANNER_SUMMER: &str = "天热了，进来歇一歇：冷饮、防暑药品免费领取";
pub const BANNER_WINTER_TITLE: &str = "冬日送温暖";
pub const BANNER_WINTER: &str = "天冷了，进来暖和暖和：热饮、手套、热饭都有";

pub const AMENITIES: &str = "服务设施 · Amenities";
pub const LATEST_NOTICES: &str = "最新通知 · Notices";
/// On each notice card.
pub const VIEW: &str = "查看 ›";
pub const NO_NOTICES: &str = "现在没有通知";

// The tiles: Chinese on the first line, English on the second.

/// The notices tile with their count: `公告通知（3）`.
pub fn notices_tile(n: usize) -> String {
    format!("公告通知（{n}）")
}
pub const NOTICES_TILE_EN: &str = "Notices";
/// The notices tile where it is narrow: `公告通知` over `7 条 · Notices`.
pub const NOTICES_TILE: &str = "公告通知";
pub fn notices_count(n: usize) -> String {
    format!("{n} 条 · Notices")
}
pub const CHARGING_TILE: &str = "手机充电";
/// The charging tile's second line where space is tight: `空闲 3/8`.
pub fn free_short(free: usize, total: usize) -> String {
    format!("空闲 {free}/{total}")
}
/// The charging tile's second line: `空闲 3/8 · Charging`.
pub fn free(free: usize, total: usize) -> String {
    format!("空闲 {free}/{total} · Charging")
}
/// The elder-mode tile while elder mode is on.
pub const STANDARD_TEXT: &str = "标准字号";
pub const STANDARD_TEXT_EN: &str = "Standard text";
/// The elder-mode tile while elder mode is off.
pub const LARGER_TEXT: &str = "长辈模式";
pub const LARGER_TEXT_EN: &str = "Larger text";
pub const STAFF_TILE: &str = "工作人员";
pub const STAFF_TILE_EN: &str = "Staff";
/// The wish board's tile, with the year's count on its second line.
pub const WISHES_TILE: &str = "微心愿";
pub fn fulfilled(n: usize) -> String {
    format!("今年已实现 {n} 个")
}
pub const MAKE_WISH_TILE: &str = "许个微心愿";
pub const MAKE_WISH_TILE_EN: &str = "Make a wish";
pub const SUGGEST_TILE: &str = "提个建议";
pub const SUGGEST_TILE_EN: &str = "Suggestions";
