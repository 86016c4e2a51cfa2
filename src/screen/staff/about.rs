//! Staff: 关于本机 — the version, the font's licence and the notices of the data the
//! pinyin input method embeds (CC BY-SA asks that they travel with the program), a
//! page at a time.

use crate::ime::NOTICE;
use crate::text::staff::about as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use iced::Length;
use iced::widget::{column, container, text};

#[derive(Debug, Default)]
pub struct State {
    page: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    PreviousPage,
    NextPage,
}

fn lines_per_page(ui: &Ui) -> usize {
    match (ui.portrait, ui.tight()) {
        (true, _) => 30,
        (false, true) => 8,
        (false, false) => 14,
    }
}

impl State {
    pub fn update(&mut self, message: Message) {
        match message {
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
