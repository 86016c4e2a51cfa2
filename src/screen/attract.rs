//! Attract mode: after a long idle on home, a full-screen slideshow of the notices in
//! force with the clock. Dark, and everything moves, so nothing burns into the screen.
//! Any touch wakes the kiosk.

use super::Context;
use crate::text::attract as t;
use crate::theme::{self, BOLD, Element, Ui};
use chrono::NaiveDateTime;
use iced::widget::{Column, Row, button, column, container, image, row, space, text};
use iced::{Alignment, ContentFit, Length};
use relay_core::i18n;

#[derive(Debug)]
pub struct State {
    started: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Wake,
}

impl State {
    pub fn new(now: NaiveDateTime) -> State {
        State { started: now }
    }

    /// Which notice shows at `now`.
    pub fn slide(&self, now: NaiveDateTime, slide_secs: u64, count: usize) -> usize {
        if count == 0 {
            return 0;
        }
        let elapsed = (now - self.started).num_seconds().max(0) as u64;
        ((elapsed / slide_secs.max(1)) as usize) % count
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let notices = &ctx.board.notices;
        let index = self.slide(ctx.now, ctx.config.attract_slide_secs, notices.len());
        let top = row![
            text(ctx.board.station_name(ctx.config))
                .size(ui.heading())
                .font(BOLD)
                .width(Length::Fill),
            column![
                text(i18n::hm(ctx.now)).size(ui.clock()).font(BOLD),
                text(i18n::date_zh(ctx.now)).size(ui.label()),
            ]
            .align_x(Alignment::End),
        ]
        .align_y(Alignment::Center);

        let slide: Element<'a, Message> = match notices.get(index) {
            Some(notice) => {
                let words = column![
                    text(notice.category.zh())
                        .size(ui.label())
                        .color(theme::colors(ctx.season).border),
                    text(notice.title.as_str()).size(ui.huge()).font(BOLD),
                    text(notice.body.as_str())
                        .size(ui.heading() * 0.85)
                        .line_height(1.4),
                ]
                .spacing(ui.gap())
                .width(Length::Fill);
                match ctx.board.poster(notice.id) {
                    Some(handle) if !ui.portrait => row![
                        words,
                        image(handle.clone())
                            .width(Length::FillPortion(1))
                            .content_fit(ContentFit::Contain)
                    ]
                    .spacing(ui.pad())
                    .align_y(Alignment::Center)
                    .into(),
                    Some(handle) => column![
                        words,
                        image(handle.clone())
                            .height(Length::Fill)
                            .content_fit(ContentFit::Contain)
                    ]
                    .spacing(ui.pad())
                    .into(),
                    None => words.into(),
                }
            }
            None => text(t::WELCOME).size(ui.huge()).font(BOLD).into(),
        };

        let dots = if notices.is_empty() {
            String::new()
        } else {
            format!("{} / {}", index + 1, notices.len())
        };
        let bottom = row![
            text(t::TOUCH_TO_START).size(ui.label()).font(BOLD),
            space::horizontal(),
            text(t::wishes_fulfilled(ctx.board.wishes_fulfilled_this_year)).size(ui.label()),
            space::horizontal().width(ui.pad()),
            text(dots).size(ui.label()),
        ];
        // The content drifts a little each minute (burn-in).
        let drift = (ctx.now.and_utc().timestamp() / 60 % 5) as f32 * 6.0;
        // What a rider glancing through the window wants to know: a free charger, water.
        let free = ctx.board.slots_free(ctx.utc, ctx.config.charging_limit());
        let mut status = Row::new().spacing(ui.pad());
        if let (free, total @ 1..) = free.phones {
            status = status.push(text(t::charging(free, total)).size(ui.label()).font(BOLD));
        }
        if let (free, total @ 1..) = free.batteries {
            status = status.push(text(t::batteries(free, total)).size(ui.label()).font(BOLD));
        }
        for a in &ctx.board.amenities {
            let mark = if a.status.is_ok() { "●" } else { "▲" };
            status = status.push(text(t::amenity(mark, &a.name_zh, a.status.zh())).size(ui.body()));
        }
        let page = Column::new()
            .push(top)
            .push(container(slide).height(Length::Fill).center_y(Length::Fill))
            .push(status.wrap())
            .push(bottom)
            .spacing(ui.pad())
            .padding(iced::Padding {
                top: ui.pad() + drift,
                bottom: ui.pad() + 24.0 - drift,
                left: ui.pad() + drift,
                right: ui.pad() + 24.0 - drift,
            });
        crate::widget::marked(
            button(container(page).style(theme::night))
                .padding(0)
                .width(Length::Fill)
                .height(Length::Fill)
                .on_press(Message::Wake)
                .style(theme::invisible),
        )
        .into()
    }
}
