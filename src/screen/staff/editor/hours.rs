//! The notice editor's daily hours: 全天, presets that fit the notices (白天, 晚上, 夜间
//! across midnight), or any window picked in two taps per end on a grid of 24 hours,
//! on the hour or half past. No 30-minute stepping.

use super::{Editor, End, Message};
use crate::text::staff::editor as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use iced::widget::{Column, Row, text};
use iced::{Alignment, Length};

impl Editor {
    /// The width of each of [`Self::hours_line`]'s controls, for the form's paging.
    pub(super) fn hours_widths(&self, ui: &Ui) -> Vec<f32> {
        let (chip, time) = (ui.s_width(150.0), ui.s_width(200.0));
        let mut widths = vec![chip; 1 + t::HOUR_PRESETS.len()];
        match self.hours {
            None => widths.push(time),
            Some(_) => widths.extend([time, time]),
        }
        widths
    }

    /// The 每天时段 line's controls.
    pub(super) fn hours_line<'a>(&self, ui: &Ui) -> Element<'a, Message> {
        let chip = ui.s_width(150.0);
        let time = ui.s_width(200.0);
        let choice = |label: &str, selected: bool, msg: Message| {
            widget::choice(ui, label, selected, msg).width(Length::Fixed(chip))
        };
        let mut line = Row::new()
            .spacing(ui.gap_small())
            .align_y(Alignment::Center)
            .push(choice(
                t::ALL_DAY,
                self.hours.is_none(),
                Message::Hours(None),
            ));
        for (name, from, until) in t::HOUR_PRESETS {
            line = line.push(choice(
                name,
                self.hours == Some((from, until)),
                Message::Hours(Some((from, until))),
            ));
        }
        match self.hours {
            None => {
                line = line.push(
                    widget::choice(ui, t::SET_HOURS, false, Message::Hours(Some((480, 1200))))
                        .width(Length::Fixed(time)),
                );
            }
            Some((from, until)) => {
                let pick = |label: String, end: End| {
                    widget::action(
                        ui,
                        widget::fit(text(label).size(ui.label()).font(BOLD)),
                        Some(Message::Pick(Some(end))),
                        theme::secondary,
                    )
                    .width(Length::Fixed(time))
                };
                line = line
                    .push(pick(t::from_at(&hhmm(from)), End::From))
                    .push(pick(t::until_at(&hhmm(until)), End::Until));
            }
        }
        line.wrap().vertical_spacing(ui.gap_small()).into()
    }

    /// The hour picker for one end of the window: on the hour or half past, then the
    /// hour. A tap on an hour sets it and returns to the form.
    pub(super) fn hour_picker<'a>(&self, ui: &Ui, end: End) -> Element<'a, Message> {
        let (from, until) = self.hours.unwrap_or((480, 1200));
        let current = match end {
            End::From => from,
            End::Until => until,
        };
        let half = self.pick_half;
        let size = if ui.tight() { ui.body() } else { ui.label() };
        let button = |label: String, selected: bool, msg: Message| -> Element<'a, Message> {
            let (label, style): (String, widget::Style) = if selected {
                (format!("✓ {label}"), theme::selected)
            } else {
                (label, theme::secondary)
            };
            let label = widget::fit(text(label).size(size).font(BOLD));
            widget::action(ui, label, Some(msg), style)
                .width(Length::Fill)
                .into()
        };
        // Elder mode on a short landscape panel: short words, for seven across.
        let short = ui.tight() && !ui.portrait;
        let word = |long: &'static str, brief: &'static str| if short { brief } else { long };
        let controls = [
            button(
                word(t::ON_THE_HOUR, ":00").into(),
                !half,
                Message::PickHalf(false),
            ),
            button(
                word(t::ON_THE_HALF, ":30").into(),
                half,
                Message::PickHalf(true),
            ),
            button(
                word(t::PICK_CANCEL, t::PICK_BACK).into(),
                false,
                Message::Pick(None),
            ),
        ];
        // The end of a window may be 24:00; its start may not.
        let hours = match end {
            End::From => 0..24,
            End::Until => 1..25,
        };
        let times = hours.map(|h: u16| {
            let minutes = if half && h < 24 { h * 60 + 30 } else { h * 60 };
            let label = if short {
                format!("{}:{:02}", minutes / 60, minutes % 60)
            } else {
                hhmm(minutes)
            };
            button(label, minutes == current, Message::PickAt(minutes))
        });
        let mut cells: Vec<Element<'a, Message>> = Vec::with_capacity(28);
        // Elder mode on a short landscape panel: one grid of seven across, the three
        // controls after the hours, for the height; elsewhere the controls on a row above.
        let per_row = match (ui.portrait, ui.tight()) {
            (true, _) => 4,
            (false, true) => 7,
            (false, false) => 6,
        };
        let mut page = Column::new().spacing(if ui.tight() { ui.gap_small() } else { ui.gap() });
        let heading = text(match end {
            End::From => t::PICK_FROM,
            End::Until => t::PICK_UNTIL,
        })
        .font(BOLD);
        if short {
            page = page.push(heading.size(ui.label()));
            cells.extend(times);
            cells.extend(controls);
        } else {
            page = page.push(heading.size(ui.heading()));
            if !ui.compact() {
                page = page.push(text(t::PICK_HINT).size(ui.body()).style(theme::muted));
            }
            page = page.push(Row::with_children(controls).spacing(ui.gap_small()));
            cells.extend(times);
        }
        let mut grid = Column::new().spacing(ui.gap_small());
        let mut cells = cells.into_iter().peekable();
        while cells.peek().is_some() {
            let mut line = Row::new().spacing(ui.gap_small());
            for _ in 0..per_row {
                line = match cells.next() {
                    Some(cell) => line.push(cell),
                    // The last row keeps the others' column widths.
                    None => line.push(iced::widget::space::horizontal()),
                };
            }
            grid = grid.push(line);
        }
        page.push(grid).into()
    }

    /// `Message::PickAt`: the picked end, kept a valid window (not empty).
    pub(super) fn picked(&mut self, end: End, minutes: u16) {
        let (from, until) = self.hours.unwrap_or((480, 1200));
        let window = match end {
            End::From => (minutes % 1440, until),
            End::Until => (from, minutes),
        };
        if window.0 != window.1 % 1440 {
            self.hours = Some(window);
        }
        self.picking = None;
    }
}

pub(super) fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}
