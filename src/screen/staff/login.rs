//! Staff login (工作人员登录): the PIN on the on-screen keypad with hidden digits. The
//! check (Argon2, tens of milliseconds) runs on the store thread; five wrong PINs lock
//! login for five minutes, with a countdown.

use crate::screen::Failure;
use crate::screen::{Context, Env};
use crate::text::staff::login as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{
    self, badge,
    keypad::{self, Key},
};
use iced::widget::{column, container, row, text};
use iced::{Length, Task};
use relay_core::i18n;
use relay_core::store::{Deadline, PinCheck, Store};

const PIN_MAX: usize = 8;

#[derive(Debug, Default)]
pub struct State {
    pin: String,
    /// `None` until the store has said whether a PIN is set.
    pin_set: Option<bool>,
    locked_until: Option<Deadline>,
    message: Option<String>,
    /// The PIN is being checked.
    checking: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Key(Key),
    Submit,
    /// Whether a PIN is set, and until when login is locked.
    Status(Result<(bool, Option<Deadline>), Failure>),
    Checked(Result<PinCheck, Failure>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    LoggedIn,
}

impl State {
    /// The login page, and the task that reads whether a PIN is set.
    pub fn open(env: Env<'_>) -> (State, Task<Message>) {
        (State::default(), Self::status(env))
    }

    fn status(env: Env<'_>) -> Task<Message> {
        let now = env.utc;
        let job = move |store: &mut Store| {
            Ok((store.staff_pin_is_set()?, store.staff_locked_until(now)?))
        };
        Task::perform(env.store.run(job), |r| {
            Message::Status(r.map_err(Failure::new))
        })
    }

    /// Another process changed the store (the CLI set a PIN): read the status again.
    pub fn refresh(&self, env: Env<'_>) -> Task<Message> {
        if self.checking {
            Task::none()
        } else {
            Self::status(env)
        }
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        if self
            .locked_until
            .as_ref()
            .is_some_and(|until| until.left(env.utc).is_none())
        {
            self.locked_until = None;
            self.message = None;
        }
        let open = self.locked_until.is_none() && !self.checking;
        match message {
            Message::Status(Ok((set, until))) => {
                self.pin_set = Some(set);
                self.locked_until = until;
                Action::None
            }
            Message::Status(Err(e)) => {
                tracing::error!("staff login: cannot read the PIN's state: {}", e.zh());
                self.message = Some(e.zh().to_string());
                Action::None
            }
            Message::Key(key) if open => {
                keypad::apply(&mut self.pin, key, PIN_MAX);
                Action::None
            }
            Message::Submit if open && !self.pin.is_empty() => {
                let pin = std::mem::take(&mut self.pin);
                self.checking = true;
                let now = env.utc;
                let job = move |store: &mut Store| store.check_staff_pin(&pin, now);
                Action::Run(Task::perform(env.store.run(job), |r| {
                    Message::Checked(r.map_err(Failure::new))
                }))
            }
            Message::Checked(result) => {
                self.checking = false;
                match result {
                    Ok(PinCheck::Accepted) => return Action::LoggedIn,
                    Ok(PinCheck::Wrong { attempts_left }) => {
                        self.message = Some(t::wrong_pin(attempts_left));
                    }
                    Ok(PinCheck::Locked { until }) => {
                        self.locked_until = Some(until);
                        self.message = None;
                    }
                    Ok(PinCheck::NotSet) => self.pin_set = Some(false),
                    Err(e) => self.message = Some(t::cannot_check(e.zh())),
                }
                Action::None
            }
            Message::Key(_) | Message::Submit => Action::None,
        }
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        match self.pin_set {
            // The PIN's state could not be read: say so, never 正在读取 for ever.
            None => {
                return match &self.message {
                    Some(message) => badge::error(ui, message.as_str()),
                    None => text(t::LOADING).size(ui.body()).into(),
                };
            }
            Some(false) => return not_set(ui),
            Some(true) => {}
        }
        let locked = self
            .locked_until
            .as_ref()
            .filter(|until| until.left(ctx.utc).is_some());
        let mut info = column![
            text(t::ENTER_PIN).size(ui.heading()).font(BOLD),
            text(t::ENTER_PIN_EN).size(ui.small()).style(theme::muted),
            text(keypad::masked(
                self.pin.len(),
                relay_core::store::PIN_MIN_DIGITS
            ))
            .size(ui.huge())
            .font(BOLD),
        ]
        .spacing(ui.gap())
        .width(if ui.compact() {
            Length::Fill
        } else {
            Length::Fixed(ui.s_width(620.0))
        });
        if let Some(until) = locked {
            let left = until.secs_left(ctx.utc);
            info = info.push(
                container(
                    column![
                        text(t::LOCKED).size(ui.label()).font(BOLD),
                        text(t::try_again_in(&i18n::countdown(left)))
                            .size(ui.heading())
                            .font(BOLD),
                    ]
                    .spacing(theme::LINE_GAP),
                )
                .padding(ui.gap())
                .style(theme::badge(theme::BAD)),
            );
        } else if let Some(message) = &self.message {
            info = info.push(badge::error(ui, message.as_str()));
        }
        let enabled = locked.is_none() && !self.checking;
        let pad = column![
            keypad::keypad(ui, enabled, Message::Key),
            widget::text_action(
                ui,
                if self.checking {
                    t::CHECKING
                } else {
                    t::CONFIRM
                },
                (enabled && !self.pin.is_empty()).then_some(Message::Submit),
                theme::primary
            )
            .width(Length::Fixed(ui.keypad_width()))
            .height(Length::Fixed(ui.keypad_submit())),
        ]
        .spacing(ui.gap());
        let content: Element<'a, Message> = if ui.portrait {
            column![info, pad].spacing(ui.pad()).into()
        } else {
            row![info, pad].spacing(ui.pad() * 2.0).into()
        };
        container(content).center_x(Length::Fill).into()
    }
}

fn not_set<'a>(ui: &Ui) -> Element<'a, Message> {
    container(
        column![
            text(t::NOT_SET).size(ui.heading()).font(BOLD),
            text(t::NOT_SET_HOW).size(ui.body()),
            text("relay-kiosk staff set-pin")
                .size(ui.heading())
                .font(iced::Font::MONOSPACE),
            text(t::NOT_SET_EN).size(ui.small()).style(theme::muted),
        ]
        .spacing(ui.gap()),
    )
    .padding(ui.pad())
    .width(Length::Fill)
    .style(theme::card)
    .into()
}
