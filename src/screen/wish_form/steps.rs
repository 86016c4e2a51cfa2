//! The wish form's steps as drawn: the kind, the wish, who (surname and occupation),
//! the phone and consent, the confirmation, and the thanks with the wish number.

use super::*;
use crate::text::wish_form as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::grouped;
use crate::widget::{self, badge};
use iced::widget::{Column, Row, column, container, row, scrollable, space, text};
use iced::{Alignment, Length};
use relay_core::store::{Occupation, WishKind, mask_phone};

impl State {
    pub(super) fn kinds<'a>(&self, ui: &Ui) -> Element<'a, Message> {
        let per_row = if ui.portrait { 2 } else { 3 };
        let mut grid = Column::new().spacing(ui.gap());
        for chunk in WishKind::ALL.chunks(per_row) {
            let mut line = Row::new().spacing(ui.gap());
            for &kind in chunk {
                let selected = self.kind == Some(kind);
                line = line.push(
                    widget::action(
                        ui,
                        column![
                            // Chosen: said with ✓ as well as the colour.
                            widget::fit(
                                text(if selected {
                                    format!("✓ {}", kind.zh())
                                } else {
                                    kind.zh().to_string()
                                })
                                .size(ui.heading())
                                .font(BOLD)
                            ),
                            text(t::kind_hint(kind)).size(ui.small()),
                        ]
                        .align_x(Alignment::Center)
                        .spacing(theme::LINE_GAP),
                        Some(Message::Kind(kind)),
                        if selected {
                            theme::selected
                        } else {
                            theme::secondary
                        },
                    )
                    .height(Length::Fixed(if ui.tight() {
                        ui.target() * 1.2
                    } else {
                        ui.primary() * 1.2
                    }))
                    .width(Length::Fill),
                );
            }
            grid = grid.push(line);
        }
        scrollable(
            column![text(t::PICK_KIND).size(ui.heading()).font(BOLD), grid].spacing(ui.gap()),
        )
        .spacing(theme::SCROLLBAR_GAP)
        .into()
    }

