//! Staff: the reading corner's catalogue (图书): every book by category and title, with
//! copies in and out, paged; 添加图书 opens the form. Read from the board's catalogue,
//! so a CLI import shows at once.

use crate::screen::Context;
use crate::text::staff::books as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use iced::widget::{Column, column, container, row, text};
use iced::{Alignment, Length};
use relay_core::books::Catalog;
use relay_core::store::BookId;

#[derive(Debug, Default)]
pub struct State {
    page: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    PreviousPage,
    NextPage,
    Add,
    /// 分类: the categories page.
    Categories,
    /// 从U盘导入: a spreadsheet from a USB stick.
    Import,
}

pub enum Action {
    None,
    Add,
    Categories,
    Import,
}

/// Books `first..first + n`, category by category: only the categories on the page
/// are listed, so a page of a 100,000-book catalogue stays cheap to draw.
fn page_of(catalog: &Catalog, first: usize, n: usize) -> Vec<BookId> {
    let mut skip = first;
    let mut out = Vec::with_capacity(n);
    for c in catalog.categories() {
        let count = c.books as usize;
        if skip >= count {
            skip -= count;
            continue;
        }
        let ids = catalog.in_category(c.id);
        out.extend(ids.iter().skip(skip).take(n - out.len()));
        skip = 0;
        if out.len() >= n {
            break;
        }
    }
    out
}

impl State {
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::PreviousPage => self.page = self.page.saturating_sub(1),
            Message::NextPage => self.page += 1,
            Message::Add => return Action::Add,
            Message::Categories => return Action::Categories,
            Message::Import => return Action::Import,
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let add = widget::text_action(ui, t::ADD, Some(Message::Add), theme::primary)
            .width(Length::Fixed(ui.s_width(320.0)));
        let categories = widget::text_action(
            ui,
            crate::text::staff::categories::OPEN,
            Some(Message::Categories),
            theme::secondary,
        )
        .width(Length::Fixed(ui.s_width(160.0)));
        let import = widget::text_action(
            ui,
            crate::text::staff::book_import::OPEN,
            Some(Message::Import),
            theme::secondary,
        )
        .width(Length::Fixed(ui.s_width(220.0)));
        let Some(catalog) = ctx.board.catalog() else {
            return text(t::LOADING).size(ui.body()).into();
        };
        let total: usize = catalog.categories().iter().map(|c| c.books as usize).sum();
        let per_page = (((ui.height - 420.0 * ui.scale) / (ui.target() + ui.gap_small()))
            .floor()
            .max(1.0) as usize)
            .min(12);
        let pages = widget::page_count(total, per_page);
        let page = self.page.min(pages - 1);
        let mut rows = Column::new().spacing(ui.gap_small());
        for id in page_of(catalog, page * per_page, per_page) {
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
        if total == 0 {
            rows = rows.push(text(t::EMPTY).size(ui.body()));
        }
        column![
            row![
                text(t::count(total))
                    .size(ui.label())
                    .font(BOLD)
                    .width(Length::Fill),
                categories,
                import,
                add
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center),
            container(rows).height(Length::Fill),
            widget::pager(ui, page, pages, Message::PreviousPage, Message::NextPage),
        ]
        .spacing(ui.gap())
        .into()
    }
}
