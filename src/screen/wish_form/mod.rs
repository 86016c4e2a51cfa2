//! 许个微心愿: a worker leaves a wish in four steps, all by touch — the kind, the wish
//! (on the pinyin keyboard, or from a tap-to-use example), who they are (surname,
//! occupation, a phone for staff), and consent — then a thank-you with the wish
//! number in large type. Nothing is public until staff approve it.

mod steps;

use crate::screen::Failure;
use steps::page;

use super::Env;
use crate::text::wish_form as t;
use crate::theme::{Element, Ui};
use crate::widget::entry::{DigitEntry, TextEntry};
use crate::widget::keypad::Key;
use crate::widget::{self, badge, keyboard};
use iced::widget::{Column, container};
use iced::{Length, Task};
use relay_core::store::{NewWish, Occupation, Store, WISH_MAX_CHARS, WishKind, validate_phone};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Kind,
    Wish,
    /// The surname.
    Who,
    /// The occupation and the phone.
    Work,
    Confirm,
}

const STEPS: usize = 5;

#[derive(Debug)]
pub struct State {
    step: Step,
    kind: Option<WishKind>,
    /// The page of examples shown, when they do not fit at once.
    examples_page: usize,
    wish: TextEntry,
    surname: TextEntry,
    occupation: Option<Occupation>,
    phone: DigitEntry,
    consent: bool,
    /// A health wish's details go on the board only if the worker says so.
    share_health: bool,
    typing: Option<Typing>,
    error: Option<String>,
    submitting: bool,
    /// The wish number once the store has it.
    number: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    Wish,
    Surname,
    Phone,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Home,
    Kind(WishKind),
    Example(&'static str),
    /// Turn the examples to this page.
    ExamplesPage(usize),
    Type(Typing),
    Keyboard(keyboard::Message),
    Key(Key),
    DoneTyping,
    Surname(&'static str),
    Occupation(Occupation),
    Consent,
    ShareHealth,
    Back,
    Next,
    Submit,
    Submitted(Result<String, Failure>),
}

pub type Action = super::Action<Message>;

impl Default for State {
    fn default() -> Self {
        State {
            step: Step::Kind,
            kind: None,
            examples_page: 0,
            wish: TextEntry::new("", WISH_MAX_CHARS),
            surname: TextEntry::new("", 4),
            occupation: None,
            phone: DigitEntry::new(11),
            consent: false,
            share_health: false,
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
            // One rule on every step: a tap chooses, 下一步 moves on.
            Message::Kind(kind) => {
                self.kind = Some(kind);
                self.error = None;
            }
            Message::ExamplesPage(page) => self.examples_page = page,
            Message::Example(example) => {
                self.wish = TextEntry::new(example, WISH_MAX_CHARS);
                self.error = None;
            }
            Message::Type(field) => {
                self.typing = Some(field);
                self.error = None;
            }
            Message::Keyboard(m) => {
                let done = match self.typing {
                    Some(Typing::Wish) => self.wish.update(m),
                    Some(Typing::Surname) => self.surname.update(m),
                    _ => false,
                };
                if done {
                    self.typing = None;
                }
            }
            Message::Key(key) => self.phone.update(key),
            Message::DoneTyping => self.typing = None,
            // The choice a message asked for answers it: the message goes.
            Message::Surname(s) => {
                self.surname = TextEntry::new(s, 4);
                self.error = None;
            }
            Message::Occupation(o) => {
                self.occupation = Some(o);
                self.error = None;
            }
            Message::Consent => {
                self.consent = !self.consent;
                self.error = None;
            }
            Message::ShareHealth => self.share_health = !self.share_health,
            Message::Back => {
                self.error = None;
                self.step = match self.step {
                    Step::Kind | Step::Wish => Step::Kind,
                    Step::Who => Step::Wish,
                    Step::Work => Step::Who,
                    Step::Confirm => Step::Work,
                };
            }
            Message::Next => match self.missing() {
                None => {
                    self.error = None;
                    self.step = match self.step {
                        Step::Kind => Step::Wish,
                        Step::Wish => Step::Who,
                        Step::Who => Step::Work,
                        Step::Work | Step::Confirm => Step::Confirm,
                    };
                }
                Some(e) => self.error = Some(e),
            },
            Message::Submit => {
                let Some(wish) = self.new_wish() else {
                    return Action::None;
                };
                if !self.consent {
                    self.error = Some(t::CONSENT_NEEDED.into());
                    return Action::None;
                }
                self.submitting = true;
                let now = env.utc;
                let public = wish.kind != WishKind::Health || self.share_health;
                let job = move |store: &mut Store| {
                    store
                        .add_wish_with(&wish, public, now, "kiosk")
                        .map(|saved| saved.number)
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

    /// What the current step still lacks before the worker may go on, said as a
    /// sentence; `None` when it is complete.
    fn missing(&self) -> Option<String> {
        match self.step {
            Step::Kind if self.kind.is_none() => Some(t::PICK_KIND.into()),
            Step::Wish if self.wish.value.trim().is_empty() => Some(t::WISH_EMPTY.into()),
            Step::Who if self.surname.value.trim().is_empty() => Some(t::SURNAME_MISSING.into()),
            Step::Work if self.occupation.is_none() => Some(t::OCCUPATION_MISSING.into()),
            Step::Work => validate_phone(&self.phone.value)
                .err()
                .map(|e| crate::text::error::zh(&e)),
            _ => None,
        }
    }

    fn new_wish(&self) -> Option<NewWish> {
        Some(NewWish {
            kind: self.kind?,
            text: self.wish.value.trim().to_string(),
            surname: self.surname.value.trim().to_string(),
            occupation: self.occupation?,
            phone: self.phone.value.clone(),
        })
    }

    pub fn view<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        if let Some(number) = &self.number {
            let words = widget::thanks::ThanksWords {
                thanks: t::THANKS,
                your_number: t::YOUR_NUMBER,
                after: t::AFTER,
                home: t::TO_HOME,
            };
            let thanks = widget::thanks::numbered_thanks(ui, words, number, Message::Home);
            return page(ui, thanks, None);
        }
        let body: Element<'a, Message> = match (self.typing, self.step) {
            (Some(Typing::Wish), _) => self.wish.view(ui, t::WISH_FIELD).map(Message::Keyboard),
            (Some(Typing::Surname), _) => self
                .surname
                .view(ui, t::SURNAME_FIELD)
                .map(Message::Keyboard),
            (Some(Typing::Phone), _) => {
                self.phone
                    .view(ui, t::PHONE_FIELD, Message::Key, Message::DoneTyping)
            }
            (None, Step::Kind) => self.kinds(ui),
            (None, Step::Wish) => self.wish_step(ui),
            (None, Step::Who) => self.who(ui),
            (None, Step::Work) => self.work(ui),
            (None, Step::Confirm) => self.confirm(ui),
        };
        // A message never moves a choice: on the 称呼 and 工作 steps it takes the place of
        // the step's heading; on the others it sits under the step, above 上一步 / 下一步.
        let mut content = Column::new()
            .spacing(ui.gap())
            .push(container(body).height(Length::Fill));
        if let Some(e) = &self.error
            && !matches!(self.step, Step::Who | Step::Work)
        {
            content = content.push(badge::error(ui, e.as_str()));
        }
        if self.typing.is_none() {
            content = content.push(self.nav(ui));
        }
        let step = match self.step {
            Step::Kind => 1,
            Step::Wish => 2,
            Step::Who => 3,
            Step::Work => 4,
            Step::Confirm => 5,
        };
        if self.typing.is_some() {
            // The keyboard needs the whole height on a small panel in elder mode; 完成
            // brings the header back.
            return widget::bare_page(ui, content.into());
        }
        page(ui, content.into(), Some(t::step_of(step, STEPS)))
    }
}
