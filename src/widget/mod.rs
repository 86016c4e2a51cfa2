//! Reusable pieces of the kiosk's screens, all sized by [`Ui`].

pub mod badge;
pub mod chart;
pub mod entry;
pub mod keyboard;
pub mod keypad;
pub mod mark;
pub mod press_at;

pub use mark::{Tap, fit, marked};

use crate::text::widget as t;
use crate::theme::{self, BOLD, Element, Ui};
use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Length};

/// A Chinese label with its English second line.
pub fn bilingual<'a, M: 'a>(ui: &Ui, zh: &'a str, en: &'a str, size: f32) -> Element<'a, M> {
    column![
        fit(text(zh).size(size).font(BOLD)),
        text(en).size(ui.small()).style(|theme| {
            let mut s = theme::muted(theme);
            s.color = None;
            s
        }),
    ]
    .spacing(theme::BADGE_PAD_SMALL)
    .align_x(Alignment::Center)
    .into()
}

/// A button style function from the theme.
pub type Style = fn(&crate::theme::Theme, button::Status) -> button::Style;

/// A button at least one touch target high, with centred content.
pub fn action<'a, M: Clone + 'a>(
    ui: &Ui,
    content: impl Into<Element<'a, M>>,
    on_press: Option<M>,
    style: Style,
) -> Tap<'a, M> {
    Tap::new(
        button(
            container(content)
                .center_x(Length::Fill)
                .center_y(Length::Fill),
        )
        .height(Length::Fixed(ui.target()))
        .padding([ui.gap_small(), ui.gap()])
        .on_press_maybe(on_press)
        .style(style),
    )
}

/// A plain text action button.
pub fn text_action<'a, M: Clone + 'a>(
    ui: &Ui,
    label: &'a str,
    on_press: Option<M>,
    style: Style,
) -> Tap<'a, M> {
    action(
        ui,
        fit(text(label).size(ui.label()).font(BOLD)),
        on_press,
        style,
    )
}

/// "← 返回首页", the way home from every screen.
pub fn home_button<'a, M: Clone + 'a>(ui: &Ui, on_press: M) -> Element<'a, M> {
    text_action(ui, t::HOME, Some(on_press), theme::secondary)
        .width(Length::Fixed(ui.s_width(260.0)))
        .into()
}

/// The title row of a screen: back button, title, and something on the right.
pub fn header<'a, M: Clone + 'a>(
    ui: &Ui,
    back: M,
    zh: &'a str,
    en: &'a str,
    right: Element<'a, M>,
) -> Element<'a, M> {
    header_with(
        ui,
        back,
        zh,
        text(en).size(ui.small()).style(theme::muted).into(),
        right,
    )
}

/// A title row whose second line is given: staff pages say there what just happened,
/// in a fixed place, so nothing below moves under a finger.
pub fn header_with<'a, M: Clone + 'a>(
    ui: &Ui,
    back: M,
    zh: &'a str,
    subtitle: Element<'a, M>,
    right: Element<'a, M>,
) -> Element<'a, M> {
    let title = column![fit(text(zh).size(ui.title()).font(BOLD)), subtitle].width(Length::Fill);
    // A portrait panel in elder mode is too narrow for all three on one line (the title
    // would break inside its words) and has height to spare: the title goes under.
    if ui.portrait && ui.elder() {
        return column![
            row![
                home_button(ui, back),
                iced::widget::space::horizontal(),
                right
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center),
            title,
        ]
        .spacing(ui.gap_small())
        .into();
    }
    row![home_button(ui, back), title, right]
        .spacing(ui.gap() * 2.0)
        .align_y(Alignment::Center)
        .into()
}

/// A key of a physical keyboard, as the screens need it: a USB barcode scanner types
/// an ISBN's digits and Enter like one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Char(char),
    Enter,
    Backspace,
}

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
    let ui = *ui;
    iced::widget::responsive(move |size| {
        let heights = heights(size.width);
        let all: f32 = heights.iter().map(|h| h + spacing).sum::<f32>() - spacing;
        if all <= size.height {
            return build(0..heights.len());
        }
        // Pages of whole rows above the pager; a row taller than a page has one alone.
        let room = size.height - ui.target() - ui.gap();
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
        let pages = starts.len();
        let page = page.min(pages - 1);
        let end = starts.get(page + 1).copied().unwrap_or(heights.len());
        column![
            container(build(starts[page]..end)).height(Length::Fill),
            pager_in(
                &ui,
                Some(size.width),
                page,
                pages,
                on_page(page.saturating_sub(1)),
                on_page(page + 1)
            ),
        ]
        .spacing(ui.gap())
        .into()
    })
    .into()
}

/// The width `words` take on one line in `size` px type: Chinese characters and
/// punctuation are a full em, other characters counted at 0.6 em (most Latin letters and
/// digits are narrower).
pub fn text_width(words: &str, size: f32) -> f32 {
    let ems: f32 = words
        .chars()
        .map(|c| match c as u32 {
            // The CJK font draws · and general punctuation (… “ ” —) a full em wide.
            0xB7 | 0x2000.. => 1.0,
            _ => 0.6,
        })
        .sum();
    ems * size
}

