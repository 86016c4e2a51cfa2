//! 借走这本: a surname (tapped from the ~60 commonest, or typed), then the last four
//! digits of a phone, then the due date in large type. The surname step is gone when
//! the digits are typed, and the confirmation shows neither.

use super::shelf;
use crate::screen::Failure;
use crate::screen::{Context, Env};
use crate::text::reading as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::TextEntry;
use crate::widget::keypad::{self, Key};
use crate::widget::{self, badge, keyboard};
use chrono::NaiveDate;
use iced::widget::{Column, Row, column, container, row, space, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{BookId, Store};

/// The digits of a phone's tail.
pub const TAIL: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Surname,
    Digits,
    Done(NaiveDate),
}

#[derive(Debug)]
pub struct Lend {
    book: BookId,
    title: String,
    step: Step,
    surname: String,
    /// Typing a surname on the keyboard.
    typing: Option<TextEntry>,
    digits: String,
    /// The first surname shown (paging).
    first: usize,
    busy: bool,
    error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Surname(&'static str),
    Other,
    Keyboard(keyboard::Message),
    PreviousPage(usize),
    NextPage(usize),
    Key(Key),
    Back,
    Confirm,
    Saved(Result<NaiveDate, Failure>),
    Finish,
}

/// What borrowing asks of the reading corner.
pub type Action = super::StepAction<Message>;

impl Lend {
    pub fn new(book: BookId, title: &str) -> Lend {
        Lend {
            book,
            title: title.to_string(),
            step: Step::Surname,
            surname: String::new(),
            typing: None,
            digits: String::new(),
            first: 0,
            busy: false,
            error: None,
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
            Message::Surname(s) => {
                self.surname = s.to_string();
                self.step = Step::Digits;
                self.error = None;
            }
            Message::Other => self.typing = Some(TextEntry::new(&self.surname, 4)),
            Message::Keyboard(m) => {
                if let Some(entry) = &mut self.typing
                    && entry.update(m)
                {
                    let typed = entry.value.trim().to_string();
                    self.typing = None;
                    if typed.is_empty() {
                        self.error = Some(t::SURNAME_MISSING.into());
                    } else {
                        self.surname = typed;
                        self.step = Step::Digits;
                        self.error = None;
                    }
                }
            }
            Message::PreviousPage(size) => {
                self.first = (self.first / size.max(1)).saturating_sub(1) * size.max(1)
            }
            Message::NextPage(size) => {
                let size = size.max(1);
                let last = widget::page_count(t::SURNAMES.len(), size) - 1;
                self.first = (self.first / size + 1).min(last) * size;
            }
            Message::Key(key) => {
                keypad::apply(&mut self.digits, key, TAIL);
                self.error = None;
            }
            Message::Back => match self.step {
                Step::Digits => {
                    // The digits go with the step: never kept behind the surname.
                    self.digits.clear();
                    self.step = Step::Surname;
                    self.error = None;
                }
                _ if self.typing.is_some() => self.typing = None,
                _ => return Action::Cancel,
            },
            Message::Confirm => {
                if self.digits.len() != TAIL {
                    self.error = Some(t::DIGITS_MISSING.into());
                    return Action::None;
                }
                self.busy = true;
                let (id, surname, digits) = (self.book, self.surname.clone(), self.digits.clone());
                let (now, days) = (env.utc, env.config.loan_days);
                let job = move |store: &mut Store| {
                    store
                        .book_lend(id, &surname, &digits, now, days)
                        .map(|loan| loan.due)
                };
                return Action::Run(Task::perform(env.store.run(job), |r| {
                    Message::Saved(r.map_err(Failure::new))
                }));
            }
            Message::Saved(result) => {
                self.busy = false;
                match result {
                    Ok(due) => {
                        // Nothing of who borrowed stays on the screen.
                        self.surname.clear();
                        self.digits.clear();
                        self.step = Step::Done(due);
                        return Action::Saved;
                    }
                    Err(e) => self.error = Some(t::failed(e.zh())),
                }
            }
            Message::Finish => return Action::Finished,
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        if let Some(entry) = &self.typing {
            return widget::bare_page(ui, entry.view(ui, t::SURNAME_FIELD).map(Message::Keyboard));
        }
        let body = match self.step {
            Step::Surname => self.surnames(ui),
            Step::Digits => self.digits_step(ui),
            Step::Done(due) => return shelf::page(ui, done(ui, due, ctx.config.loan_days)),
        };
        let mut content = Column::new().spacing(ui.gap()).push(shelf::header(
            ui,
            Some(Message::Back),
            Message::Back,
            t::BORROW.into(),
            t::quoted(&self.title),
            space::horizontal().width(0).into(),
        ));
        if let Some(e) = &self.error {
            content = content.push(badge::error(ui, e.as_str()));
        }
        shelf::page(ui, content.push(body).into())
    }

    fn surnames<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let per_row = match (ui.portrait, ui.elder()) {
            (true, true) => 5,
            (true, false) => 6,
            (false, true) => 10,
            (false, false) => 12,
        };
        let room = ui.height
            - ui.pad() * 2.0
            - shelf::header_height(ui)
            - ui.label() * 1.4
            - ui.small() * 1.4
            - ui.target()
            - ui.gap() * 4.0;
        let rows = ((room + ui.gap_small()) / (ui.target() + ui.gap_small()))
            .floor()
            .max(1.0) as usize;
        let size = (per_row * rows).min(t::SURNAMES.len());
        let pages = widget::page_count(t::SURNAMES.len(), size);
        let page = (self.first / size).min(pages - 1);
        let mut grid = Column::new().spacing(ui.gap_small());
        let shown: Vec<&'static str> = t::SURNAMES
            .iter()
            .skip(page * size)
            .take(size)
            .copied()
            .collect();
        for chunk in shown.chunks(per_row) {
            let mut line = Row::new().spacing(ui.gap_small());
            for &s in chunk {
                line = line.push(
                    widget::text_action(ui, s, Some(Message::Surname(s)), theme::secondary)
                        .padding([ui.gap_small(), theme::BADGE_PAD])
                        .width(Length::FillPortion(1)),
                );
            }
            for _ in chunk.len()..per_row {
                line = line.push(space::horizontal().width(Length::FillPortion(1)));
            }
            grid = grid.push(line);
        }
        let mut bottom = Row::new().spacing(ui.gap()).push(
            widget::text_action(ui, t::OTHER_SURNAME, Some(Message::Other), theme::primary)
                .width(Length::FillPortion(2)),
        );
        if pages > 1 {
            bottom = bottom.push(
                container(widget::pager(
                    ui,
                    page,
                    pages,
                    Message::PreviousPage(size),
                    Message::NextPage(size),
                ))
                .width(Length::FillPortion(3)),
            );
        }
        column![
            row![
                text(t::WHO).size(ui.label()).font(BOLD),
                text(t::WHO_NOTE).size(ui.small()).style(theme::muted),
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center),
            grid,
            bottom,
        ]
        .spacing(ui.gap())
        .into()
    }

