//! Staff: 本站信息 — the station's name (at the top of home and attract mode) and the
//! line under it, typed on the kiosk's own keyboard, so a new station is named from its
//! screen rather than in `config.toml`.

use super::ACTOR;
use crate::screen::{Env, Failure};
use crate::text::staff::station as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::TextEntry;
use crate::widget::{self, badge, keyboard};
use iced::widget::{column, space, text};
use iced::{Length, Task};
use relay_core::store::{STATION_LINE_MAX_CHARS, STATION_NAME_MAX_CHARS, Store};

#[derive(Debug)]
pub struct State {
    name: TextEntry,
    line: TextEntry,
    typing: Option<Field>,
    error: Option<String>,
    saving: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Line,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Type(Field),
    Keyboard(keyboard::Message),
    Save,
    Saved(Result<String, Failure>),
    Cancel,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Saved: what to tell staff.
    Done(String),
    Cancel,
}

impl State {
    /// The form with what the screens show now: staff's name, else the config's.
    pub fn new(name: &str, line: Option<&str>) -> State {
        State {
            name: TextEntry::new(name, STATION_NAME_MAX_CHARS),
            line: TextEntry::new(line.unwrap_or(""), STATION_LINE_MAX_CHARS),
            typing: None,
            error: None,
            saving: false,
        }
    }

    /// A keyboard is open (the page then has the whole screen).
    pub fn typing(&self) -> bool {
        self.typing.is_some()
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        match message {
            Message::Type(field) if !self.saving => {
                self.typing = Some(field);
                self.error = None;
            }
            Message::Keyboard(m) => {
                let entry = match self.typing {
                    Some(Field::Name) => &mut self.name,
                    Some(Field::Line) => &mut self.line,
                    None => return Action::None,
                };
                if entry.update(m) {
                    self.typing = None;
                }
            }
            Message::Save if !self.saving => {
                let name = self.name.value.trim().to_string();
                if name.is_empty() {
                    self.error = Some(t::NAME_MISSING.into());
                    return Action::None;
                }
                self.saving = true;
                self.error = None;
                let (line, now) = (self.line.value.clone(), env.utc);
                let job = move |store: &mut Store| {
                    store
                        .set_station(&name, &line, now, ACTOR)
                        .map(|s| s.name.unwrap_or_default())
                };
                return Action::Run(Task::perform(env.store.run(job), |r| {
                    Message::Saved(r.map_err(Failure::new))
                }));
            }
            Message::Saved(result) => {
                self.saving = false;
                match result {
                    Ok(name) => return Action::Done(t::saved(&name)),
                    Err(e) => self.error = Some(t::not_saved(e.zh())),
                }
            }
            Message::Cancel if !self.saving => return Action::Cancel,
            _ => {}
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        // The keyboard has the screen, with nothing else to tap.
        match self.typing {
            Some(Field::Name) => return self.name.view(ui, t::NAME_FIELD).map(Message::Keyboard),
            Some(Field::Line) => return self.line.view(ui, t::LINE_FIELD).map(Message::Keyboard),
            None => {}
        }
        // Elder mode on a small panel: the fields say what they are for; the headings
        // and the note go, so the form and its message fit.
        let tight = ui.tight();
        let heading = |words: &'a str| (!tight).then(|| text(words).size(ui.label()).font(BOLD));
        let mut form = column![
            heading(t::NAME),
            widget::field_button(
                ui,
                &self.name.value,
                t::TAP_FOR_NAME,
                Message::Type(Field::Name)
            ),
            heading(t::LINE),
            widget::field_button(
                ui,
                &self.line.value,
                t::TAP_FOR_LINE,
                Message::Type(Field::Line)
            ),
            (!tight).then(|| text(t::NOTE).size(ui.body()).style(theme::muted)),
        ]
        .spacing(ui.gap_small());
        if let Some(e) = &self.error {
            form = form.push(badge::error(ui, e.as_str()));
        }
        form.push(space::vertical())
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
            .height(Length::Fill)
            .into()
    }
}
