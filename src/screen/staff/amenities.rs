//! Staff: amenity status (服务设施状态). One tap sets a status; the amenity's note is
//! kept. The change is written on the store thread and audited.

use super::ACTOR;
use crate::screen::{Context, Env};
use crate::store::{AmenityStatus, Store};
use crate::text::staff::amenities as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use iced::widget::{Column, column, container, row, scrollable, text};
use iced::{Alignment, Length, Task};

#[derive(Debug, Default)]
pub struct State {
    /// The amenity being saved.
    saving: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Set(String, AmenityStatus),
    Saved(Result<String, String>),
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
                    Message::Saved(r.map_err(|e| e.zh()))
                }))
            }
            Message::Saved(result) => {
                self.saving = None;
                match result {
                    Ok(done) => Action::Done(done),
                    Err(e) => Action::Failed(t::not_saved(&e)),
                }
            }
        }
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let mut list = Column::new().spacing(ui.gap());
        for a in &ctx.board.amenities {
            let saving = self.saving.as_deref() == Some(a.key.as_str());
            let mut choices = row![].spacing(ui.gap_small());
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
                        text(label).size(ui.body()).font(BOLD),
                        (!current && self.saving.is_none())
                            .then(|| Message::Set(a.key.clone(), status)),
                        if current {
                            theme::selected
                        } else {
                            theme::secondary
                        },
                    )
                    .width(Length::Fill),
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
            list = list.push(
                container(
                    row![name, choices]
                        .spacing(ui.gap())
                        .align_y(Alignment::Center),
                )
                .padding(ui.gap())
                .style(theme::card),
            );
        }
        scrollable(list)
            .height(Length::Fill)
            .spacing(theme::SCROLLBAR_GAP)
            .into()
    }
}
