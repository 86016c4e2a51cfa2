//! The notice editor (通知编辑): title and body typed on the on-screen pinyin keyboard,
//! and everything else by touch — category, dates, weekdays, daily hours, pin, priority.

mod form;
mod hours;

use super::ACTOR;
use super::change::{form_answered, form_save};
use crate::screen::Failure;
use crate::screen::{Context, Env};
use crate::text::staff::editor as t;
use crate::theme::{self, Element, Ui};
use crate::widget::keyboard::{self, Keyboard, Output};
use crate::widget::{self, badge};
use chrono::{DateTime, Duration, Local, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use iced::widget::{Column, text_editor};
use relay_core::store::{Category, NewNotice, Notice, Schedule, Store, TimeWindow, Weekdays};
use std::sync::Arc;

/// Monday to Sunday, as `t::WEEKDAYS` names them.
const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Body,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// Turn the form to this page.
    Page(usize),
    Edit(Field),
    Keyboard(keyboard::Message),
    TitleTyped(String),
    Body(text_editor::Action),
    Category(Category),
    From(i64),
    FromToday,
    Until(i64),
    UntilIn(Option<i64>),
    Weekday(Weekday),
    EveryDay,
    /// 全天 (`None`), a preset or a first window.
    Hours(Option<(u16, u16)>),
    /// Open the hour picker for one end of the window, or close it.
    Pick(Option<End>),
    /// On the hour (`false`) or half past.
    PickHalf(bool),
    /// The picked time, minutes from midnight.
    PickAt(u16),
    Pinned,
    Priority(i64),
    Save,
    Cancel,
    /// The store's answer: what to tell staff, or what went wrong.
    Saved(Result<String, Failure>),
}

/// One end of the daily window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    From,
    Until,
}

/// What the staff screen should do after an editor message.
enum Outcome {
    Stay,
    /// Save this notice (a new one, or the one with this id).
    Save(Option<i64>, NewNotice),
    Cancel,
}

#[derive(Debug)]
pub struct Editor {
    /// The page of the form shown, when it does not fit at once.
    page: usize,
    id: Option<i64>,
    title: String,
    body: text_editor::Content,
    category: Category,
    from: NaiveDate,
    from_time: NaiveTime,
    until: Option<NaiveDate>,
    weekdays: Weekdays,
    hours: Option<(u16, u16)>,
    /// The hour picker is open for this end.
    picking: Option<End>,
    /// The picker offers half past rather than on the hour.
    pick_half: bool,
    pinned: bool,
    priority: i64,
    editing: Option<Field>,
    keyboard: Keyboard,
    error: Option<String>,
    /// Being written to the store.
    saving: bool,
    today: NaiveDate,
}

fn local_date(at: DateTime<Utc>) -> (NaiveDate, NaiveTime) {
    let l = at.with_timezone(&Local).naive_local();
    (l.date(), l.time())
}

impl Editor {
    pub fn new(now: DateTime<Utc>) -> Editor {
        let (today, _) = local_date(now);
        Editor {
            id: None,
            title: String::new(),
            body: text_editor::Content::new(),
            category: Category::Service,
            from: today,
            from_time: NaiveTime::MIN,
            until: Some(today + Duration::days(6)),
            weekdays: Weekdays::EVERY_DAY,
            hours: None,
            picking: None,
            pick_half: false,
            pinned: false,
            priority: 0,
            editing: None,
            keyboard: Keyboard::default(),
            error: None,
            saving: false,
            today,
            page: 0,
        }
    }

    pub fn edit(notice: &Notice, now: DateTime<Utc>) -> Editor {
        let (from, from_time) = local_date(notice.schedule.starts_at);
        let until = notice.schedule.ends_at.map(|end| {
            let (date, time) = local_date(end);
            if time == NaiveTime::MIN {
                date - Duration::days(1)
            } else {
                date
            }
        });
        Editor {
            id: Some(notice.id),
            title: notice.title.clone(),
            body: text_editor::Content::with_text(&notice.body),
            category: notice.category,
            from,
            from_time,
            until,
            weekdays: notice.schedule.weekdays,
            hours: notice.schedule.window.map(|w| (w.from, w.until)),
            pinned: notice.pinned,
            priority: notice.priority,
            ..Editor::new(now)
        }
    }

    pub fn is_new(&self) -> bool {
        self.id.is_none()
    }

    fn body_text(&self) -> String {
        self.body.text().trim_end_matches('\n').to_string()
    }

    fn apply(&mut self, field: Field, output: Output) {
        let done = match field {
            Field::Title => output.apply_to(&mut self.title),
            Field::Body => {
                let edit = |e| text_editor::Action::Edit(e);
                match output {
                    Output::None => false,
                    Output::Insert(typed) => {
                        self.body
                            .perform(edit(text_editor::Edit::Paste(Arc::new(typed))));
                        false
                    }
                    Output::Backspace => {
                        self.body.perform(edit(text_editor::Edit::Backspace));
                        false
                    }
                    Output::Clear => {
                        self.body = text_editor::Content::new();
                        false
                    }
                    Output::Done(pending) => {
                        if let Some(typed) = pending {
                            self.body
                                .perform(edit(text_editor::Edit::Paste(Arc::new(typed))));
                        }
                        true
                    }
                }
            }
        };
        if done {
            self.editing = None;
        }
    }

