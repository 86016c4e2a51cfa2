//! Staff: 图书 › 分类 — the reading corner's categories, each with how many books it has:
//! ＋ 新分类 and 改名 on the pinyin keyboard, 删除 (asking first) while no book uses it.
//! Read from the store when opened and after every change.

use super::ACTOR;
use crate::screen::{Env, Failure};
use crate::text::staff::categories as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::TextEntry;
use crate::widget::{self, badge, keyboard};
use iced::widget::{Column, column, container, row, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{CATEGORY_MAX_CHARS, CategoryId, CategoryUse, Store};

#[derive(Debug, Default)]
pub struct State {
    list: Option<Vec<CategoryUse>>,
    /// The name being typed: for a new category (`None`) or a rename.
    editing: Option<(Option<CategoryId>, TextEntry)>,
    /// 删除 asked about this one.
    removing: Option<CategoryId>,
    busy: bool,
    page: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Loaded(Result<Vec<CategoryUse>, Failure>),
    New,
    Rename(CategoryId),
    Keyboard(keyboard::Message),
    Remove(CategoryId),
    ConfirmRemove,
    CancelRemove,
    Changed(Result<String, Failure>),
    Page(usize),
    Back,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Saved: what to tell staff, and the list read again.
    Done(String, Task<Message>),
    Failed(String),
    Back,
}

fn load(env: Env<'_>) -> Task<Message> {
    Task::perform(
        env.store.run(|s: &mut Store| s.book_categories_in_use()),
        |r| Message::Loaded(r.map_err(Failure::new)),
    )
}

impl State {
    pub fn open(env: Env<'_>) -> (State, Task<Message>) {
        (State::default(), load(env))
    }

    /// The keyboard is open (the page then has the whole screen).
    pub fn typing(&self) -> bool {
        self.editing.is_some()
    }

    fn change(
        &mut self,
        env: Env<'_>,
        job: impl FnOnce(&mut Store) -> relay_core::store::Result<String> + Send + 'static,
    ) -> Action {
        self.busy = true;
        Action::Run(Task::perform(env.store.run(job), |r| {
            Message::Changed(r.map_err(Failure::new))
        }))
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        match message {
            Message::Loaded(Ok(list)) => self.list = Some(list),
            Message::Loaded(Err(e)) => return Action::Failed(t::not_read(e.zh())),
            Message::New if !self.busy => {
                self.editing = Some((None, TextEntry::new("", CATEGORY_MAX_CHARS)));
            }
            Message::Rename(id) if !self.busy => {
                let name = self
                    .list
                    .iter()
                    .flatten()
                    .find(|c| c.category.id == id)
                    .map_or("", |c| c.category.name.as_str());
                self.editing = Some((Some(id), TextEntry::new(name, CATEGORY_MAX_CHARS)));
            }
            Message::Keyboard(m) => {
                let Some((id, entry)) = &mut self.editing else {
                    return Action::None;
                };
                if !entry.update(m) {
                    return Action::None;
                }
                let (id, name) = (*id, entry.value.trim().to_string());
                self.editing = None;
                if name.is_empty() {
                    return Action::None;
                }
                let now = env.utc;
                return self.change(env, move |s| match id {
                    None => s
                        .book_category_add_by(&name, now, ACTOR)
                        .map(|_| t::added(&name)),
                    Some(id) => s
                        .book_category_rename(id, &name, ACTOR)
                        .map(|()| t::renamed(&name)),
                });
            }
            Message::Remove(id) if !self.busy => self.removing = Some(id),
            Message::CancelRemove => self.removing = None,
            Message::ConfirmRemove if !self.busy => {
                if let Some(id) = self.removing.take() {
                    return self.change(env, move |s| {
                        s.book_category_remove(id, ACTOR).map(|n| t::removed(&n))
                    });
                }
            }
            Message::Changed(result) => {
                self.busy = false;
                return match result {
                    Ok(done) => Action::Done(done, load(env)),
                    Err(e) => Action::Failed(t::not_saved(e.zh())),
                };
            }
            Message::Page(page) => self.page = page,
            Message::Back if !self.busy => return Action::Back,
            _ => {}
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        if let Some((_, entry)) = &self.editing {
            return entry.view(ui, t::NAME_FIELD).map(Message::Keyboard);
        }
        let Some(list) = &self.list else {
            return text(t::LOADING).size(ui.body()).into();
        };
        if let Some(id) = self.removing
            && let Some(c) = list.iter().find(|c| c.category.id == id)
        {
            return badge::confirm(
                ui,
                t::remove_question(&c.category.name),
                t::REMOVE,
                Message::ConfirmRemove,
                Message::CancelRemove,
            );
        }
        let idle = !self.busy;
        let top = row![
            widget::text_action(ui, t::BACK, idle.then_some(Message::Back), theme::secondary)
                .width(Length::Fixed(ui.s_width(240.0))),
            text(t::count(list.len()))
                .size(ui.label())
                .font(BOLD)
                .width(Length::Fill),
            widget::text_action(ui, t::NEW, idle.then_some(Message::New), theme::primary)
                .width(Length::Fixed(ui.s_width(240.0))),
        ]
        .spacing(ui.gap())
        .align_y(Alignment::Center);
        let card = ui.target() + 2.0 * ui.gap_small();
        let ui_ = *ui;
        let rows = widget::paged_rows(ui, self.page, list.len(), card, Message::Page, move |r| {
            let mut rows = Column::new().spacing(ui_.gap());
            for c in &list[r] {
                rows = rows.push(line(&ui_, c, idle));
            }
            if list.is_empty() {
                rows = rows.push(text(t::EMPTY).size(ui_.body()));
            }
            rows.into()
        });
        column![top, rows].spacing(ui.gap()).into()
    }
}

/// A category: its name and books, 改名, and 删除 at the far end (or why it cannot go).
fn line<'a>(ui: &Ui, c: &'a CategoryUse, idle: bool) -> Element<'a, Message> {
    let id = c.category.id;
    let width = Length::Fixed(ui.s_width(200.0));
    // A category in use says why it has no 删除, in words rather than a dead button.
    let remove: Element<'a, Message> = if c.books == 0 {
        widget::text_action(
            ui,
            t::REMOVE,
            idle.then_some(Message::Remove(id)),
            theme::secondary,
        )
        .width(width)
        .into()
    } else {
        container(text(t::IN_USE).size(ui.small()).style(theme::muted))
            .center_x(width)
            .into()
    };
    container(
        row![
            text(c.category.name.as_str())
                .size(ui.label())
                .font(BOLD)
                .width(Length::FillPortion(2)),
            text(t::books(c.books))
                .size(ui.body())
                .style(theme::muted)
                .width(Length::FillPortion(1)),
            widget::text_action(
                ui,
                t::RENAME,
                idle.then_some(Message::Rename(id)),
                theme::secondary
            )
            .width(width),
            remove,
        ]
        .spacing(ui.gap())
        .align_y(Alignment::Center),
    )
    .padding([ui.gap_small(), ui.gap()])
    .width(Length::Fill)
    .style(theme::card)
    .into()
}
