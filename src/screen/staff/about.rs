//! Staff: 关于本机 — the version, the font's licence and the notices of the data the
//! pinyin input method embeds (CC BY-SA asks that they travel with the program), a
//! page at a time.

use crate::screen::Env;
use crate::text::staff::about as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use chrono::{DateTime, Local};
use iced::widget::{column, container, text};
use iced::{Length, Task};
use relay_core::ime::NOTICE;
use relay_core::store::Store;

#[derive(Debug, Default)]
pub struct State {
    page: usize,
    /// When the last good backup was taken: `None` while it is being read, then
    /// `Some(None)` when there is none.
    last_backup: Option<Option<DateTime<Local>>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    PreviousPage,
    NextPage,
    LastBackup(Option<DateTime<Local>>),
}

fn lines_per_page(ui: &Ui) -> usize {
    match (ui.portrait, ui.tight()) {
        (true, _) => 30,
        (false, true) => 8,
        (false, false) => 14,
    }
}

impl State {
    /// The page, and the task that looks up the last backup (the folder is read on the
    /// store thread).
    pub fn open(env: Env<'_>) -> (State, Task<Message>) {
        let job = |store: &mut Store| Ok(store.last_backup());
        let task = Task::perform(env.store.run(job), |r| {
            Message::LastBackup(r.ok().flatten())
        });
        (State::default(), task)
    }

    pub fn update(&mut self, message: Message) {
        match message {
            Message::LastBackup(at) => self.last_backup = Some(at),
            Message::PreviousPage => self.page = self.page.saturating_sub(1),
            Message::NextPage => self.page += 1,
        }
    }

    pub fn view<'a>(&self, ui: &Ui) -> Element<'a, Message> {
        let lines: Vec<&str> = NOTICE.lines().collect();
        let per_page = lines_per_page(ui);
        let pages = widget::page_count(lines.len(), per_page);
        let page = self.page.min(pages - 1);
        let shown = lines
            .iter()
            .skip(page * per_page)
            .take(per_page)
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        column![
            text(t::version(env!("CARGO_PKG_VERSION")))
                .size(ui.body())
                .font(BOLD),
            text(t::last_backup(self.last_backup))
                .size(ui.body())
                .font(BOLD),
            text(t::FONTS).size(ui.body()),
            text(t::DATA).size(ui.body()),
            container(text(shown).size(ui.small()))
                .padding(ui.gap())
                .width(Length::Fill)
                .height(Length::Fill)
                .style(theme::card),
            widget::pager(ui, page, pages, Message::PreviousPage, Message::NextPage),
        ]
        .spacing(ui.gap_small())
        .into()
    }
}