    fn digits_step<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let shown = if self.digits.is_empty() {
            keypad::masked(0, TAIL)
        } else {
            let mut s: Vec<String> = self.digits.chars().map(String::from).collect();
            s.extend(std::iter::repeat_n(
                "○".to_string(),
                TAIL - self.digits.len(),
            ));
            s.join(" ")
        };
        let info = column![
            text(t::DIGITS).size(ui.heading()).font(BOLD),
            container(text(shown).size(ui.huge()).font(BOLD))
                .padding(ui.gap())
                .style(theme::card),
            text(t::DIGITS_NOTE).size(ui.label()),
            text(t::WHO_NOTE).size(ui.body()).style(theme::muted),
        ]
        .spacing(ui.gap())
        .width(Length::Fill);
        let label = if self.busy {
            t::BORROWING
        } else {
            t::CONFIRM_BORROW
        };
        let ready = !self.busy && self.digits.len() == TAIL;
        shelf::digits_entry(
            ui,
            info.into(),
            (label, ready.then_some(Message::Confirm)),
            self.busy,
            Message::Key,
        )
    }
}

/// 借好了: the due date in large type, and how to return.
fn done<'a>(ui: &Ui, due: NaiveDate, days: u32) -> Element<'a, Message> {
    let tight = ui.tight();
    container(
        column![
            text(t::BORROWED)
                .size(if tight { ui.heading() } else { ui.huge() })
                .font(BOLD),
            text(t::DUE).size(ui.label()),
            text(t::due_date(due))
                .size(if tight { ui.huge() } else { ui.huge() * 1.3 })
                .font(BOLD),
            text(t::due_weekday(due)).size(ui.heading()).font(BOLD),
            text(t::loan_days(days)).size(ui.label()),
            widget::text_action(ui, t::DONE, Some(Message::Finish), theme::primary)
                .width(Length::Fill)
                .height(Length::Fixed(ui.keypad_submit())),
        ]
        .spacing(if tight { ui.gap() } else { ui.gap() * 1.5 })
        .align_x(Alignment::Center)
        .max_width(ui.s_width(1100.0)),
    )
    .center_x(Length::Fill)
    .center_y(Length::Fill)
    .into()
}
