//! The numeric keypad for PINs and codes: big keys, no typing precision needed.

use crate::text::widget as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::press_at::press_at;
use iced::Length;
use iced::widget::{button, column, container, row, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Digit(char),
    Delete,
    Clear,
}

/// A 3×4 keypad: 1–9, 清除, 0, 删除. Disabled keys do nothing (a lockout).
pub fn keypad<'a, M: Clone + 'a>(
    ui: &Ui,
    enabled: bool,
    on_key: impl Fn(Key) -> M + 'a,
) -> Element<'a, M> {
    let key = |label: &'static str, k: Key| {
        let size = if matches!(k, Key::Digit(_)) {
            ui.huge() * 0.75
        } else {
            ui.label()
        };
        press_at(
            button(
                container(crate::widget::fit(text(label).size(size).font(BOLD)))
                    .center_x(Length::Fill)
                    .center_y(Length::Fill),
            )
            .width(Length::Fixed(ui.key() * 1.3))
            .height(Length::Fixed(ui.key()))
            .on_press_maybe(enabled.then(|| on_key(k)))
            .style(if matches!(k, Key::Digit(_)) {
                theme::secondary
            } else {
                theme::primary
            }),
        )
    };
    let digits = [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]];
    let mut rows = column![].spacing(ui.gap());
    for line in digits {
        let mut r = row![].spacing(ui.gap());
        for d in line {
            r = r.push(key(d, Key::Digit(d.chars().next().unwrap_or('0'))));
        }
        rows = rows.push(r);
    }
    rows.push(
        row![
            key(t::KEYPAD_CLEAR, Key::Clear),
            key("0", Key::Digit('0')),
            key(t::KEYPAD_DELETE, Key::Delete)
        ]
        .spacing(ui.gap()),
    )
    .into()
}

/// Applies a key to a digit buffer of at most `max` digits.
pub fn apply(buffer: &mut String, key: Key, max: usize) {
    match key {
        Key::Digit(d) if d.is_ascii_digit() && buffer.len() < max => buffer.push(d),
        Key::Digit(_) => {}
        Key::Delete => {
            buffer.pop();
        }
        Key::Clear => buffer.clear(),
    }
}

/// Hidden digits: `● ● ● ○ ○ ○` (filled for typed, hollow up to the minimum).
pub fn masked(len: usize, min: usize) -> String {
    let mut s: Vec<&str> = vec!["●"; len];
    s.extend(std::iter::repeat_n("○", min.saturating_sub(len)));
    s.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffer_edits() {
        let mut b = String::new();
        for d in "123456789".chars() {
            apply(&mut b, Key::Digit(d), 8);
        }
        assert_eq!(b, "12345678");
        apply(&mut b, Key::Delete, 8);
        assert_eq!(b, "1234567");
        apply(&mut b, Key::Clear, 8);
        assert!(b.is_empty());
        assert_eq!(masked(2, 4), "● ● ○ ○");
    }
}
