//! Staff: charging slots (充电位管理): add and change (in the slot form), remove when
//! free, force-release (also lifts a wrong-code lock), mark a fault with a note picked
//! by touch, and mark it repaired. Every change runs on the store thread and is audited.

use super::ACTOR;
use crate::screen::Failure;
use crate::screen::{Context, Env};
use crate::text::staff::slots as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::TextEntry;
use crate::widget::{self, badge, keyboard};
use iced::widget::{Column, column, container, row, space, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{FAULT_NOTE_MAX_CHARS, SLOT_NOTE_MAX_CHARS, Slot, SlotState, Store};

pub use t::FAULT_NOTES;

#[derive(Debug, Default)]
pub struct State {
    /// The page of the list shown (as many slots as fit a page).
    page: usize,
    /// Choosing the fault note for this slot.
    fault_for: Option<String>,
    /// Asking whether to remove this slot.
    confirm: Option<String>,
    /// The slot being changed.
    busy: Option<String>,
    /// A fault note of staff's own words, on the keyboard, for this slot.
    typing_fault: Option<(String, TextEntry)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    New,
    /// Turn to this page of the list.
    Page(usize),
    Edit(String),
    ForceRelease(String),
    ChooseFault(String),
    SetFault(String, &'static str),
    /// 其他: type the note.
    OtherFault(String),
    Keyboard(keyboard::Message),
    SaveFault,
    Repair(String),
    AskRemove(String),
    Remove,
    Cancel,
    Done(Result<String, Failure>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Done(String),
    Failed(String),
    /// Open the slot form on a new slot (`None`) or this one.
    Edit(Option<Box<Slot>>),
}

impl State {
    fn change(
        &mut self,
        label: String,
        env: Env<'_>,
        job: impl FnOnce(&mut Store, &str) -> relay_core::store::Result<String> + Send + 'static,
    ) -> Action {
        let key = label.clone();
        let job = move |store: &mut Store| job(store, &label);
        super::change::change(&mut self.busy, key, env, job, Message::Done)
            .map_or(Action::None, Action::Run)
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        let (now, limit) = (env.utc, env.config.charging_limit());
        match message {
            Message::New => Action::Edit(None),
            Message::Page(page) => {
                self.page = page;
                Action::None
            }
            Message::Edit(label) => Action::Edit(
                env.board
                    .slots
                    .iter()
                    .find(|s| s.label == label)
                    .cloned()
                    .map(Box::new),
            ),
            Message::ForceRelease(label) => self.change(label, env, move |s, label| {
                s.force_release_slot(label, now, limit, ACTOR)?;
                Ok(t::released(label))
            }),
            Message::ChooseFault(label) => {
                self.fault_for = Some(label);
                Action::None
            }
            Message::SetFault(label, note) => {
                self.fault_for = None;
                self.change(label, env, move |s, label| {
                    s.set_slot_fault(label, note, now, ACTOR)?;
                    Ok(t::fault_marked(label, note))
                })
            }
            Message::OtherFault(label) => {
                self.fault_for = None;
                self.typing_fault = Some((label, TextEntry::new("", FAULT_NOTE_MAX_CHARS)));
                Action::None
            }
            Message::Keyboard(m) => {
                if let Some((_, entry)) = &mut self.typing_fault {
                    entry.update(m);
                }
                Action::None
            }
            Message::SaveFault => match self.typing_fault.take() {
                Some((label, entry)) if !entry.value.trim().is_empty() => {
                    let note = entry.value.trim().to_string();
                    self.change(label, env, move |s, label| {
                        s.set_slot_fault(label, &note, now, ACTOR)?;
                        Ok(t::fault_marked(label, &note))
                    })
                }
                Some(typing) => {
                    self.typing_fault = Some(typing);
                    Action::Failed(t::FAULT_NOTE_EMPTY.into())
                }
                None => Action::None,
            },
            Message::Repair(label) => self.change(label, env, move |s, label| {
                s.repair_slot(label, now, ACTOR)?;
                Ok(t::repaired(label))
            }),
            Message::AskRemove(label) => {
                self.confirm = Some(label);
                Action::None
            }
            Message::Remove => match self.confirm.take() {
                Some(label) => self.change(label, env, |s, label| {
                    s.remove_slot(label, ACTOR)?;
                    Ok(t::deleted(label))
                }),
                None => Action::None,
            },
            Message::Cancel => {
                self.confirm = None;
                self.fault_for = None;
                self.typing_fault = None;
                Action::None
            }
            Message::Done(result) => {
                self.busy = None;
                match result {
                    Ok(done) => Action::Done(done),
                    Err(e) => Action::Failed(t::not_saved(e.zh())),
                }
            }
        }
    }

    /// Whether the keyboard is open (the page then goes without its header).
    pub fn typing(&self) -> bool {
        self.typing_fault.is_some()
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        if let Some((_, entry)) = &self.typing_fault {
            return column![
                entry.view(ui, t::FAULT_NOTE_FIELD).map(Message::Keyboard),
                widget::action_pair(
                    ui,
                    (t::SAVE_FAULT, Message::SaveFault, theme::danger),
                    (t::CANCEL, Message::Cancel),
                ),
            ]
            .spacing(ui.gap())
            .into();
        }
        if let Some(label) = &self.fault_for {
            return fault_notes(ui, label);
        }
        if let Some(label) = &self.confirm {
            return badge::confirm(
                ui,
                t::delete_question(label),
                t::DELETE,
                Message::Remove,
                Message::Cancel,
            );
        }
        let slots = &ctx.board.slots;
        let list: Element<'a, Message> = if slots.is_empty() {
            text(t::EMPTY).size(ui.body()).into()
        } else {
            // A card: label and state over a detail line (two on a narrow panel, where
            // it wraps), beside its buttons.
            let line = |size: f32| (size * 1.3).ceil();
            let detail = if ui.compact() { 2.0 } else { 1.0 };
            let words = line(ui.heading()) + theme::BADGE_PAD + detail * line(ui.small());
            let card = if ui.elder() && ui.portrait {
                words + ui.gap() + ui.target()
            } else {
                words.max(ui.target())
            } + 2.0 * ui.gap();
            let ui_ = *ui;
            widget::paged_rows(
                ui,
                self.page,
                slots.len(),
                card,
                Message::Page,
                move |range| {
                    let mut list = Column::new().spacing(ui_.gap());
                    for slot in &slots[range] {
                        list = list.push(self.card(&ui_, ctx, slot));
                    }
                    list.into()
                },
            )
        };
        column![
            widget::text_action(
                ui,
                t::ADD,
                self.busy.is_none().then_some(Message::New),
                theme::primary
            )
            .width(Length::Fixed(ui.s_width(300.0))),
            list,
        ]
        .spacing(ui.gap())
        .into()
    }

    fn card<'a>(&self, ui: &Ui, ctx: Context<'a>, slot: &'a Slot) -> Element<'a, Message> {
        let state = slot.state(ctx.utc, ctx.config.charging_limit());
        // Notes at most as long as the store now allows, whatever was stored before: a
        // row never grows past its buttons.
        let mut detail = format!(
            "{}　{}",
            slot.connector.zh(),
            widget::clip_chars(&slot.note, SLOT_NOTE_MAX_CHARS)
        );
        if let Some(since) = state.since() {
            let minutes = (ctx.utc - since).num_minutes().max(0);
            detail = format!("{detail}　{}", t::for_minutes(minutes));
        }
        if let SlotState::Fault { note } = &state {
            detail = format!(
                "{detail}　{}",
                widget::clip_chars(note, FAULT_NOTE_MAX_CHARS)
            );
        }
        if slot.time_damaged {
            detail = format!("{detail}　{}", t::TIME_DAMAGED);
        }
        if slot.wrong_codes > 0 && slot.session.is_some() {
            // Staff see when someone keeps trying a wrong code.
            detail = format!("{detail}　{}", t::wrong_codes(slot.wrong_codes));
        }
        if self.busy.as_deref() == Some(slot.label.as_str()) {
            detail = format!("{detail}　{}", t::SAVING);
        }
        let words = column![
            row![
                text(slot.label.as_str()).size(ui.heading()).font(BOLD),
                badge::slot(ui, &state, ui.body()),
            ]
            .spacing(ui.gap())
            .align_y(Alignment::Center),
            text(detail).size(ui.small()).style(theme::muted),
        ]
        .spacing(theme::BADGE_PAD)
        .width(Length::Fill);
        let idle = self.busy.is_none();
        let label = || slot.label.clone();
        let busy = slot.session.is_some() || slot.locked;
        let width = Length::Fixed(ui.s_width(170.0));
        let small = Length::Fixed(ui.s_width(110.0));
        let release: Element<'a, Message> = if busy {
            widget::text_action(
                ui,
                t::FORCE_RELEASE,
                idle.then(|| Message::ForceRelease(label())),
                theme::secondary,
            )
            .width(width)
            .into()
        } else {
            space::horizontal().width(width).into()
        };
        let remove: Element<'a, Message> = if busy {
            space::horizontal().width(small).into()
        } else {
            widget::text_action(
                ui,
                t::DELETE,
                idle.then(|| Message::AskRemove(label())),
                theme::danger,
            )
            .width(small)
            .into()
        };
        let fault = if slot.fault.is_some() {
            widget::text_action(
                ui,
                t::REPAIRED,
                idle.then(|| Message::Repair(label())),
                theme::primary,
            )
        } else {
            widget::text_action(
                ui,
                t::MARK_FAULT,
                idle.then(|| Message::ChooseFault(label())),
                theme::danger,
            )
        };
        let actions = row![
            widget::text_action(
                ui,
                t::EDIT,
                idle.then(|| Message::Edit(label())),
                theme::secondary
            )
            .width(small),
            release,
            fault.width(width),
            // 删除 at the far end, a wide gap away from 修改 (it still asks first).
            space::horizontal().width(Length::Fixed(2.0 * ui.gap())),
            remove,
        ]
        .spacing(ui.gap_small());
        // Elder mode in portrait: the words over the buttons, which take the width.
        let content: Element<'a, Message> = if ui.elder() && ui.portrait {
            column![words, actions].spacing(ui.gap()).into()
        } else {
            row![words, actions]
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

fn fault_notes<'a>(ui: &Ui, label: &str) -> Element<'a, Message> {
    let mut choices = Column::new().spacing(ui.gap());
    for note in FAULT_NOTES {
        choices = choices.push(
            widget::text_action(
                ui,
                note,
                Some(Message::SetFault(label.to_string(), note)),
                theme::secondary,
            )
            .width(Length::Fill),
        );
    }
    choices = choices.push(
        widget::text_action(
            ui,
            t::OTHER_FAULT,
            Some(Message::OtherFault(label.to_string())),
            theme::secondary,
        )
        .width(Length::Fill),
    );
    container(
        column![
            text(t::fault_question(label)).size(ui.heading()).font(BOLD),
            choices,
            widget::text_action(ui, t::CANCEL, Some(Message::Cancel), theme::secondary)
                .width(Length::Fill),
        ]
        .spacing(ui.gap()),
    )
    .padding(ui.pad())
    .style(theme::card)
    .into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fault_field_names_the_store_s_length() {
        let max = relay_core::store::FAULT_NOTE_MAX_CHARS.to_string();
        assert!(super::t::FAULT_NOTE_FIELD.contains(&max));
    }
}
