//! The shared buttons: actions, 首页, choices, pairs (保存 / 取消) and form fields, all
//! marked for the layout audit.

use super::*;
use crate::text::widget as t;
use crate::theme::{self, BOLD, Element, Ui};
use iced::Length;
use iced::widget::{button, container, row, text};

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
