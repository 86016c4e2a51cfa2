//! Staff: amenity status (服务设施状态). One tap sets a status; the amenity's note is
//! kept. The change is written on the store thread and audited.

use super::ACTOR;
use crate::screen::Failure;
use crate::screen::{Context, Env};
use crate::text::staff::amenities as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use iced::widget::{Column, column, container, row, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{AmenityStatus, Store};

#[derive(Debug, Default)]
pub struct State {
    /// The amenity being saved.
    saving: Option<String>,
    /// The page of the list shown (as many amenities as fit a page).
    page: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Set(String, AmenityStatus),
    Saved(Result<String, Failure>),
    /// Turn to this page of the list.
    Page(usize),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Saved: what to tell staff.
    Done(String),
    Failed(String),
}

impl State {
    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        match message {
            Message::Set(key, status) => {
                if self.saving.is_some() {
                    return Action::None;
                }
                let Some(amenity) = env.board.amenities.iter().find(|a| a.key == key) else {
                    return Action::None;
                };
                self.saving = Some(key.clone());
                let (name, note) = (amenity.name_zh.clone(), amenity.note.clone());
                let job = move |store: &mut Store| {
                    store.set_amenity_status(&key, status, &note, ACTOR)?;
                    Ok(t::saved(&name, status.zh()))
                };
                Action::Run(Task::perform(env.store.run(job), |r| {
                    Message::Saved(r.map_err(Failure::new))
                }))
            }
            Message::Page(page) => {
                self.page = page;
                Action::None
            }
            Message::Saved(result) => {
                self.saving = None;
                match result {
                    Ok(done) => Action::Done(done),
                    Err(e) => Action::Failed(t::not_saved(e.zh())),
                }
            }
        }
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let amenities = &ctx.board.amenities;
        // A card: the name (and 正在保存…) beside a row of choices.
        let line = |size: f32| (size * 1.3).ceil();
        let name = line(ui.label()) + 2.0 * line(ui.small());
        let card = if ui.elder() {
            name + ui.gap() + ui.target()
        } else {
            name.max(ui.target())
        } + 2.0 * ui.gap();
        let ui_ = *ui;
        widget::paged_rows(
            ui,
            self.page,
            amenities.len(),
            card,
            Message::Page,
            move |range| {
                let mut list = Column::new().spacing(ui_.gap());
                for a in &amenities[range] {
                    list = list.push(self.card(&ui_, a));
                }
                list.into()
            },
        )
    }

    fn card<'a>(&self, ui: &Ui, a: &'a relay_core::store::Amenity) -> Element<'a, Message> {
        let saving = self.saving.as_deref() == Some(a.key.as_str());
        let mut choices = row![].spacing(ui.gap_small());
        // Five choices across a narrow panel in elder mode: smaller words, no wrapping.
        let size = if ui.elder() && ui.portrait {
            ui.small()
        } else {
            ui.body()
        };
        for status in AmenityStatus::ALL {
            let current = status == a.status;
            let label = if current {
                format!("✓ {}", status.zh())
            } else {
                status.zh().to_string()
            };
            choices = choices.push(
                widget::action(
                    ui,
                    widget::fit(text(label).size(size).font(BOLD)),
                    (!current && self.saving.is_none())
                        .then(|| Message::Set(a.key.clone(), status)),
                    if current {
                        theme::selected
                    } else {
                        theme::secondary
                    },
                )
                .width(Length::Fill)
                .padding([ui.gap_small(), ui.gap_small() / 2.0]),
            );
        }
        let mut name = column![
            text(a.name_zh.as_str()).size(ui.label()).font(BOLD),
            text(a.name_en.as_str())
                .size(ui.small())
                .style(theme::muted),
        ]
        .width(Length::Fixed(ui.s_width(190.0)));
        if saving {
            name = name.push(text(t::SAVING).size(ui.small()).font(BOLD));
        }
        // Elder mode: the name over its choices, which take the whole width.
        let content: Element<'a, Message> = if ui.elder() {
            column![name.width(Length::Fill), choices]
                .spacing(ui.gap())
                .into()
        } else {
            row![name, choices]
                .spacing(ui.gap())
                .align_y(Alignment::Center)
                .into()
        };
        container(content)
            .padding(ui.gap())
            .style(theme::card)
            .into()
    }
}
