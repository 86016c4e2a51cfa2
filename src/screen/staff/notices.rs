//! Staff: notices (通知管理). Every notice, in force or not, a page at a time: 编辑,
//! 置顶 / 取消置顶, 下架 / 重新发布, 删除 with confirmation. In force first, then off
//! hours, upcoming, taken down and expired; the notice just saved in the editor comes
//! first of all, marked 刚保存. The list is read and changed on the store thread;
//! toggles send the value staff asked for, not a flip.

use super::ACTOR;
use super::change::{Job, Settle};
use crate::screen::Failure;
use crate::screen::{Context, Env};
use crate::text::staff::notices as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{self, badge};
use chrono::Local;
use iced::widget::{Column, column, container, row, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{Notice, NoticeState, Store};

pub const PER_PAGE: usize = 4;

#[derive(Debug, Default)]
pub struct State {
    /// `None` until the list has been read.
    notices: Option<Vec<Notice>>,
    page: usize,
    /// Asking whether to delete this notice.
    confirm: Option<i64>,
    /// The notice being changed.
    busy: Option<i64>,
    settle: Settle,
    /// The notice just saved in the editor, shown first and marked.
    fresh: Option<Fresh>,
}

/// Which notice the editor just saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fresh {
    /// An edited notice.
    Id(i64),
    /// A new one: the newest row (the store numbers new notices upwards).
    Newest,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Loaded(Result<Vec<Notice>, Failure>),
    New,
    Edit(i64),
    SetPinned(i64, bool),
    SetPublished(i64, bool),
    AskDelete(i64),
    Delete,
    Cancel,
    Done(Result<String, Failure>),
    PreviousPage,
    NextPage,
    /// Turn to this page (the list pages as many as fit).
    Page(usize),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Done(String),
    Failed(String),
    /// Open the editor on a new notice (`None`) or this one.
    Edit(Option<Notice>),
}

impl State {
    pub fn open(env: Env<'_>) -> (State, Task<Message>) {
        (State::default(), Self::load(env))
    }

    /// The list after the editor saved a notice: that notice first, marked.
    pub fn open_saved(env: Env<'_>, fresh: Fresh) -> (State, Task<Message>) {
        let state = State {
            fresh: Some(fresh),
            ..State::default()
        };
        (state, Self::load(env))
    }

    /// Reads the list again (another process changed it, or staff did).
    pub fn load(env: Env<'_>) -> Task<Message> {
        Task::perform(env.store.run(|store: &mut Store| store.notices()), |r| {
            Message::Loaded(r.map_err(Failure::new))
        })
    }

    fn pages(&self) -> usize {
        widget::page_count(self.notices.as_ref().map_or(0, Vec::len), PER_PAGE)
    }

    fn change(&mut self, id: i64, env: Env<'_>, done: &'static str, job: impl Job) -> Action {
        let task = super::change::change_saying(&mut self.busy, id, env, done, job, Message::Done);
        task.map_or(Action::None, Action::Run)
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        match message {
            Message::Loaded(Ok(mut list)) => {
                order(&mut list, env.utc);
                // Read again after a change on this page: rows keep their places (a
                // notice taken down stays where 重新发布 can bring it back).
                if let Some(before) = &self.notices {
                    let place = |id: i64| before.iter().position(|n| n.id == id);
                    list.sort_by_key(|n| place(n.id).unwrap_or(usize::MAX));
                }
                if let Some(fresh) = self.fresh {
                    let id = match fresh {
                        Fresh::Id(id) => Some(id),
                        Fresh::Newest => list.iter().map(|n| n.id).max(),
                    };
                    match list.iter().position(|n| Some(n.id) == id) {
                        Some(at) => {
                            let n = list.remove(at);
                            self.fresh = Some(Fresh::Id(n.id));
                            list.insert(0, n);
                            self.page = 0;
                        }
                        None => self.fresh = None,
                    }
                }
                self.notices = Some(list);
                self.page = self.page.min(self.pages() - 1);
                self.settle.shown(env.utc);
                Action::None
            }
            Message::Loaded(Err(e)) => Action::Failed(t::load_failed(e.zh())),
            Message::New => Action::Edit(None),
            Message::Edit(id) => Action::Edit(self.find(id).cloned()),
            Message::SetPinned(id, pinned) => self.change(
                id,
                env,
                if pinned { t::PINNED } else { t::UNPINNED },
                move |s| s.set_notice_pinned(id, pinned, ACTOR),
            ),
            Message::SetPublished(id, published) => self.change(
                id,
                env,
                if published {
                    t::REPUBLISHED
                } else {
                    t::UNPUBLISHED
                },
                move |s| s.set_notice_published(id, published, ACTOR),
            ),
            Message::AskDelete(id) => {
                self.confirm = Some(id);
                Action::None
            }
            Message::Cancel => {
                self.confirm = None;
                Action::None
            }
            Message::Delete => match self.confirm.take() {
                Some(id) => self.change(id, env, t::DELETED, move |s| s.remove_notice(id, ACTOR)),
                None => Action::None,
            },
            Message::Done(result) => {
                self.busy = None;
                match result {
                    Ok(done) => {
                        self.settle.saved(env.utc);
                        Action::Done(done)
                    }
                    Err(e) => Action::Failed(t::not_saved(e.zh())),
                }
            }
            Message::PreviousPage => {
                self.page = self.page.saturating_sub(1);
                Action::None
            }
            Message::NextPage => {
                self.page = (self.page + 1).min(self.pages() - 1);
                Action::None
            }
            Message::Page(page) => {
                self.page = page;
                Action::None
            }
        }
    }

