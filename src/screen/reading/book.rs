//! A book's page: a big cover, the title, the author, the summary, where it stands on
//! the shelf in large type, and whether a copy is in (在架 N 本) or all are out; with
//! 借走这本 and 还这本书.

use super::{Message, State, shelf};
use crate::books::Catalog;
use crate::store::{Book, BookId};
use crate::text::reading as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{self, badge};
use iced::widget::{column, container, row, scrollable, space, text};
use iced::{Alignment, Length};

pub fn view<'a>(
    state: &'a State,
    ui: &Ui,
    catalog: &'a Catalog,
    id: BookId,
    book: Option<&'a Result<Box<Book>, String>>,
) -> Element<'a, Message> {
    let Some(card) = catalog.card(id) else {
        return shelf::page(
            ui,
            column![
                shelf::header(
                    ui,
                    Some(Message::Back),
                    Message::Home,
                    t::TITLE.into(),
                    String::new(),
                    shelf::home(ui)
                ),
                text(t::BOOK_GONE).size(ui.label()),
            ]
            .spacing(ui.gap())
            .into(),
        );
    };
    let width = if ui.tight() {
        ui.s_width(190.0)
    } else {
        ui.s_width(if ui.compact() { 260.0 } else { 340.0 })
    };
    let height = (width * 1.35).round();
    let big_cover = shelf::cover(state, ui, catalog, &card, width, height, true);
    let in_shelf = card.copies.saturating_sub(card.out);
    let mut details = column![
        text(card.title).size(ui.title()).font(BOLD),
        text(format!("{}：{}", t::AUTHOR, card.author)).size(ui.label()),
    ]
    .spacing(ui.gap_small())
    .width(Length::Fill);
    match book {
        Some(Ok(book)) => {
            details = details.push(badge::word(
                ui,
                book.category.as_str(),
                theme::colors(ui.season).primary_dark,
            ));
            details = details.push(
                container(
                    column![
                        text(t::SHELF).size(ui.body()).style(theme::muted),
                        text(book.shelf.as_str()).size(ui.huge()).font(BOLD),
                    ]
                    .spacing(theme::BADGE_PAD),
                )
                .padding(ui.gap())
                .width(Length::Fill)
                .style(theme::card),
            );
        }
        Some(Err(e)) => details = details.push(badge::error(ui, e.as_str())),
        None => {}
    }
    details = details.push(
        text(t::availability(card.copies, card.out))
            .size(ui.heading())
            .font(BOLD),
    );
    if in_shelf == 0 {
        details = details.push(text(t::ALL_OUT).size(ui.body()));
    }
    // The summary last: where it stands on the shelf stays in view on a small panel.
    if let Some(Ok(book)) = book
        && !book.summary.trim().is_empty()
    {
        details = details.push(
            text(book.summary.as_str())
                .size(ui.body())
                .line_height(1.45),
        );
    }
    let loaded = matches!(book, Some(Ok(_)));
    let actions = row![
        widget::action(
            ui,
            widget::bilingual(ui, t::BORROW, t::BORROW_EN, ui.heading()),
            (loaded && in_shelf > 0).then_some(Message::Borrow),
            theme::primary,
        )
        .width(Length::FillPortion(2))
        .height(Length::Fixed(ui.primary())),
        widget::text_action(
            ui,
            t::RETURN_THIS,
            Some(Message::ReturnThis),
            theme::secondary
        )
        .width(Length::FillPortion(1))
        .height(Length::Fixed(ui.primary())),
    ]
    .spacing(ui.gap() * 2.0);
    let body: Element<'a, Message> = if ui.portrait {
        column![
            row![big_cover, details]
                .spacing(ui.pad())
                .align_y(Alignment::Start),
        ]
        .into()
    } else {
        row![big_cover, details].spacing(ui.pad()).into()
    };
    shelf::page(
        ui,
        column![
            shelf::header(
                ui,
                Some(Message::Back),
                Message::Home,
                t::TITLE.into(),
                t::TITLE_EN.into(),
                shelf::home(ui)
            ),
            scrollable(body)
                .height(Length::Fill)
                .spacing(theme::SCROLLBAR_GAP),
            actions,
            space::vertical().height(0),
        ]
        .spacing(ui.gap())
        .into(),
    )
}
