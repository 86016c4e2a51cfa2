//! Staff: 借阅. Loans out, overdue first, with who borrowed (surname and phone tail:
//! staff pages only) — mark returned or lost; and books a visitor brought back without
//! a matching loan, to confirm onto the shelf.

use crate::screen::Env;
use crate::screen::Failure;
use crate::text::staff::books as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{self, badge};
use chrono::{DateTime, Local, Utc};
use iced::widget::{Column, column, container, row, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{LoanOut, Store, VisitorReturn};

type Lists = (Vec<LoanOut>, Vec<VisitorReturn>);

#[derive(Debug, Default)]
pub struct State {
    lists: Option<Lists>,
    page: usize,
    /// The loan or return being changed (its buttons wait).
    busy: Option<i64>,
    settle: super::change::Settle,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Lists, Failure>),
    PreviousPage,
    NextPage,
    Returned(i64),
    Lost(i64),
    Shelve(i64),
    Done(Result<String, Failure>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Done(String),
    Failed(String),
}

/// One row of the page.
enum Item<'a> {
    Loan(&'a LoanOut),
    Visitor(&'a VisitorReturn),
}

fn local_day(at: DateTime<Utc>) -> String {
    t::day(at.with_timezone(&Local).date_naive())
}

impl State {
    pub fn open(env: Env<'_>) -> (State, Task<Message>) {
        (State::default(), Self::load(env))
    }

    pub fn load(env: Env<'_>) -> Task<Message> {
        let now = env.utc;
        let job = move |store: &mut Store| Ok((store.loans_out(now)?, store.visitor_returns()?));
        Task::perform(env.store.run(job), |r| {
            Message::Loaded(r.map_err(Failure::new))
        })
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        let now = env.utc;
        match message {
            Message::Loaded(Ok(lists)) => {
                self.lists = Some(lists);
                self.settle.shown(now);
            }
            Message::Loaded(Err(e)) => return Action::Failed(e.zh().to_string()),
            Message::PreviousPage => self.page = self.page.saturating_sub(1),
            Message::NextPage => self.page += 1,
            Message::Returned(id) => {
                return self.change(id, env, move |s| {
                    s.loan_mark_returned(id, now)
                        .map(|()| t::DONE_RETURNED.into())
                });
            }
            Message::Lost(id) => {
                return self.change(id, env, move |s| {
                    s.loan_mark_lost(id, now).map(|()| t::DONE_LOST.into())
                });
            }
            Message::Shelve(id) => {
                // Visitor returns and loans number apart: the key tells them apart.
                return self.change(-id, env, move |s| {
                    s.visitor_return_confirm(id, now)
                        .map(|()| t::DONE_SHELVED.into())
                });
            }
            Message::Done(result) => {
                self.busy = None;
                return match result {
                    Ok(done) => {
                        self.settle.saved(env.utc);
                        Action::Done(done)
                    }
                    Err(e) => Action::Failed(t::failed(e.zh())),
                };
            }
        }
        Action::None
    }

    fn change(
        &mut self,
        key: i64,
        env: Env<'_>,
        job: impl FnOnce(&mut Store) -> relay_core::store::Result<String> + Send + 'static,
    ) -> Action {
        super::change::change(&mut self.busy, key, env, job, Message::Done)
            .map_or(Action::None, Action::Run)
    }

    pub fn view<'a>(&'a self, ui: &Ui, utc: DateTime<Utc>) -> Element<'a, Message> {
        let Some((loans, visitors)) = &self.lists else {
            return text(t::LOADING).size(ui.body()).into();
        };
        let items: Vec<Item<'a>> = visitors
            .iter()
            .map(Item::Visitor)
            .chain(loans.iter().map(Item::Loan))
            .collect();
        let per_page = (((ui.height - 420.0 * ui.scale) / (ui.target() + ui.gap() * 2.0))
            .floor()
            .max(1.0) as usize)
            .min(8);
        let pages = widget::page_count(items.len(), per_page);
        let page = self.page.min(pages - 1);
        let mut rows = Column::new().spacing(ui.gap_small());
        for item in items.iter().skip(page * per_page).take(per_page) {
            rows = rows.push(self.row(ui, item, utc));
        }
        if items.is_empty() {
            rows = rows.push(text(t::LOANS_EMPTY).size(ui.body()));
        }
        column![
            container(rows).height(Length::Fill),
            widget::pager(ui, page, pages, Message::PreviousPage, Message::NextPage),
        ]
        .spacing(ui.gap())
        .into()
    }

    fn row<'a>(&self, ui: &Ui, item: &Item<'a>, utc: DateTime<Utc>) -> Element<'a, Message> {
        let idle = self.busy.is_none() && !self.settle.settling(utc);
        let width = Length::Fixed(ui.s_width(180.0));
        let (words, actions): (Element<'a, Message>, Element<'a, Message>) = match item {
            Item::Loan(l) => {
                let mut head = row![text(format!("《{}》", l.title)).size(ui.label()).font(BOLD)]
                    .spacing(theme::BADGE_GAP)
                    .align_y(Alignment::Center);
                if l.overdue_days > 0 {
                    head = head.push(
                        container(text(t::overdue(l.overdue_days)).size(ui.small()).font(BOLD))
                            .padding([theme::BADGE_PAD_SMALL, ui.gap_small()])
                            .style(theme::badge(theme::BAD)),
                    );
                }
                let line = t::loan_line(
                    &l.surname,
                    &l.phone_tail,
                    &local_day(l.lent),
                    &t::day(l.due),
                );
                (
                    column![head, text(line).size(ui.body())]
                        .spacing(theme::LINE_GAP)
                        .width(Length::Fill)
                        .into(),
                    row![
                        widget::text_action(
                            ui,
                            t::MARK_RETURNED,
                            idle.then_some(Message::Returned(l.id)),
                            theme::primary
                        )
                        .width(width),
                        widget::text_action(
                            ui,
                            t::MARK_LOST,
                            idle.then_some(Message::Lost(l.id)),
                            theme::danger
                        )
                        .width(width),
                    ]
                    .spacing(ui.gap())
                    .into(),
                )
            }
            Item::Visitor(v) => (
                column![
                    row![
                        badge::word(ui, t::TO_CHECK, theme::WARN),
                        text(format!("《{}》", v.title)).size(ui.label()).font(BOLD),
                    ]
                    .spacing(theme::BADGE_GAP)
                    .align_y(Alignment::Center),
                    text(format!(
                        "{} · {}",
                        t::VISITOR_RETURNS,
                        t::returned_at(&local_day(v.at))
                    ))
                    .size(ui.small())
                    .style(theme::muted),
                ]
                .spacing(theme::LINE_GAP)
                .width(Length::Fill)
                .into(),
                widget::text_action(
                    ui,
                    t::CONFIRM_SHELVED,
                    idle.then_some(Message::Shelve(v.id)),
                    theme::primary,
                )
                .width(Length::Fixed(ui.s_width(240.0)))
                .into(),
            ),
        };
        container(
            row![words, actions]
                .spacing(ui.gap())
                .align_y(Alignment::Center),
        )
        .padding(ui.gap_small())
        .width(Length::Fill)
        .style(theme::card)
        .into()
    }
}