    fn find(&self, id: i64) -> Option<&Notice> {
        self.notices.as_ref()?.iter().find(|n| n.id == id)
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        if let Some(id) = self.confirm {
            let title = self.find(id).map_or("", |n| n.title.as_str());
            return badge::confirm(
                ui,
                t::delete_question(title),
                t::DELETE,
                Message::Delete,
                Message::Cancel,
            );
        }
        let Some(notices) = &self.notices else {
            return text(t::LOADING).size(ui.body()).into();
        };
        if notices.is_empty() {
            return column![
                widget::text_action(ui, t::NEW, Some(Message::New), theme::primary)
                    .width(Length::Fixed(ui.s_width(300.0))),
                text(t::EMPTY).size(ui.body()),
            ]
            .spacing(ui.gap())
            .into();
        }
        // A card: badges, title and dates beside (or above, in portrait) its buttons.
        let line = |size: f32| (size * 1.3).ceil();
        let words = line(ui.body())
            + 2.0 * theme::BADGE_PAD
            + line(ui.label())
            + line(ui.small())
            + 2.0 * theme::LINE_GAP;
        let card = if ui.portrait {
            words + ui.gap() + ui.target()
        } else {
            words.max(ui.target())
        } + 2.0 * ui.gap()
            + line(ui.body());
        let ui_ = *ui;
        column![
            widget::text_action(ui, t::NEW, Some(Message::New), theme::primary)
                .width(Length::Fixed(ui.s_width(300.0))),
            widget::paged_rows(
                ui,
                self.page,
                notices.len(),
                card,
                Message::Page,
                move |range| {
                    let mut list = Column::new().spacing(ui_.gap());
                    for n in &notices[range] {
                        list = list.push(self.card(&ui_, ctx, n));
                    }
                    list.into()
                }
            ),
        ]
        .spacing(ui.gap())
        .into()
    }

    fn card<'a>(&self, ui: &Ui, ctx: Context<'a>, n: &'a Notice) -> Element<'a, Message> {
        let state = n.state(&ctx.utc);
        let state_color = match state {
            NoticeState::InForce => theme::OK,
            NoticeState::OffHours | NoticeState::Scheduled => theme::WARN,
            NoticeState::Expired | NoticeState::Unpublished => theme::BAD,
        };
        let words = column![
            {
                let mut badges = row![
                    badge::category(ui, n),
                    badge::word(ui, state.zh(), state_color),
                ]
                .spacing(theme::BADGE_GAP);
                if self.fresh == Some(Fresh::Id(n.id)) {
                    badges = badges.push(badge::word(ui, t::JUST_SAVED, theme::PINNED));
                }
                badges
            },
            text(n.title.as_str()).size(ui.label()).font(BOLD),
            text(n.schedule.describe_zh(&Local))
                .size(ui.small())
                .style(theme::muted),
        ]
        .spacing(theme::LINE_GAP)
        .width(Length::Fill);
        let idle = self.busy.is_none() && !self.settle.settling(ctx.utc);
        let busy_here = self.busy == Some(n.id);
        let button_width = Length::Fixed(ui.s_width(170.0));
        let small_width = Length::Fixed(ui.s_width(120.0));
        let actions = row![
            widget::text_action(
                ui,
                t::EDIT,
                idle.then_some(Message::Edit(n.id)),
                theme::primary
            )
            .width(small_width),
            widget::text_action(
                ui,
                if n.pinned { t::UNPIN } else { t::PIN },
                idle.then_some(Message::SetPinned(n.id, !n.pinned)),
                theme::secondary
            )
            .width(button_width),
            widget::text_action(
                ui,
                if n.published {
                    t::UNPUBLISH
                } else {
                    t::REPUBLISH
                },
                idle.then_some(Message::SetPublished(n.id, !n.published)),
                theme::secondary
            )
            .width(button_width),
            widget::text_action(
                ui,
                t::DELETE,
                idle.then_some(Message::AskDelete(n.id)),
                theme::danger
            )
            .width(small_width),
        ]
        .spacing(ui.gap_small());
        let mut content: Column<'a, Message, theme::Theme> = Column::new().spacing(ui.gap());
        let body: Element<'a, Message> = if ui.portrait {
            column![words, actions].spacing(ui.gap()).into()
        } else {
            row![words, actions]
                .spacing(ui.gap())
                .align_y(Alignment::Center)
                .into()
        };
        content = content.push(body);
        if busy_here {
            content = content.push(text(t::SAVING).size(ui.body()).font(BOLD));
        }
        let fresh = self.fresh == Some(Fresh::Id(n.id));
        container(content)
            .padding(ui.gap())
            .style(if fresh {
                theme::card_fresh
            } else {
                theme::card
            })
            .into()
    }
}

/// Staff look for what riders see now: in force first, then off hours, upcoming, taken
/// down and expired; pinned first within each, then by priority, then the latest start.
fn order(list: &mut [Notice], now: chrono::DateTime<chrono::Utc>) {
    let rank = |state: NoticeState| match state {
        NoticeState::InForce => 0,
        NoticeState::OffHours => 1,
        NoticeState::Scheduled => 2,
        NoticeState::Unpublished => 3,
        NoticeState::Expired => 4,
    };
    list.sort_by_cached_key(|n| {
        (
            rank(n.state(&now)),
            !n.pinned,
            -n.priority,
            std::cmp::Reverse(n.schedule.starts_at),
        )
    });
}
