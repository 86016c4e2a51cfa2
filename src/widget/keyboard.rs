//! The on-screen keyboard: QWERTY letters for pinyin with a candidate bar, a page of
//! digits and Chinese punctuation, space, backspace, clear, 中/英 and 完成. The kiosk's
//! compositor has no input method, so this is how Chinese gets typed. Keys are at least
//! one touch target high and darken while pressed.
//!
//! A screen keeps a [`Keyboard`] in its state, routes [`Message`]s to
//! [`Keyboard::update`] and applies the [`Output`] to the field being edited.

use crate::text::widget as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::press_at::press_at;
use crate::widget::{self, Typed};
use iced::widget::{Row, button, column, container, row, text};
use iced::{Alignment, Length};
use relay_core::ime::{Candidate, Composer, Dictionary};

const LETTERS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const SYMBOLS: [[&str; 10]; 3] = [
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"],
    ["，", "。", "！", "？", "、", "：", "；", "“", "”", "—"],
    ["（", "）", "…", "-", "/", ":", "@", "·", "《", "》"],
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Letter(char),
    Apostrophe,
    Symbol(&'static str),
    Pick(usize),
    PreviousCandidates,
    NextCandidates,
    Backspace,
    Space,
    Clear,
    ToggleChinese,
    ToggleSymbols,
    Done,
}

/// What the field being edited should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    None,
    Insert(String),
    Backspace,
    Clear,
    /// Editing is finished; insert this first if given.
    Done(Option<String>),
}

