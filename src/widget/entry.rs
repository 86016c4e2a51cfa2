//! Typing into one field: the field, right above what types into it, so a gloved
//! finger never has to look far. [`TextEntry`] uses the pinyin keyboard, [`DigitEntry`]
//! the numeric keypad (phone numbers, codes).

use crate::text::widget as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::keyboard::{self, Keyboard};
use crate::widget::keypad::{self, Key};
use iced::widget::{column, container, rich_text, row, space, span, text};
use iced::{Alignment, Length};

/// A text being typed on the on-screen keyboard, at most `max` characters.
#[derive(Debug, Clone)]
pub struct TextEntry {
    pub value: String,
    max: usize,
    keyboard: Keyboard,
}

impl TextEntry {
    /// Chinese first (pinyin).
    pub fn new(value: &str, max: usize) -> TextEntry {
        TextEntry {
            value: value.to_string(),
            max,
            keyboard: Keyboard::default(),
        }
    }

    /// Latin letters and digits first (a wish number).
    pub fn latin(value: &str, max: usize) -> TextEntry {
        TextEntry {
            keyboard: Keyboard::latin(),
            ..TextEntry::new(value, max)
        }
    }

    /// Applies a key; true when the person tapped 完成.
    /// A physical keyboard's key, as this entry's on-screen keyboard takes it.
    pub fn physical(&self, key: super::Typed) -> Option<keyboard::Message> {
        self.keyboard.physical(key)
    }

    pub fn update(&mut self, message: keyboard::Message) -> bool {
        let done = self.keyboard.update(message).apply_to(&mut self.value);
        if self.value.chars().count() > self.max {
            self.value = self.value.chars().take(self.max).collect();
        }
        done
    }

    /// The field (with a cursor and a count) above the keyboard.
    pub fn view<'a>(&'a self, ui: &Ui, label: &'a str) -> Element<'a, keyboard::Message> {
        let count = self.value.chars().count();
        column![
            row![
                text(label).size(ui.label()).font(BOLD).width(Length::Fill),
                text(t::chars_count(count, self.max))
                    .size(ui.small())
                    .style(theme::muted),
            ]
            .align_y(Alignment::Center),
            composing_field(ui, &self.value, self.keyboard.composition()),
            self.keyboard.view(ui),
        ]
        .spacing(ui.gap_small())
        .into()
    }
}

/// Digits typed on the keypad, at most `max`.
#[derive(Debug, Clone)]
pub struct DigitEntry {
    pub value: String,
    max: usize,
    /// How the digits are grouped for reading: a phone number's way, or a wish's.
    group: fn(&str) -> String,
}

impl DigitEntry {
    /// A phone number or its tail, grouped `138 1234 5678`.
    pub fn new(max: usize) -> DigitEntry {
        DigitEntry {
            value: String::new(),
            max,
            group: grouped,
        }
    }

    /// A wish's or suggestion's number, grouped `382 914`.
    pub fn number() -> DigitEntry {
        DigitEntry {
            value: String::new(),
            max: relay_core::store::NUMBER_DIGITS,
            group: grouped_number,
        }
    }

    /// The digits as the field shows them.
    pub fn shown(&self) -> String {
        (self.group)(&self.value)
    }

    pub fn update(&mut self, key: Key) {
        keypad::apply(&mut self.value, key, self.max);
    }

    /// The digits, grouped for reading (`138 1234 5678`), beside the keypad, with a
    /// 完成 under it.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        ui: &Ui,
        label: &'a str,
        on_key: impl Fn(Key) -> M + 'a,
        done: M,
    ) -> Element<'a, M> {
        let shown = self.shown();
        let info = column![
            text(label).size(ui.label()).font(BOLD),
            field(ui, &shown),
            text(t::digits_count(self.value.len(), self.max))
                .size(ui.small())
                .style(theme::muted),
        ]
        .spacing(ui.gap_small())
        .width(Length::Fill);
        let pad = column![
            keypad::keypad(ui, true, on_key),
            crate::widget::text_action(ui, t::KEY_DONE, Some(done), theme::primary)
                .width(Length::Fixed(ui.keypad_width()))
                .height(Length::Fixed(ui.target())),
        ]
        .spacing(ui.gap());
        if ui.portrait {
            column![info, pad].spacing(ui.gap()).into()
        } else {
            row![info, pad].spacing(ui.pad()).into()
        }
    }
}

/// `382914` → `382 914`, as the number is read out and shown on the thank-you page.
pub fn grouped_number(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i == 3 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// `13812345678` → `138 1234 5678`.
pub fn grouped(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i == 3 || i == 7 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A field's value with a cursor after it.
fn field<'a, M: 'a>(ui: &Ui, value: &str) -> Element<'a, M> {
    boxed(ui, text(format!("{value}▏")).size(field_size(ui)).into())
}

/// The field while pinyin is composed: the value, then (underlined, as every input
/// method shows it) what 空格 would add, then the cursor — so a sentence shortened in
/// the candidate bar is read whole before it goes in.
fn composing_field<'a, M: 'a>(
    ui: &Ui,
    value: &'a str,
    composition: Option<std::borrow::Cow<'a, str>>,
) -> Element<'a, M> {
    let Some(composition) = composition else {
        return field(ui, value);
    };
    let spans: [iced::widget::text::Span<'a, ()>; 3] =
        [span(value), span(composition).underline(true), span("▏")];
    boxed(ui, rich_text(spans).size(field_size(ui)).into())
}

fn field_size(ui: &Ui) -> f32 {
    if ui.compact() && ui.elder() {
        ui.label()
    } else {
        ui.heading()
    }
}

fn boxed<'a, M: 'a>(ui: &Ui, content: Element<'a, M>) -> Element<'a, M> {
    let tight = ui.compact() && ui.elder();
    container(row![content, space::horizontal()].align_y(Alignment::Center))
        .padding(if tight { ui.gap_small() } else { ui.gap() })
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_entry_stops_at_its_limit() {
        let mut e = TextEntry::latin("", 4);
        for c in "w7k3x".chars() {
            e.update(keyboard::Message::Letter(c));
        }
        assert_eq!(e.value, "w7k3");
        assert!(e.update(keyboard::Message::Done));
    }

    #[test]
    fn digits_are_grouped_like_a_phone_number() {
        assert_eq!(grouped("13812345678"), "138 1234 5678");
        assert_eq!(grouped("1381"), "138 1");
        let mut d = DigitEntry::new(11);
        for c in "138123456789".chars() {
            d.update(Key::Digit(c));
        }
        assert_eq!(d.value, "13812345678");
    }

    #[test]
    fn a_number_is_six_digits_grouped_in_threes() {
        let mut d = DigitEntry::number();
        for c in "3829145".chars() {
            d.update(Key::Digit(c));
        }
        assert_eq!(d.value, "382914");
        assert_eq!(d.shown(), "382 914");
        assert_eq!(grouped_number("38"), "38");
        assert_eq!(grouped_number("3829"), "382 9");
    }
}
