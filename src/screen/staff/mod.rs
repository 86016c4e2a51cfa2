//! Staff mode (工作人员): a PIN on the on-screen keypad, then pages to set amenity
//! status, manage notices and exit the kiosk. Every change is audited by the store.
//! The session lives in this state: leaving the screen (or the idle reset) ends it.

mod charging_view;
mod editor;
mod slot_form;
mod view;

pub use editor::Editor;

use crate::store::{AmenityStatus, Notice, PinCheck, Store};
use crate::widget::chart::HourChart;
use crate::widget::keypad::{self, Key};
use chrono::{DateTime, Duration, Local, Timelike, Utc};

/// Who the audit log names for changes made on the kiosk.
pub const ACTOR: &str = "kiosk-staff";
pub const NOTICES_PER_PAGE: usize = 4;
const PIN_MAX: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Login,
    Menu,
    Amenities,
    Notices,
    Slots,
    Stats,
    Editor,
    SlotForm,
}

/// Fault notes staff pick from (no typing needed).
pub const FAULT_NOTES: [&str; 5] = [
    "接口松动",
    "不通电",
    "充电线损坏",
    "充电很慢",
    "暂停使用，请找工作人员",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    Delete(i64),
    RemoveSlot(String),
    Exit,
}

/// Charging statistics for the staff page, computed when it opens.
#[derive(Debug)]
pub struct Stats {
    pub today_sessions: usize,
    pub today_average_mins: Option<i64>,
    /// Sessions started in each local hour over the last 7 days.
    pub by_hour: HourChart,
    /// Slots with two or more faults in the last 30 days.
    pub repeated_faults: Vec<(String, i64)>,
}

impl Stats {
    pub fn load(store: &Store, now: DateTime<Utc>) -> crate::store::Result<Stats> {
        let local = now.with_timezone(&Local);
        let midnight = local
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(Local).earliest())
            .map_or(now - Duration::hours(24), |t| t.to_utc());
        let today = store.sessions_between(midnight, now + Duration::seconds(1))?;
        let lengths: Vec<i64> = today
            .iter()
            .filter_map(|s| s.ended_at.map(|end| (end - s.started_at).num_minutes()))
            .collect();
        let mut by_hour = [0u32; 24];
        for s in store.sessions_between(now - Duration::days(7), now)? {
            by_hour[s.started_at.with_timezone(&Local).hour() as usize] += 1;
        }
        Ok(Stats {
            today_sessions: today.len(),
            today_average_mins: (!lengths.is_empty())
                .then(|| lengths.iter().sum::<i64>() / lengths.len() as i64),
            by_hour: HourChart::new(by_hour),
            repeated_faults: store.repeated_faults(now - Duration::days(30), 2)?,
        })
    }
}

#[derive(Debug)]
pub struct State {
    page: Page,
    pin: String,
    pin_set: bool,
    locked_until: Option<DateTime<Utc>>,
    /// The last thing to tell staff: a wrong PIN, a failed save.
    message: Option<String>,
    notices: Vec<Notice>,
    notice_page: usize,
    confirm: Option<Confirm>,
    /// The slot whose fault note is being chosen.
    fault_for: Option<String>,
    stats: Option<Stats>,
    editor: Option<Editor>,
    slot_form: Option<slot_form::SlotForm>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Key(Key),
    NewNotice,
    EditNotice(i64),
    Editor(editor::Message),
    NewSlot,
    EditSlot(String),
    SlotForm(slot_form::Message),
    Submit,
    Open(Page),
    SetAmenity(String, AmenityStatus),
    TogglePinned(i64),
    TogglePublished(i64),
    Ask(Confirm),
    Confirmed,
    ForceRelease(String),
    ChooseFault(String),
    SetFault(String, &'static str),
    Repair(String),
    Cancel,
    PreviousPage,
    NextPage,
    Home,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    None,
    GoHome,
    /// Something in the store changed: refresh what the public screens show.
    Changed,
    ExitKiosk,
}

impl State {
    pub fn new(store: &Store, now: DateTime<Utc>) -> State {
        State {
            page: Page::Login,
            pin: String::new(),
            pin_set: store.staff_pin_is_set().unwrap_or(false),
            locked_until: store.staff_locked_until(now).unwrap_or(None),
            message: None,
            notices: Vec::new(),
            notice_page: 0,
            confirm: None,
            fault_for: None,
            stats: None,
            editor: None,
            slot_form: None,
        }
    }

