//! Home (首页): the station's name, a large clock, the season banner, the amenities
//! strip, the top notices and a tile for every screen.

use super::Context;
use crate::text::home as t;
use crate::text::reading;
use crate::text::widget as widget_t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{self, badge};
use iced::widget::{Column, Row, button, column, container, responsive, row, text};
use iced::{Alignment, Length};
use relay_core::i18n;
use relay_core::season::Season;
use relay_core::store::Amenity;

#[derive(Debug, Default)]
pub struct State;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    OpenNotices,
    /// A notice card on home: open the notices screen at that notice.
    OpenNotice(i64),
    OpenCharging,
    OpenStaff,
    ToggleElder,
    OpenWishes,
    MakeWish,
    Suggest,
    OpenReading,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    OpenNotices(Option<i64>),
    OpenCharging,
    OpenStaff,
    ToggleElder,
    OpenWishes,
    MakeWish,
    Suggest,
    OpenReading,
}

impl State {
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::OpenNotices => Action::OpenNotices(None),
            Message::OpenNotice(id) => Action::OpenNotices(Some(id)),
            Message::OpenCharging => Action::OpenCharging,
            Message::OpenStaff => Action::OpenStaff,
            Message::ToggleElder => Action::ToggleElder,
            Message::OpenWishes => Action::OpenWishes,
            Message::MakeWish => Action::MakeWish,
            Message::Suggest => Action::Suggest,
            Message::OpenReading => Action::OpenReading,
        }
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let mut page = Column::new()
            .spacing(ui.gap() * if slim(ui) { 1.0 } else { 1.5 })
            .padding(ui.pad())
            .push(header(ui, ctx));
        if let Some(banner) = season_banner(ui, ctx) {
            page = page.push(banner);
        }
        // The notices take the room left between the amenities and the tiles: as many
        // as fit whole (公告通知 has them all), never a list to drag.
        let ui = *ui;
        page = page
            .push(amenities(&ui, ctx))
            .push(responsive(move |size| notices(&ui, ctx, size.height)))
            .push(tiles(&ui, ctx));
        container(page)
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::page)
            .into()
    }
}

fn header<'a>(ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
    let tight = slim(ui);
    let mut name = column![
        text(ctx.board.station_name(ctx.config))
            .size(if ui.compact() {
                ui.heading()
            } else {
                ui.title()
            })
            .font(BOLD),
    ]
    .spacing(theme::BADGE_PAD)
    .width(Length::Fill);
    if tight {
        // No room for a banner row: the season goes under the name.
        if let Some((title, _)) = season_words(ctx.season) {
            name = name.push(
                container(text(title).size(ui.label()).font(BOLD))
                    .padding([theme::BADGE_PAD_SMALL, ui.gap()])
                    .style(theme::banner),
            );
        }
    } else {
        // The station's own line, else the kiosk's (and its English).
        let (line, english) = match &ctx.board.station.line {
            Some(line) => (line.as_str(), t::TAGLINE_EN_PLAIN),
            None => (t::TAGLINE, t::TAGLINE_EN),
        };
        name = name
            .push(text(line).size(ui.body()).style(theme::muted))
            .push(text(english).size(ui.small()).style(theme::muted));
    }
    let mut clock = column![
        text(i18n::hms(ctx.now)).size(ui.clock()).font(BOLD),
        text(i18n::date_zh(ctx.now)).size(ui.label()).font(BOLD),
    ]
    .align_x(Alignment::End);
    if !tight {
        clock = clock.push(
            text(i18n::date_en(ctx.now))
                .size(ui.small())
                .style(theme::muted),
        );
    }
    if ui.portrait {
        column![clock, name].spacing(ui.gap()).into()
    } else {
        row![name, clock]
            .spacing(ui.gap())
            .align_y(Alignment::Center)
            .into()
    }
}

/// Elder mode and a small landscape panel have no room for the taglines and the
/// banner row: the season goes under the name, and the notices keep their room.
fn slim(ui: &Ui) -> bool {
    ui.elder() || (ui.compact() && !ui.portrait)
}

fn season_banner<'a>(ui: &Ui, ctx: Context<'a>) -> Option<Element<'a, Message>> {
    if slim(ui) {
        return None;
    }
    let (title, line) = season_words(ctx.season)?;
    let content = row![
        text(title).size(ui.heading()).font(BOLD),
        text(line).size(ui.body())
    ]
    .spacing(ui.gap() * 2.0)
    .align_y(Alignment::Center);
    Some(
        container(content)
            .padding([ui.gap_small(), ui.pad()])
            .width(Length::Fill)
            .style(theme::banner)
            .into(),
    )
}

/// The season banner's title and line; none out of season.
fn season_words(season: Season) -> Option<(&'static str, &'static str)> {
    match season {
        Season::Summer => Some((t::BANNER_SUMMER_TITLE, t::BANNER_SUMMER)),
        Season::Winter => Some((t::BANNER_WINTER_TITLE, t::BANNER_WINTER)),
        Season::Default => None,
    }
}

