//! 还书: the book (found by search, from the list of books out, or from its page), the
//! four digits given when it was borrowed, done. A return the store cannot match is
//! recorded as a visitor's 入架 for staff to confirm, and the reader is thanked all
//! the same.

use super::lend::TAIL;
use super::shelf;
use crate::screen::Env;
use crate::screen::Failure;
use crate::text::reading as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::keypad::{self, Key};
use crate::widget::{self, badge};
use iced::widget::{Column, column, container, space, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{BookId, ReturnOutcome, Store};

#[derive(Debug)]
pub struct GiveBack {
    book: BookId,
    title: String,
    digits: String,
    busy: bool,
    error: Option<String>,
    outcome: Option<ReturnOutcome>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Key(Key),
    Back,
    Confirm,
    Saved(Result<ReturnOutcome, Failure>),
    Finish,
}

/// What returning asks of the reading corner.
pub type Action = super::StepAction<Message>;

impl GiveBack {
    pub fn new(book: BookId, title: String) -> GiveBack {
        GiveBack {
            book,
            title,
            digits: String::new(),
            busy: false,
            error: None,
            outcome: None,
        }
    }

    pub fn book(&self) -> BookId {
        self.book
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        if self.busy && !matches!(message, Message::Saved(_)) {
            return Action::None;
        }
        match message {
            Message::Key(key) => {
                keypad::apply(&mut self.digits, key, TAIL);
                self.error = None;
            }
            Message::Back => return Action::Cancel,
            Message::Confirm => {
                if self.digits.len() != TAIL {
                    self.error = Some(t::DIGITS_MISSING.into());
                    return Action::None;
                }
                self.busy = true;
                let (id, digits, now) = (self.book, self.digits.clone(), env.utc);
                let job = move |store: &mut Store| store.book_return(id, &digits, now);
                return Action::Run(Task::perform(env.store.run(job), |r| {
                    Message::Saved(r.map_err(Failure::new))
                }));
            }
            Message::Saved(result) => {
                self.busy = false;
                match result {
                    Ok(outcome) => {
                        self.digits.clear();
                        self.outcome = Some(outcome);
                        return Action::Saved;
                    }
                    Err(e) => self.error = Some(t::failed(e.zh())),
                }
            }
            Message::Finish => return Action::Finished,
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        if let Some(outcome) = &self.outcome {
            return shelf::page(ui, thanks(ui, outcome));
        }
        let shown = {
            let mut s: Vec<String> = self.digits.chars().map(String::from).collect();
            s.extend(std::iter::repeat_n(
                "○".to_string(),
                TAIL - self.digits.len(),
            ));
            s.join(" ")
        };
        let info = column![
            text(t::quoted(&self.title)).size(ui.heading()).font(BOLD),
            text(t::RETURN_DIGITS).size(ui.label()),
            container(text(shown).size(ui.huge()).font(BOLD))
                .padding(ui.gap())
                .style(theme::card),
            text(t::RETURNED_NOTE).size(ui.body()).style(theme::muted),
        ]
        .spacing(ui.gap())
        .width(Length::Fill);
        let label = if self.busy {
            t::RETURNING
        } else {
            t::CONFIRM_RETURN
        };
        let ready = !self.busy && self.digits.len() == TAIL;
        let body = shelf::digits_entry(
            ui,
            info.into(),
            (label, ready.then_some(Message::Confirm)),
            self.busy,
            Message::Key,
        );
        let mut content = Column::new().spacing(ui.gap()).push(shelf::header(
            ui,
            Some(Message::Back),
            Message::Back,
            t::RETURN.into(),
            t::RETURN_EN.into(),
            space::horizontal().width(0).into(),
        ));
        if let Some(e) = &self.error {
            content = content.push(badge::error(ui, e.as_str()));
        }
        shelf::page(ui, content.push(body).into())
    }
}

fn thanks<'a>(ui: &Ui, outcome: &'a ReturnOutcome) -> Element<'a, Message> {
    let tight = ui.tight();
    let (title, note): (&str, String) = match outcome {
        ReturnOutcome::Returned { overdue_days, .. } if *overdue_days > 0 => {
            (t::RETURNED, t::returned_late(*overdue_days))
        }
        ReturnOutcome::Returned { .. } => (t::RETURNED, String::new()),
        ReturnOutcome::Shelved { .. } => (t::SHELVED, t::SHELVED_NOTE.into()),
    };
    // Where it goes, in large type, as the book's page shows it.
    let place = match outcome {
        ReturnOutcome::Returned { shelf, .. } if !shelf.trim().is_empty() => Some(
            text(t::put_back(shelf))
                .size(if tight { ui.heading() } else { ui.huge() })
                .font(BOLD),
        ),
        ReturnOutcome::Returned { .. } => Some(text(t::RETURNED_NOTE).size(ui.label())),
        ReturnOutcome::Shelved { .. } => None,
    };
    container(
        column![
            text(title)
                .size(if tight { ui.heading() } else { ui.huge() })
                .font(BOLD),
            place,
            (!note.is_empty()).then(|| text(note).size(ui.label())),
            widget::text_action(ui, t::DONE, Some(Message::Finish), theme::primary)
                .width(Length::Fill)
                .height(Length::Fixed(ui.keypad_submit())),
        ]
        .spacing(ui.gap() * 1.5)
        .align_x(Alignment::Center)
        .max_width(ui.s_width(1100.0)),
    )
    .center_x(Length::Fill)
    .center_y(Length::Fill)
    .into()
}
