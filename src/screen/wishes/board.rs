//! The wish board's cards: a page of approved wishes, each with its kind, who wished it,
//! how long it has waited and its state in words with a mark.

use super::{Message, State, Tab};
use crate::screen::Context;
use crate::text::wishes as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{self, badge};
use chrono::{DateTime, Local, Utc};
use iced::widget::{Column, Row, button, column, container, row, space, text};
use iced::{Alignment, Length};
use relay_core::i18n;
use relay_core::store::{Wish, WishState};

impl State {
    pub(super) fn board<'a>(&self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        // A small landscape panel (1280×800, 1366×768) gets one row of filters with the
        // 你说我办 tab in it, one row of cards, and the actions beside the pager.
        let small = ui.compact() && !ui.portrait;
        let states: [(Option<WishState>, &str); 4] = [
            (None, t::ALL_STATES),
            (Some(WishState::Open), WishState::Open.zh()),
            (Some(WishState::Claimed), WishState::Claimed.zh()),
            (Some(WishState::Fulfilled), WishState::Fulfilled.zh()),
        ];
        let mut state_row = Row::new().spacing(ui.gap_small());
        for (state, label) in states {
            state_row = state_row.push(
                widget::choice(ui, label, self.state == state, Message::State(state))
                    .width(Length::Fill),
            );
        }
        let kind = match (self.kind, small) {
            (None, false) => t::ALL_KINDS.to_string(),
            (None, true) => t::ALL_KINDS_SHORT.to_string(),
            (Some(k), false) => t::kind_filter(k.zh()),
            (Some(k), true) => k.zh().to_string(),
        };
        let kind_button = widget::action(
            ui,
            widget::fit(text(format!("{kind} ›")).size(ui.body()).font(BOLD)),
            Some(Message::NextKind),
            theme::secondary,
        )
        .width(Length::Fixed(ui.s_width(if small { 200.0 } else { 260.0 })));
        let filter_rows: Element<'a, Message> = if small {
            state_row
                .push(kind_button)
                .push(
                    widget::choice(
                        ui,
                        t::TAB_SUGGESTIONS,
                        false,
                        Message::Tab(Tab::Suggestions),
                    )
                    .width(Length::Fixed(ui.s_width(160.0))),
                )
                .into()
        } else if ui.elder() && ui.portrait {
            // Elder mode in portrait: the states take a row of their own.
            column![self.tabs(ui), state_row, kind_button.width(Length::Fill)]
                .spacing(ui.gap_small())
                .into()
        } else if ui.compact() {
            column![
                self.tabs(ui),
                row![state_row, kind_button].spacing(ui.gap_small())
            ]
            .spacing(ui.gap_small())
            .into()
        } else {
            self.tabs(ui)
                .push(space::horizontal().width(ui.gap()))
                .push(state_row)
                .push(kind_button)
                .into()
        };
        let shown = self.shown(&ctx.board.wishes);
        let (cols, rows) = grid_shape(ui);
        let per_page = cols * rows;
        let pages = widget::page_count(shown.len(), per_page);
        let page = self.page.min(pages - 1);
        let mut grid = Column::new().spacing(ui.gap());
        for chunk in shown
            .iter()
            .skip(page * per_page)
            .take(per_page)
            .collect::<Vec<_>>()
            .chunks(cols)
        {
            let mut line = Row::new().spacing(ui.gap());
            for wish in chunk {
                line = line.push(card(ui, wish, ctx.utc));
            }
            for _ in chunk.len()..cols {
                line = line.push(space::horizontal());
            }
            grid = grid.push(line);
        }
        if shown.is_empty() {
            grid = grid.push(text(t::NO_WISHES).size(ui.label()));
        }
        let pager = widget::pager(ui, page, pages, Message::PreviousPage, Message::NextPage);
        let make = widget::text_action(ui, t::MAKE_A_WISH, Some(Message::MakeWish), theme::primary)
            .width(Length::Fill);
        let progress =
            widget::text_action(ui, t::PROGRESS, Some(Message::Progress), theme::secondary)
                .width(Length::Fill);
        let bottom: Element<'a, Message> = if ui.tight() && !ui.portrait {
            // Elder mode on a small panel: every control at its own width in one row.
            row![
                widget::text_action(
                    ui,
                    t::PREVIOUS,
                    (page > 0).then_some(Message::PreviousPage),
                    theme::secondary
                )
                .width(Length::Fixed(ui.s_width(160.0))),
                text(t::page_short(page + 1, pages))
                    .size(ui.label())
                    .font(BOLD),
                widget::text_action(
                    ui,
                    t::NEXT,
                    (page + 1 < pages).then_some(Message::NextPage),
                    theme::secondary
                )
                .width(Length::Fixed(ui.s_width(160.0))),
                space::horizontal(),
                widget::text_action(ui, t::MAKE_A_WISH, Some(Message::MakeWish), theme::primary)
                    .width(Length::Fixed(ui.s_width(200.0))),
                widget::text_action(ui, t::PROGRESS, Some(Message::Progress), theme::secondary)
                    .width(Length::Fixed(ui.s_width(230.0))),
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center)
            .into()
        } else if small {
            row![
                container(pager).width(Length::FillPortion(3)),
                container(make).width(Length::FillPortion(1)),
                container(progress).width(Length::FillPortion(1)),
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center)
            .into()
        } else {
            column![pager, row![make, progress].spacing(ui.gap())]
                .spacing(ui.gap())
                .into()
        };
        column![filter_rows, container(grid).height(Length::Fill), bottom]
            .spacing(ui.gap())
            .into()
    }
}

