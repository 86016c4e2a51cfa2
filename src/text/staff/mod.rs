//! Staff mode's words, one module per staff page as under `screen::staff`; this one
//! holds the shell's: the page titles, the way back to the menu and the menu itself.
//! Chinese first, English second.

pub mod about;
pub mod amenities;
pub mod book_import;
pub mod books;
pub mod categories;
pub mod editor;
pub mod login;
pub mod notices;
pub mod slot_form;
pub mod slots;
pub mod station;
pub mod stats;
pub mod suggestions;
pub mod wishes;

// Page titles, Chinese with the English line under it.

pub const LOGIN: &str = "工作人员登录";
pub const LOGIN_EN: &str = "Staff login";
pub const MENU: &str = "工作人员";
pub const MENU_EN: &str = "Staff";
pub const AMENITIES: &str = "服务设施状态";
pub const AMENITIES_EN: &str = "Amenity status";
pub const NOTICES: &str = "通知管理";
pub const NOTICES_EN: &str = "Manage notices";
pub const NEW_NOTICE: &str = "新建通知";
pub const NEW_NOTICE_EN: &str = "New notice";
pub const EDIT_NOTICE: &str = "编辑通知";
pub const EDIT_NOTICE_EN: &str = "Edit notice";
pub const SLOTS: &str = "充电位管理";
pub const SLOTS_EN: &str = "Charging slots";
pub const ADD_SLOT: &str = "添加充电位";
pub const ADD_SLOT_EN: &str = "Add a slot";
pub const EDIT_SLOT: &str = "修改充电位";
pub const EDIT_SLOT_EN: &str = "Edit a slot";
pub const BOOKS: &str = "图书";
pub const BOOKS_EN: &str = "Books";
pub const ADD_BOOK: &str = "添加图书";
pub const ADD_BOOK_EN: &str = "Add a book";
pub const LOANS: &str = "借阅";
pub const LOANS_EN: &str = "Loans";
/// The menu tile with what needs a look: overdue loans and visitor returns.
pub fn loans_tile(waiting: u32) -> String {
    if waiting == 0 {
        LOANS.to_string()
    } else {
        format!("{LOANS}（{waiting}）")
    }
}
pub const STATION: &str = "本站信息";
pub const STATION_EN: &str = "This station";
pub const STATS: &str = "使用统计";
pub const STATS_EN: &str = "Statistics";

/// On every page but the menu.
pub const BACK_TO_MENU: &str = "‹ 工作人员菜单";

// The menu's tiles besides the pages above, and its hint.

pub const WISHES: &str = "微心愿管理";
/// The same tile where a small elder panel has room for few characters.
pub const WISHES_SHORT: &str = "微心愿";
pub const WISHES_EN: &str = "Wishes";
/// The menu tile with what waits: wishes to review plus claimed ones to fulfil.
pub fn wishes_tile(waiting: usize, short: bool) -> String {
    let name = if short { WISHES_SHORT } else { WISHES };
    if waiting == 0 {
        name.to_string()
    } else {
        format!("{name}（{waiting}）")
    }
}
pub const SUGGESTIONS: &str = "意见建议";
pub const SUGGESTIONS_EN: &str = "Suggestions";
/// The menu tile with how many suggestions have no reply.
pub fn suggestions_tile(unanswered: usize) -> String {
    if unanswered == 0 {
        SUGGESTIONS.to_string()
    } else {
        format!("{SUGGESTIONS}（{unanswered}）")
    }
}
pub const ABOUT: &str = "关于本机";
pub const ABOUT_EN: &str = "About";
pub const LOG_OUT: &str = "退出工作人员模式";
/// The same tile where a small elder panel has room for few characters.
pub const LOG_OUT_SHORT: &str = "退出登录";
pub const LOG_OUT_EN: &str = "Log out";
pub const EXIT: &str = "退出终端";
pub const EXIT_EN: &str = "Exit the kiosk";
pub const EXIT_QUESTION: &str = "确定退出终端吗？退出后这台屏幕将不再显示接力站页面。";
pub const MENU_HINT: &str = "在通知管理里可以新建、编辑、置顶、下架和删除通知。";

// The note on the menu after a damaged store was recovered (until staff dismiss it).

/// When it was found and from when the data now is (`None`: no good backup, an empty
/// station). The damaged file's name is in the log and `relay-kiosk backup list`'s folder.
pub fn recovered(
    at: chrono::DateTime<chrono::Local>,
    from: Option<chrono::DateTime<chrono::Local>>,
) -> String {
    let at = at.format("%m-%d %H:%M");
    match from {
        Some(from) => format!(
            "数据库在 {at} 发现损坏，已从 {} 的备份恢复：之后的改动已丢失，请核对。",
            from.format("%Y-%m-%d %H:%M")
        ),
        None => {
            format!("数据库在 {at} 发现损坏，且没有可用的备份：已重新开始为空的站点，请重新录入。")
        }
    }
}
/// The store can be read but not written (`cause`: 权限 / 版本更新): shown, not saved.
pub fn read_only(cause: &str) -> String {
    format!(
        "数据库只能读、不能保存（原因：{cause}）：终端照常显示，改动不会保存。请联系技术人员（relay-kiosk doctor）。"
    )
}

/// The store could not be opened at all, for `cause`.
pub fn unsaved_because(cause: &str) -> String {
    format!(
        "数据库无法打开（原因：{cause}）：终端暂时不保存任何改动，请联系技术人员（relay-kiosk doctor）。"
    )
}

/// Only the store's write-ahead log was damaged.
pub fn wal_damaged(at: chrono::DateTime<chrono::Local>) -> String {
    format!(
        "数据库的日志文件在 {} 发现损坏：数据库本身完好，但最近的改动可能丢失，请核对。",
        at.format("%m-%d %H:%M")
    )
}

/// The store could not be opened at all: the kiosk runs without saving.
pub const UNSAVED: &str =
    "数据库无法打开：终端暂时不保存任何改动，请联系技术人员（relay-kiosk doctor）。";
pub const RECOVERED_DISMISS: &str = "知道了";
pub const RECOVERED_DISMISSING: &str = "正在保存…";
