//! The reading corner's front page: the search box, then either the results (paged
//! cover cards; none → a sentence and the category tiles), the books out while
//! returning, or the category tiles with 新到图书 and 大家都在看.

use super::{Message, State, shelf};
use crate::text::reading as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use iced::widget::{Column, Row, column, container, row, scrollable, space, text};
use iced::{Alignment, Length};
use relay_core::books::Catalog;

/// The most cards a 新到图书 or 大家都在看 row shows.
pub const ROW_MAX: usize = 12;

/// Before the catalogue is first read: 正在整理书架…, or the calm card when it cannot be
/// read (logged by the board, and read again each second).
pub fn loading<'a>(ui: &Ui, failed: bool) -> Element<'a, Message> {
    shelf::page(
        ui,
        column![
            shelf::header(
                ui,
                None,
                Message::Home,
                t::TITLE.into(),
                t::TITLE_EN.into(),
                space::horizontal().width(0).into()
            ),
            if failed {
                widget::unavailable(ui)
            } else {
                text(t::LOADING).size(ui.label()).into()
            },
        ]
        .spacing(ui.gap())
        .into(),
    )
}

pub fn view<'a>(
    state: &'a State,
    ui: &Ui,
    catalog: &'a Catalog,
    first: usize,
) -> Element<'a, Message> {
    let (zh, en) = super::title(state);
    let right: Element<'a, Message> = if state.returning {
        shelf::home(ui)
    } else {
        widget::text_action(ui, t::RETURN, Some(Message::StartReturn), theme::primary)
            .width(Length::Fixed(ui.s_width(220.0)))
            .into()
    };
    let back = state.returning.then_some(Message::Back);
    let query = state.search.query();
    let mut field = Row::new().spacing(ui.gap()).push(
        widget::field_button(
            ui,
            &query,
            if ui.compact() {
                t::SEARCH_HINT_SHORT
            } else {
                t::SEARCH_HINT
            },
            Message::Type,
        )
        .height(Length::Fixed(ui.target())),
    );
    if !query.is_empty() {
        field = field.push(
            widget::text_action(
                ui,
                t::CLEAR_SEARCH,
                Some(Message::ClearSearch),
                theme::secondary,
            )
            .width(Length::Fixed(ui.s_width(160.0))),
        );
    }
    let above = shelf::header_height(ui) + ui.target() + ui.gap() * 2.0;
    let room = ui.height - ui.pad() * 2.0 - above;
    let body: Element<'a, Message> = if !state.search.is_empty() {
        if state.search.results.is_empty() {
            no_results(ui, catalog, &query)
        } else {
            // Short of room, the grid speaks for itself: no heading.
            let heading = (!ui.tight()).then(|| {
                text(format!(
                    "{} · {}",
                    t::results_for(&query),
                    t::found(state.search.results.len())
                ))
                .size(ui.label())
                .font(BOLD)
            });
            let room = if ui.tight() {
                room
            } else {
                room - ui.label() * 1.4 - ui.gap()
            };
            column![
                heading,
                shelf::paged(state, ui, catalog, &state.search.results, first, room),
            ]
            .spacing(ui.gap())
            .into()
        }
    } else if state.returning {
        let out = &state.lists.ids;
        if out.is_empty() {
            text(t::NOTHING_OUT).size(ui.label()).into()
        } else {
            column![
                text(t::RETURN_PICK).size(ui.label()).font(BOLD),
                shelf::paged(
                    state,
                    ui,
                    catalog,
                    out,
                    first,
                    room - ui.label() * 1.4 - ui.gap()
                ),
            ]
            .spacing(ui.gap())
            .into()
        }
    } else if catalog.is_empty() {
        text(t::EMPTY_SHELF).size(ui.label()).into()
    } else {
        browse(state, ui, catalog)
    };
    shelf::page(
        ui,
        column![
            shelf::header(ui, back, Message::Home, zh.into(), en.into(), right),
            field,
            container(body).height(Length::Fill),
        ]
        .spacing(ui.gap())
        .into(),
    )
}

/// No book found: say so, and offer the categories instead.
fn no_results<'a>(ui: &Ui, catalog: &'a Catalog, query: &str) -> Element<'a, Message> {
    scrollable(
        column![
            container(text(t::no_results(query)).size(ui.label()).font(BOLD))
                .padding(ui.gap())
                .width(Length::Fill)
                .style(theme::card),
            categories(ui, catalog),
        ]
        .spacing(ui.gap()),
    )
    .spacing(theme::SCROLLBAR_GAP)
    .into()
}