/// Columns and rows of wish cards a page.
pub(super) fn grid_shape(ui: &Ui) -> (usize, usize) {
    match (ui.portrait, ui.elder(), ui.compact()) {
        (true, false, _) => (2, 4),
        (true, true, _) => (1, 3),
        (false, false, false) => (3, 2),
        (false, true, false) => (2, 2),
        (false, false, true) => (3, 1),
        (false, true, true) => (2, 1),
    }
}

/// The mark and colour of a wish's state (never colour alone: the words come too).
pub fn state_look(state: WishState) -> (&'static str, iced::Color) {
    match state {
        WishState::Open => ("♡", theme::CHARGING),
        WishState::Claimed => ("◐", theme::WARN),
        WishState::Fulfilled | WishState::Archived => ("✓", theme::OK),
        WishState::Pending => ("…", theme::PINNED),
        WishState::Declined | WishState::Withdrawn => ("■", theme::BAD),
    }
}

fn card<'a>(ui: &Ui, wish: &'a Wish, now: DateTime<Utc>) -> Element<'a, Message> {
    let (mark, color) = state_look(wish.state);
    let since = wish.approved_at.unwrap_or(wish.created_at);
    let mut lines = column![
        row![
            badge::word(ui, wish.kind.zh(), theme::colors(ui.season).primary),
            container(
                text(format!("{mark} {}", wish.state.zh()))
                    .size(ui.body())
                    .font(BOLD)
            )
            .padding([theme::BADGE_PAD, ui.gap_small()])
            .style(theme::badge(color)),
        ]
        .spacing(theme::BADGE_GAP)
        .align_y(Alignment::Center),
        if wish.text_public {
            text(wish.text.as_str())
                .size(if ui.tight() { ui.body() } else { ui.label() })
                .font(BOLD)
        } else {
            // Health details are the worker's: the board says only what kind of help.
            text(t::PRIVATE_TEXT)
                .size(if ui.tight() { ui.body() } else { ui.label() })
                .style(theme::muted)
        },
        text(format!(
            "{} · {}",
            wish.person_zh(),
            t::waited((now - since).num_days())
        ))
        .size(ui.body())
        .style(theme::muted),
    ]
    .spacing(if ui.tight() {
        theme::BADGE_GAP
    } else {
        ui.gap_small()
    });
    match wish.state {
        WishState::Claimed => {
            lines = lines.push(text(t::claimed_by(wish.donor_zh())).size(ui.body()));
        }
        WishState::Fulfilled => {
            if let Some(at) = wish.fulfilled_at {
                let day = i18n::date_zh(at.with_timezone(&Local).naive_local());
                lines = lines.push(text(t::fulfilled_on(&day)).size(ui.body()));
            }
            if let Some(thanks) = &wish.thanks {
                lines = lines.push(
                    text(t::thanks_line(thanks))
                        .size(ui.body())
                        .style(theme::done),
                );
            }
        }
        WishState::Open if ui.elder() => {
            // No room for a button in the card: the whole card is the button.
            lines = lines.push(space::vertical()).push(
                text(format!("{} ›", t::CLAIM))
                    .size(ui.label())
                    .font(BOLD)
                    .style(theme::done),
            );
            return widget::marked(
                button(lines)
                    .padding(ui.gap())
                    .width(Length::Fill)
                    .height(Length::Fill)
                    .on_press(Message::Claim(wish.id))
                    .style(theme::card_button),
            )
            .into();
        }
        WishState::Open => {
            lines = lines.push(space::vertical()).push(
                widget::text_action(ui, t::CLAIM, Some(Message::Claim(wish.id)), theme::primary)
                    .width(Length::Fill),
            );
        }
        _ => {}
    }
    container(lines)
        .padding(ui.gap())
        .width(Length::Fill)
        .height(Length::Fill)
        .style(theme::card)
        .into()
}
