//! Cover cards and the paged grid of them: a category's books, search results, the
//! books out. A card without a cover picture gets a generated one — its title on a
//! spine-like card in its category's colour — so the grid never shows holes.

use super::{Message, State};
use crate::text::reading as t;
use crate::text::widget as tw;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use iced::widget::{Column, Row, button, column, container, image, row, scrollable, space, text};
use iced::{Alignment, ContentFit, Length};
use relay_core::books::{Card, Catalog};
use relay_core::store::{BookId, CategoryId};

/// The most cards any page shows (covers are decoded for at most this many).
pub const MAX_PER_PAGE: usize = 40;

/// A card's sizes.
#[derive(Debug, Clone, Copy)]
pub struct Dims {
    pub width: f32,
    pub cover: f32,
    /// The whole card: cover, the line under it, padding.
    pub height: f32,
}

pub fn dims(ui: &Ui) -> Dims {
    // A small panel in elder mode: a little smaller and squarer, so a row fits
    // between the title, the search box and the pager.
    let (width, ratio) = if ui.tight() {
        (ui.s_width(120.0), 1.25)
    } else {
        (ui.s_width(if ui.compact() { 140.0 } else { 190.0 }), 1.35)
    };
    let cover = (width * ratio).round();
    Dims {
        width,
        cover,
        height: cover + ui.small() * 1.4 + ui.gap_small() * 2.0,
    }
}

/// The card's sizes made smaller where not even one row of them fits in `room` px of
/// height (a small panel in elder mode with a line above the grid).
fn dims_in(ui: &Ui, room: f32) -> Dims {
    let d = dims(ui);
    if d.height <= room {
        return d;
    }
    let under = d.height - d.cover;
    let cover = (room - under).max(ui.target()).floor();
    Dims {
        width: (d.width * cover / d.cover).floor(),
        cover,
        height: cover + under,
    }
}

/// How many cards fit across the page.
pub fn columns(ui: &Ui) -> usize {
    columns_of(ui, dims(ui))
}

fn columns_of(ui: &Ui, d: Dims) -> usize {
    ((ui.width - ui.pad() * 2.0 + ui.gap()) / (d.width + ui.gap_small() + ui.gap()))
        .floor()
        .max(1.0) as usize
}

/// The height of a page's title row.
pub fn header_height(ui: &Ui) -> f32 {
    (ui.title() * 1.35 + ui.small() * 1.35).max(ui.target())
}

/// The spine colour of a book's category.
fn color_of(catalog: &Catalog, category: Option<CategoryId>) -> iced::Color {
    let position = category.and_then(|id| {
        catalog
            .categories()
            .iter()
            .find(|c| c.id == Some(id))
            .map(|c| c.position)
    });
    theme::spine(position)
}

/// A generated cover: a darker band like a spine, the title large, the author small.
pub fn generated<'a>(
    ui: &Ui,
    catalog: &Catalog,
    card: &Card<'a>,
    width: f32,
    height: f32,
    big: bool,
) -> Element<'a, Message> {
    let color = color_of(catalog, card.category);
    // A book's page: the title grows with the cover.
    let size = if big {
        (width / 6.0).clamp(ui.heading(), ui.huge())
    } else {
        ui.body()
    };
    // The author under the title in two lines, or one where the title needs the room,
    // cut with … rather than cut off at the cover's edge.
    let inner = width - (width * 0.1).round() - 2.0 * ui.gap_small();
    let title_height = widget::text_height(card.title, size, inner, 1.3);
    let line = (ui.small() * 1.3).ceil();
    let lines = if title_height + 2.0 * line <= height - 2.0 * ui.gap_small() {
        2.0
    } else {
        1.0
    };
    let author = widget::shorten(
        card.author,
        ui.small(),
        inner * lines - (lines - 1.0) * ui.small(),
    );
    container(row![
        container(space::horizontal())
            .width(Length::Fixed((width * 0.1).round()))
            .height(Length::Fill)
            .style(theme::cover_band(color)),
        column![
            text(card.title).size(size).font(BOLD),
            space::vertical(),
            text(author).size(ui.small()),
        ]
        .padding(ui.gap_small())
        .width(Length::Fill)
        .height(Length::Fill),
    ])
    .width(Length::Fixed(width))
    .height(Length::Fixed(height))
    .clip(true)
    .style(theme::cover(color))
    .into()
}