    pub(super) fn wish_step<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let examples: Vec<&'static str> = self
            .kind
            .map(|k| t::examples(k).to_vec())
            .unwrap_or_default();
        let ui_ = *ui;
        // As many examples as fit, the rest a page on: nothing to drag.
        let list = widget::paged_rows(
            ui,
            self.examples_page,
            examples.len(),
            ui.target(),
            Message::ExamplesPage,
            move |range| {
                let mut list = Column::new().spacing(ui_.gap());
                for &example in &examples[range] {
                    list = list.push(
                        widget::action(
                            &ui_,
                            text(example).size(ui_.body()),
                            Some(Message::Example(example)),
                            theme::card_button,
                        )
                        .width(Length::Fill),
                    );
                }
                list.into()
            },
        );
        let field = widget::field_button(
            ui,
            &self.wish.value,
            t::TAP_TO_WRITE,
            Message::Type(Typing::Wish),
        );
        if ui.tight() {
            // Elder mode on a small panel: the field says what to do; the lines go to
            // the examples.
            return column![field, list].spacing(ui.gap()).into();
        }
        column![
            text(t::WRITE_WISH).size(ui.heading()).font(BOLD),
            field,
            text(t::EXAMPLES).size(ui.label()),
            list,
        ]
        .spacing(ui.gap())
        .into()
    }

    pub(super) fn who<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let per_row = match (ui.portrait, ui.elder(), ui.compact()) {
            (true, true, _) => 4,
            (true, false, _) => 6,
            (false, true, false) => 8,
            (false, _, _) => 12,
        };
        let mut surnames = Column::new().spacing(ui.gap_small());
        // Twelve elder-mode keys fit 1280 only 12 px apart.
        let gap = if ui.tight() { 12.0 } else { ui.gap_small() };
        for chunk in t::SURNAMES.chunks(per_row) {
            let mut line = Row::new().spacing(gap);
            for &s in chunk {
                // One character each: a narrow side padding keeps ✓ 赵 on one line.
                line = line.push(
                    widget::choice(ui, s, self.surname.value == s, Message::Surname(s))
                        .padding([ui.gap_small(), theme::BADGE_PAD])
                        .width(Length::Fill),
                );
            }
            surnames = surnames.push(line);
        }
        let typed =
            !self.surname.value.is_empty() && !t::SURNAMES.contains(&self.surname.value.as_str());
        surnames = surnames.push(
            widget::choice(
                ui,
                if typed {
                    &self.surname.value
                } else {
                    t::OTHER_SURNAME
                },
                typed,
                Message::Type(Typing::Surname),
            )
            .width(Length::Fill),
        );
        scrollable(column![self.heading(ui, t::WHO), surnames].spacing(ui.gap_small()))
            .spacing(theme::SCROLLBAR_GAP)
            .into()
    }

    /// A step's heading, or in its place (the same line, so nothing moves) what the
    /// step still needs.
    fn heading<'a>(&'a self, ui: &Ui, words: &'a str) -> Element<'a, Message> {
        match &self.error {
            Some(e) => widget::fit(
                text(e.as_str())
                    .size(ui.label())
                    .font(BOLD)
                    .style(theme::problem),
            )
            .into(),
            None => text(words).size(ui.label()).font(BOLD).into(),
        }
    }

    pub(super) fn work<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        // Elder mode in portrait: two rows, so 网约车司机 stays on one line.
        let per_row = if ui.elder() && ui.portrait {
            Occupation::ALL.len().div_ceil(2)
        } else {
            Occupation::ALL.len()
        };
        let mut jobs = Column::new().spacing(ui.gap_small());
        for chunk in Occupation::ALL.chunks(per_row) {
            let mut line = Row::new().spacing(ui.gap_small());
            for &o in chunk {
                line = line.push(
                    widget::choice(
                        ui,
                        o.zh(),
                        self.occupation == Some(o),
                        Message::Occupation(o),
                    )
                    .width(Length::Fill),
                );
            }
            jobs = jobs.push(line);
        }
        let phone = if self.phone.value.is_empty() {
            String::new()
        } else {
            grouped(&self.phone.value)
        };
        scrollable(
            column![
                self.heading(ui, t::OCCUPATION),
                jobs,
                text(t::PHONE).size(ui.label()).font(BOLD),
                widget::field_button(ui, &phone, t::TAP_FOR_PHONE, Message::Type(Typing::Phone)),
            ]
            .spacing(ui.gap_small()),
        )
        .spacing(theme::SCROLLBAR_GAP)
        .into()
    }

    pub(super) fn confirm<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let Some(wish) = self.new_wish() else {
            return space::vertical().into();
        };
        let person = t::person(
            wish.occupation.as_person_zh(),
            wish.surname.chars().next().unwrap_or(' '),
        );
        let card = container(
            column![
                // The kind was chosen two steps ago; short of room, it is left out.
                (!ui.tight()).then(|| badge::word(
                    ui,
                    wish.kind.zh(),
                    theme::colors(ui.season).primary
                )),
                text(wish.text).size(ui.label()).font(BOLD),
                // Short of room: who and the number on one line.
                if ui.tight() {
                    Element::from(
                        row![
                            text(format!("{}{person}", t::SHOWN_AS)).size(ui.body()),
                            text(t::phone_masked_short(&mask_phone(&wish.phone)))
                                .size(ui.body())
                                .style(theme::muted),
                        ]
                        .spacing(ui.gap()),
                    )
                } else {
                    column![
                        text(format!("{}{person}", t::SHOWN_AS)).size(ui.body()),
                        text(t::phone_masked(&mask_phone(&wish.phone)))
                            .size(ui.body())
                            .style(theme::muted),
                    ]
                    .spacing(ui.gap_small())
                    .into()
                },
            ]
            .spacing(ui.gap_small()),
        )
        .padding(ui.gap())
        .width(Length::Fill)
        .style(theme::card);
        // On a small panel in elder mode the summary speaks for itself: no heading.
        let heading = (!ui.tight()).then(|| text(t::CHECK).size(ui.heading()).font(BOLD));
        scrollable(
            column![
                heading,
                card,
                self.share_choice(ui, wish.kind),
                widget::choice(
                    ui,
                    if self.consent {
                        t::CONSENT
                    } else {
                        t::CONSENT_UNTICKED
                    },
                    self.consent,
                    Message::Consent
                )
                .width(Length::Fill)
                .height(Length::Fixed(consent_height(ui))),
            ]
            .spacing(ui.gap()),
        )
        .spacing(theme::SCROLLBAR_GAP)
        .into()
    }

    /// For a health wish: whether its details may go on the board (off until ticked).
    pub(super) fn share_choice<'a>(&self, ui: &Ui, kind: WishKind) -> Element<'a, Message> {
        if kind != WishKind::Health {
            return space::vertical().height(0).into();
        }
        widget::choice(
            ui,
            if self.share_health {
                t::SHARE_HEALTH
            } else {
                t::SHARE_HEALTH_UNTICKED
            },
            self.share_health,
            Message::ShareHealth,
        )
        .width(Length::Fill)
        .into()
    }

    pub(super) fn nav<'a>(&self, ui: &Ui) -> Element<'a, Message> {
        let back = widget::text_action(
            ui,
            t::BACK,
            (self.step > Step::Kind).then_some(Message::Back),
            theme::secondary,
        );
        let next = match self.step {
            Step::Confirm => widget::text_action(
                ui,
                if self.submitting {
                    t::SUBMITTING
                } else {
                    t::SUBMIT
                },
                (!self.submitting && self.consent).then_some(Message::Submit),
                theme::primary,
            ),
            Step::Kind => widget::text_action(
                ui,
                t::NEXT,
                self.kind.is_some().then_some(Message::Next),
                theme::primary,
            ),
            _ => widget::text_action(ui, t::NEXT, Some(Message::Next), theme::primary),
        };
        row![
            back.width(Length::FillPortion(1))
                .height(Length::Fixed(ui.keypad_submit())),
            next.width(Length::FillPortion(2))
                .height(Length::Fixed(ui.keypad_submit())),
        ]
        .spacing(ui.gap() * 2.0)
        .into()
    }
}

/// The consent line wraps on narrow panels and in elder mode: tall enough for its
/// lines, and never below a touch target.
fn consent_height(ui: &Ui) -> f32 {
    let chars = t::CONSENT.chars().count() as f32 + 2.0;
    let room = (ui.width - ui.pad() * 2.0 - ui.gap() * 2.0).max(1.0);
    let lines = (chars * ui.body() / room).ceil();
    (lines * ui.body() * 1.4 + ui.gap_small() * 2.0).max(ui.target())
}

pub(super) fn page<'a>(
    ui: &Ui,
    body: Element<'a, Message>,
    step: Option<String>,
) -> Element<'a, Message> {
    let right: Element<'a, Message> = match step {
        Some(step) => text(step).size(ui.label()).font(BOLD).into(),
        None => space::horizontal().width(0).into(),
    };
    container(
        column![
            widget::header(ui, Message::Home, t::TITLE, t::TITLE_EN, right),
            body
        ]
        .spacing(ui.gap())
        // Elder mode on a panel under 800 px high: less room around the page.
        .padding(if ui.tight() && ui.height < 800.0 {
            ui.gap()
        } else {
            ui.pad()
        }),
    )
    .width(Length::Fill)
    .height(Length::Fill)
    .style(theme::page)
    .into()
}
