//! Staff: suggestions (意见建议). Every suggestion, newest first, with its phone masked
//! (or 匿名); staff write a reply on the keyboard and choose whether it is published on
//! the board's 你说我办 tab. Publishing sets the value shown, never a flip.

use super::ACTOR;
use super::change::{Job, Settle};
use crate::screen::Env;
use crate::screen::Failure;
use crate::text::staff::suggestions as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::TextEntry;
use crate::widget::{self, badge, keyboard};
use chrono::{DateTime, Utc};
use iced::widget::{Column, column, container, row, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{SUGGESTION_MAX_CHARS, Store, Suggestion, mask_phone};

#[derive(Debug, Default)]
pub struct State {
    list: Option<Vec<Suggestion>>,
    page: usize,
    /// The reply being written, and whether the keyboard is open. 保存 shows only once
    /// the keyboard is closed (完成), never beside it.
    replying: Option<(i64, TextEntry, bool)>,
    busy: Option<i64>,
    settle: Settle,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Loaded(Result<Vec<Suggestion>, Failure>),
    PreviousPage,
    NextPage,
    Reply(i64),
    Keyboard(keyboard::Message),
    /// Open the keyboard on the reply again.
    Type,
    Save,
    Cancel,
    Publish(i64, bool),
    Done(Result<String, Failure>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Done(String),
    Failed(String),
}

impl State {
    pub fn open(env: Env<'_>) -> (State, Task<Message>) {
        (State::default(), Self::load(env))
    }

    pub fn load(env: Env<'_>) -> Task<Message> {
        Task::perform(
            env.store.run(|store: &mut Store| store.suggestions()),
            |r| Message::Loaded(r.map_err(Failure::new)),
        )
    }

    fn change(&mut self, id: i64, env: Env<'_>, done: &'static str, job: impl Job) -> Action {
        let task = super::change::change_saying(&mut self.busy, id, env, done, job, Message::Done);
        task.map_or(Action::None, Action::Run)
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        let now = env.utc;
        match message {
            Message::Loaded(Ok(list)) => {
                self.list = Some(list);
                self.settle.shown(now);
            }
            Message::Loaded(Err(e)) => return Action::Failed(t::failed(e.zh())),
            Message::PreviousPage => self.page = self.page.saturating_sub(1),
            Message::NextPage => self.page += 1,
            Message::Reply(id) => {
                let current = self
                    .list
                    .iter()
                    .flatten()
                    .find(|s| s.id == id)
                    .and_then(|s| s.reply.clone())
                    .unwrap_or_default();
                self.replying = Some((id, TextEntry::new(&current, SUGGESTION_MAX_CHARS), true));
            }
            Message::Keyboard(m) => {
                if let Some((_, entry, typing)) = &mut self.replying
                    && entry.update(m)
                {
                    *typing = false;
                }
            }
            Message::Type => {
                if let Some((_, _, typing)) = &mut self.replying {
                    *typing = true;
                }
            }
            Message::Cancel => self.replying = None,
            Message::Save => {
                if let Some((id, entry, false)) = self.replying.take() {
                    let reply = entry.value.trim().to_string();
                    return self.change(id, env, t::REPLIED, move |s| {
                        s.reply_suggestion(id, &reply, now, ACTOR)
                    });
                }
            }
            Message::Publish(id, on) => {
                let done = if on {
                    t::DONE_PUBLISH
                } else {
                    t::DONE_UNPUBLISH
                };
                return self.change(id, env, done, move |s| {
                    s.set_suggestion_published(id, on, ACTOR)
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

    pub fn view<'a>(&'a self, ui: &Ui, utc: DateTime<Utc>) -> Element<'a, Message> {
        let answering = |id: i64| {
            let words = self
                .list
                .iter()
                .flatten()
                .find(|s| s.id == id)
                .map(|s| t::answering(&s.text))
                .unwrap_or_default();
            // One line: the keyboard needs the height.
            let fits = ((ui.width / ui.body()) as usize).saturating_sub(4);
            let words: String = if words.chars().count() > fits {
                words.chars().take(fits).chain(['…']).collect()
            } else {
                words
            };
            text(words).size(ui.body()).style(theme::muted)
        };
        match &self.replying {
            // The keyboard at the bottom, as on every page, with nothing else to tap.
            Some((id, entry, true)) => {
                let mut page = column![].spacing(ui.gap());
                if !ui.compact() {
                    page = page.push(answering(*id));
                }
                return page
                    .push(iced::widget::space::vertical())
                    .push(entry.view(ui, t::REPLY_FIELD).map(Message::Keyboard))
                    .into();
            }
            Some((id, entry, false)) => {
                return column![
                    answering(*id),
                    text(t::REPLY_FIELD).size(ui.label()).font(BOLD),
                    widget::field_button(ui, &entry.value, t::TAP_TO_TYPE, Message::Type),
                    iced::widget::space::vertical(),
                    widget::action_pair(
                        ui,
                        (t::SAVE, Message::Save, theme::primary),
                        (t::CANCEL, Message::Cancel),
                    ),
                ]
                .spacing(ui.gap())
                .into();
            }
            None => {}
        }
        let Some(list) = &self.list else {
            return text(t::LOADING).size(ui.body()).into();
        };
        let per_page = match (ui.portrait, ui.elder(), ui.compact()) {
            (true, false, _) => 5,
            (true, true, _) => 3,
            (false, false, false) => 3,
            (false, true, true) => 1,
            (false, _, _) => 2,
        };
        let pages = widget::page_count(list.len(), per_page);
        let page = self.page.min(pages - 1);
        let mut rows = Column::new().spacing(ui.gap());
        for s in list.iter().skip(page * per_page).take(per_page) {
            rows = rows.push(self.row(ui, s, utc));
        }
        if list.is_empty() {
            rows = rows.push(text(t::EMPTY).size(ui.body()));
        }
        column![
            container(rows).height(Length::Fill),
            widget::pager(ui, page, pages, Message::PreviousPage, Message::NextPage),
        ]
        .spacing(ui.gap())
        .into()
    }

    fn row<'a>(&self, ui: &Ui, s: &'a Suggestion, utc: DateTime<Utc>) -> Element<'a, Message> {
        let who = match &s.phone {
            Some(p) => t::phone(&mask_phone(p)),
            None => t::ANONYMOUS.to_string(),
        };
        // The number the worker was given, so staff can find what they are asked about.
        let who = match &s.number {
            Some(n) => t::number_and(&relay_core::store::shown_number(n), &who),
            None => who,
        };
        let mut head = row![
            badge::word(ui, s.kind.zh(), theme::colors(ui.season).primary),
            text(who).size(ui.small()).style(theme::muted),
        ]
        .spacing(theme::BADGE_GAP)
        .align_y(Alignment::Center);
        if s.published {
            head = head.push(badge::word(ui, t::PUBLISHED, theme::OK));
        }
        let reply = match &s.reply {
            Some(r) => text(t::reply(r)).size(ui.body()).style(theme::done),
            None => text(t::NO_REPLY).size(ui.body()).style(theme::muted),
        };
        let words = column![
            head,
            text(s.text.as_str()).size(ui.label()).font(BOLD),
            reply
        ]
        .spacing(theme::LINE_GAP)
        .width(Length::Fill);
        let idle = self.busy.is_none() && !self.settle.settling(utc);
        let width = Length::Fixed(ui.s_width(200.0));
        let mut actions = Column::new().spacing(ui.gap_small()).push(
            widget::text_action(
                ui,
                if s.reply.is_some() {
                    t::CHANGE_REPLY
                } else {
                    t::REPLY
                },
                idle.then_some(Message::Reply(s.id)),
                theme::primary,
            )
            .width(width),
        );
        if s.reply.is_some() {
            actions = actions.push(
                widget::text_action(
                    ui,
                    if s.published {
                        t::UNPUBLISH
                    } else {
                        t::PUBLISH
                    },
                    idle.then_some(Message::Publish(s.id, !s.published)),
                    theme::secondary,
                )
                .width(width),
            );
        }
        let content: Element<'a, Message> = if ui.portrait || ui.tight() {
            column![words, actions].spacing(ui.gap()).into()
        } else {
            row![words, actions]
                .spacing(ui.gap())
                .align_y(Alignment::Center)
                .into()
        };
        container(content)
            .padding(ui.gap())
            .width(Length::Fill)
            .style(theme::card)
            .into()
    }
}
