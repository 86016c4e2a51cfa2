//! The staff menu: a tile per page with what waits there, the recovery note after a
//! damaged store was recovered, and the 退出 confirmation.

use super::{Message, Page, Target};
use super::{about, loans, notices, station, stats, suggestions, wishes};
use crate::board::StaffQueue;
use crate::screen::Env;
use crate::text::staff as t;
use crate::theme::{self, Element, Ui};
use crate::widget::{self, badge};
use iced::widget::{column, container, row, space, text};
use iced::{Length, Task};
use relay_core::store::Recovery;

pub(super) fn menu<'a>(
    ui: &Ui,
    confirm_exit: bool,
    queue: StaffQueue,
    recovery: Option<&Recovery>,
    dismissing: bool,
    overdue: u32,
) -> Element<'a, Message> {
    if confirm_exit {
        return badge::confirm(
            ui,
            t::EXIT_QUESTION.into(),
            t::EXIT,
            Message::ConfirmExit,
            Message::CancelExit,
        );
    }
    // A small elder panel (1280×800, 1366×768, portrait) has room for the Chinese only:
    // no English line; in landscape four tiles across, at the smallest text size (still 31 px) with short names
    // (退出登录, 微心愿（6）) so every name stays on one line and all twelve fit above the
    // recovery note; in portrait two across at label size.
    let tight = ui.tight();
    let short = tight && !ui.portrait;
    let tile = |zh: String, en: &'a str, msg: Message, style| {
        let heading = widget::fit(
            text(zh)
                .size(if short {
                    ui.small()
                } else if ui.compact() || ui.elder() {
                    ui.label()
                } else {
                    ui.heading()
                })
                .font(theme::BOLD),
        );
        let label = if tight {
            column![heading]
        } else {
            column![heading, text(en).size(ui.small())]
        };
        widget::action(
            ui,
            label
                .spacing(theme::BADGE_PAD_SMALL)
                .align_x(iced::Alignment::Center),
            Some(msg),
            style,
        )
        .height(Length::Fixed(if tight {
            ui.target()
        } else {
            ui.primary() * 1.3
        }))
        .width(Length::Fill)
    };
    let tiles = [
        tile(
            t::AMENITIES.into(),
            t::AMENITIES_EN,
            Message::Open(Target::Amenities),
            theme::primary,
        ),
        tile(
            t::NOTICES.into(),
            t::NOTICES_EN,
            Message::Open(Target::Notices),
            theme::primary,
        ),
        tile(
            t::SLOTS.into(),
            t::SLOTS_EN,
            Message::Open(Target::Slots),
            theme::primary,
        ),
        tile(
            t::STATS.into(),
            t::STATS_EN,
            Message::Open(Target::Stats),
            theme::primary,
        ),
        tile(
            t::wishes_tile(queue.wishes(), short),
            t::WISHES_EN,
            Message::Open(Target::Wishes),
            theme::primary,
        ),
        tile(
            t::suggestions_tile(queue.suggestions_unanswered),
            t::SUGGESTIONS_EN,
            Message::Open(Target::Suggestions),
            theme::primary,
        ),
        tile(
            t::BOOKS.into(),
            t::BOOKS_EN,
            Message::Open(Target::Books),
            theme::primary,
        ),
        tile(
            t::loans_tile(overdue),
            t::LOANS_EN,
            Message::Open(Target::Loans),
            theme::primary,
        ),
        tile(
            t::STATION.into(),
            t::STATION_EN,
            Message::Open(Target::Station),
            theme::primary,
        ),
        tile(
            t::ABOUT.into(),
            t::ABOUT_EN,
            Message::Open(Target::About),
            theme::secondary,
        ),
        tile(
            if short { t::LOG_OUT_SHORT } else { t::LOG_OUT }.into(),
            t::LOG_OUT_EN,
            Message::LogOut,
            theme::secondary,
        ),
        tile(t::EXIT.into(), t::EXIT_EN, Message::AskExit, theme::danger),
    ];
    let per_row = match (ui.portrait, tight) {
        (true, true) => 2,
        (true, false) => 3,
        (false, _) => 4,
    };
    let mut rows = column![].spacing(ui.gap());
    let mut line = row![].spacing(ui.gap());
    let mut in_line = 0;
    for tile in tiles {
        line = line.push(tile);
        in_line += 1;
        if in_line == per_row {
            rows = rows.push(line);
            line = row![].spacing(ui.gap());
            in_line = 0;
        }
    }
    if in_line > 0 {
        for _ in in_line..per_row {
            line = line.push(space::horizontal());
        }
        rows = rows.push(line);
    }
    match recovery {
        // In place of the hint, so the tiles never move.
        Some(r) => rows.push(recovery_note(ui, r, dismissing)),
        None => rows.push(text(t::MENU_HINT).size(ui.body()).style(theme::muted)),
    }
    .into()
}

