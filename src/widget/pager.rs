//! Pages of content with 上一页 / 下一页: by count, by row height or by width.

use super::*;
use crate::text::widget as t;
use crate::theme::{self, BOLD, Element, Ui};
use iced::widget::{column, container, row, text};
use iced::{Alignment, Length};

/// 上一页 · 第 1 / 3 页 · 下一页 — paging for touch screens where dragging is unreliable.
pub fn pager<'a, M: Clone + 'a>(
    ui: &Ui,
    page: usize,
    pages: usize,
    prev: M,
    next: M,
) -> Element<'a, M> {
    pager_in(ui, None, page, pages, prev, next)
}

/// [`pager`] in `width` px when known: where 第 1 / 3 页 would not fit its fifth of a
/// narrow row, it says 1 / 3.
fn pager_in<'a, M: Clone + 'a>(
    ui: &Ui,
    width: Option<f32>,
    page: usize,
    pages: usize,
    prev: M,
    next: M,
) -> Element<'a, M> {
    let pages = pages.max(1);
    let words = t::page_of(page + 1, pages);
    let centre = width.map_or(f32::INFINITY, |w| (w - 2.0 * ui.gap()) / 5.0);
    let words = if text_width(&words, ui.label()) > centre {
        t::page_short(page + 1, pages)
    } else {
        words
    };
    row![
        text_action(
            ui,
            t::PREVIOUS_PAGE,
            (page > 0).then_some(prev),
            theme::secondary
        )
        .width(Length::FillPortion(2)),
        container(text(words).size(ui.label()).font(BOLD)).center_x(Length::FillPortion(1)),
        text_action(
            ui,
            t::NEXT_PAGE,
            (page + 1 < pages).then_some(next),
            theme::secondary
        )
        .width(Length::FillPortion(2)),
    ]
    .spacing(ui.gap())
    .align_y(Alignment::Center)
    .into()
}

/// Rows of a list in the height there is: all of them when they fit, otherwise as many
/// whole rows as fit with 上一页/下一页 under them — never a list to drag. `row_height`
/// is the most one row needs; `build` lays out the rows in the range it is given.
pub fn paged_rows<'a, M: Clone + 'a>(
    ui: &Ui,
    page: usize,
    rows: usize,
    row_height: f32,
    on_page: impl Fn(usize) -> M + 'a,
    build: impl Fn(std::ops::Range<usize>) -> Element<'a, M> + 'a,
) -> Element<'a, M> {
    let ui = *ui;
    let spacing = ui.gap();
    iced::widget::responsive(move |size| {
        let all = rows as f32 * (row_height + spacing) - spacing;
        if all <= size.height {
            return build(0..rows);
        }
        let room = size.height - ui.target() - spacing;
        let per = (((room + spacing) / (row_height + spacing)).floor() as usize).max(1);
        let pages = page_count(rows, per);
        let page = page.min(pages - 1);
        column![
            container(build(page * per..((page + 1) * per).min(rows))).height(Length::Fill),
            pager(
                &ui,
                page,
                pages,
                on_page(page.saturating_sub(1)),
                on_page(page + 1)
            ),
        ]
        .spacing(spacing)
        .into()
    })
    .into()
}

/// Like [`paged_rows`], for rows of different heights (`heights`, the most each needs):
/// each page takes the rows that fit whole, in order.
pub fn paged_heights<'a, M: Clone + 'a>(
    ui: &Ui,
    page: usize,
    heights: Vec<f32>,
    on_page: impl Fn(usize) -> M + 'a,
    build: impl Fn(std::ops::Range<usize>) -> Element<'a, M> + 'a,
) -> Element<'a, M> {
    paged_by_width(ui, page, ui.gap(), move |_| heights.clone(), on_page, build)
}

/// Like [`paged_heights`], for blocks whose heights depend on the width they get
/// (wrapped text): `heights(width)` gives the most each block needs at that width, and
/// `spacing` is what `build` puts between them.
pub fn paged_by_width<'a, M: Clone + 'a>(
    ui: &Ui,
    page: usize,
    spacing: f32,
    heights: impl Fn(f32) -> Vec<f32> + 'a,
    on_page: impl Fn(usize) -> M + 'a,
    build: impl Fn(std::ops::Range<usize>) -> Element<'a, M> + 'a,
) -> Element<'a, M> {
    paged(
        ui,
        spacing,
        heights,
        move |starts| page.min(starts.len() - 1),
        move |_, page| on_page(page),
        move |range, _| build(range),
    )
}

