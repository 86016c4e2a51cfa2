//! Staff: the reading corner's catalogue (图书): every book by category and title, with
//! copies in and out, paged; 添加图书 opens the form. Read from the board's catalogue,
//! so a CLI import shows at once.

use crate::books::Catalog;
use crate::screen::Context;
use crate::store::BookId;
use crate::text::staff::books as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use iced::widget::{Column, column, container, row, text};
use iced::{Alignment, Length};

#[derive(Debug, Default)]
pub struct State {
    page: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    PreviousPage,
    NextPage,
    Add,
}

pub enum Action {
    None,
    Add,
}

/// Every book, category by category.
fn all(catalog: &Catalog) -> Vec<BookId> {
    let mut ids = Vec::with_capacity(catalog.len());
    for c in catalog.categories() {
        ids.extend(catalog.in_category(c.id));
    }
    ids
}

impl State {
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::PreviousPage => self.page = self.page.saturating_sub(1),
            Message::NextPage => self.page += 1,
            Message::Add => return Action::Add,
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let add = widget::text_action(ui, t::ADD, Some(Message::Add), theme::primary)
            .width(Length::Fixed(ui.s_width(320.0)));
        let Some(catalog) = ctx.board.catalog() else {
            return text(t::LOADING).size(ui.body()).into();
        };
        let ids = all(catalog);
        let per_page = (((ui.height - 420.0 * ui.scale) / (ui.target() + ui.gap_small()))
            .floor()
            .max(1.0) as usize)
            .min(12);
        let pages = widget::page_count(ids.len(), per_page);
        let page = self.page.min(pages - 1);
        let mut rows = Column::new().spacing(ui.gap_small());
        for &id in ids.iter().skip(page * per_page).take(per_page) {
            let Some(card) = catalog.card(id) else {
                continue;
            };
            let category = catalog
                .categories()
                .iter()
                .find(|c| c.id == card.category)
                .map_or("", |c| c.name.as_str());
            rows = rows.push(
                container(
                    row![
                        text(format!("《{}》", card.title))
                            .size(ui.label())
                            .font(BOLD)
                            .width(Length::FillPortion(3))
                            .wrapping(iced::widget::text::Wrapping::None),
                        text(card.author)
                            .size(ui.body())
                            .width(Length::FillPortion(2))
                            .wrapping(iced::widget::text::Wrapping::None),
                        text(category)
                            .size(ui.body())
                            .style(theme::muted)
                            .width(Length::FillPortion(1)),
                        text(t::copies(card.copies.saturating_sub(card.out), card.copies))
                            .size(ui.body())
                            .width(Length::FillPortion(2)),
                    ]
                    .spacing(ui.gap())
                    .align_y(Alignment::Center),
                )
                .padding([0.0, ui.gap()])
                .center_y(Length::Fixed(ui.target()))
                .clip(true)
                .width(Length::Fill)
                .style(theme::card),
            );
        }
        if ids.is_empty() {
            rows = rows.push(text(t::EMPTY).size(ui.body()));
        }
        column![
            row![
                text(t::count(ids.len()))
                    .size(ui.label())
                    .font(BOLD)
                    .width(Length::Fill),
                add
            ]
            .align_y(Alignment::Center),
            container(rows).height(Length::Fill),
            widget::pager(ui, page, pages, Message::PreviousPage, Message::NextPage),
        ]
        .spacing(ui.gap())
        .into()
    }
}