/// The category tiles with their counts.
pub fn categories<'a>(ui: &Ui, catalog: &'a Catalog) -> Element<'a, Message> {
    let list = catalog.categories();
    let per_row = category_columns(ui, list.len());
    let mut grid = Column::new().spacing(ui.gap_small());
    for chunk in list.chunks(per_row) {
        let mut line = Row::new().spacing(ui.gap_small());
        for c in chunk {
            line = line.push(
                widget::action(
                    ui,
                    column![
                        widget::fit(text(c.name.as_str()).size(ui.label()).font(BOLD)),
                        text(t::category_count(c.books, c.in_shelf)).size(ui.small()),
                    ]
                    .align_x(Alignment::Center),
                    Some(Message::Category(c.id)),
                    theme::primary,
                )
                .padding([theme::BADGE_PAD, theme::BADGE_PAD])
                .height(Length::Fixed(tile_height(ui)))
                .width(Length::FillPortion(1)),
            );
        }
        for _ in chunk.len()..per_row {
            line = line.push(space::horizontal().width(Length::FillPortion(1)));
        }
        grid = grid.push(line);
    }
    column![text(t::CATEGORIES).size(ui.label()).font(BOLD), grid]
        .spacing(ui.gap_small())
        .into()
}

/// Categories, then 新到图书 and 大家都在看 (side by side in landscape; one above the
/// other in portrait, two lines of covers each where the height allows).
fn browse<'a>(state: &'a State, ui: &Ui, catalog: &'a Catalog) -> Element<'a, Message> {
    // Nothing scrolls: the rows of covers show only where they fit under the tiles
    // (not on a small panel in elder mode, where the categories fill the page).
    let room = ui.height - ui.pad() * 2.0 - shelf::header_height(ui) - ui.target() - ui.gap() * 3.0;
    let per_line = category_columns(ui, catalog.categories().len());
    let lines = catalog.categories().len().div_ceil(per_line) as f32;
    let tiles = ui.label() * 1.4 + lines * (tile_height(ui) + ui.gap_small());
    let card = shelf::dims(ui).height;
    let strip_height = |lines: f32| {
        ui.label() * 1.4 + ui.gap_small() + lines * (card + ui.gap()) - ui.gap() + ui.gap_small()
    };
    let strips = if ui.portrait { 2.0 } else { 1.0 };
    let fits = |lines: f32| tiles + ui.gap() + strips * (strip_height(lines) + ui.gap()) <= room;
    let page = column![categories(ui, catalog)].spacing(ui.gap());
    if !fits(1.0) {
        return page.into();
    }
    let card_lines = if ui.portrait && fits(2.0) { 2 } else { 1 };

    let cols = shelf::columns(ui);
    let per_row = if ui.portrait { cols } else { (cols / 2).max(1) };
    let strip = |title: &'a str, ids: &[relay_core::store::BookId]| -> Element<'a, Message> {
        let mut cards = Column::new().spacing(ui.gap());
        for line in ids.chunks(per_row).take(card_lines) {
            let mut r = Row::new().spacing(ui.gap());
            for &id in line {
                r = r.push(shelf::card(state, ui, catalog, id));
            }
            cards = cards.push(r);
        }
        column![text(title).size(ui.label()).font(BOLD), cards]
            .spacing(ui.gap_small())
            .width(Length::Fill)
            .into()
    };
    let newest = strip(t::NEWEST, &state.lists.newest);
    let popular = strip(t::POPULAR, &state.lists.popular);
    let rows: Element<'a, Message> = if ui.portrait {
        column![newest, popular].spacing(ui.gap()).into()
    } else {
        row![newest, popular].spacing(ui.gap()).into()
    };
    page.push(rows).into()
}

/// Category tiles per line.
fn category_columns(ui: &Ui, count: usize) -> usize {
    if ui.portrait {
        3
    } else if ui.compact() {
        if ui.elder() { 4 } else { 5 }
    } else if ui.elder() {
        5
    } else {
        count.clamp(1, 9)
    }
}

/// A category tile's height: its name and its count.
fn tile_height(ui: &Ui) -> f32 {
    ui.target().max(ui.label() * 1.35 + ui.small() * 1.35 + 8.0)
}
