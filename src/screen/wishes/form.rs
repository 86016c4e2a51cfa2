//! A donor's claim (name and phone) or a worker's withdrawal (wish number and the
//! phone's last 4 digits), full screen while it is filled in.

use super::{Action, Field, Message};
use crate::screen::Env;
use crate::screen::Failure;
use crate::text::wishes as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::{DigitEntry, TextEntry, grouped};
use crate::widget::{self, badge};
use iced::widget::{Column, column, container, row, space, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{Store, Wish, validate_phone};

/// A donor's claim or a worker's withdrawal, full screen while it is filled in.
#[derive(Debug)]
pub(super) enum Form {
    /// The donor's name (text) and phone (digits).
    Claim {
        wish: Box<Wish>,
        fields: Fields,
        anonymous: bool,
    },
    /// The wish number (text) and the phone's last 4 digits.
    Withdraw { fields: Fields },
}

/// What both forms have: one text typed on the keyboard, one number on the keypad, which
/// of them is being typed, the last problem, and whether the store is working on it.
#[derive(Debug)]
pub(super) struct Fields {
    pub(super) text: TextEntry,
    pub(super) digits: DigitEntry,
    pub(super) typing: Option<Field>,
    pub(super) error: Option<String>,
    pub(super) pending: bool,
}

impl Fields {
    pub(super) fn new(text: TextEntry, digits: DigitEntry) -> Fields {
        Fields {
            text,
            digits,
            typing: None,
            error: None,
            pending: false,
        }
    }

    /// Typing messages; false for anything else.
    pub(super) fn input(&mut self, message: &Message) -> bool {
        match message {
            Message::Type(field) if !self.pending => self.typing = Some(*field),
            Message::Keyboard(m) => {
                if self.text.update(m.clone()) {
                    self.typing = None;
                }
            }
            Message::Key(k) => self.digits.update(*k),
            Message::DoneTyping => self.typing = None,
            _ => return false,
        }
        true
    }

    /// The field being typed, with its keyboard or keypad, if one is.
    pub(super) fn typing_view<'a>(
        &'a self,
        ui: &Ui,
        text_label: &'a str,
        digits_label: &'a str,
    ) -> Option<Element<'a, Message>> {
        match self.typing? {
            Field::Text => Some(self.text.view(ui, text_label).map(Message::Keyboard)),
            Field::Digits => {
                Some(
                    self.digits
                        .view(ui, digits_label, Message::Key, Message::DoneTyping),
                )
            }
        }
    }

    /// The problem, if any, then 确定 / 取消 at the bottom.
    pub(super) fn finish<'a>(
        &'a self,
        ui: &Ui,
        form: Column<'a, Message, theme::Theme>,
        (yes, busy, style): (&'a str, &'a str, widget::Style),
    ) -> Element<'a, Message> {
        let form = match &self.error {
            Some(e) => form.push(badge::error(ui, e.as_str())),
            None => form,
        };
        form.push(space::vertical())
            .push(widget::save_pair(
                ui,
                (
                    if self.pending { busy } else { yes },
                    Message::Confirm,
                    style,
                ),
                (t::CANCEL, Message::Cancel),
                self.pending,
            ))
            .into()
    }
}

impl Form {
    pub(super) fn fields(&self) -> &Fields {
        match self {
            Form::Claim { fields, .. } | Form::Withdraw { fields } => fields,
        }
    }

    pub(super) fn typing(&self) -> bool {
        self.fields().typing.is_some()
    }