    fn form_update(&mut self, message: Message) -> Outcome {
        match message {
            Message::Edit(field) => {
                self.keyboard.reset();
                self.editing = Some(field);
                // Staff are fixing what was said: it goes.
                self.error = None;
                if field == Field::Body {
                    self.body
                        .perform(text_editor::Action::Move(text_editor::Motion::DocumentEnd));
                }
            }
            Message::Keyboard(m) => {
                if let Some(field) = self.editing {
                    let output = self.keyboard.update(m);
                    self.apply(field, output);
                }
            }
            Message::TitleTyped(typed) => self.title = typed,
            Message::Body(action) => self.body.perform(action),
            Message::Category(c) => self.category = c,
            Message::From(days) => self.from += Duration::days(days),
            Message::FromToday => self.from = self.today,
            Message::Until(days) => {
                let base = self.until.unwrap_or(self.from);
                self.until = Some(base + Duration::days(days));
            }
            Message::UntilIn(days) => self.until = days.map(|d| self.from + Duration::days(d - 1)),
            Message::Weekday(day) => {
                // From "every day", a tap picks just that day; more taps add or remove.
                self.weekdays = if self.weekdays.is_every_day() {
                    Weekdays::EVERY_DAY.with(day, true)
                } else {
                    self.weekdays.with(day, !self.weekdays.contains(day))
                };
            }
            Message::EveryDay => self.weekdays = Weekdays::EVERY_DAY,
            Message::Hours(hours) => self.hours = hours,
            Message::Pick(end) => {
                self.picking = end;
                let (from, until) = self.hours.unwrap_or((480, 1200));
                let at = if end == Some(End::From) { from } else { until };
                self.pick_half = at % 60 == 30;
            }
            Message::PickHalf(half) => self.pick_half = half,
            Message::PickAt(minutes) => {
                if let Some(end) = self.picking {
                    self.picked(end, minutes);
                }
            }
            Message::Pinned => self.pinned = !self.pinned,
            Message::Page(page) => self.page = page,
            Message::Priority(d) => self.priority = (self.priority + d).clamp(-100, 100),
            Message::Saved(_) => {}
            Message::Cancel => return Outcome::Cancel,
            Message::Save => match self.build() {
                Ok(notice) => return Outcome::Save(self.id, notice),
                Err(e) => self.error = Some(crate::text::error::zh(&e)),
            },
        }
        Outcome::Stay
    }

    fn build(&self) -> relay_core::store::Result<NewNotice> {
        let at = |date: NaiveDate, time: NaiveTime| {
            Local
                .from_local_datetime(&date.and_time(time))
                .earliest()
                .map(|local| local.to_utc())
                .ok_or_else(|| relay_core::store::Error::from(t::INVALID_DATE))
        };
        let window = match self.hours {
            Some((from, until)) => Some(TimeWindow::new(from, until)?),
            None => None,
        };
        let notice = NewNotice {
            title: self.title.trim().to_string(),
            body: self.body_text().trim().to_string(),
            category: self.category,
            schedule: Schedule {
                starts_at: at(self.from, self.from_time)?,
                ends_at: self
                    .until
                    .map(|d| at(d + Duration::days(1), NaiveTime::MIN))
                    .transpose()?,
                weekdays: self.weekdays,
                window,
            },
            pinned: self.pinned,
            priority: self.priority,
            poster: None,
        };
        notice.validate()?;
        Ok(notice)
    }

    /// The notice being edited (`None`: a new one).
    pub fn notice_id(&self) -> Option<i64> {
        self.id
    }

    /// Whether the keyboard is open (the page then goes without its header).
    pub fn typing(&self) -> bool {
        self.editing.is_some()
    }

    pub fn view<'a>(&'a self, ui: &Ui, _ctx: Context<'a>) -> Element<'a, Message> {
        let mut page = Column::new().spacing(if ui.tight() && self.editing.is_some() {
            ui.gap_small()
        } else {
            ui.gap()
        });
        if let Some(end) = self.picking {
            return page.push(self.hour_picker(ui, end)).into();
        }
        if let Some(e) = &self.error {
            page = page.push(badge::error(ui, e.as_str()));
        }
        match self.editing {
            // Field and keyboard sit together at the bottom, within reach.
            // (The body's field takes the room above the keyboard, under the title.)
            Some(field) if field == Field::Body && !ui.tight() => page
                .push(self.field_editor(ui, field))
                .push(self.keyboard.view(ui).map(Message::Keyboard))
                .into(),
            Some(field) => page
                .push(iced::widget::space::vertical())
                .push(self.field_editor(ui, field))
                .push(self.keyboard.view(ui).map(Message::Keyboard))
                .into(),
            None => page
                .push(self.paged_form(ui))
                .push(widget::save_pair(
                    ui,
                    (
                        if self.saving { t::SAVING } else { t::SAVE },
                        Message::Save,
                        theme::primary,
                    ),
                    (t::CANCEL, Message::Cancel),
                    self.saving,
                ))
                .into(),
        }
    }
}

/// What the staff shell should do after a message.
pub type Action = super::change::FormAction<Message>;

impl Editor {
    /// Form messages change the form; 保存 writes on the store thread, and the form
    /// stays (showing 正在保存…) until the store answers.
    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        match message {
            Message::Saved(answer) => {
                form_answered(&mut self.saving, &mut self.error, answer, t::not_saved)
            }
            _ if self.saving => Action::None,
            message => match self.form_update(message) {
                Outcome::Stay => Action::None,
                Outcome::Cancel => Action::Cancel,
                Outcome::Save(id, notice) => {
                    let title = notice.title.clone();
                    let job = move |store: &mut Store| {
                        match id {
                            Some(id) => store.update_notice(id, &notice, ACTOR)?,
                            None => {
                                store.add_notice(&notice, ACTOR)?;
                            }
                        }
                        Ok(t::saved(&title))
                    };
                    form_save(&mut self.saving, &mut self.error, env, job, Message::Saved)
                }
            },
        }
    }
}