/// What [`paged_by_width`] and [`paged_at_item`] share: pages of the whole blocks that
/// fit (all of them, without a pager, when they do), `choose` picking the page shown
/// from where the pages start and `message(starts, page)` saying how to show another.
fn paged<'a, M: Clone + 'a>(
    ui: &Ui,
    spacing: f32,
    heights: impl Fn(f32) -> Vec<f32> + 'a,
    choose: impl Fn(&[usize]) -> usize + 'a,
    message: impl Fn(&[usize], usize) -> M + 'a,
    build: impl Fn(std::ops::Range<usize>, f32) -> Element<'a, M> + 'a,
) -> Element<'a, M> {
    let ui = *ui;
    iced::widget::responsive(move |size| {
        let heights = heights(size.width);
        let all: f32 = heights.iter().map(|h| h + spacing).sum::<f32>() - spacing;
        if all <= size.height {
            return build(0..heights.len(), size.width);
        }
        let starts = page_starts(&heights, spacing, size.height - ui.target() - ui.gap());
        let pages = starts.len();
        let page = choose(&starts);
        let end = starts.get(page + 1).copied().unwrap_or(heights.len());
        column![
            container(build(starts[page]..end, size.width)).height(Length::Fill),
            pager_in(
                &ui,
                Some(size.width),
                page,
                pages,
                message(&starts, page.saturating_sub(1)),
                message(&starts, (page + 1).min(pages - 1))
            ),
        ]
        .spacing(ui.gap())
        .into()
    })
    .into()
}

/// Where each page starts: whole blocks of `heights` (with `spacing` between them) that
/// fit `room`, in order; a block taller than a page has one alone.
fn page_starts(heights: &[f32], spacing: f32, room: f32) -> Vec<usize> {
    let mut starts = vec![0];
    let mut used = 0.0;
    for (i, h) in heights.iter().enumerate() {
        let need = if used > 0.0 { spacing + h } else { *h };
        if used > 0.0 && used + need > room {
            starts.push(i);
            used = *h;
        } else {
            used += need;
        }
    }
    starts
}

/// Like [`paged_by_width`], where the reader's place is an item rather than a page
/// number: the page shown is the one holding item `first`, and `on_first(i)` shows the
/// page that starts at item `i`. Turning the screen or switching elder mode (pages of
/// other sizes) keeps the item the reader was at in view. `build` gets the width the
/// heights were measured at, to lay the items out as measured.
pub fn paged_at_item<'a, M: Clone + 'a>(
    ui: &Ui,
    first: usize,
    spacing: f32,
    heights: impl Fn(f32) -> Vec<f32> + 'a,
    on_first: impl Fn(usize) -> M + 'a,
    build: impl Fn(std::ops::Range<usize>, f32) -> Element<'a, M> + 'a,
) -> Element<'a, M> {
    paged(
        ui,
        spacing,
        heights,
        move |starts| starts.iter().rposition(|&s| s <= first).unwrap_or(0),
        move |starts, page| on_first(starts[page]),
        build,
    )
}

/// How many pages `count` items make at `per_page`.
pub fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

#[cfg(test)]
mod tests {
    use super::page_starts;

    #[test]
    fn pages_take_the_whole_blocks_that_fit() {
        // 100 + 10 + 100 fits 250; the third starts the next page.
        assert_eq!(page_starts(&[100.0, 100.0, 100.0], 10.0, 250.0), vec![0, 2]);
        assert_eq!(page_starts(&[100.0, 100.0], 10.0, 210.0), vec![0]);
        // A block taller than a page has one alone, and the next starts after it.
        assert_eq!(
            page_starts(&[50.0, 400.0, 50.0], 10.0, 250.0),
            vec![0, 1, 2]
        );
        assert_eq!(page_starts(&[], 10.0, 250.0), vec![0]);
    }
}
