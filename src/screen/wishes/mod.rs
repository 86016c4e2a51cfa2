//! 微心愿: the public wish board. Approved wishes as cards — the wish, its kind, the
//! person as 外卖骑手 王师傅 (never a number or a full name), how long it has waited,
//! and its state in words with a mark — filtered by state and kind, a page at a time.
//! A donor claims a 待认领 wish here; a worker sees how their own stands (查进度), and
//! withdraws it from there, with the wish number and the last 4 digits of their phone. The 你说我办
//! tab shows published replies to suggestions, and 查回复 finds the reply to one's own.

mod board;
mod form;
mod info;
mod replies;

use crate::screen::Failure;
pub use board::state_look;
use form::{Fields, Form, Purpose};
pub use info::Info;

use super::{Context, Env};
use crate::text::wishes as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::keypad::Key;
use crate::widget::{self, keyboard};
use iced::Length;
use iced::widget::{Row, column, container, row, text};
use relay_core::store::{Wish, WishKind, WishState};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Wishes,
    Suggestions,
}

#[derive(Debug, Default)]
pub struct State {
    tab: Tab,
    state: Option<WishState>,
    kind: Option<WishKind>,
    page: usize,
    form: Option<Form>,
    /// What is said after a claim, a withdrawal or a look-up, until 好的.
    info: Option<Info>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    /// A wish's or suggestion's number, on the keypad.
    Number,
    Digits,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Home,
    Tab(Tab),
    State(Option<WishState>),
    NextKind,
    PreviousPage,
    NextPage,
    MakeWish,
    Suggest,
    Claim(i64),
    /// 查进度 / 撤回 on the wish board.
    Progress,
    /// 撤回这个心愿, on what 查进度 found.
    WithdrawThis,
    /// 查回复 on the 你说我办 tab.
    Reply,
    Type(Field),
    Keyboard(keyboard::Message),
    Key(Key),
    DoneTyping,
    Anonymous,
    Confirm,
    Cancel,
    Claimed(Result<(), Failure>),
    Withdrawn(Result<String, Failure>),
    Looked(Result<Info, Failure>),
    CloseInfo,
}

pub type Action = super::Action<Message, Go>;

/// Where the wish board sends a worker: the forms open from the app.
pub enum Go {
    MakeWish,
    Suggest,
}

impl State {
    pub fn new(tab: Tab) -> State {
        State {
            tab,
            ..State::default()
        }
    }

    fn shown<'a>(&self, wishes: &'a [Wish]) -> Vec<&'a Wish> {
        wishes
            .iter()
            .filter(|w| self.state.is_none_or(|s| w.state == s))
            .filter(|w| self.kind.is_none_or(|k| w.kind == k))
            .collect()
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        match message {
            Message::Home => return Action::GoHome,
            Message::MakeWish => return Action::Screen(Go::MakeWish),
            Message::Suggest => return Action::Screen(Go::Suggest),
            Message::Tab(tab) => {
                self.tab = tab;
                self.page = 0;
            }
            Message::State(state) => {
                self.state = state;
                self.page = 0;
            }
            Message::NextKind => {
                self.kind = match self.kind {
                    None => Some(WishKind::ALL[0]),
                    Some(k) => WishKind::ALL
                        .iter()
                        .position(|&x| x == k)
                        .and_then(|i| WishKind::ALL.get(i + 1).copied()),
                };
                self.page = 0;
            }
            Message::PreviousPage => self.page = self.page.saturating_sub(1),
            Message::NextPage => self.page += 1,
            Message::Claim(id) => {
                if let Some(wish) = env.board.wishes.iter().find(|w| w.id == id) {
                    self.form = Some(Form::Claim {
                        wish: Box::new(wish.clone()),
                        fields: Fields::claim(),
                        anonymous: false,
                    });
                }
            }
            Message::Progress => self.numbered(Purpose::WishProgress),
            Message::Reply => self.numbered(Purpose::Reply),
            Message::Cancel => self.form = None,
            Message::CloseInfo => self.info = None,
            Message::Claimed(result) => match (result, &mut self.form) {
                (Ok(()), _) => {
                    self.form = None;
                    self.info = Some(Info::new(t::CLAIMED));
                    return Action::Changed;
                }
                (Err(e), Some(Form::Claim { fields, .. })) => {
                    fields.pending = false;
                    fields.error = Some(t::claim_failed(e.zh()));
                }
                _ => {}
            },
            Message::WithdrawThis => {
                if let Some(info) = &mut self.info
                    && let Some((number, tail)) = info.withdrawable.clone()
                    && !info.pending
                {
                    info.pending = true;
                    info.error = None;
                    let now = env.utc;
                    let job = move |s: &mut relay_core::store::Store| {
                        s.withdraw_wish(&number, &tail, now).map(|w| w.number)
                    };
                    return Action::Run(iced::Task::perform(env.store.run(job), |r| {
                        Message::Withdrawn(r.map_err(Failure::new))
                    }));
                }
            }
            Message::Withdrawn(result) => match (result, &mut self.info) {
                (Ok(number), _) => {
                    self.info = Some(Info::new(t::withdrawn(&number)));
                    return Action::Changed;
                }
                (Err(e), Some(info)) => {
                    info.pending = false;
                    info.error = Some(t::withdraw_failed(e.zh()));
                }
                _ => {}
            },
            Message::Looked(result) => match (result, &mut self.form) {
                (Ok(info), _) => {
                    self.form = None;
                    self.info = Some(info);
                }
                (Err(e), Some(Form::Numbered { fields, .. })) => {
                    fields.pending = false;
                    fields.error = Some(t::lookup_failed(e.zh()));
                }
                _ => {}
            },
            message => {
                if let Some(form) = &mut self.form {
                    return form.update(message, env);
                }
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let headline = text(t::fulfilled_this_year(ctx.board.wishes_fulfilled_this_year))
            .size(ui.heading())
            .font(BOLD);
        let body: Element<'a, Message> = if let Some(info) = &self.info {
            info.view(ui)
        } else if let Some(form) = &self.form {
            if form.typing() {
                return widget::bare_page(ui, form.view(ui));
            }
            form.view(ui)
        } else if ctx.board.unavailable.wishes_and_suggestions {
            widget::unavailable(ui)
        } else {
            match self.tab {
                Tab::Wishes => self.board(ui, ctx),
                Tab::Suggestions => self.replies(ui, &ctx.board.suggestions),
            }
        };
        container(
            column![
                widget::header(ui, Message::Home, t::TITLE, t::TITLE_EN, headline.into()),
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

    /// Opens the form that takes a number and a phone tail.
    fn numbered(&mut self, purpose: Purpose) {
        self.form = Some(Form::Numbered {
            purpose,
            fields: Fields::numbered(),
        });
    }

    fn tabs<'a>(&self, ui: &Ui) -> Row<'a, Message, theme::Theme> {
        row![
            widget::choice(
                ui,
                t::TAB_WISHES,
                self.tab == Tab::Wishes,
                Message::Tab(Tab::Wishes)
            )
            .width(Length::Fixed(ui.s_width(200.0))),
            widget::choice(
                ui,
                t::TAB_SUGGESTIONS,
                self.tab == Tab::Suggestions,
                Message::Tab(Tab::Suggestions)
            )
            .width(Length::Fixed(ui.s_width(200.0))),
        ]
        .spacing(ui.gap_small())
    }
}
