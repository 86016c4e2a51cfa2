//! The search box: the characters committed to it plus the letters the keyboard still
//! holds, searched as they are — tapping h, l, m finds 红楼梦 by its initials while the
//! keyboard's candidates offer it too. Results are worked out when a key is tapped
//! (in `update`), never in `view`.

use super::Message;
use crate::text::reading as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{self, keyboard, keyboard::Keyboard};
use iced::widget::{Column, Row, column, container, row, space, text};
use iced::{Alignment, Length};
use relay_core::books::Catalog;
use relay_core::store::BookId;

/// At most this many characters in the box.
const MAX_CHARS: usize = 40;

#[derive(Debug, Default)]
pub struct Search {
    /// What was committed to the box (characters, or letters kept as they are).
    pub text: String,
    pub keyboard: Keyboard,
    /// The keyboard is open.
    pub typing: bool,
    /// The results for [`Search::query`], best first.
    pub results: Vec<BookId>,
}

impl Search {
    /// What is searched: the committed text and the letters still being composed.
    pub fn query(&self) -> String {
        format!("{}{}", self.text, self.keyboard.pending())
    }

    pub fn is_empty(&self) -> bool {
        self.query().trim().is_empty()
    }

    /// Applies a key and searches again.
    pub fn key(&mut self, message: keyboard::Message, catalog: Option<&Catalog>) {
        match message {
            // 完成 and space keep the letters as typed: `hlm` stays a search for
            // 红楼梦's initials rather than becoming the keyboard's best guess.
            keyboard::Message::Done => {
                if let Some(raw) = self.keyboard.take_pending() {
                    self.text.push_str(&raw);
                }
                self.typing = false;
            }
            keyboard::Message::Space if self.keyboard.composing() => {
                if let Some(raw) = self.keyboard.take_pending() {
                    self.text.push_str(&raw);
                }
            }
            m => {
                if self.keyboard.update(m).apply_to(&mut self.text) {
                    self.typing = false;
                }
            }
        }
        if self.text.chars().count() > MAX_CHARS {
            self.text = self.text.chars().take(MAX_CHARS).collect();
        }
        self.refresh(catalog);
    }

    pub fn refresh(&mut self, catalog: Option<&Catalog>) {
        let query = self.query();
        self.results = match catalog {
            Some(c) if !query.trim().is_empty() => c.search(query.trim()),
            _ => Vec::new(),
        };
    }

    /// Forgets what was typed.
    pub fn clear(&mut self) {
        self.text.clear();
        self.keyboard.reset();
        self.results.clear();
        self.typing = false;
    }

    /// The box, the first results as big buttons, and the keyboard: the page while
    /// typing (no header, so the keyboard has the height on a small panel).
    pub fn view<'a>(&'a self, ui: &Ui, catalog: &'a Catalog) -> Element<'a, Message> {
        let query = self.query();
        let field = container(
            row![
                text(if query.is_empty() {
                    t::TYPE_TO_SEARCH.to_string()
                } else {
                    format!("{query}▏")
                })
                .size(ui.label())
                .style(if query.is_empty() {
                    theme::muted
                } else {
                    |_: &theme::Theme| iced::widget::text::Style::default()
                }),
                space::horizontal(),
            ]
            .align_y(Alignment::Center),
        )
        .padding([0.0, ui.gap()])
        .center_y(Length::Fixed(ui.target()))
        .style(theme::card);
        let count: Element<'a, Message> = if query.trim().is_empty() {
            space::horizontal().width(0).into()
        } else if self.results.is_empty() {
            text(t::NO_RESULTS_SHORT).size(ui.body()).into()
        } else {
            text(t::found(self.results.len()))
                .size(ui.body())
                .font(BOLD)
                .into()
        };
        let (per_row, rows) = strip_size(ui);
        // A small landscape panel in elder mode has room for one line above the keyboard.
        let one_line = ui.tight() && !ui.portrait;
        let most = if one_line { 2 } else { per_row * rows };
        // The width a result's title has inside its button.
        let room = if one_line {
            (ui.width - 2.0 * ui.pad() - 3.0 * ui.gap_small()) * 2.0 / 9.0
        } else {
            (ui.width - 2.0 * ui.pad() - (per_row - 1) as f32 * ui.gap_small()) / per_row as f32
        } - 2.0 * ui.gap();
        let mut shown = self
            .results
            .iter()
            .filter_map(|&id| catalog.card(id))
            .take(most)
            .map(|card| result_button(ui, card.id, card.title, room));
        let all = widget::text_action(
            ui,
            t::SHOW_ALL,
            (!self.results.is_empty()).then_some(Message::Keyboard(keyboard::Message::Done)),
            theme::primary,
        );
        let body: Element<'a, Message> = if one_line {
            // One row: the box, two results and 看全部结果.
            let mut line = Row::new()
                .spacing(ui.gap_small())
                .align_y(Alignment::Center)
                .push(container(field).width(Length::FillPortion(3)));
            for b in shown.by_ref().take(2) {
                line = line.push(b.width(Length::FillPortion(2)));
            }
            line.push(all.width(Length::FillPortion(2))).into()
        } else {
            let mut list = Column::new().spacing(ui.gap_small()).push(
                row![
                    container(field).width(Length::Fill),
                    count,
                    all.width(Length::Fixed(ui.s_width(240.0)))
                ]
                .spacing(ui.gap())
                .align_y(Alignment::Center),
            );
            for _ in 0..rows {
                let mut line = Row::new().spacing(ui.gap_small());
                let mut n = 0;
                for b in shown.by_ref().take(per_row) {
                    line = line.push(b.width(Length::FillPortion(1)));
                    n += 1;
                }
                if n == 0 {
                    break;
                }
                for _ in n..per_row {
                    line = line.push(space::horizontal().width(Length::FillPortion(1)));
                }
                list = list.push(line);
            }
            list.into()
        };
        widget::bare_page(
            ui,
            column![
                container(body).height(Length::Fill),
                self.keyboard.view(ui).map(Message::Keyboard)
            ]
            .spacing(ui.gap_small())
            .into(),
        )
    }
}

/// A result while typing: its title in 《》, one touch target high.
/// Shortened with … where it would not fit `room` px.
fn result_button<'a>(ui: &Ui, id: BookId, title: &str, room: f32) -> widget::Tap<'a, Message> {
    let size = ui.label();
    // 《》 take two ems of the room.
    let shown = t::quoted(&widget::shorten(title, size, room - 2.0 * size));
    widget::action(
        ui,
        widget::fit(
            text(shown)
                .size(ui.label())
                .font(BOLD)
                .wrapping(iced::widget::text::Wrapping::None),
        ),
        Some(Message::Open(id)),
        theme::card_button,
    )
}

/// Results per row and rows of them that fit above the keyboard.
fn strip_size(ui: &Ui) -> (usize, usize) {
    let per_row = if ui.portrait {
        2
    } else if ui.compact() {
        3
    } else {
        4
    };
    let keyboard = ui.keyboard_key() * 5.0 + ui.gap_small() * 6.0;
    let room = ui.height - ui.pad() * 2.0 - keyboard - ui.target() - ui.gap_small() * 3.0;
    let rows = (room / (ui.target() + ui.gap_small()))
        .floor()
        .clamp(0.0, 6.0) as usize;
    (per_row, rows)
}