fn amenities<'a>(ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
    if ctx.board.unavailable.amenities {
        return column![
            text(t::AMENITIES).size(ui.label()).font(BOLD),
            widget::unavailable(ui)
        ]
        .spacing(ui.gap_small())
        .into();
    }
    let list: &'a [Amenity] = &ctx.board.amenities;
    // As many a row as fit the width (a name of five characters), rows evened out:
    // elder mode on a small panel keeps them to one row, in smaller words.
    let (name, pad, gap) = if ui.tight() {
        (
            ui.small(),
            [ui.gap_small(), ui.gap_small() / 2.0],
            ui.gap_small(),
        )
    } else {
        (ui.label(), [ui.gap(), ui.gap()], ui.gap())
    };
    let card = name * 5.0 + 2.0 * pad[1];
    let room = ui.width - 2.0 * ui.pad();
    let fit = (((room + gap) / (card + gap)).floor() as usize).clamp(1, 6);
    let rows = list.len().div_ceil(fit).max(1);
    let per_row = list.len().div_ceil(rows).max(1);
    let mut grid = column![].spacing(gap);
    for chunk in list.chunks(per_row) {
        let mut line = row![].spacing(gap);
        for a in chunk {
            let mut card = column![
                text(a.name_zh.as_str()).size(name).font(BOLD),
                badge::amenity(ui, a.status),
            ]
            .spacing(theme::LINE_GAP)
            .align_x(Alignment::Center);
            // Elder mode on a panel under 800 px high: no room for a note's lines.
            let no_room = ui.tight() && ui.height < 800.0;
            if !a.note.is_empty() && !no_room {
                // At most two lines of the narrowest card, whatever was stored: a long
                // note never pushes the tiles off the screen.
                let note = widget::shorten(&a.note, ui.small(), 2.0 * name * 5.0);
                card = card.push(text(note).size(ui.small()).style(theme::muted));
            }
            line = line.push(
                container(card)
                    .padding(pad)
                    .width(Length::FillPortion(1))
                    .center_x(Length::FillPortion(1))
                    .style(theme::card),
            );
        }
        grid = grid.push(line);
    }
    if slim(ui) {
        // The cards say what they are; the heading's line goes to the notices.
        return grid.into();
    }
    column![text(t::AMENITIES).size(ui.label()).font(BOLD), grid]
        .spacing(ui.gap_small())
        .into()
}

fn notices<'a>(ui: &Ui, ctx: Context<'a>, height: f32) -> Element<'a, Message> {
    // As many as fit whole in `height` under the heading; portrait has room for more
    // than the configured number.
    let most = if ui.portrait {
        (ctx.config.home_notices * 2).max(6)
    } else {
        ctx.config.home_notices
    };
    // Where rows are slim (elder mode, a small landscape panel) the cards say what they
    // are (a kind on each) and the heading's line goes to one more notice: in elder mode
    // at 1920×1080 that is the difference between a notice and an empty band.
    let heading = if slim(ui) {
        0.0
    } else {
        (ui.label() * 1.3).ceil() + ui.gap_small()
    };
    let fit = ((height - heading + ui.gap_small()) / (ui.target() + ui.gap_small())).floor();
    let shown = most.min(fit.max(0.0) as usize);
    if shown == 0 && !ctx.board.notices.is_empty() {
        return iced::widget::space::vertical().into();
    }
    let mut list = column![].spacing(ui.gap_small());
    for notice in ctx.board.notices.iter().take(shown) {
        list = list.push(widget::marked(
            button(
                row![
                    badge::category(ui, notice),
                    text(notice.title.as_str())
                        .size(ui.label())
                        .font(BOLD)
                        .width(Length::Fill),
                    text(t::VIEW).size(ui.body()),
                ]
                .spacing(ui.gap())
                .align_y(Alignment::Center),
            )
            .width(Length::Fill)
            .padding([ui.gap_small(), ui.gap()])
            .height(Length::Fixed(ui.target()))
            .on_press(Message::OpenNotice(notice.id))
            .style(theme::card_button),
        ));
    }
    if ctx.board.unavailable.notices {
        list = list.push(widget::unavailable(ui));
    } else if ctx.board.notices.is_empty() {
        list = list.push(text(t::NO_NOTICES).size(ui.body()).style(theme::muted));
    }
    if slim(ui) {
        return list.into();
    }
    column![text(t::LATEST_NOTICES).size(ui.label()).font(BOLD), list]
        .spacing(ui.gap_small())
        .into()
}

