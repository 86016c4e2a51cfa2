//! Page frames: the bilingual title, the header with 首页, a bare page for typing, and
//! the notice that a part of the data cannot be read.

use super::*;
use crate::text::widget as t;
use crate::theme::{self, BOLD, Element, Ui};
use iced::widget::{column, container, row, text};
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
