//! Adding or changing a charging slot on the kiosk: label and position note on the
//! on-screen keyboard, connector and hardware feed by touch.

use crate::store::{Connector, Slot, SlotChange};
use crate::theme::{self, BOLD, Ui};
use crate::widget;
use crate::widget::keyboard::{self, Keyboard};
use iced::widget::{Column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

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
}

pub enum Outcome {
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
    pub error: Option<String>,
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

    pub fn update(&mut self, message: Message) -> Outcome {
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
            Message::LabelTyped(t) => self.label = t,
            Message::NoteTyped(t) => self.note = t,
            Message::Connector(c) => self.connector = c,
            Message::Fed => self.fed = !self.fed,
            Message::Cancel => return Outcome::Cancel,
            Message::Save => {
                if self.label.trim().is_empty() {
                    self.error = Some("请填写编号，如 A9".into());
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

    pub fn view(&self, ui: &Ui) -> Element<'_, Message> {
        let mut page = Column::new().spacing(ui.gap());
        if let Some(e) = &self.error {
            page = page.push(
                container(text(e.as_str()).size(ui.label()).font(BOLD))
                    .padding(ui.gap())
                    .style(theme::badge(theme::BAD)),
            );
        }
        if let Some(field) = self.editing {
            let (label, input) = match field {
                Field::Label => (
                    "编号（字母和数字，如 A9）",
                    text_input("A9", &self.label).on_input(Message::LabelTyped),
                ),
                Field::Note => (
                    "位置（如 休息区桌上）",
                    text_input("休息区桌上", &self.note).on_input(Message::NoteTyped),
                ),
            };
            return page
                .push(iced::widget::space::vertical())
                .push(text(label).size(ui.label()).font(BOLD))
                .push(input.size(ui.heading()).padding(ui.gap()))
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
            "编号",
            field(&self.label, "点这里输入编号", Field::Label).into(),
        ))
        .push(line(
            "位置",
            field(&self.note, "点这里输入位置", Field::Note).into(),
        ))
        .push(line("接口", connectors.into()))
        .push(line(
            "硬件上报",
            choice("由充电柜自动上报状态".into(), self.fed, Message::Fed)
                .width(Length::Fixed(ui.s_width(360.0)))
                .into(),
        ))
        .push(iced::widget::space::vertical())
        .push(widget::action_pair(
            ui,
            ("保存", Message::Save, theme::primary),
            ("取消", Message::Cancel),
        ))
        .into()
    }
}

impl Default for SlotForm {
    fn default() -> Self {
        SlotForm::new()
    }
}