fn tiles<'a>(ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
    type Style = fn(&crate::theme::Theme, button::Status) -> button::Style;
    let tile = |content: Element<'a, Message>, msg: Message, style: Style| {
        widget::Tap::new(
            button(
                container(content)
                    .center_x(Length::Fill)
                    .center_y(Length::Fill),
            )
            // Two rows of tiles on a small landscape panel: each a touch target high, so
            // the notices keep some room.
            .height(Length::Fixed(
                match (ui.compact() && !ui.portrait, ui.elder()) {
                    (true, true) => ui.target(),
                    // A panel under 800 px high: a touch target, no more.
                    (true, false) if ui.height < 800.0 => ui.target(),
                    (true, false) => ui.target() * 1.2,
                    (false, _) => ui.primary(),
                },
            ))
            .on_press(msg)
            .style(style),
        )
    };
    // A wide landscape panel takes every tile in one row, so three notices stay in view;
    // narrower ones and elder mode take two rows.
    let one_row = !ui.portrait && !ui.compact() && !ui.elder();
    let big = if ui.compact() || one_row {
        ui.label()
    } else {
        ui.heading()
    };
    let lines = |first: String, second: String| {
        column![
            widget::fit(text(first).size(big).font(BOLD)),
            text(second).size(ui.small())
        ]
        .align_x(Alignment::Center)
        .into()
    };
    // The tile is 手机充电: phone ports only, never a battery bay counted as a charger.
    let (free, total) = ctx
        .board
        .slots_free(ctx.utc, ctx.config.charging_limit())
        .phones;
    let elder = if ctx.elder {
        (t::STANDARD_TEXT, t::STANDARD_TEXT_EN)
    } else {
        (t::LARGER_TEXT, t::LARGER_TEXT_EN)
    };
    let slots_failed = ctx.board.unavailable.slots;
    let free_line = if slots_failed {
        widget_t::UNAVAILABLE.to_string()
    } else if (ui.compact() && ui.elder()) || one_row {
        t::free_short(free, total)
    } else {
        t::free(free, total)
    };
    let mut tiles = Row::new().spacing(ui.gap()).push(
        tile(
            // Four tiles across a portrait panel in elder mode: the count goes under.
            if ui.portrait && ui.elder() {
                lines(
                    t::NOTICES_TILE.into(),
                    t::notices_count(ctx.board.notices.len()),
                )
            } else {
                lines(
                    t::notices_tile(ctx.board.notices.len()),
                    t::NOTICES_TILE_EN.into(),
                )
            },
            Message::OpenNotices,
            theme::primary,
        )
        .width(Length::FillPortion(4)),
    );
    // A station without charging slots does not offer charging.
    if total > 0 || slots_failed {
        tiles = tiles.push(
            tile(
                lines(t::CHARGING_TILE.into(), free_line),
                Message::OpenCharging,
                theme::primary,
            )
            .width(Length::FillPortion(3)),
        );
    }
    tiles = tiles.push(
        tile(
            lines(
                t::WISHES_TILE.into(),
                t::fulfilled(ctx.board.wishes_fulfilled_this_year),
            ),
            Message::OpenWishes,
            theme::primary,
        )
        .width(Length::FillPortion(3)),
    );
    let (in_shelf, out) = ctx.board.catalog().map_or((0, 0), |c| {
        let totals = c.totals();
        (totals.in_shelf, totals.out)
    });
    let books_line = if ui.tight() {
        // No room for both on a small panel in elder mode: what is there to take.
        reading::home_line_tight(in_shelf)
    } else if ui.compact() || one_row {
        reading::home_line_short(in_shelf, out)
    } else {
        reading::home_line(in_shelf, out)
    };
    tiles = tiles.push(
        tile(
            lines(reading::TITLE.into(), books_line),
            Message::OpenReading,
            theme::primary,
        )
        .width(Length::FillPortion(3)),
    );
    let second = [
        tile(
            lines(t::MAKE_WISH_TILE.into(), t::MAKE_WISH_TILE_EN.into()),
            Message::MakeWish,
            theme::secondary,
        )
        .width(Length::FillPortion(3)),
        tile(
            lines(t::SUGGEST_TILE.into(), t::SUGGEST_TILE_EN.into()),
            Message::Suggest,
            theme::secondary,
        )
        .width(Length::FillPortion(3)),
        tile(
            lines(elder.0.into(), elder.1.into()),
            Message::ToggleElder,
            theme::secondary,
        )
        .width(Length::FillPortion(2)),
        tile(
            lines(t::STAFF_TILE.into(), t::STAFF_TILE_EN.into()),
            Message::OpenStaff,
            theme::secondary,
        )
        .width(Length::FillPortion(2)),
    ];
    if one_row {
        second
            .into_iter()
            .fold(tiles, |row, tile| row.push(tile))
            .into()
    } else {
        let second = second
            .into_iter()
            .fold(Row::new().spacing(ui.gap()), |row, tile| row.push(tile));
        column![tiles, second].spacing(ui.gap()).into()
    }
}