    pub fn page(&self) -> Page {
        self.page
    }

    pub fn logged_in(&self) -> bool {
        self.page != Page::Login
    }

    /// Another process changed the store: re-read what this screen lists.
    pub fn refresh(&mut self, store: &Store, now: DateTime<Utc>) {
        if self.page == Page::Login {
            self.pin_set = store.staff_pin_is_set().unwrap_or(self.pin_set);
            self.locked_until = store.staff_locked_until(now).unwrap_or(self.locked_until);
        }
        if self.page == Page::Notices {
            self.load_notices(store);
        }
        if self.page == Page::Stats {
            self.load_stats(store, now);
        }
    }

    fn load_stats(&mut self, store: &Store, now: DateTime<Utc>) {
        match Stats::load(store, now) {
            Ok(stats) => self.stats = Some(stats),
            Err(e) => self.message = Some(format!("读取统计失败：{e}")),
        }
    }

    fn load_notices(&mut self, store: &Store) {
        match store.notices() {
            Ok(list) => self.notices = list,
            Err(e) => self.message = Some(format!("读取通知失败：{e}")),
        }
        let pages = crate::widget::page_count(self.notices.len(), NOTICES_PER_PAGE);
        self.notice_page = self.notice_page.min(pages - 1);
    }

    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
        now: DateTime<Utc>,
        limit: Duration,
    ) -> Action {
        if self.page == Page::Login {
            return self.update_login(message, store, now);
        }
        match message {
            Message::Key(_) | Message::Submit => Action::None,
            Message::Home => Action::GoHome,
            Message::Open(page) => {
                self.page = page;
                self.message = None;
                self.confirm = None;
                self.fault_for = None;
                if page == Page::Stats {
                    self.load_stats(store, now);
                }
                if page == Page::Login {
                    // 退出工作人员模式: the session ends here.
                    self.pin.clear();
                    let _ = store.audit(ACTOR, "staff.logout", "");
                }
                if page == Page::Notices {
                    self.load_notices(store);
                }
                Action::None
            }
            Message::SetAmenity(key, status) => {
                self.saved(store.set_amenity_status(&key, status, "", ACTOR), store)
            }
            Message::TogglePinned(id) => {
                let pinned = self
                    .notices
                    .iter()
                    .find(|n| n.id == id)
                    .is_some_and(|n| n.pinned);
                self.saved(store.set_notice_pinned(id, !pinned, ACTOR), store)
            }
            Message::TogglePublished(id) => {
                let published = self
                    .notices
                    .iter()
                    .find(|n| n.id == id)
                    .is_some_and(|n| n.published);
                self.saved(store.set_notice_published(id, !published, ACTOR), store)
            }
            Message::NewNotice => {
                self.editor = Some(Editor::new(now));
                self.page = Page::Editor;
                self.message = None;
                Action::None
            }
            Message::EditNotice(id) => {
                match store.notice(id) {
                    Ok(notice) => {
                        self.editor = Some(Editor::edit(&notice, now));
                        self.page = Page::Editor;
                        self.message = None;
                    }
                    Err(e) => self.message = Some(e.to_string()),
                }
                Action::None
            }
            Message::Editor(m) => {
                let Some(editor) = &mut self.editor else {
                    return Action::None;
                };
                match editor.update(m) {
                    editor::Outcome::Stay => Action::None,
                    editor::Outcome::Cancel => {
                        self.editor = None;
                        self.page = Page::Notices;
                        self.load_notices(store);
                        Action::None
                    }
                    editor::Outcome::Save(id, notice) => {
                        let result = match id {
                            Some(id) => store.update_notice(id, &notice, ACTOR),
                            None => store.add_notice(&notice, ACTOR).map(|_| ()),
                        };
                        match result {
                            Ok(()) => {
                                self.editor = None;
                                self.page = Page::Notices;
                                self.load_notices(store);
                                self.message = Some(format!("已保存：{}", notice.title));
                                Action::Changed
                            }
                            Err(e) => {
                                editor.error = Some(format!("没有保存：{e}"));
                                Action::None
                            }
                        }
                    }
                }
            }
            Message::NewSlot => {
                self.slot_form = Some(slot_form::SlotForm::new());
                self.page = Page::SlotForm;
                self.message = None;
                Action::None
            }
            Message::EditSlot(label) => {
                match store.slot(&label) {
                    Ok(slot) => {
                        self.slot_form = Some(slot_form::SlotForm::edit(&slot));
                        self.page = Page::SlotForm;
                        self.message = None;
                    }
                    Err(e) => self.message = Some(e.to_string()),
                }
                Action::None
            }
            Message::SlotForm(m) => {
                let Some(form) = &mut self.slot_form else {
                    return Action::None;
                };
                match form.update(m) {
                    slot_form::Outcome::Stay => Action::None,
                    slot_form::Outcome::Cancel => {
                        self.slot_form = None;
                        self.page = Page::Slots;
                        Action::None
                    }
                    slot_form::Outcome::Save(original, change) => {
                        let result = match &original {
                            Some(label) => store.update_slot(label, &change, ACTOR),
                            None => store
                                .add_slot(
                                    change.label.as_deref().unwrap_or_default(),
                                    change.connector.unwrap_or(crate::store::Connector::UsbC),
                                    change.note.as_deref().unwrap_or_default(),
                                    change.fed.unwrap_or(false),
                                    ACTOR,
                                )
                                .map(|_| ()),
                        };
                        match result {
                            Ok(()) => {
                                self.slot_form = None;
                                self.page = Page::Slots;
                                self.message = Some("已保存".into());
                                Action::Changed
                            }
                            Err(e) => {
                                form.error = Some(format!("没有保存：{e}"));
                                Action::None
                            }
                        }
                    }
                }
            }
            Message::ForceRelease(label) => {
                self.saved(store.force_release_slot(&label, now, limit, ACTOR), store)
            }
            Message::ChooseFault(label) => {
                self.fault_for = Some(label);
                Action::None
            }
            Message::SetFault(label, note) => {
                self.fault_for = None;
                self.saved(store.set_slot_fault(&label, note, now, ACTOR), store)
            }
            Message::Repair(label) => self.saved(store.repair_slot(&label, now, ACTOR), store),
            Message::Ask(confirm) => {
                self.confirm = Some(confirm);
                Action::None
            }
            Message::Cancel => {
                self.confirm = None;
                self.fault_for = None;
                Action::None
            }
            Message::Confirmed => match self.confirm.take() {
                Some(Confirm::Delete(id)) => self.saved(store.remove_notice(id, ACTOR), store),
                Some(Confirm::RemoveSlot(label)) => {
                    self.saved(store.remove_slot(&label, ACTOR), store)
                }
                Some(Confirm::Exit) => {
                    let _ = store.audit(ACTOR, "kiosk.exit", "");
                    Action::ExitKiosk
                }
                None => Action::None,
            },
            Message::PreviousPage => {
                self.notice_page = self.notice_page.saturating_sub(1);
                Action::None
            }
            Message::NextPage => {
                let pages = crate::widget::page_count(self.notices.len(), NOTICES_PER_PAGE);
                self.notice_page = (self.notice_page + 1).min(pages - 1);
                Action::None
            }
        }
    }

