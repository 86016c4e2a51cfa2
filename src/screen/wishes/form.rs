//! A donor's claim (name and phone), or a worker's number and the phone's last 4 digits
//! to see how a wish stands (查进度, and withdraw it from there) or read a suggestion's
//! reply (查回复); full screen while it is filled in.

use super::{Action, Field, Info, Message};
use crate::screen::Env;
use crate::screen::Failure;
use crate::text::wishes as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::{DigitEntry, TextEntry, grouped};
use crate::widget::{self, badge};
use iced::widget::{Column, column, container, row, space, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{NUMBER_DIGITS, Store, Wish, validate_phone};

/// A donor's claim or a worker's look-up, full screen while it is filled in.
#[derive(Debug)]
pub(super) enum Form {
    /// The donor's name (text) and phone (digits).
    Claim {
        wish: Box<Wish>,
        fields: Fields,
        anonymous: bool,
    },
    /// A number and the phone's last 4 digits, both on the keypad.
    Numbered { purpose: Purpose, fields: Fields },
}

/// What a number and a phone tail are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    /// 查进度: how a wish stands (and 撤回 from there).
    WishProgress,
    /// 查回复: the station's reply to a suggestion.
    Reply,
}

impl Purpose {
    fn words(self) -> Words {
        match self {
            Purpose::WishProgress => Words {
                title: t::PROGRESS_TITLE,
                number: t::NUMBER,
                number_field: t::NUMBER_FIELD,
                tap_for_number: t::TAP_FOR_NUMBER,
                tail: t::TAIL,
                tap_for_tail: t::TAP_FOR_TAIL,
                confirm: (t::CONFIRM_PROGRESS, t::LOOKING, theme::primary),
            },
            Purpose::Reply => Words {
                title: t::REPLY_TITLE,
                number: t::SUGGESTION_NUMBER,
                number_field: t::SUGGESTION_NUMBER_FIELD,
                tap_for_number: t::TAP_FOR_SUGGESTION_NUMBER,
                tail: t::SUGGESTION_TAIL,
                tap_for_tail: t::TAP_FOR_SUGGESTION_TAIL,
                confirm: (t::CONFIRM_PROGRESS, t::LOOKING, theme::primary),
            },
        }
    }
}

/// The words of a numbered form.
struct Words {
    title: &'static str,
    number: &'static str,
    number_field: &'static str,
    tap_for_number: &'static str,
    tail: &'static str,
    tap_for_tail: &'static str,
    confirm: (&'static str, &'static str, widget::Style),
}

/// What the forms have: a name typed on the keyboard (a claim) or a number on the keypad
/// (the others), a phone or its tail on the keypad, which of them is being typed, the
/// last problem, and whether the store is working on it.
#[derive(Debug)]
pub(super) struct Fields {
    pub(super) text: TextEntry,
    pub(super) number: DigitEntry,
    pub(super) digits: DigitEntry,
    pub(super) typing: Option<Field>,
    pub(super) error: Option<String>,
    pub(super) pending: bool,
}

impl Fields {
    /// A donor's name and phone.
    pub(super) fn claim() -> Fields {
        Fields::new(
            TextEntry::new("", 20),
            DigitEntry::number(),
            DigitEntry::new(11),
        )
    }

    /// A number and the phone's last 4 digits.
    pub(super) fn numbered() -> Fields {
        Fields::new(
            TextEntry::new("", 0),
            DigitEntry::number(),
            DigitEntry::new(4),
        )
    }

    fn new(text: TextEntry, number: DigitEntry, digits: DigitEntry) -> Fields {
        Fields {
            text,
            number,
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
            Message::Key(k) if self.typing == Some(Field::Number) => self.number.update(*k),
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
            Field::Number => {
                Some(
                    self.number
                        .view(ui, text_label, Message::Key, Message::DoneTyping),
                )
            }
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
            Form::Claim { fields, .. } | Form::Numbered { fields, .. } => fields,
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
            Form::Numbered { purpose, fields } => match message {
                m if fields.input(&m) => {}
                Message::Confirm if !fields.pending => {
                    let number = fields.number.value.clone();
                    let tail = fields.digits.value.clone();
                    // A suggestion left without a phone is looked up by its number alone.
                    let tail_ok =
                        tail.len() == 4 || (*purpose == Purpose::Reply && tail.is_empty());
                    if number.len() != NUMBER_DIGITS || !tail_ok {
                        fields.error = Some(
                            if *purpose == Purpose::Reply {
                                t::REPLY_INCOMPLETE
                            } else {
                                t::NUMBER_INCOMPLETE
                            }
                            .into(),
                        );
                        return Action::None;
                    }
                    fields.pending = true;
                    fields.error = None;
                    let run = env.store;
                    return Action::Run(match purpose {
                        Purpose::WishProgress => Task::perform(
                            run.run(move |s: &mut Store| {
                                s.wish_progress(&number, &tail, now).map(|p| (p, tail))
                            }),
                            |r| {
                                Message::Looked(
                                    r.map(|(p, tail)| Info::wish(&p, tail))
                                        .map_err(Failure::new),
                                )
                            },
                        ),
                        Purpose::Reply => Task::perform(
                            run.run(move |s: &mut Store| {
                                s.suggestion_progress(&number, &tail, now)
                            }),
                            |r| Message::Looked(r.map(|p| Info::reply(&p)).map_err(Failure::new)),
                        ),
                    });
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
            Form::Numbered { purpose, fields } => {
                let words = purpose.words();
                if let Some(typing) = fields.typing_view(ui, words.number_field, t::TAIL_FIELD) {
                    return typing;
                }
                let number = fields.number.shown();
                let tail = &fields.digits.value;
                let number_button = widget::field_button(
                    ui,
                    &number,
                    words.tap_for_number,
                    Message::Type(Field::Number),
                );
                let tail_button = widget::field_button(
                    ui,
                    tail,
                    words.tap_for_tail,
                    Message::Type(Field::Digits),
                );
                let form = if ui.tight() {
                    // Elder mode on a small panel: each field with its short name beside it.
                    let named = |name: &'a str, field: widget::Tap<'a, Message>| {
                        row![
                            text(name)
                                .size(ui.label())
                                .font(BOLD)
                                .width(Length::Fixed(ui.s_width(220.0))),
                            field.width(Length::Fill),
                        ]
                        .spacing(ui.gap())
                        .align_y(Alignment::Center)
                    };
                    column![
                        text(words.title).size(ui.heading()).font(BOLD),
                        named(words.number_field, number_button),
                        named(t::TAIL_FIELD, tail_button),
                    ]
                } else {
                    column![
                        text(words.title).size(ui.heading()).font(BOLD),
                        text(words.number).size(ui.label()).font(BOLD),
                        number_button,
                        text(words.tail).size(ui.label()).font(BOLD),
                        tail_button,
                    ]
                }
                .spacing(ui.gap_small());
                fields.finish(ui, form, words.confirm)
            }
        }
    }
}
