//! The thank-you page after a wish or a suggestion: the thanks, the number large and
//! grouped (`382 914`) to ask about it later, what happens next, and the way home.

use crate::theme::{self, BOLD, Element, Ui};
use iced::widget::{column, container, text};
use iced::{Alignment, Length};

/// The page's words: the thanks, the number's label, what happens next, the way home.
pub struct ThanksWords<'a> {
    pub thanks: &'a str,
    pub your_number: &'a str,
    pub after: &'a str,
    pub home: &'a str,
}

pub fn numbered_thanks<'a, M: Clone + 'a>(
    ui: &Ui,
    words: ThanksWords<'a>,
    number: &str,
    home: M,
) -> Element<'a, M> {
    // Short of room (elder mode on a small panel) everything stays, a little smaller.
    let tight = ui.tight();
    container(
        column![
            text(words.thanks)
                .size(if tight { ui.heading() } else { ui.huge() })
                .font(BOLD),
            text(words.your_number).size(ui.label()),
            text(relay_core::store::shown_number(number))
                .size(ui.huge() * if tight { 1.4 } else { 2.0 })
                .font(BOLD),
            text(words.after).size(if tight { ui.body() } else { ui.label() }),
            super::text_action(ui, words.home, Some(home), theme::primary)
                .width(Length::Fill)
                .height(Length::Fixed(ui.keypad_submit())),
        ]
        .spacing(if tight { ui.gap() } else { ui.gap() * 1.5 })
        .align_x(Alignment::Center)
        .max_width(ui.s_width(1000.0)),
    )
    .center_x(Length::Fill)
    .into()
}
