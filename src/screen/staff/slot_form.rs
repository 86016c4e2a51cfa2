//! Adding or changing a charging slot on the kiosk: label and position note on the
//! on-screen keyboard, connector and hardware feed by touch. A new station adds a
//! numbered run in one step: A1 and 数量 8 add A1–A8, all or none.

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
use relay_core::store::{
    Connector, SLOT_NOTE_MAX_CHARS, SLOT_RUN_MAX, Slot, SlotChange, Store, run_name, slot_run,
};

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
    /// One more or one fewer in the run (new slots only).
    More,
    Fewer,
    Save,
    Cancel,
    /// The store's answer: what to tell staff, or what went wrong.
    Saved(Result<String, Failure>),
}

enum Outcome {
    Stay,
    /// Add a run of this many slots (`None`) or change the one with this label.
    Save(Option<String>, SlotChange, usize),
    Cancel,
}

#[derive(Debug)]
pub struct SlotForm {
    original: Option<String>,
    label: String,
    note: String,
    connector: Connector,
    fed: bool,
    /// How many to add, numbered from the label (new slots only).
    count: usize,
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
            count: 1,
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
                    let done = output.apply_to(self.field(field));
                    // A note is one short line on the slot's card: typing stops at its length.
                    if field == Field::Note {
                        clip(&mut self.note, SLOT_NOTE_MAX_CHARS);
                    }
                    if done {
                        self.editing = None;
                    }
                }
            }
            Message::LabelTyped(typed) => self.label = typed,
            Message::NoteTyped(typed) => {
                self.note = typed;
                clip(&mut self.note, SLOT_NOTE_MAX_CHARS);
            }
            Message::Connector(c) => self.connector = c,
            Message::Fed => self.fed = !self.fed,
            Message::More => self.count = (self.count + 1).min(SLOT_RUN_MAX),
            Message::Fewer => self.count = self.count.saturating_sub(1).max(1),
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
                    self.count,
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
        // Where the full names do not fit (a small panel, portrait, elder mode): short ones.
        let short = ui.compact() || ui.portrait || ui.elder();
        let mut connectors = row![].spacing(ui.gap_small());
        for c in Connector::ALL {
            let name = if short { t::connector_short(c) } else { c.zh() };
            // Short names are two characters but USB-C: it gets a wider share.
            let share = if short && c == Connector::UsbC { 3 } else { 2 };
            connectors = connectors.push(
                choice(name.into(), c == self.connector, Message::Connector(c))
                    .width(Length::FillPortion(share)),
            );
        }
        let label_field = field(&self.label, t::LABEL_PLACEHOLDER, Field::Label);
        // 数量 for a new slot: a run numbered from the label, what it adds said beside it
        // (elder mode on a small panel: the stepper beside the label, for the height).
        let step = |words: &'static str, msg: Message, on: bool| {
            widget::text_action(ui, words, on.then_some(msg), theme::secondary)
                .width(Length::Fixed(ui.target() * 1.2))
        };
        let stepper = row![
            step(t::FEWER, Message::Fewer, self.count > 1),
            text(self.count.to_string())
                .size(ui.heading())
                .font(BOLD)
                .width(Length::Fixed(ui.s_width(60.0)))
                .align_x(Alignment::Center),
            step(t::MORE, Message::More, self.count < SLOT_RUN_MAX),
        ]
        .spacing(ui.gap_small())
        .align_y(Alignment::Center);
        let run = slot_run(&self.label, self.count)
            .map(|labels| t::run(&run_name(&labels), labels.len()))
            .unwrap_or_default();
        let page = match (self.is_new(), ui.tight()) {
            (false, _) => page.push(line(t::LABEL, label_field.into())),
            (true, true) => page.push(line(
                t::LABEL,
                row![label_field.width(Length::Fill), stepper]
                    .spacing(ui.gap())
                    .align_y(Alignment::Center)
                    .into(),
            )),
            (true, false) => page.push(line(t::LABEL, label_field.into())).push(line(
                t::COUNT,
                row![stepper, text(run).size(ui.body()).style(theme::muted)]
                    .spacing(ui.gap())
                    .align_y(Alignment::Center)
                    .into(),
            )),
        };
        let note = field(&self.note, t::NOTE_PLACEHOLDER, Field::Note);
        let page = if ui.tight() {
            // Elder mode on a small panel: the feed choice beside the position, for the height.
            page.push(line(
                t::NOTE,
                row![
                    note.width(Length::Fill),
                    choice(t::FED_SHORT.into(), self.fed, Message::Fed)
                        .width(Length::Fixed(ui.s_width(250.0))),
                ]
                .spacing(ui.gap())
                .align_y(Alignment::Center)
                .into(),
            ))
            .push(line(t::CONNECTOR, connectors.into()))
        } else {
            page.push(line(t::NOTE, note.into()))
                .push(line(t::CONNECTOR, connectors.into()))
                .push(line(
                    t::FED,
                    choice(t::FED_CHOICE.into(), self.fed, Message::Fed)
                        .width(Length::Fixed(ui.s_width(420.0)))
                        .into(),
                ))
        };
        page.push(iced::widget::space::vertical())
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
                Outcome::Save(original, change, count) => {
                    let job = move |store: &mut Store| {
                        let label = change.label.clone().unwrap_or_default();
                        match &original {
                            Some(old) => store.update_slot(old, &change, ACTOR)?,
                            None if count > 1 => {
                                let added = store.add_slot_run(
                                    &label,
                                    count,
                                    change.connector.unwrap_or(Connector::UsbC),
                                    change.note.as_deref().unwrap_or_default(),
                                    change.fed.unwrap_or(false),
                                    ACTOR,
                                )?;
                                return Ok(t::saved(&run_name(&added)));
                            }
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

/// Cuts `text` to its first `max` characters.
fn clip(text: &mut String, max: usize) {
    if let Some((at, _)) = text.char_indices().nth(max) {
        text.truncate(at);
    }
}
