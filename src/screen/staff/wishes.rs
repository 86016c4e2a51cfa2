//! Staff: the wish queue (微心愿管理). 待审核 wishes are approved (as written, or
//! shortened and corrected — the original stays in the audit log) or declined with a
//! reason picked by touch; claims made by phone or WeChat are recorded; claimed wishes
//! are marked 已实现 or put back to 待认领. Phone numbers show masked, and in full only
//! after a deliberate tap, which the store audits.

use super::ACTOR;
use super::change::{Job, Settle};
use crate::screen::Failure;
use crate::screen::{Context, Env};
use crate::text::staff::wishes as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::entry::{DigitEntry, TextEntry, grouped};
use crate::widget::keypad::Key;
use crate::widget::{self, badge, keyboard};
use chrono::{DateTime, Utc};
use iced::widget::{Column, Row, column, container, row, space, text};
use iced::{Alignment, Length, Task};
use relay_core::store::{
    DECLINE_REASONS, PhoneOf, Store, WISH_MAX_CHARS, Wish, WishFilter, WishState, mask_phone,
    validate_phone,
};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Queue {
    #[default]
    Review,
    Claimed,
    Open,
    Closed,
}

impl Queue {
    fn states(self) -> Vec<WishState> {
        match self {
            Queue::Review => vec![WishState::Pending],
            Queue::Claimed => vec![WishState::Claimed],
            Queue::Open => vec![WishState::Open],
            Queue::Closed => vec![
                WishState::Fulfilled,
                WishState::Archived,
                WishState::Declined,
                WishState::Withdrawn,
            ],
        }
    }
}

#[derive(Debug, Default)]
pub struct State {
    queue: Queue,
    page: usize,
    list: Option<Vec<Wish>>,
    /// Numbers staff asked to see, by wish and whose.
    revealed: HashMap<(i64, bool), String>,
    mode: Option<Mode>,
    busy: Option<i64>,
    settle: Settle,
}

