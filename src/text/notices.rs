//! The notices screen's words (公告通知), Chinese first, English second where shown.

pub const TITLE: &str = "公告通知";
pub const TITLE_EN: &str = "Notices";
pub const NONE: &str = "现在没有通知。 No notices right now.";

/// The count in the header: `共 3 条`.
pub fn count(n: usize) -> String {
    format!("共 {n} 条")
}

/// Under a notice's title; `when` is its schedule in Chinese.
pub fn valid(when: &str) -> String {
    format!("有效期：{when}")
}

/// The notice filter's first choice.
pub const ALL_KINDS: &str = "全部";
