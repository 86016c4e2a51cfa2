//! A book's page: a big cover, the title, the author, the summary, where it stands on
//! the shelf in large type, and whether a copy is in (在架 N 本) or all are out; with
//! 借走这本 and 还这本书.

use super::{Message, State, shelf};
use crate::screen::Failure;
use crate::text::reading as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{self, badge};
use iced::widget::{Column, column, container, row, space, text};
use iced::{Alignment, Length};
use relay_core::books::Catalog;
use relay_core::store::{Book, BookId};

pub fn view<'a>(
    state: &'a State,
    ui: &Ui,
    catalog: &'a Catalog,
    id: BookId,
    book: Option<&'a Result<Box<Book>, Failure>>,
) -> Element<'a, Message> {
    let Some(card) = catalog.card(id) else {
        return shelf::page(
            ui,
            column![
                shelf::header(
                    ui,
                    Some(Message::Back),
                    Message::Home,
                    t::TITLE.into(),
                    String::new(),
                    shelf::home(ui)
                ),
                text(t::BOOK_GONE).size(ui.label()),
            ]
            .spacing(ui.gap())
            .into(),
        );
    };
    // A portrait panel has height to spare: a bigger cover there.
    let width = if ui.portrait {
        ui.s_width(if ui.elder() { 280.0 } else { 400.0 })
    } else if ui.tight() {
        ui.s_width(190.0)
    } else {
        ui.s_width(if ui.compact() { 260.0 } else { 340.0 })
    };
    let height = (width * 1.35).round();
    let big_cover = shelf::cover(state, ui, catalog, &card, width, height, true);
    let in_shelf = card.copies.saturating_sub(card.out);
    let loaded_book = match book {
        Some(Ok(book)) => Some(&**book),
        _ => None,
    };
    let error = match book {
        Some(Err(e)) => Some(e.zh()),
        _ => None,
    };
    let summary = loaded_book
        .map(|b| sentences(&b.summary))
        .unwrap_or_default();
    let ui_ = *ui;
    let sentences_n = summary.len();
    // On a small panel in elder mode, where it stands comes right after the title, so
    // it is on the first page whatever else pages.
    let tight = ui.tight();
    let title_size = if tight { ui.heading() } else { ui.title() };
    let blocks = move || {
        let mut blocks = vec![Block::Title];
        if tight {
            if loaded_book.is_some() {
                blocks.push(Block::Shelf);
            }
            if loaded_book.is_none() {
                blocks.push(Block::Availability);
            } else if in_shelf == 0 {
                blocks.push(Block::AllOut);
            }
            blocks.push(Block::Author);
            if loaded_book.is_some() {
                blocks.push(Block::Category);
            }
        } else {
            blocks.push(Block::Author);
            if loaded_book.is_some() {
                blocks.extend([Block::Category, Block::Shelf]);
            }
        }
        if error.is_some() {
            blocks.push(Block::Error);
        }
        if !tight {
            blocks.push(Block::Availability);
        }
        blocks.extend((0..sentences_n).map(Block::Summary));
        blocks
    };
    let heights = {
        let summary = summary.clone();
        let author = format!("{}：{}", t::AUTHOR, card.author);
        move |width: f32| {
            let ui = ui_;
            blocks()
                .iter()
                .map(|b| match b {
                    Block::Title => widget::text_height(card.title, title_size, width, 1.3),
                    Block::AllOut => widget::text_height(t::ALL_OUT, ui.body(), width, 1.3),
                    Block::Author => widget::text_height(&author, ui.label(), width, 1.3),
                    Block::Category => (ui.small() * 1.3 + 4.0 * theme::BADGE_PAD).ceil(),
                    Block::Shelf if tight => 2.0 * ui.gap() + (ui.heading() * 1.3).ceil(),
                    Block::Shelf => {
                        let shelf = loaded_book.map(|b| b.shelf.as_str()).unwrap_or("");
                        2.0 * ui.gap()
                            + (ui.body() * 1.3).ceil()
                            + theme::BADGE_PAD
                            + widget::text_height(shelf, ui.huge(), width - 2.0 * ui.gap(), 1.3)
                    }
                    Block::Error => ui.target(),
                    Block::Availability => {
                        let mut h = (ui.heading() * 1.3).ceil();
                        if in_shelf == 0 {
                            h += ui.gap_small()
                                + widget::text_height(t::ALL_OUT, ui.body(), width, 1.3);
                        }
                        h
                    }
                    Block::Summary(i) => widget::text_height(summary[*i], ui.body(), width, 1.45),
                })
                .collect()
        }
    };
    let build = move |range: std::ops::Range<usize>| -> Element<'a, Message> {
        let ui = ui_;
        let all = blocks();
        let mut details = Column::new().spacing(ui.gap_small()).width(Length::Fill);
        let mut shown_summary = String::new();
        for block in &all[range] {
            let piece: Element<'a, Message> = match block {
                Block::Title => text(card.title).size(title_size).font(BOLD).into(),
                Block::AllOut => text(t::ALL_OUT).size(ui.body()).into(),
                Block::Author => text(format!("{}：{}", t::AUTHOR, card.author))
                    .size(ui.label())
                    .into(),
                Block::Category => badge::word(
                    &ui,
                    loaded_book.map(|b| b.category.as_str()).unwrap_or(""),
                    theme::colors(ui.season).primary_dark,
                ),
                Block::Shelf if tight => container(
                    row![
                        text(t::SHELF_SHORT).size(ui.body()).style(theme::muted),
                        text(loaded_book.map(|b| b.shelf.as_str()).unwrap_or(""))
                            .size(ui.heading())
                            .font(BOLD)
                            .wrapping(iced::widget::text::Wrapping::None)
                            .width(Length::Fill),
                        text(t::availability(card.copies, card.out))
                            .size(ui.label())
                            .font(BOLD)
                            .wrapping(iced::widget::text::Wrapping::None),
                    ]
                    .spacing(ui.gap())
                    .align_y(Alignment::Center),
                )
                .padding(ui.gap())
                .width(Length::Fill)
                .clip(true)
                .style(theme::card)
                .into(),
                Block::Shelf => container(
                    column![
                        text(t::SHELF).size(ui.body()).style(theme::muted),
                        text(loaded_book.map(|b| b.shelf.as_str()).unwrap_or(""))
                            .size(ui.huge())
                            .font(BOLD),
                    ]
                    .spacing(theme::BADGE_PAD),
                )
                .padding(ui.gap())
                .width(Length::Fill)
                .style(theme::card)
                .into(),
                Block::Error => badge::error(&ui, error.unwrap_or("")),
                Block::Availability => {
                    let line = text(t::availability(card.copies, card.out))
                        .size(ui.heading())
                        .font(BOLD);
                    if in_shelf == 0 {
                        column![line, text(t::ALL_OUT).size(ui.body())]
                            .spacing(ui.gap_small())
                            .into()
                    } else {
                        line.into()
                    }
                }
                // The summary's sentences on this page, as one paragraph.
                Block::Summary(i) => {
                    shown_summary.push_str(summary[*i]);
                    continue;
                }
            };
            details = details.push(piece);
        }
        if !shown_summary.is_empty() {
            details = details.push(text(shown_summary).size(ui.body()).line_height(1.45));
        }
        details.into()
    };
    // Where it stands on the shelf comes before the summary, so on a small panel it is on
    // the first page and the summary pages after it.
    let page = match &state.view {
        super::View::Book { page, .. } => *page,
        _ => 0,
    };
    let details =
        widget::paged_by_width(ui, page, ui.gap_small(), heights, Message::BookPage, build);
    let loaded = matches!(book, Some(Ok(_)));
    let actions = row![
        widget::action(
            ui,
            widget::bilingual(ui, t::BORROW, t::BORROW_EN, ui.heading()),
            (loaded && in_shelf > 0).then_some(Message::Borrow),
            theme::primary,
        )
        .width(Length::FillPortion(2))
        .height(Length::Fixed(ui.primary())),
        widget::text_action(
            ui,
            t::RETURN_THIS,
            Some(Message::ReturnThis),
            theme::secondary
        )
        .width(Length::FillPortion(1))
        .height(Length::Fixed(ui.primary())),
    ]
    .spacing(ui.gap() * 2.0);
    let body = row![big_cover, details]
        .spacing(ui.pad())
        .align_y(Alignment::Start);
    shelf::page(
        ui,
        column![
            shelf::header(
                ui,
                Some(Message::Back),
                Message::Home,
                t::TITLE.into(),
                t::TITLE_EN.into(),
                shelf::home(ui)
            ),
            container(body).height(Length::Fill),
            actions,
            space::vertical().height(0),
        ]
        .spacing(ui.gap())
        .into(),
    )
}

/// A piece of a book's page, in the order they are shown.
#[derive(Debug, Clone, Copy)]
enum Block {
    Title,
    Author,
    Category,
    Shelf,
    Error,
    Availability,
    /// 这本书都被借走了 (on a small panel, where the availability sits with the shelf).
    AllOut,
    /// The summary's sentence with this index.
    Summary(usize),
}

/// The summary cut after each sentence's end, so it can page between sentences.
fn sentences(summary: &str) -> Vec<&str> {
    let summary = summary.trim();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in summary.char_indices() {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | '\n') {
            let end = i + c.len_utf8();
            out.push(&summary[start..end]);
            start = end;
        }
    }
    if start < summary.len() {
        out.push(&summary[start..]);
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::sentences;

    #[test]
    fn a_summary_is_cut_after_each_sentence() {
        assert_eq!(
            sentences("一句话。第二句！还有"),
            vec!["一句话。", "第二句！", "还有"]
        );
        assert!(sentences("  ").is_empty());
    }
}
