//! Adding or changing a charging slot on the kiosk: label and position note on the
//! on-screen keyboard, connector and hardware feed by touch.

use super::ACTOR;
use super::change::{form_answered, form_save};
use crate::screen::Env;
use crate::screen::Failure;
use crate::text::staff::slot_form as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::keyboard::{self, Keyboard};
use crate::widget::{self, badge};
use iced::widget::{Column, column, row, text, text_input};
use iced::{Alignment, Length};
use relay_core::store::{Connector, Slot, SlotChange, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Label,
    Note,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Edit(Field),
    Keyboard(keyboard::Message),
    LabelTyped(String),
    NoteTyped(String),
    Connector(Connector),
    Fed,
    Save,
    Cancel,
    /// The store's answer: what to tell staff, or what went wrong.
    Saved(Result<String, Failure>),
}

enum Outcome {
    Stay,
    /// Add a slot (`None`) or change the one with this label.
    Save(Option<String>, SlotChange),
    Cancel,
}

#[derive(Debug)]
pub struct SlotForm {
    original: Option<String>,
    label: String,
    note: String,
    connector: Connector,
    fed: bool,
    editing: Option<Field>,
    keyboard: Keyboard,
    error: Option<String>,
    /// Being written to the store.
    saving: bool,
}

impl SlotForm {
    pub fn new() -> SlotForm {
        SlotForm {
            original: None,
            label: String::new(),
            note: String::new(),
            connector: Connector::UsbC,
            fed: false,
            editing: None,
            keyboard: Keyboard::default(),
            error: None,
            saving: false,
        }
    }

    pub fn edit(slot: &Slot) -> SlotForm {
        SlotForm {
            original: Some(slot.label.clone()),
            label: slot.label.clone(),
            note: slot.note.clone(),
            connector: slot.connector,
            fed: slot.fed,
            ..SlotForm::new()
        }
    }

    pub fn is_new(&self) -> bool {
        self.original.is_none()
    }

    fn field(&mut self, field: Field) -> &mut String {
        match field {
            Field::Label => &mut self.label,
            Field::Note => &mut self.note,
        }
    }

    fn form_update(&mut self, message: Message) -> Outcome {
        match message {
            Message::Edit(field) => {
                self.keyboard.reset();
                self.editing = Some(field);
            }
            Message::Keyboard(m) => {
                if let Some(field) = self.editing {
                    let output = self.keyboard.update(m);
                    if output.apply_to(self.field(field)) {
                        self.editing = None;
                    }
                }
            }
            Message::LabelTyped(typed) => self.label = typed,
            Message::NoteTyped(typed) => self.note = typed,
            Message::Connector(c) => self.connector = c,
            Message::Fed => self.fed = !self.fed,
            Message::Saved(_) => {}
            Message::Cancel => return Outcome::Cancel,
            Message::Save => {
                if self.label.trim().is_empty() {
                    self.error = Some(t::LABEL_MISSING.into());
                    return Outcome::Stay;
                }
                return Outcome::Save(
                    self.original.clone(),
                    SlotChange {
                        label: Some(self.label.trim().to_uppercase()),
                        connector: Some(self.connector),
                        note: Some(self.note.trim().to_string()),
                        fed: Some(self.fed),
                    },
                );
            }
        }
        Outcome::Stay
    }

    /// Whether the keyboard is open (the page then goes without its header).
    pub fn typing(&self) -> bool {
        self.editing.is_some()
    }

    pub fn view(&self, ui: &Ui) -> Element<'_, Message> {
        let mut page = Column::new().spacing(ui.gap());
        if let Some(e) = &self.error {
            page = page.push(badge::error(ui, e.as_str()));
        }
        if let Some(field) = self.editing {
            let (label, input) = match field {
                Field::Label => (
                    t::LABEL_TYPING,
                    text_input("A9", &self.label).on_input(Message::LabelTyped),
                ),
                Field::Note => (
                    t::NOTE_TYPING,
                    text_input(t::NOTE_EXAMPLE, &self.note).on_input(Message::NoteTyped),
                ),
            };
            let label = text(label).size(ui.label()).font(BOLD);
            let input = input.size(ui.heading()).padding(ui.gap());
            // Elder mode on a small panel: the label beside the field, for the keys' height.
            let field: Element<'_, Message> = if ui.tight() {
                row![label, input]
                    .spacing(ui.gap())
                    .align_y(Alignment::Center)
                    .into()
            } else {
                column![label, input].spacing(ui.gap()).into()
            };
            return page
                .push(iced::widget::space::vertical())
                .push(field)
                .push(self.keyboard.view(ui).map(Message::Keyboard))
                .into();
        }
        let choice =
            |label: String, selected: bool, msg: Message| widget::choice(ui, &label, selected, msg);
        let field = |value: &str, placeholder: &'static str, f: Field| {
            widget::field_button(ui, value, placeholder, Message::Edit(f))
        };
        let line = |name: &'static str, content: Element<'static, Message>| {
            row![
                text(name)
                    .size(ui.label())
                    .font(BOLD)
                    .width(Length::Fixed(ui.s_width(150.0))),
                content
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center)
        };
        let mut connectors = row![].spacing(ui.gap_small());
        for c in Connector::ALL {
            connectors = connectors.push(
                choice(c.zh().into(), c == self.connector, Message::Connector(c))
                    .width(Length::Fill),
            );
        }
        page.push(line(
            t::LABEL,
            field(&self.label, t::LABEL_PLACEHOLDER, Field::Label).into(),
        ))
        .push(line(
            t::NOTE,
            field(&self.note, t::NOTE_PLACEHOLDER, Field::Note).into(),
        ))
        .push(line(t::CONNECTOR, connectors.into()))
        .push(line(
            t::FED,
            choice(t::FED_CHOICE.into(), self.fed, Message::Fed)
                .width(Length::Fixed(ui.s_width(360.0)))
                .into(),
        ))
        .push(iced::widget::space::vertical())
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
        .into()
    }
}

impl Default for SlotForm {
    fn default() -> Self {
        SlotForm::new()
    }
}

/// What the staff shell should do after a message.
pub type Action = super::change::FormAction<Message>;

impl SlotForm {
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
                Outcome::Save(original, change) => {
                    let job = move |store: &mut Store| {
                        let label = change.label.clone().unwrap_or_default();
                        match &original {
                            Some(old) => store.update_slot(old, &change, ACTOR)?,
                            None => {
                                store.add_slot(
                                    &label,
                                    change.connector.unwrap_or(Connector::UsbC),
                                    change.note.as_deref().unwrap_or_default(),
                                    change.fed.unwrap_or(false),
                                    ACTOR,
                                )?;
                            }
                        }
                        Ok(t::saved(&label))
                    };
                    form_save(&mut self.saving, &mut self.error, env, job, Message::Saved)
                }
            },
        }
    }
}