impl Output {
    /// Applies this output to a plain text field; true when editing is finished.
    pub fn apply_to(self, field: &mut String) -> bool {
        match self {
            Output::None => false,
            Output::Insert(typed) => {
                field.push_str(&typed);
                false
            }
            Output::Backspace => {
                field.pop();
                false
            }
            Output::Clear => {
                field.clear();
                false
            }
            Output::Done(pending) => {
                field.push_str(&pending.unwrap_or_default());
                true
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Keyboard {
    composer: Composer,
    /// Computed when the letters change, never in `view`.
    candidates: Vec<Candidate>,
    page: usize,
    chinese: bool,
    symbols: bool,
}

impl Default for Keyboard {
    fn default() -> Self {
        Keyboard {
            composer: Composer::new(),
            candidates: Vec::new(),
            page: 0,
            chinese: true,
            symbols: false,
        }
    }
}

impl Keyboard {
    /// Letters as they are, for codes and numbers (中/英 still switches).
    pub fn latin() -> Keyboard {
        Keyboard {
            chinese: false,
            ..Keyboard::default()
        }
    }

    /// Forgets half-typed pinyin (idle reset, switching fields).
    pub fn reset(&mut self) {
        self.composer.clear();
        self.refresh();
    }

    pub fn composing(&self) -> bool {
        !self.composer.is_empty()
    }

    /// The letters tapped and not yet turned into characters (`hlm`, `hong'lou`): a
    /// search box searches them as they are, while the candidates still offer 红楼梦.
    pub fn pending(&self) -> &str {
        self.composer.raw()
    }

    /// Takes the pending letters as they are (no candidate chosen) and clears them.
    pub fn take_pending(&mut self) -> Option<String> {
        if self.composer.is_empty() {
            return None;
        }
        let raw = self.composer.raw().to_string();
        self.reset();
        Some(raw)
    }

    fn refresh(&mut self) {
        // The dictionary loads in the background at start (`ime::preload`); a key
        // tapped before it is ready keeps its letter and shows candidates on the next.
        self.candidates = match Dictionary::try_shared() {
            Some(dict) if !self.composer.is_empty() => self.composer.candidates(dict),
            Some(_) => Vec::new(),
            None => {
                relay_core::ime::preload();
                Vec::new()
            }
        };
        self.page = 0;
    }

    /// The best guess, when it covers every letter typed (空格 then commits it).
    fn covering_first(&self) -> Option<&Candidate> {
        self.candidates
            .first()
            .filter(|first| first.consumed >= self.composer.raw().len())
    }

    /// The pending pinyin as the best guess (or the letters themselves), and clears it.
    fn commit_pending(&mut self) -> Option<String> {
        if self.composer.is_empty() {
            return None;
        }
        let text = match self.covering_first().cloned() {
            Some(first) => self.composer.pick(&first),
            None => self.composer.raw().replace('\'', ""),
        };
        self.composer.clear();
        self.refresh();
        Some(text)
    }

    /// What a key of a physical keyboard (a USB keyboard plugged in for staff) means on
    /// this keyboard: letters compose pinyin, space takes the best guess, Backspace and
    /// ' as on screen, Enter is 完成, and while composing 1–9 pick a candidate.
    pub fn physical(&self, key: Typed) -> Option<Message> {
        const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        Some(match key {
            Typed::Enter => Message::Done,
            Typed::Backspace => Message::Backspace,
            Typed::Char(c) if c.is_ascii_alphabetic() => Message::Letter(c.to_ascii_lowercase()),
            Typed::Char('\'') => Message::Apostrophe,
            Typed::Char(' ') => Message::Space,
            Typed::Char(c @ '1'..='9') if self.composing() => {
                Message::Pick(c as usize - '1' as usize)
            }
            Typed::Char(c) if c.is_ascii_digit() => {
                Message::Symbol(DIGITS[c as usize - '0' as usize])
            }
            Typed::Char(_) => return None,
        })
    }

    pub fn update(&mut self, message: Message) -> Output {
        match message {
            Message::Letter(c) if self.chinese => {
                if self.composer.push(c) {
                    self.refresh();
                }
                Output::None
            }
            Message::Letter(c) => Output::Insert(c.to_string()),
            Message::Apostrophe if self.chinese && self.composing() => {
                self.composer.push('\'');
                self.refresh();
                Output::None
            }
            Message::Apostrophe => Output::Insert("'".into()),
            Message::Symbol(s) => {
                let pending = self.commit_pending().unwrap_or_default();
                Output::Insert(pending + s)
            }
            Message::Pick(i) => {
                let Some(candidate) = self.candidates.get(i).cloned() else {
                    return Output::None;
                };
                let text = self.composer.pick(&candidate);
                self.refresh();
                Output::Insert(text)
            }
            Message::PreviousCandidates => {
                self.page = self.page.saturating_sub(1);
                Output::None
            }
            Message::NextCandidates => {
                self.page += 1;
                Output::None
            }
            Message::Backspace if self.composing() => {
                self.composer.pop();
                self.refresh();
                Output::None
            }
            Message::Backspace => Output::Backspace,
            Message::Space => match self.commit_pending() {
                Some(text) => Output::Insert(text),
                None => Output::Insert(" ".into()),
            },
            Message::Clear if self.composing() => {
                self.reset();
                Output::None
            }
            Message::Clear => Output::Clear,
            Message::ToggleChinese => {
                let pending = self.commit_pending();
                self.chinese = !self.chinese;
                pending.map_or(Output::None, Output::Insert)
            }
            Message::ToggleSymbols => {
                self.symbols = !self.symbols;
                Output::None
            }
            Message::Done => Output::Done(self.commit_pending()),
        }
    }

    /// The candidate bar's room: the keyboard's width inside its padding.
    fn bar_width(ui: &Ui) -> f32 {
        ui.width - 2.0 * ui.pad() - 2.0 * Self::padding(ui)
    }

    /// Width of the letters typed, at the start of the bar (their end is shown):
    /// narrower on a portrait panel, where the candidates need the room.
    fn preedit_width(ui: &Ui) -> f32 {
        ui.label() * if ui.portrait { 5.0 } else { 7.0 }
    }

    /// The room candidates share on one page, each with the gap after it: the bar less
    /// the letters typed, ‹ › and the gaps around them.
    fn candidate_room(ui: &Ui) -> f32 {
        let gap = ui.gap_small();
        Self::bar_width(ui) - Self::preedit_width(ui) - 2.0 * ui.target() - 3.0 * gap
    }

    fn candidate_size(ui: &Ui) -> f32 {
        ui.heading() * 0.9
    }

    fn candidate_padding(ui: &Ui) -> f32 {
        ui.gap() * 1.5
    }

    /// A candidate's button width: its natural width (at least a finger wide), never
    /// more than the room (a longer one is shortened with …).
    fn candidate_width(ui: &Ui, words: &str) -> f32 {
        let natural =
            widget::text_width(words, Self::candidate_size(ui)) + 2.0 * Self::candidate_padding(ui);
        natural
            .ceil()
            .max(ui.target())
            .min(Self::candidate_room(ui) - ui.gap_small())
    }

    /// The candidates of page `page` (clamped to the last) as a range, and how many
    /// pages there are: candidates keep their natural widths and as many as fit go on a
    /// page, so none is squeezed or cut. Computed without allocating.
    fn page_range(&self, ui: &Ui, page: usize) -> (std::ops::Range<usize>, usize) {
        let room = Self::candidate_room(ui);
        let gap = ui.gap_small();
        let mut pages = 1;
        let mut used = 0.0;
        let mut start = 0;
        let mut found: Option<std::ops::Range<usize>> = None;
        for (i, c) in self.candidates.iter().enumerate() {
            let w = Self::candidate_width(ui, &c.text);
            if used > 0.0 && used + w + gap > room {
                if pages == page + 1 {
                    found = Some(start..i);
                }
                pages += 1;
                start = i;
                used = 0.0;
            }
            used += w + gap;
        }
        let last = start..self.candidates.len();
        match found {
            Some(range) => (range, pages),
            // `page` is the last one (or past it).
            None => (last, pages),
        }
    }

    /// Space between keys: narrower where elder-mode keys need the width (portrait)
    /// or the height (a panel under 800 px), never under 12 px.
    fn key_gap(ui: &Ui) -> f32 {
        if (ui.portrait && ui.elder()) || (ui.tight() && ui.height < 800.0) {
            12.0
        } else {
            ui.gap_small()
        }
    }

    /// Padding around the keys, in the same way.
    fn padding(ui: &Ui) -> f32 {
        if ui.portrait && ui.elder() {
            0.0
        } else if ui.tight() && ui.height < 800.0 {
            theme::BADGE_GAP
        } else {
            ui.gap_small()
        }
    }

    pub fn view(&self, ui: &Ui) -> Element<'_, Message> {
        let key_h = Length::Fixed(ui.keyboard_key());
        let key = |label: String, msg: Message, portion: u16, style: widget::Style| {
            // Longer labels (符号 123) get body size, so they stay on one line.
            let size = if label.chars().count() > 4 {
                ui.body()
            } else {
                ui.label()
            };
            press_at(
                button(
                    container(widget::fit(text(label).size(size).font(BOLD)))
                        .center_x(Length::Fill)
                        .center_y(Length::Fill),
                )
                .width(Length::FillPortion(portion))
                .height(key_h)
                .padding(theme::BADGE_PAD_SMALL)
                .on_press(msg)
                .style(style),
            )
        };
        let mut rows = column![self.candidate_bar(ui)].spacing(Self::key_gap(ui));
        if self.symbols {
            for line in SYMBOLS {
                let mut r = Row::new().spacing(Self::key_gap(ui));
                for s in line {
                    r = r.push(key(s.to_string(), Message::Symbol(s), 2, theme::secondary));
                }
                rows = rows.push(r);
            }
        } else {
            for (i, line) in LETTERS.iter().enumerate() {
                let mut r = Row::new().spacing(Self::key_gap(ui));
                if i == 1 {
                    r = r.push(iced::widget::space::horizontal().width(Length::FillPortion(1)));
                }
                if i == 2 {
                    r = r.push(key("'".into(), Message::Apostrophe, 3, theme::primary));
                }
                for c in line.chars() {
                    r = r.push(key(c.to_string(), Message::Letter(c), 2, theme::secondary));
                }
                if i == 1 {
                    r = r.push(iced::widget::space::horizontal().width(Length::FillPortion(1)));
                }
                if i == 2 {
                    r = r.push(key(
                        t::KEY_DELETE.into(),
                        Message::Backspace,
                        3,
                        theme::primary,
                    ));
                }
                rows = rows.push(r);
            }
        }
        let lang = if self.chinese {
            t::KEY_CHINESE
        } else {
            t::KEY_ENGLISH
        };
        let page = if self.symbols {
            t::KEY_LETTERS
        } else {
            t::KEY_SYMBOLS
        };
        let mut bottom = Row::new().spacing(Self::key_gap(ui)).push(key(
            lang.into(),
            Message::ToggleChinese,
            3,
            theme::primary,
        ));
        bottom = bottom
            .push(key(page.into(), Message::ToggleSymbols, 3, theme::primary))
            .push(key(
                t::KEY_SPACE.into(),
                Message::Space,
                8,
                theme::secondary,
            ));
        if self.symbols {
            bottom = bottom.push(key(
                t::KEY_DELETE.into(),
                Message::Backspace,
                3,
                theme::primary,
            ));
        }
        bottom = bottom
            .push(key(t::KEY_CLEAR.into(), Message::Clear, 3, theme::primary))
            .push(key(t::KEY_DONE.into(), Message::Done, 4, theme::selected));
        container(rows.push(bottom))
            .padding(Self::padding(ui))
            .width(Length::Fill)
            .style(theme::card)
            .into()
    }

    fn candidate_bar(&self, ui: &Ui) -> Element<'_, Message> {
        let (range, pages) = self.page_range(ui, self.page);
        let page = self.page.min(pages - 1);
        let preedit = if self.composer.is_empty() {
            if self.symbols {
                t::BAR_SYMBOLS
            } else if self.chinese {
                t::BAR_PINYIN
            } else {
                t::BAR_ENGLISH
            }
            .to_string()
        } else {
            // The end of a long input is where the finger is: `…lao'bao'shou'tao`.
            let room = Self::preedit_width(ui) - 2.0 * ui.gap_small();
            widget::shorten_start(&self.composer.preedit(), ui.label(), room).into_owned()
        };
        let mut bar = row![
            container(
                text(preedit)
                    .size(ui.label())
                    .font(BOLD)
                    .wrapping(iced::widget::text::Wrapping::None)
            )
            .padding([0.0, ui.gap_small()])
            .center_y(Length::Fixed(ui.keyboard_key()))
            // The hint (数字和标点) at its own width: the bar holds nothing else then.
            .width(if self.composing() {
                Length::Fixed(Self::preedit_width(ui))
            } else {
                Length::Shrink
            })
            .clip(true)
        ]
        .spacing(ui.gap_small())
        .align_y(Alignment::Center);
        let size = Self::candidate_size(ui);
        let pad = Self::candidate_padding(ui);
        for (i, c) in self
            .candidates
            .iter()
            .enumerate()
            .take(range.end)
            .skip(range.start)
        {
            let width = Self::candidate_width(ui, &c.text);
            let words = widget::shorten(&c.text, size, width - 2.0 * pad).into_owned();
            bar = bar.push(widget::marked(
                button(
                    container(widget::fit(
                        text(words)
                            .size(size)
                            .wrapping(iced::widget::text::Wrapping::None),
                    ))
                    .center_x(Length::Fill)
                    .center_y(Length::Fill),
                )
                .width(Length::Fixed(width))
                .height(Length::Fixed(ui.keyboard_key()))
                .padding([0.0, pad])
                .on_press(Message::Pick(i))
                .style(theme::card_button),
            ));
        }
        if self.composing() && self.candidates.is_empty() {
            bar = bar.push(text(t::NO_CANDIDATES).size(ui.body()));
        }
        bar = bar.push(iced::widget::space::horizontal());
        if pages > 1 {
            bar = bar
                .push(
                    widget::text_action(
                        ui,
                        "‹",
                        (page > 0).then_some(Message::PreviousCandidates),
                        theme::secondary,
                    )
                    .width(Length::Fixed(ui.target()))
                    .height(Length::Fixed(ui.keyboard_key())),
                )
                .push(
                    widget::text_action(
                        ui,
                        "›",
                        (page + 1 < pages).then_some(Message::NextCandidates),
                        theme::secondary,
                    )
                    .width(Length::Fixed(ui.target()))
                    .height(Length::Fixed(ui.keyboard_key())),
                );
        }
        bar.into()
    }

    /// What 空格 would put in the field now: the best guess when it covers every letter
    /// typed, else the letters. The field shows it, so a long guess shortened in the
    /// bar is still read whole before it is committed.
    /// Borrowed in the usual case, so a frame allocates nothing for it.
    pub fn composition(&self) -> Option<std::borrow::Cow<'_, str>> {
        if self.composer.is_empty() {
            return None;
        }
        Some(match self.covering_first() {
            Some(first) => first.text.as_str().into(),
            None => self.composer.raw().replace('\'', "").into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_physical_keyboard_maps_onto_the_keys() {
        let mut k = Keyboard::default();
        assert_eq!(k.physical(Typed::Char('N')), Some(Message::Letter('n')));
        assert_eq!(k.physical(Typed::Char(' ')), Some(Message::Space));
        assert_eq!(k.physical(Typed::Enter), Some(Message::Done));
        assert_eq!(k.physical(Typed::Backspace), Some(Message::Backspace));
        // Digits are digits until letters are being composed; then they pick.
        assert_eq!(k.physical(Typed::Char('2')), Some(Message::Symbol("2")));
        k.update(Message::Letter('a'));
        assert_eq!(k.physical(Typed::Char('2')), Some(Message::Pick(1)));
        assert_eq!(k.physical(Typed::Char('0')), Some(Message::Symbol("0")));
        assert_eq!(k.physical(Typed::Char('中')), None);
    }

    #[test]
    fn outputs_edit_a_plain_field() {
        let mut f = String::from("ab");
        assert!(!Output::Insert("暖".into()).apply_to(&mut f));
        assert!(!Output::Backspace.apply_to(&mut f));
        assert_eq!(f, "ab");
        assert!(Output::Done(Some("手".into())).apply_to(&mut f));
        assert_eq!(f, "ab手");
        assert!(!Output::Clear.apply_to(&mut f));
        assert!(f.is_empty());
    }

    #[test]
    fn english_mode_and_symbols_insert_directly() {
        let mut k = Keyboard::default();
        assert_eq!(k.update(Message::ToggleChinese), Output::None);
        assert_eq!(k.update(Message::Letter('a')), Output::Insert("a".into()));
        assert_eq!(k.update(Message::Symbol("。")), Output::Insert("。".into()));
        assert_eq!(k.update(Message::Backspace), Output::Backspace);
        assert_eq!(k.update(Message::Clear), Output::Clear);
        assert_eq!(k.update(Message::Space), Output::Insert(" ".into()));
        assert_eq!(k.update(Message::Done), Output::Done(None));
    }

    #[test]
    fn pinyin_letters_are_held_until_chosen() {
        // Candidates come once the dictionary is loaded (the kiosk preloads it at start);
        // run alone, this test must load it itself.
        relay_core::ime::Dictionary::shared();
        let mut k = Keyboard::default();
        for c in "nuanshou".chars() {
            assert_eq!(k.update(Message::Letter(c)), Output::None);
        }
        assert!(k.composing());
        assert_eq!(
            k.update(Message::Backspace),
            Output::None,
            "deletes a letter"
        );
        assert_eq!(k.update(Message::Letter('u')), Output::None);
        assert_eq!(k.update(Message::Pick(0)), Output::Insert("暖手".into()));
        assert!(!k.composing());
        for c in "zzz".chars() {
            k.update(Message::Letter(c));
        }
        assert_eq!(
            k.update(Message::Clear),
            Output::None,
            "clears the letters first"
        );
        assert!(!k.composing());
    }
}