/// `words` as they fit one line of `room` px in `size` px type: whole, or cut with ….
pub fn shorten(words: &str, size: f32, room: f32) -> std::borrow::Cow<'_, str> {
    if text_width(words, size) <= room {
        return words.into();
    }
    let room = room - text_width("…", size);
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in words.char_indices() {
        used += text_width(c.encode_utf8(&mut [0; 4]), size);
        if used > room {
            break;
        }
        end = i + c.len_utf8();
    }
    format!("{}…", &words[..end]).into()
}

/// The most height `words` can take in `size` px type wrapped to `width`, at
/// `line_height` (iced's default is 1.3): [`text_width`] with a little slack for where
/// lines break.
pub fn text_height(words: &str, size: f32, width: f32, line_height: f32) -> f32 {
    let width = width.max(size);
    let lines: f32 = words
        .split('\n')
        .map(|line| (text_width(line, size) * 1.08 / width).ceil().max(1.0))
        .sum();
    (lines * size * line_height).ceil()
}

/// How many pages `count` items make at `per_page`.
pub fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

/// One of several choices; the chosen one is filled and says ✓ (never colour alone).
pub fn choice<'a, M: Clone + 'a>(ui: &Ui, label: &str, selected: bool, on_press: M) -> Tap<'a, M> {
    let (label, style): (String, Style) = if selected {
        (format!("✓ {label}"), theme::selected)
    } else {
        (label.to_string(), theme::secondary)
    };
    action(
        ui,
        fit(text(label).size(ui.body()).font(BOLD)),
        Some(on_press),
        style,
    )
}

/// A pair of big side-by-side actions: 保存 / 取消, 删除 / 取消.
pub fn action_pair<'a, M: Clone + 'a>(
    ui: &Ui,
    (yes, on_yes, style): (&'a str, M, Style),
    (no, on_no): (&'a str, M),
) -> Element<'a, M> {
    row![
        text_action(ui, yes, Some(on_yes), style)
            .width(Length::Fill)
            .height(Length::Fixed(ui.primary())),
        text_action(ui, no, Some(on_no), theme::secondary)
            .width(Length::Fill)
            .height(Length::Fixed(ui.primary())),
    ]
    .spacing(ui.gap() * 2.0)
    .into()
}

/// A confirm and a 取消; while `busy`, both wait (the caller labels the first with what
/// is happening, such as 正在保存…).
pub fn save_pair<'a, M: Clone + 'a>(
    ui: &Ui,
    (yes, on_yes, style): (&'a str, M, Style),
    (no, on_no): (&'a str, M),
    busy: bool,
) -> Element<'a, M> {
    row![
        text_action(ui, yes, (!busy).then_some(on_yes), style)
            .width(Length::Fill)
            .height(Length::Fixed(ui.primary())),
        text_action(ui, no, (!busy).then_some(on_no), theme::secondary)
            .width(Length::Fill)
            .height(Length::Fixed(ui.primary())),
    ]
    .spacing(ui.gap() * 2.0)
    .into()
}

/// A text field shown as a big button: tapping it opens the on-screen keyboard.
pub fn field_button<'a, M: Clone + 'a>(
    ui: &Ui,
    value: &str,
    placeholder: &str,
    on_press: M,
) -> Tap<'a, M> {
    // A placeholder looks like one: lighter, so it is not taken for something typed.
    let empty = value.trim().is_empty();
    let shown = text(if empty { placeholder } else { value }.to_string()).size(ui.label());
    let shown = if empty {
        shown.style(theme::muted)
    } else {
        shown
    };
    Tap::new(
        button(fit(shown))
            .width(Length::Fill)
            .padding(ui.gap())
            .on_press(on_press)
            .style(theme::card_button),
    )
}

/// A page without its header, for typing on a small panel: the keyboard needs the
/// height, and 完成 brings the header back.
pub fn bare_page<'a, M: 'a>(ui: &Ui, body: Element<'a, M>) -> Element<'a, M> {
    container(body)
        .padding(ui.pad())
        .width(Length::Fill)
        .height(Length::Fill)
        .style(theme::page)
        .into()
}

/// The calm card shown where a part of a screen could not be read from the store
/// (暂时无法显示，请联系工作人员); the rest of the screen works as usual.
pub fn unavailable<'a, M: 'a>(ui: &Ui) -> Element<'a, M> {
    container(
        column![
            text(t::UNAVAILABLE).size(ui.label()).font(BOLD),
            text(t::UNAVAILABLE_EN).size(ui.small()).style(theme::muted),
        ]
        .spacing(theme::BADGE_PAD_SMALL),
    )
    .padding(ui.gap())
    .width(Length::Fill)
    .style(theme::card)
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_keeps_what_fits_and_cuts_the_rest_with_an_ellipsis() {
        assert_eq!(shorten("红楼梦", 20.0, 60.0), "红楼梦");
        assert_eq!(shorten("哈利·波特与魔法石", 20.0, 80.0), "哈利·…");
        assert_eq!(
            text_width(&shorten("全国人大常委会", 22.0, 100.0), 22.0),
            88.0
        );
        assert_eq!(shorten("abc", 10.0, 1.0), "…");
    }

    #[test]
    fn text_height_counts_wrapped_lines() {
        // Ten characters of 20 px in 100 px: three lines (with the slack) of 26 px.
        assert_eq!(text_height("一二三四五六七八九十", 20.0, 100.0, 1.3), 78.0);
        assert_eq!(text_height("一\n二", 20.0, 100.0, 1.3), 52.0);
    }
}
