//! The staff amenity page's words (服务设施状态). Chinese first; the status words
//! themselves come from `AmenityStatus::zh`.

pub const SAVING: &str = "正在保存…";
/// After a change: `已保存：饮水机 正常`.
pub fn saved(name: &str, status: &str) -> String {
    format!("已保存：{name} {status}")
}
pub fn not_saved(why: &str) -> String {
    format!("没有保存：{why}")
}
