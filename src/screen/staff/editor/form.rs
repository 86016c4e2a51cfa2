//! The notice editor's form as drawn: each field as a line to tap, the field being
//! edited, and the form paged to the panel's height.

use super::*;

use crate::text::staff::editor as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{self};
use chrono::{Datelike, NaiveDate};
use iced::widget::{Column, column, row, text, text_editor, text_input};
use iced::{Alignment, Length};
use relay_core::store::Category;

impl Editor {
    /// The field being typed into, kept just above the keyboard.
    pub(super) fn field_editor<'a>(&'a self, ui: &Ui, field: Field) -> Element<'a, Message> {
        let (label, input): (&str, Element<'a, Message>) = match field {
            Field::Title => (
                t::TITLE_TYPING,
                text_input(t::TITLE_TYPING_PLACEHOLDER, &self.title)
                    .on_input(Message::TitleTyped)
                    .size(ui.heading())
                    .padding(ui.gap())
                    .into(),
            ),
            Field::Body => (
                t::BODY,
                text_editor(&self.body)
                    .on_action(Message::Body)
                    .size(ui.label())
                    // Two lines on a small panel in elder mode, for the keys' height;
                    // elsewhere the room above the keyboard (no empty band).
                    .height(if ui.tight() {
                        Length::Fixed((ui.label() * 1.3 * 2.0 + ui.gap_small() * 2.0).ceil())
                    } else {
                        Length::Fill
                    })
                    .padding(if ui.tight() { ui.gap_small() } else { ui.gap() })
                    .into(),
            ),
        };
        let label = text(label).size(ui.label()).font(BOLD);
        // Elder mode on a small panel: the label beside the field, for the keys' height.
        if ui.tight() {
            return row![label, input]
                .spacing(ui.gap())
                .align_y(Alignment::Center)
                .into();
        }
        if field == Field::Body {
            // The notice's title stays in sight while its body is typed.
            let title = if self.title.trim().is_empty() {
                t::NO_TITLE_YET.to_string()
            } else {
                t::typing_under(self.title.trim())
            };
            return column![
                widget::fit(text(title).size(ui.heading()).font(BOLD)),
                label,
                input
            ]
            .spacing(ui.gap_small())
            .height(Length::Fill)
            .into();
        }
        column![label, input].spacing(ui.gap_small()).into()
    }

    pub(super) fn form<'a>(&'a self, ui: &Ui) -> Vec<Element<'a, Message>> {
        let label_w = Length::Fixed(ui.s_width(150.0));
        let line = |name: &'a str, content: Element<'a, Message>| -> Element<'a, Message> {
            row![
                text(name).size(ui.label()).font(BOLD).width(label_w),
                content
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center)
            .into()
        };
        let choice =
            |label: String, selected: bool, msg: Message| widget::choice(ui, &label, selected, msg);
        let small = |label: &'a str, msg: Message| {
            widget::action(
                ui,
                widget::fit(text(label).size(ui.body()).font(BOLD)),
                Some(msg),
                theme::secondary,
            )
            .width(Length::Fixed(ui.s_width(150.0)))
        };
        let fixed = Length::Fixed(ui.s_width(200.0));
        let field_button = |value: &str, placeholder: &'static str, f: Field| {
            widget::field_button(ui, value, placeholder, Message::Edit(f))
        };

        // Rows wrap on narrow screens (1280×800, portrait) instead of squeezing.
        let mut categories = row![].spacing(ui.gap_small());
        for c in Category::ALL {
            categories = categories.push(
                choice(c.zh().into(), c == self.category, Message::Category(c))
                    .width(Length::Fixed(ui.s_width(200.0))),
            );
        }
        let categories = categories.wrap().vertical_spacing(ui.gap_small());
        let from = row![
            small(t::PREVIOUS_DAY, Message::From(-1)),
            text(date_zh(self.from))
                .size(ui.label())
                .font(BOLD)
                .width(Length::Fixed(ui.s_width(330.0))),
            small(t::NEXT_DAY, Message::From(1)),
            small(t::TODAY, Message::FromToday),
        ]
        .spacing(ui.gap_small())
        .align_y(Alignment::Center)
        .wrap()
        .vertical_spacing(ui.gap_small());
        let until_text = self.until.map_or(t::NO_END.to_string(), date_zh);
        let until = row![
            small(t::PREVIOUS_DAY, Message::Until(-1)),
            text(until_text)
                .size(ui.label())
                .font(BOLD)
                .width(Length::Fixed(ui.s_width(330.0))),
            small(t::NEXT_DAY, Message::Until(1)),
            small(t::FOR_7_DAYS, Message::UntilIn(Some(7))),
            small(t::FOR_30_DAYS, Message::UntilIn(Some(30))),
            small(t::NO_END, Message::UntilIn(None)),
        ]
        .spacing(ui.gap_small())
        .align_y(Alignment::Center)
        .wrap()
        .vertical_spacing(ui.gap_small());
        let mut days = row![
            choice(
                t::EVERY_DAY.into(),
                self.weekdays.is_every_day(),
                Message::EveryDay
            )
            .width(Length::Fixed(ui.s_width(130.0)))
        ]
        .spacing(ui.gap_small());
        for (day, name) in WEEKDAYS.into_iter().zip(t::WEEKDAYS) {
            let on = !self.weekdays.is_every_day() && self.weekdays.contains(day);
            days = days.push(
                choice(name.into(), on, Message::Weekday(day))
                    .width(Length::Fixed(ui.s_width(130.0))),
            );
        }
        let days = days.wrap().vertical_spacing(ui.gap_small());
        let hours = self.hours_line(ui);
        let extra = row![
            choice(t::PIN.into(), self.pinned, Message::Pinned).width(fixed),
            text(t::PRIORITY).size(ui.label()).font(BOLD),
            small("－", Message::Priority(-1)),
            text(self.priority.to_string()).size(ui.label()).font(BOLD),
            small("＋", Message::Priority(1)),
        ]
        .spacing(ui.gap_small())
        .align_y(Alignment::Center);
        vec![
            line(
                t::TITLE,
                field_button(&self.title, t::TITLE_PLACEHOLDER, Field::Title).into(),
            ),
            line(
                t::BODY,
                field_button(&self.body_preview(ui), t::BODY_PLACEHOLDER, Field::Body).into(),
            ),
            line(t::CATEGORY, categories.into()),
            line(t::FROM, from.into()),
            line(t::UNTIL, until.into()),
            line(t::DAYS, days.into()),
            line(t::HOURS, hours),
            line(t::OTHER, extra.into()),
        ]
    }

    /// The form's lines on pages of what fits, with 上一页/下一页: nothing to drag.
    pub(super) fn paged_form<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let heights = self.line_heights(ui);
        let ui_ = *ui;
        widget::paged_heights(ui, self.page, heights, Message::Page, move |range| {
            let mut lines = self.form(&ui_);
            let mut page = Column::new().spacing(ui_.gap());
            for line in lines.drain(range) {
                page = page.push(line);
            }
            page.into()
        })
    }

    /// How high each line of `form` is: its controls wrapped into the width there is.
    pub(super) fn line_heights(&self, ui: &Ui) -> Vec<f32> {
        let room = ui.width - 2.0 * ui.pad() - ui.s_width(150.0) - ui.gap();
        let gap = ui.gap_small();
        let rows = |widths: &[f32]| {
            let (mut rows, mut used) = (1.0_f32, 0.0_f32);
            for &w in widths {
                if used > 0.0 && used + gap + w > room {
                    rows += 1.0;
                    used = w;
                } else {
                    used += if used > 0.0 { gap + w } else { w };
                }
            }
            rows * ui.target() + (rows - 1.0) * gap
        };
        let field = (ui.label() * 1.3).ceil() + 2.0 * ui.gap();
        let (small, date, chip, day) = (
            ui.s_width(150.0),
            ui.s_width(330.0),
            ui.s_width(200.0),
            ui.s_width(130.0),
        );
        vec![
            field,
            field,
            rows(&[chip; 6]),
            rows(&[small, date, small, small]),
            rows(&[small, date, small, small, small, small]),
            rows(&[day; 8]),
            rows(&self.hours_widths(ui)),
            ui.target(),
        ]
    }

    /// The body on one line in the form (the keyboard shows all of it).
    pub(super) fn body_preview(&self, ui: &Ui) -> String {
        let room = ui.width - 2.0 * ui.pad() - ui.s_width(150.0) - 3.0 * ui.gap();
        let fits = ((room / ui.label()).floor() as usize).max(4);
        let body = self.body_text().replace('\n', " ");
        if body.chars().count() <= fits {
            body
        } else {
            body.chars().take(fits - 1).chain(['…']).collect()
        }
    }
}

fn date_zh(d: NaiveDate) -> String {
    t::date(
        d.year(),
        d.month(),
        d.day(),
        relay_core::i18n::weekday_zh(d.weekday()),
    )
}