    pub(super) fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        let now = env.utc;
        match self {
            Form::Claim {
                wish,
                fields,
                anonymous,
            } => match message {
                m if fields.input(&m) => {}
                Message::Anonymous => *anonymous = !*anonymous,
                Message::Confirm if !fields.pending => {
                    let name = fields.text.value.trim().to_string();
                    if !*anonymous && name.is_empty() {
                        fields.error = Some(t::DONOR_MISSING.into());
                        return Action::None;
                    }
                    if let Err(e) = validate_phone(&fields.digits.value) {
                        fields.error = Some(crate::text::error::zh(&e));
                        return Action::None;
                    }
                    fields.pending = true;
                    fields.error = None;
                    let (id, number) = (wish.id, fields.digits.value.clone());
                    let donor = (!*anonymous).then_some(name);
                    let job = move |store: &mut Store| {
                        store.claim_wish(id, donor.as_deref(), &number, now, "kiosk")
                    };
                    return Action::Run(Task::perform(env.store.run(job), |r| {
                        Message::Claimed(r.map_err(Failure::new))
                    }));
                }
                _ => {}
            },
            Form::Withdraw { fields } => match message {
                m if fields.input(&m) => {}
                Message::Confirm if !fields.pending => {
                    let code = relay_core::store::normal_number(&fields.text.value);
                    if !(4..=8).contains(&code.chars().count()) || fields.digits.value.len() != 4 {
                        fields.error = Some(t::WITHDRAW_INCOMPLETE.into());
                        return Action::None;
                    }
                    fields.pending = true;
                    fields.error = None;
                    let digits = fields.digits.value.clone();
                    let job = move |store: &mut Store| {
                        store
                            .withdraw_wish(&code, &digits, now)
                            .map(|wish| wish.number)
                    };
                    return Action::Run(Task::perform(env.store.run(job), |r| {
                        Message::Withdrawn(r.map_err(Failure::new))
                    }));
                }
                _ => {}
            },
        }
        Action::None
    }

    pub(super) fn view<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        match self {
            Form::Claim {
                wish,
                fields,
                anonymous,
            } => {
                if let Some(typing) = fields.typing_view(ui, t::DONOR_FIELD, t::PHONE_FIELD) {
                    return typing;
                }
                let shown_phone = grouped(&fields.digits.value);
                let form = column![
                    text(t::CLAIM_TITLE).size(ui.heading()).font(BOLD),
                    container(
                        column![
                            text(if wish.text_public {
                                wish.text.as_str()
                            } else {
                                t::PRIVATE_TEXT
                            })
                            .size(ui.label())
                            .font(BOLD),
                            text(wish.person_zh()).size(ui.body()).style(theme::muted),
                        ]
                        .spacing(theme::LINE_GAP)
                    )
                    .padding(ui.gap())
                    .width(Length::Fill)
                    .style(theme::card),
                    text(t::DONOR).size(ui.label()).font(BOLD),
                    row![
                        widget::field_button(
                            ui,
                            &fields.text.value,
                            t::TAP_FOR_DONOR,
                            Message::Type(Field::Text)
                        )
                        .width(Length::FillPortion(3)),
                        widget::choice(ui, t::ANONYMOUS, *anonymous, Message::Anonymous)
                            .width(Length::FillPortion(2)),
                    ]
                    .spacing(ui.gap_small())
                    .align_y(Alignment::Center),
                    text(t::DONOR_PHONE).size(ui.label()).font(BOLD),
                    widget::field_button(
                        ui,
                        &shown_phone,
                        t::TAP_FOR_PHONE,
                        Message::Type(Field::Digits)
                    ),
                ]
                .spacing(ui.gap_small());
                fields.finish(ui, form, (t::CONFIRM_CLAIM, t::CLAIMING, theme::primary))
            }
            Form::Withdraw { fields } => {
                if let Some(typing) = fields.typing_view(ui, t::NUMBER_FIELD, t::TAIL_FIELD) {
                    return typing;
                }
                let code = fields.text.value.to_uppercase();
                let form = column![
                    text(t::WITHDRAW_TITLE).size(ui.heading()).font(BOLD),
                    text(t::NUMBER).size(ui.label()).font(BOLD),
                    widget::field_button(ui, &code, t::TAP_FOR_NUMBER, Message::Type(Field::Text)),
                    text(t::TAIL).size(ui.label()).font(BOLD),
                    widget::field_button(
                        ui,
                        &fields.digits.value,
                        t::TAP_FOR_TAIL,
                        Message::Type(Field::Digits)
                    ),
                ]
                .spacing(ui.gap_small());
                fields.finish(
                    ui,
                    form,
                    (t::CONFIRM_WITHDRAW, t::WITHDRAWING, theme::danger),
                )
            }
        }
    }
}