/// The store was recovered: from when the data is, and 知道了.
fn recovery_note<'a>(ui: &Ui, r: &Recovery, dismissing: bool) -> Element<'a, Message> {
    let at = r.at.with_timezone(&chrono::Local);
    let words = match (r.read_only, r.unsaved, r.cause) {
        (true, _, cause) => t::read_only(cause.map_or("损坏", |c| c.zh())),
        (_, true, Some(cause)) => t::unsaved_because(cause.zh()),
        (_, true, None) => t::UNSAVED.to_string(),
        _ if r.wal => t::wal_damaged(at),
        _ => t::recovered(at, r.from),
    };
    // A read-only store cannot keep 知道了: the note stays while the cause does.
    let (label, press) = if dismissing {
        (t::RECOVERED_DISMISSING, None)
    } else {
        (t::RECOVERED_DISMISS, Some(Message::DismissRecovery))
    };
    let words = text(words)
        .size(ui.body())
        .font(theme::BOLD)
        .width(Length::Fill);
    let content: Element<'a, Message> = if r.read_only {
        words.into()
    } else {
        row![
            words,
            widget::text_action(ui, label, press, theme::primary)
                .width(Length::Fixed(ui.s_width(220.0))),
        ]
        .spacing(ui.gap())
        .align_y(iced::Alignment::Center)
        .into()
    };
    container(content)
        .padding(ui.gap_small())
        .width(Length::Fill)
        .style(theme::banner)
        .into()
}

/// A page of the menu, and the task that reads what it lists.
pub(super) fn open(target: Target, env: Env<'_>) -> (Page, Task<Message>) {
    match target {
        Target::Amenities => (Page::Amenities(Default::default()), Task::none()),
        Target::Notices => {
            let (state, task) = notices::State::open(env);
            (Page::Notices(state), task.map(Message::Notices))
        }
        Target::Slots => (Page::Slots(Default::default()), Task::none()),
        Target::Stats => {
            let (state, task) = stats::State::open(env);
            (Page::Stats(Box::new(state)), task.map(Message::Stats))
        }
        Target::Wishes => {
            let (state, task) = wishes::State::open(env);
            (Page::Wishes(Box::new(state)), task.map(Message::Wishes))
        }
        Target::Suggestions => {
            let (state, task) = suggestions::State::open(env);
            (Page::Suggestions(state), task.map(Message::Suggestions))
        }
        Target::About => {
            let (state, task) = about::State::open(env);
            (Page::About(state), task.map(Message::About))
        }
        Target::Books => (Page::Books(Default::default()), Task::none()),
        Target::Station => {
            let name = env.board.station_name(env.config);
            let line = env.board.station.line.as_deref();
            (
                Page::Station(Box::new(station::State::new(name, line))),
                Task::none(),
            )
        }
        Target::Loans => {
            let (state, task) = loans::State::open(env);
            (Page::Loans(state), task.map(Message::Loans))
        }
    }
}