/// The cover: the decoded picture, or a generated one.
pub fn cover<'a>(
    state: &'a State,
    ui: &Ui,
    catalog: &'a Catalog,
    card: &Card<'a>,
    width: f32,
    height: f32,
    big: bool,
) -> Element<'a, Message> {
    match state.covers.get(card.id) {
        Some(handle) => image(handle.clone())
            .width(Length::Fixed(width))
            .height(Length::Fixed(height))
            .content_fit(ContentFit::Contain)
            .into(),
        None => generated(ui, catalog, card, width, height, big),
    }
}

/// A tappable cover card with 在架 N 本 under it (借出 N 本 in the list of books to return).
pub fn card<'a>(
    state: &'a State,
    ui: &Ui,
    catalog: &'a Catalog,
    id: BookId,
) -> Element<'a, Message> {
    card_of(state, ui, catalog, id, dims(ui))
}

fn card_of<'a>(
    state: &'a State,
    ui: &Ui,
    catalog: &'a Catalog,
    id: BookId,
    d: Dims,
) -> Element<'a, Message> {
    let Some(c) = catalog.card(id) else {
        return space::horizontal().width(0).into();
    };
    let mut under = Column::new().align_x(Alignment::Center);
    if state.covers.get(id).is_some() {
        under = under.push(
            text(c.title)
                .size(ui.small())
                .font(BOLD)
                .wrapping(iced::widget::text::Wrapping::None),
        );
    }
    let line = if state.returning {
        t::out_count(c.out)
    } else {
        t::availability(c.copies, c.out)
    };
    under = under.push(text(line).size(ui.small()).style(theme::muted));
    widget::marked(
        button(
            column![
                cover(state, ui, catalog, &c, d.width, d.cover, false),
                under
            ]
            .spacing(theme::BADGE_PAD)
            .align_x(Alignment::Center),
        )
        .padding(ui.gap_small() / 2.0)
        .on_press(Message::Open(id))
        .clip(true)
        .style(theme::card_button),
    )
    .into()
}

/// One page of cards, `rows` rows; empty cells keep the columns even.
fn grid<'a>(
    state: &'a State,
    ui: &Ui,
    catalog: &'a Catalog,
    ids: &[BookId],
    rows: usize,
    d: Dims,
) -> Element<'a, Message> {
    let cols = columns_of(ui, d);
    let mut grid = Column::new().spacing(ui.gap());
    for line in ids.chunks(cols).take(rows) {
        let mut r = Row::new().spacing(ui.gap());
        for &id in line {
            r = r.push(card_of(state, ui, catalog, id, d));
        }
        grid = grid.push(r);
    }
    // Should the page be a little taller than guessed, it scrolls by dragging.
    scrollable(grid)
        .height(Length::Fill)
        .width(Length::Fill)
        .spacing(theme::SCROLLBAR_GAP)
        .into()
}

/// Rows of cards that fit in `room` pixels of height.
fn rows_in(ui: &Ui, d: Dims, room: f32) -> usize {
    ((room + ui.gap()) / (d.height + ui.gap())).floor().max(1.0) as usize
}

