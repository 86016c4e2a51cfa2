//! The staff statistics page's words (使用统计: charging and the reading corner). Chinese first.

pub const LOADING: &str = "正在读取……";
pub fn load_failed(why: &str) -> String {
    format!("读取统计失败：{why}")
}
pub const TODAY_SESSIONS: &str = "今天充电";
/// `12 次`.
pub fn sessions(n: usize) -> String {
    format!("{n} 次")
}
pub const TODAY_AVERAGE: &str = "今天平均时长";
/// `35 分钟`; under a minute says so instead of 0.
pub fn minutes(m: i64) -> String {
    if m < 1 {
        "不足 1 分钟".to_string()
    } else {
        format!("{m} 分钟")
    }
}
/// A range of busy hours: `11–13 点`.
pub fn hours(from: usize, until: usize) -> String {
    format!("{from}–{until} 点")
}
pub const BUSIEST: &str = "最忙的时段（近 7 天）";
/// Between the items of a list: the busiest hours, the faulty slots.
pub const LIST_SEPARATOR: &str = "、";
pub const CHART_TITLE: &str = "近 7 天每小时开始充电的次数";
pub const NO_REPEATED_FAULTS: &str = "近 30 天没有反复出故障的充电位。";
/// `list` is the slots, each as [`faults_of`], joined by [`LIST_SEPARATOR`].
pub fn repeated_faults(list: &str) -> String {
    format!("近 30 天反复出故障：{list}")
}
/// One slot in [`repeated_faults`]: `A3（2 次）`.
pub fn faults_of(label: &str, n: i64) -> String {
    format!("{label}（{n} 次）")
}

// The reading corner's figures.
pub const LENT_THIS_MONTH: &str = "阅读角本月借出";
/// `12 本`.
pub fn books(n: u32) -> String {
    format!("{n} 本")
}
pub const OVERDUE: &str = "逾期未还";
pub const TOP10: &str = "借得最多的书";
pub const NO_LOANS_YET: &str = "还没有人借过书。";
/// One book in the top 10: `《红楼梦》5 次`.
pub fn borrowed(title: &str, n: u32) -> String {
    format!("《{title}》{n} 次")
}
/// One overdue loan: `《活着》逾期 3 天`.
pub fn overdue_of(title: &str, days: u32) -> String {
    format!("《{title}》逾期 {days} 天")
}