#[derive(Debug)]
enum Mode {
    Edit(i64, TextEntry),
    Decline(i64),
    Claim {
        id: i64,
        donor: TextEntry,
        anonymous: bool,
        phone: DigitEntry,
        typing: Option<bool>,
        error: Option<String>,
    },
    Fulfil {
        id: i64,
        thanks: TextEntry,
        typing: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Queue(Queue),
    Loaded(Result<Vec<Wish>, Failure>),
    PreviousPage,
    NextPage,
    Reveal(i64, PhoneOf),
    Revealed(i64, PhoneOf, Result<String, Failure>),
    Approve(i64),
    Edit(i64),
    Decline(i64),
    Reason(i64, &'static str),
    RecordClaim(i64),
    Withdraw(i64),
    Fulfil(i64),
    Unclaim(i64),
    /// In a form: type into the text field (`true`) or the phone (`false`).
    Type(bool),
    Keyboard(keyboard::Message),
    Key(Key),
    DoneTyping,
    Anonymous,
    Save,
    Cancel,
    Done(Result<String, Failure>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Done(String),
    Failed(String),
}

impl State {
    pub fn open(env: Env<'_>) -> (State, Task<Message>) {
        let state = State::default();
        let task = state.load(env);
        (state, task)
    }

    pub fn load(&self, env: Env<'_>) -> Task<Message> {
        let filter = WishFilter {
            states: self.queue.states(),
            kind: None,
        };
        Task::perform(
            env.store
                .run(move |store: &mut Store| store.wishes(&filter)),
            |r| Message::Loaded(r.map_err(Failure::new)),
        )
    }

    fn change(&mut self, id: i64, env: Env<'_>, done: &'static str, job: impl Job) -> Action {
        let task = super::change::change_saying(&mut self.busy, id, env, done, job, Message::Done);
        task.map_or(Action::None, Action::Run)
    }

    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        let now = env.utc;
        match message {
            Message::Queue(queue) => {
                self.queue = queue;
                self.page = 0;
                self.list = None;
                self.mode = None;
                return Action::Run(self.load(env));
            }
            Message::Loaded(Ok(list)) => {
                self.list = Some(list);
                self.settle.shown(now);
            }
            Message::Loaded(Err(e)) => return Action::Failed(t::failed(e.zh())),
            Message::PreviousPage => self.page = self.page.saturating_sub(1),
            Message::NextPage => self.page += 1,
            Message::Reveal(id, which) => {
                let job = move |store: &mut Store| store.reveal_wish_phone(id, which, ACTOR);
                return Action::Run(Task::perform(env.store.run(job), move |r| {
                    Message::Revealed(id, which, r.map_err(Failure::new))
                }));
            }
            Message::Revealed(id, which, Ok(phone)) => {
                self.revealed
                    .insert((id, which == PhoneOf::Worker), grouped(&phone));
            }
            Message::Revealed(_, _, Err(e)) => return Action::Failed(t::failed(e.zh())),
            Message::Approve(id) => {
                return self.change(id, env, t::APPROVED, move |s| {
                    s.approve_wish(id, None, now, ACTOR)
                });
            }
            Message::Edit(id) => {
                let text = self.find(id).map(|w| w.text.clone()).unwrap_or_default();
                self.mode = Some(Mode::Edit(id, TextEntry::new(&text, WISH_MAX_CHARS)));
            }
            Message::Decline(id) => self.mode = Some(Mode::Decline(id)),
            Message::Reason(id, reason) => {
                self.mode = None;
                return self.change(id, env, t::DECLINED, move |s| {
                    s.decline_wish(id, reason, now, ACTOR)
                });
            }
            Message::RecordClaim(id) => {
                self.mode = Some(Mode::Claim {
                    id,
                    donor: TextEntry::new("", 20),
                    anonymous: false,
                    phone: DigitEntry::new(11),
                    typing: None,
                    error: None,
                });
            }
            Message::Withdraw(id) => {
                return self.change(id, env, t::WITHDRAWN, move |s| {
                    s.withdraw_wish_by_staff(id, now, ACTOR)
                });
            }
            Message::Fulfil(id) => {
                self.mode = Some(Mode::Fulfil {
                    id,
                    thanks: TextEntry::new("", 40),
                    typing: false,
                });
            }
            Message::Unclaim(id) => {
                return self.change(id, env, t::UNCLAIMED, move |s| {
                    s.unclaim_wish(id, now, ACTOR)
                });
            }
            Message::Cancel => self.mode = None,
            Message::Done(result) => {
                self.busy = None;
                return match result {
                    Ok(done) => {
                        self.settle.saved(now);
                        Action::Done(done)
                    }
                    Err(e) => Action::Failed(t::failed(e.zh())),
                };
            }
            message => return self.form(message, env),
        }
        Action::None
    }

    /// Messages for the open form (edit, claim, fulfil).
    fn form(&mut self, message: Message, env: Env<'_>) -> Action {
        let now = env.utc;
        let Some(mode) = &mut self.mode else {
            return Action::None;
        };
        match (mode, message) {
            (Mode::Edit(_, entry), Message::Keyboard(m)) => {
                entry.update(m);
            }
            (Mode::Edit(id, entry), Message::Save) => {
                let (id, text) = (*id, entry.value.trim().to_string());
                self.mode = None;
                return self.change(id, env, t::APPROVED, move |s| {
                    s.approve_wish(id, Some(&text), now, ACTOR)
                });
            }
            (Mode::Claim { typing, .. }, Message::Type(text)) => *typing = Some(text),
            (Mode::Claim { donor, typing, .. }, Message::Keyboard(m)) => {
                let done = donor.update(m);
                if done {
                    *typing = None;
                }
            }
            (Mode::Claim { phone, .. }, Message::Key(k)) => phone.update(k),
            (Mode::Claim { typing, .. }, Message::DoneTyping) => *typing = None,
            (Mode::Claim { anonymous, .. }, Message::Anonymous) => *anonymous = !*anonymous,
            (
                Mode::Claim {
                    id,
                    donor,
                    anonymous,
                    phone,
                    error,
                    ..
                },
                Message::Save,
            ) => {
                let name = donor.value.trim().to_string();
                if !*anonymous && name.is_empty() {
                    *error = Some(t::DONOR_MISSING.into());
                    return Action::None;
                }
                let number = match validate_phone(&phone.value) {
                    Ok(n) => n,
                    Err(e) => {
                        *error = Some(crate::text::error::zh(&e));
                        return Action::None;
                    }
                };
                let id = *id;
                let donor = (!*anonymous).then_some(name);
                self.mode = None;
                return self.change(id, env, t::CLAIM_RECORDED, move |s| {
                    s.claim_wish(id, donor.as_deref(), &number, now, ACTOR)
                });
            }
            (Mode::Fulfil { typing, .. }, Message::Type(_)) => *typing = true,
            (Mode::Fulfil { thanks, typing, .. }, Message::Keyboard(m)) => {
                let done = thanks.update(m);
                if done {
                    *typing = false;
                }
            }
            (Mode::Fulfil { id, thanks, .. }, Message::Save) => {
                let id = *id;
                let line = thanks.value.trim().to_string();
                self.mode = None;
                return self.change(id, env, t::FULFILLED, move |s| {
                    let thanks = (!line.is_empty()).then_some(line.as_str());
                    s.fulfil_wish(id, thanks, None, now, ACTOR)
                });
            }
            _ => {}
        }
        Action::None
    }

    fn find(&self, id: i64) -> Option<&Wish> {
        self.list.as_ref()?.iter().find(|w| w.id == id)
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        if let Some(mode) = &self.mode {
            return self.mode_view(ui, mode);
        }
        let queue = &ctx.board.staff_queue;
        let tab = |label: String, q: Queue| {
            widget::choice(ui, &label, self.queue == q, Message::Queue(q)).width(Length::Fill)
        };
        let first = row![
            tab(t::tab_review(queue.wishes_to_review), Queue::Review),
            tab(t::tab_claimed(queue.wishes_claimed), Queue::Claimed),
        ]
        .spacing(ui.gap_small());
        let (open, closed) = (
            tab(t::TAB_OPEN.into(), Queue::Open),
            tab(t::TAB_CLOSED.into(), Queue::Closed),
        );
        // Elder mode in portrait: two rows of tabs, so ✓ 待审核（4） stays on one line.
        let tabs: Element<'a, Message> = if ui.elder() && ui.portrait {
            column![first, row![open, closed].spacing(ui.gap_small())]
                .spacing(ui.gap_small())
                .into()
        } else {
            first.push(open).push(closed).into()
        };
        let Some(list) = &self.list else {
            return column![tabs, text(t::LOADING).size(ui.body())]
                .spacing(ui.gap())
                .into();
        };
        let per_page = match (ui.portrait, ui.elder(), ui.compact()) {
            (true, false, _) => 5,
            (true, true, _) => 3,
            (false, false, false) => 3,
            (false, true, true) => 1,
            (false, _, _) => 2,
        };
        let pages = widget::page_count(list.len(), per_page);
        let page = self.page.min(pages - 1);
        let mut rows = Column::new().spacing(ui.gap());
        for wish in list.iter().skip(page * per_page).take(per_page) {
            rows = rows.push(self.row(ui, wish, ctx.utc));
        }
        if list.is_empty() {
            rows = rows.push(text(t::EMPTY).size(ui.body()));
        }
        column![
            tabs,
            container(rows).height(Length::Fill),
            widget::pager(ui, page, pages, Message::PreviousPage, Message::NextPage),
        ]
        .spacing(ui.gap())
        .into()
    }

    fn phone_line<'a>(&self, ui: &Ui, wish: &Wish, which: PhoneOf) -> Element<'a, Message> {
        let stored = match which {
            PhoneOf::Worker => &wish.phone,
            PhoneOf::Donor => &wish.donor_phone,
        };
        let Some(phone) = stored else {
            return text(t::NO_PHONE)
                .size(ui.small())
                .style(theme::muted)
                .into();
        };
        match self.revealed.get(&(wish.id, which == PhoneOf::Worker)) {
            Some(full) => text(t::phone(full)).size(ui.body()).font(BOLD).into(),
            // Short of height: 显示号码 joins the actions' row instead.
            None if ui.tight() => text(t::phone(&mask_phone(phone))).size(ui.body()).into(),
            None => row![
                text(t::phone(&mask_phone(phone))).size(ui.body()),
                widget::text_action(
                    ui,
                    t::REVEAL,
                    Some(Message::Reveal(wish.id, which)),
                    theme::secondary
                )
                .width(Length::Fixed(ui.s_width(170.0))),
            ]
            .spacing(ui.gap_small())
            .align_y(Alignment::Center)
            .into(),
        }
    }

    fn row<'a>(&self, ui: &Ui, wish: &'a Wish, utc: DateTime<Utc>) -> Element<'a, Message> {
        let surname: String = wish.surname.chars().collect();
        let mut words = column![
            row![
                badge::word(ui, wish.kind.zh(), theme::colors(ui.season).primary),
                badge::word(ui, wish.state.zh(), theme::PINNED),
                text(t::number_and_person(
                    &relay_core::store::shown_number(&wish.number),
                    &wish.person_zh(),
                    &surname
                ))
                .size(ui.small())
                .style(theme::muted),
            ]
            .spacing(theme::BADGE_GAP)
            .align_y(Alignment::Center),
            text(if wish.text_public {
                wish.text.clone()
            } else {
                t::private(&wish.text)
            })
            .size(ui.label())
            .font(BOLD),
            self.phone_line(ui, wish, PhoneOf::Worker),
        ]
        .spacing(theme::LINE_GAP)
        .width(Length::Fill);
        if wish.state == WishState::Claimed || wish.donor.is_some() || wish.donor_phone.is_some() {
            words = words.push(text(t::donor(wish.donor_zh())).size(ui.body()));
            if wish.state == WishState::Claimed {
                words = words.push(self.phone_line(ui, wish, PhoneOf::Donor));
            }
        }
        if let Some(reason) = &wish.decline_reason {
            words = words.push(text(t::declined(reason)).size(ui.body()));
        }
        let idle = self.busy.is_none() && !self.settle.settling(utc);
        // Wide enough for the longest label (修改后通过, 退回待认领) on one line.
        let act = |label: &'a str, msg: Message, style: widget::Style| {
            let chars = label.chars().count() as f32;
            widget::text_action(ui, label, idle.then_some(msg), style)
                .width(Length::Fixed(ui.label() * chars + ui.gap() * 3.0))
        };
        let mut actions = Row::new().spacing(ui.gap_small());
        let hidden = wish.phone.is_some() && !self.revealed.contains_key(&(wish.id, true));
        if ui.tight() && hidden && self.busy != Some(wish.id) {
            actions = actions.push(act(
                t::REVEAL,
                Message::Reveal(wish.id, PhoneOf::Worker),
                theme::secondary,
            ));
        }
        if self.busy == Some(wish.id) {
            actions = actions.push(text(t::SAVING).size(ui.body()).font(BOLD));
        } else {
            match wish.state {
                WishState::Pending => {
                    actions = actions
                        .push(act(t::APPROVE, Message::Approve(wish.id), theme::primary))
                        .push(act(
                            t::EDIT_APPROVE,
                            Message::Edit(wish.id),
                            theme::secondary,
                        ))
                        .push(act(t::DECLINE, Message::Decline(wish.id), theme::danger));
                }
                WishState::Open => {
                    actions = actions
                        .push(act(
                            t::RECORD_CLAIM,
                            Message::RecordClaim(wish.id),
                            theme::primary,
                        ))
                        .push(act(t::WITHDRAW, Message::Withdraw(wish.id), theme::danger));
                }
                WishState::Claimed => {
                    actions = actions
                        .push(act(t::FULFIL, Message::Fulfil(wish.id), theme::primary))
                        .push(act(t::UNCLAIM, Message::Unclaim(wish.id), theme::secondary));
                }
                _ => {}
            }
        }
        let content: Element<'a, Message> = if ui.portrait || ui.tight() {
            column![words, actions].spacing(ui.gap()).into()
        } else {
            row![words, actions]
                .spacing(ui.gap())
                .align_y(Alignment::Center)
                .into()
        };
        container(content)
            .padding(ui.gap())
            .width(Length::Fill)
            .style(theme::card)
            .into()
    }

    fn mode_view<'a>(&'a self, ui: &Ui, mode: &'a Mode) -> Element<'a, Message> {
        let save = |ui: &Ui| {
            widget::action_pair(
                ui,
                (t::SAVE, Message::Save, theme::primary),
                (t::CANCEL, Message::Cancel),
            )
        };
        match mode {
            Mode::Edit(_, entry) => column![
                entry.view(ui, t::EDIT_FIELD).map(Message::Keyboard),
                save(ui)
            ]
            .spacing(ui.gap())
            .into(),
            Mode::Decline(id) => {
                let mut reasons = Column::new().spacing(ui.gap());
                for reason in DECLINE_REASONS {
                    reasons = reasons.push(
                        widget::text_action(
                            ui,
                            reason,
                            Some(Message::Reason(*id, reason)),
                            theme::secondary,
                        )
                        .width(Length::Fill),
                    );
                }
                column![
                    text(t::DECLINE_WHY).size(ui.heading()).font(BOLD),
                    reasons,
                    widget::text_action(ui, t::CANCEL, Some(Message::Cancel), theme::secondary)
                        .width(Length::Fill),
                ]
                .spacing(ui.gap())
                .into()
            }
            Mode::Claim {
                donor,
                anonymous,
                phone,
                typing,
                error,
                ..
            } => {
                match typing {
                    Some(true) => return donor.view(ui, t::DONOR_FIELD).map(Message::Keyboard),
                    Some(false) => {
                        return phone.view(ui, t::DONOR_PHONE, Message::Key, Message::DoneTyping);
                    }
                    None => {}
                }
                let shown = grouped(&phone.value);
                let mut form = column![
                    text(t::CLAIM_TITLE).size(ui.heading()).font(BOLD),
                    row![
                        widget::field_button(
                            ui,
                            &donor.value,
                            t::TAP_FOR_DONOR,
                            Message::Type(true)
                        )
                        .width(Length::FillPortion(3)),
                        widget::choice(ui, t::ANONYMOUS, *anonymous, Message::Anonymous)
                            .width(Length::FillPortion(2)),
                    ]
                    .spacing(ui.gap_small()),
                    widget::field_button(ui, &shown, t::TAP_FOR_PHONE, Message::Type(false)),
                ]
                .spacing(ui.gap());
                if let Some(e) = error {
                    form = form.push(badge::error(ui, e.as_str()));
                }
                form.push(space::vertical()).push(save(ui)).into()
            }
            Mode::Fulfil { thanks, typing, .. } => {
                if *typing {
                    return thanks.view(ui, t::THANKS_FIELD).map(Message::Keyboard);
                }
                column![
                    text(t::FULFIL_TITLE).size(ui.heading()).font(BOLD),
                    text(t::THANKS_FIELD).size(ui.label()),
                    widget::field_button(ui, &thanks.value, t::TAP_FOR_THANKS, Message::Type(true)),
                    space::vertical(),
                    save(ui),
                ]
                .spacing(ui.gap())
                .into()
            }
        }
    }
}