/// A paged grid of `ids` starting at `first`, in `room` pixels of height (the pager
/// included).
pub fn paged<'a>(
    state: &'a State,
    ui: &Ui,
    catalog: &'a Catalog,
    ids: &[BookId],
    first: usize,
    room: f32,
) -> Element<'a, Message> {
    let room = room - ui.target() - ui.gap();
    let d = dims_in(ui, room);
    let rows = rows_in(ui, d, room);
    let size = (rows * columns_of(ui, d)).clamp(1, MAX_PER_PAGE);
    let pages = widget::page_count(ids.len(), size);
    let page = (first / size).min(pages - 1);
    let shown: Vec<BookId> = ids.iter().skip(page * size).take(size).copied().collect();
    column![
        grid(state, ui, catalog, &shown, rows, d),
        widget::pager(
            ui,
            page,
            pages,
            Message::PreviousPage(size),
            Message::NextPage(size)
        ),
    ]
    .spacing(ui.gap())
    .into()
}

/// A reading-corner title row: ‹ 返回 (or home), the title, something on the right.
pub fn header<'a, M: Clone + 'a>(
    ui: &Ui,
    back: Option<M>,
    home: M,
    zh: String,
    en: String,
    right: Element<'a, M>,
) -> Element<'a, M> {
    let left: Element<'a, M> = match back {
        Some(back) => widget::text_action(ui, t::BACK, Some(back), theme::secondary)
            .width(Length::Fixed(ui.s_width(200.0)))
            .into(),
        None => widget::home_button(ui, home),
    };
    row![
        left,
        column![
            widget::fit(text(zh).size(ui.title()).font(BOLD)),
            text(en).size(ui.small()).style(theme::muted)
        ]
        .width(Length::Fill),
        right,
    ]
    .spacing(ui.gap() * 2.0)
    .align_y(Alignment::Center)
    .into()
}

/// 返回首页, for the right of a title row.
pub fn home<'a>(ui: &Ui) -> Element<'a, Message> {
    widget::text_action(ui, tw::HOME, Some(Message::Home), theme::secondary)
        .width(Length::Fixed(ui.s_width(260.0)))
        .into()
}

/// A category's page: its books as cover cards, paged.
pub fn category<'a>(
    state: &'a State,
    ui: &Ui,
    catalog: &'a Catalog,
    id: Option<CategoryId>,
    first: usize,
) -> Element<'a, Message> {
    let (name, count) = catalog
        .categories()
        .iter()
        .find(|c| c.id == id)
        .map(|c| (c.name.clone(), t::category_count(c.books, c.in_shelf)))
        .unwrap_or_default();
    let ids = &state.lists.ids;
    let room = ui.height - ui.pad() * 2.0 - header_height(ui) - ui.gap();
    page(
        ui,
        column![
            header(
                ui,
                Some(Message::Back),
                Message::Home,
                name,
                count,
                home(ui)
            ),
            paged(state, ui, catalog, ids, first, room),
        ]
        .spacing(ui.gap())
        .into(),
    )
}

/// The reading corner's page background and padding.
pub fn page<'a, M: 'a>(ui: &Ui, body: Element<'a, M>) -> Element<'a, M> {
    container(body)
        .padding(ui.pad())
        .width(Length::Fill)
        .height(Length::Fill)
        .style(theme::page)
        .into()
}

/// The last four phone digits on the keypad, with its confirm (`label`, pressable when
/// `confirm` is `Some`): beside `info` in landscape, below it in portrait. Used to borrow
/// and to return.
pub fn digits_entry<'a, M: Clone + 'a>(
    ui: &Ui,
    info: Element<'a, M>,
    (label, confirm): (&'a str, Option<M>),
    busy: bool,
    on_key: impl Fn(crate::widget::keypad::Key) -> M + 'a,
) -> Element<'a, M> {
    let confirm = crate::widget::text_action(ui, label, confirm, theme::primary)
        .width(Length::Fixed(ui.keypad_width()))
        .height(Length::Fixed(ui.keypad_submit()));
    let pad = column![crate::widget::keypad::keypad(ui, !busy, on_key), confirm].spacing(ui.gap());
    if ui.portrait {
        column![info, pad].spacing(ui.pad()).into()
    } else {
        row![info, pad].spacing(ui.pad()).into()
    }
}