    fn saved(&mut self, result: crate::store::Result<()>, store: &Store) -> Action {
        match result {
            Ok(()) => {
                self.message = Some("已保存".into());
                if self.page == Page::Notices {
                    self.load_notices(store);
                }
                Action::Changed
            }
            Err(e) => {
                self.message = Some(format!("没有保存：{e}"));
                Action::None
            }
        }
    }

    fn update_login(&mut self, message: Message, store: &mut Store, now: DateTime<Utc>) -> Action {
        if self.locked_until.is_some_and(|until| until <= now) {
            self.locked_until = None;
            self.message = None;
        }
        match message {
            Message::Home => Action::GoHome,
            Message::Key(key) if self.locked_until.is_none() => {
                keypad::apply(&mut self.pin, key, PIN_MAX);
                Action::None
            }
            Message::Submit if self.locked_until.is_none() && !self.pin.is_empty() => {
                let pin = std::mem::take(&mut self.pin);
                match store.check_staff_pin(&pin, now) {
                    Ok(PinCheck::Accepted) => {
                        self.page = Page::Menu;
                        self.message = None;
                    }
                    Ok(PinCheck::Wrong { attempts_left }) => {
                        self.message = Some(format!("PIN 不对，还可以试 {attempts_left} 次"));
                    }
                    Ok(PinCheck::Locked { until }) => {
                        self.locked_until = Some(until);
                        self.message = None;
                    }
                    Ok(PinCheck::NotSet) => self.pin_set = false,
                    Err(e) => self.message = Some(format!("无法验证：{e}")),
                }
                Action::None
            }
            _ => Action::None,
        }
    }
}
