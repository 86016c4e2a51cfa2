//! 提个建议: a worker tells the station what to improve — a kind by touch, the text on
//! the pinyin keyboard, anonymous unless they leave a phone for a call back.

use super::Env;
use crate::screen::Failure;
use crate::text::suggestion_form as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::{DigitEntry, TextEntry, grouped};
use crate::widget::keypad::Key;
use crate::widget::{self, badge, keyboard};
use iced::widget::{Column, Row, column, container, scrollable, space, text};
use iced::{Length, Task};
use relay_core::store::{
    NewSuggestion, SUGGESTION_MAX_CHARS, Store, SuggestionKind, validate_phone,
};

#[derive(Debug)]
pub struct State {
    kind: SuggestionKind,
    text: TextEntry,
    phone: DigitEntry,
    typing: Option<Typing>,
    error: Option<String>,
    submitting: bool,
    /// The suggestion's number once the store has it: the thank-you page shows it.
    number: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    Text,
    Phone,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Home,
    Kind(SuggestionKind),
    Type(Typing),
    Keyboard(keyboard::Message),
    Key(Key),
    DoneTyping,
    Submit,
    /// The suggestion's number, or why it was not saved.
    Submitted(Result<String, Failure>),
}

pub type Action = super::Action<Message>;

impl Default for State {
    fn default() -> Self {
        State {
            kind: SuggestionKind::Facility,
            text: TextEntry::new("", SUGGESTION_MAX_CHARS),
            phone: DigitEntry::new(11),
            typing: None,
            error: None,
            submitting: false,
            number: None,
        }
    }
}

impl State {
    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        if self.submitting && !matches!(message, Message::Submitted(_)) {
            return Action::None;
        }
        match message {
            Message::Home => return Action::GoHome,
            Message::Kind(kind) => self.kind = kind,
            Message::Type(field) => {
                self.typing = Some(field);
                self.error = None;
            }
            Message::Keyboard(m) => {
                if self.text.update(m) {
                    self.typing = None;
                }
            }
            Message::Key(k) => self.phone.update(k),
            Message::DoneTyping => self.typing = None,
            Message::Submit => {
                let text = self.text.value.trim().to_string();
                if text.is_empty() {
                    self.error = Some(t::TEXT_EMPTY.into());
                    return Action::None;
                }
                let phone = if self.phone.value.is_empty() {
                    None
                } else {
                    match validate_phone(&self.phone.value) {
                        Ok(p) => Some(p),
                        Err(e) => {
                            self.error = Some(crate::text::error::zh(&e));
                            return Action::None;
                        }
                    }
                };
                self.submitting = true;
                self.error = None;
                let suggestion = NewSuggestion {
                    kind: self.kind,
                    text,
                    phone,
                };
                let now = env.utc;
                let job = move |store: &mut Store| {
                    store
                        .add_suggestion(&suggestion, now, "kiosk")
                        .map(|saved| saved.number.unwrap_or_default())
                };
                return Action::Run(Task::perform(env.store.run(job), |r| {
                    Message::Submitted(r.map_err(Failure::new))
                }));
            }
            Message::Submitted(result) => {
                self.submitting = false;
                match result {
                    Ok(number) => {
                        self.number = Some(number);
                        return Action::Changed;
                    }
                    Err(e) => self.error = Some(t::failed(e.zh())),
                }
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let thanks = self.number.as_deref().map(|number| {
            let words = widget::thanks::ThanksWords {
                thanks: t::THANKS,
                your_number: t::YOUR_NUMBER,
                after: t::AFTER,
                home: t::TO_HOME,
            };
            widget::thanks::numbered_thanks(ui, words, number, Message::Home)
        });
        let body: Element<'a, Message> = match (thanks, self.typing) {
            (Some(thanks), _) => thanks,
            (None, Some(Typing::Text)) => self.text.view(ui, t::TEXT_FIELD).map(Message::Keyboard),
            (None, Some(Typing::Phone)) => {
                self.phone
                    .view(ui, t::PHONE_FIELD, Message::Key, Message::DoneTyping)
            }
            (None, None) => self.form(ui),
        };
        if self.typing.is_some() && self.number.is_none() {
            return widget::bare_page(ui, body);
        }
        container(
            column![
                widget::header(
                    ui,
                    Message::Home,
                    t::TITLE,
                    t::TITLE_EN,
                    space::horizontal().width(0).into()
                ),
                body
            ]
            .spacing(ui.gap())
            .padding(ui.pad()),
        )
        .width(Length::Fill)
        .height(Length::Fill)
        .style(theme::page)
        .into()
    }

    fn form<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let mut kinds = Row::new().spacing(ui.gap_small());
        for kind in SuggestionKind::ALL {
            kinds = kinds.push(
                widget::choice(ui, kind.zh(), self.kind == kind, Message::Kind(kind))
                    .width(Length::Fill),
            );
        }
        let phone = grouped(&self.phone.value);
        // Elder mode on a small panel: the fields say what they are for; the headings'
        // lines go, so the form fits without scrolling.
        let heading =
            |words: &'a str| (!ui.tight()).then(|| text(words).size(ui.label()).font(BOLD));
        let mut form: Column<'a, Message, theme::Theme> = column![
            heading(t::KIND),
            kinds,
            heading(t::TEXT),
            widget::field_button(
                ui,
                &self.text.value,
                t::TAP_TO_WRITE,
                Message::Type(Typing::Text)
            ),
            heading(t::PHONE),
            widget::field_button(ui, &phone, t::TAP_FOR_PHONE, Message::Type(Typing::Phone)),
            text(t::PHONE_NOTE).size(ui.small()).style(theme::muted),
        ]
        .spacing(if ui.tight() { 12.0 } else { ui.gap_small() });
        if let Some(e) = &self.error {
            form = form.push(badge::error(ui, e.as_str()));
        }
        column![
            scrollable(form)
                .height(Length::Fill)
                .spacing(theme::SCROLLBAR_GAP),
            widget::save_pair(
                ui,
                (
                    if self.submitting {
                        t::SUBMITTING
                    } else {
                        t::SUBMIT
                    },
                    Message::Submit,
                    theme::primary
                ),
                (t::CANCEL, Message::Home),
                self.submitting,
            ),
        ]
        .spacing(if ui.tight() { ui.gap_small() } else { ui.gap() })
        .into()
    }
}
