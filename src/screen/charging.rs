//! Charging (手机充电): the slot grid with each slot's state in words; claim a free
//! slot for a 4-digit release code, release a busy one with its code.

use super::{Context, Env};
use crate::screen::Failure;
use crate::text::charging as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::keypad::{self, Key};
use crate::widget::press_at::press_at;
use crate::widget::{self, badge};
use chrono::{DateTime, Duration, Local, Utc};
use iced::Task;
use iced::widget::{Column, button, center, column, container, opaque, row, stack, text};
use iced::{Alignment, Length};
use relay_core::i18n;
use relay_core::store::{Release, Slot, SlotState, Store};

#[derive(Debug, Default)]
pub struct State {
    dialog: Option<Dialog>,
    /// The page of the grid shown, when the slots do not fit at once.
    page: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Dialog {
    /// Asking to start; `pending` while the store claims the slot.
    Claim {
        label: String,
        pending: bool,
    },
    Code {
        label: String,
        code: String,
        /// When it was shown: the code hides itself after a minute, so the next person
        /// at the screen does not see it.
        at: DateTime<Utc>,
    },
    Release {
        label: String,
        code: String,
        message: Option<String>,
        /// The code is being checked.
        pending: bool,
    },
    Info(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Home,
    Tap(String),
    ConfirmClaim,
    Key(Key),
    SubmitCode,
    Close,
    /// Turn the grid to this page.
    Page(usize),
    /// The store's answer to a claim: the release code, or what went wrong.
    Claimed(String, Result<String, Failure>),
    /// The store's answer to a release code.
    Released(String, Result<Release, Failure>),
}

pub type Action = super::Action<Message>;

impl State {
    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        let limit = env.config.charging_limit();
        match message {
            Message::Home => Action::GoHome,
            Message::Close => {
                self.dialog = None;
                Action::None
            }
            Message::Page(page) => {
                self.page = page;
                Action::None
            }
            Message::Tap(label) => {
                // What the screen shows decides the dialog; the store checks again
                // inside the transaction that claims or releases.
                self.dialog = Some(match env.board.slots.iter().find(|s| s.label == label) {
                    Some(slot) => tap(slot, env.utc, limit),
                    None => Dialog::Info(t::not_found(&label)),
                });
                Action::None
            }
            Message::ConfirmClaim => {
                let Some(Dialog::Claim { label, pending }) = &mut self.dialog else {
                    return Action::None;
                };
                if *pending {
                    return Action::None;
                }
                *pending = true;
                let label = label.clone();
                let now = env.utc;
                let job = {
                    let label = label.clone();
                    move |store: &mut Store| store.claim_slot(&label, now, limit)
                };
                Action::Run(Task::perform(env.store.run(job), move |result| {
                    Message::Claimed(label.clone(), result.map_err(Failure::new))
                }))
            }
            Message::Claimed(label, result) => {
                self.dialog = Some(match result {
                    Ok(code) => Dialog::Code {
                        label,
                        code,
                        at: env.utc,
                    },
                    Err(e) => Dialog::Info(t::claim_failed(e.zh())),
                });
                Action::Changed
            }
            Message::Key(key) => {
                if let Some(Dialog::Release {
                    code,
                    pending: false,
                    ..
                }) = &mut self.dialog
                {
                    keypad::apply(code, key, 4);
                }
                Action::None
            }
            Message::SubmitCode => {
                let Some(Dialog::Release {
                    label,
                    code,
                    pending,
                    ..
                }) = &mut self.dialog
                else {
                    return Action::None;
                };
                if *pending || code.len() != 4 {
                    return Action::None;
                }
                *pending = true;
                let (label, code, now) = (label.clone(), code.clone(), env.utc);
                let job = {
                    let label = label.clone();
                    move |store: &mut Store| store.release_slot(&label, &code, now)
                };
                Action::Run(Task::perform(env.store.run(job), move |result| {
                    Message::Released(label.clone(), result.map_err(Failure::new))
                }))
            }
            Message::Released(label, result) => {
                self.dialog = Some(match result {
                    Ok(Release::Released) => Dialog::Info(t::released(&label)),
                    Ok(Release::WrongCode { attempts_left }) => Dialog::Release {
                        label,
                        code: String::new(),
                        message: Some(t::wrong_code(attempts_left)),
                        pending: false,
                    },
                    Ok(Release::Wait { until }) => {
                        Dialog::Info(t::code_wait(&label, until.secs_left(env.utc)))
                    }
                    Ok(Release::Locked) => Dialog::Info(t::locked(&label)),
                    Err(e) => Dialog::Info(e.zh().to_string()),
                });
                Action::Changed
            }
        }
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let limit = ctx.config.charging_limit();
        let counts = ctx.board.slots_free(ctx.utc, limit);
        let (free, total) = counts.phones;
        let mut summary = match counts.batteries {
            (_, 0) => column![text(t::free_of(free, total)).size(ui.heading()).font(BOLD)],
            (bays_free, bays) => column![
                text(t::phones_free_of(free, total))
                    .size(ui.heading())
                    .font(BOLD),
                text(t::batteries_free_of(bays_free, bays))
                    .size(ui.label())
                    .font(BOLD),
            ],
        }
        .align_x(Alignment::End);
        if free == 0 && total > 0 {
            let fallback = Duration::minutes(ctx.config.charging_expected_mins as i64);
            let hint = match ctx.board.next_free(ctx.utc, limit, fallback) {
                Some(at) if at > ctx.utc => {
                    t::free_at(&i18n::hm(at.with_timezone(&Local).naive_local()))
                }
                Some(_) => t::FREE_SOON.to_string(),
                None => t::NONE_AVAILABLE.to_string(),
            };
            summary = summary.push(text(hint).size(ui.label()).font(BOLD));
        }
        // A small landscape panel with many slots needs the line for the grid.
        let crowded = ui.compact() && !ui.portrait && total > 8;
        let page = column![
            widget::header(ui, Message::Home, t::TITLE, t::TITLE_EN, summary.into()),
            (!crowded).then(|| text(t::HOW_TO).size(ui.body()).style(theme::muted)),
            grid(ui, ctx, self.page),
        ]
        .spacing(ui.gap())
        .padding(ui.pad());
        let screen = container(page)
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::page);
        match &self.dialog {
            None => screen.into(),
            Some(Dialog::Code { at, .. })
                if ctx.utc - *at >= Duration::seconds(theme::CODE_SHOWN_SECS) =>
            {
                screen.into()
            }
            Some(dialog) => stack![screen, self.dialog_view(ui, ctx, dialog)].into(),
        }
    }

    fn dialog_view<'a>(
        &'a self,
        ui: &Ui,
        ctx: Context<'a>,
        dialog: &'a Dialog,
    ) -> Element<'a, Message> {
        let slot = |label: &str| ctx.board.slots.iter().find(|s| s.label == label);
        let wide = |label: &'a str, msg: Message, style: widget::Style| {
            widget::text_action(ui, label, Some(msg), style)
                .width(Length::Fill)
                .height(Length::Fixed(ui.primary()))
        };
        let body: Element<'a, Message> = match dialog {
            Dialog::Claim { label, pending } => {
                let mut lines = column![text(t::claim_question(label)).size(ui.huge()).font(BOLD)]
                    .spacing(ui.gap());
                if let Some(s) = slot(label) {
                    lines = lines.push(
                        text(t::claim_details(
                            s.connector.zh(),
                            s.connector == relay_core::store::Connector::Battery,
                            &s.note,
                        ))
                        .size(ui.label()),
                    );
                }
                lines
                    .push(
                        row![
                            if *pending {
                                widget::text_action(ui, t::STARTING, None, theme::primary)
                                    .width(Length::Fill)
                                    .height(Length::Fixed(ui.primary()))
                            } else {
                                wide(t::START, Message::ConfirmClaim, theme::primary)
                            },
                            widget::text_action(
                                ui,
                                t::CANCEL,
                                (!*pending).then_some(Message::Close),
                                theme::secondary
                            )
                            .width(Length::Fill)
                            .height(Length::Fixed(ui.primary())),
                        ]
                        .spacing(ui.gap() * 2.0),
                    )
                    .into()
            }
            Dialog::Code { label, code, .. } => column![
                text(t::REMEMBER_CODE).size(ui.huge()).font(BOLD),
                text(spaced(code)).size(ui.huge() * 2.0).font(BOLD),
                text(t::code_hint(label)).size(ui.label()),
                text(t::REMEMBER_CODE_EN)
                    .size(ui.small())
                    .style(theme::muted),
                wide(t::GOT_IT, Message::Close, theme::primary),
            ]
            .spacing(ui.gap())
            .align_x(Alignment::Center)
            .into(),
            Dialog::Release {
                label,
                code,
                message,
                pending,
            } => {
                // A wrong code is said in place of 请输入取件码, on one line of the same
                // size: the dialog is centred, so a line more would move 取消 and the keys.
                let prompt: Element<'_, Message> = match message {
                    Some(m) => widget::fit(
                        text(m.as_str())
                            .size(ui.label())
                            .font(BOLD)
                            .style(theme::problem),
                    )
                    .into(),
                    None => text(t::ENTER_CODE).size(ui.label()).into(),
                };
                let mut info = column![
                    text(t::release_title(label)).size(ui.huge()).font(BOLD),
                    prompt,
                    text(
                        format!("{code:_<4}")
                            .chars()
                            .map(String::from)
                            .collect::<Vec<_>>()
                            .join(" ")
                    )
                    .size(ui.huge() * 1.3)
                    .font(BOLD),
                ]
                .spacing(ui.gap())
                .width(if ui.compact() {
                    Length::Fill
                } else {
                    Length::Fixed(ui.s_width(520.0))
                });
                // Always said, not only after a wrong code.
                info = info.push(text(t::FORGOT_CODE).size(ui.body()).font(BOLD));
                info = info.push(wide(t::CANCEL, Message::Close, theme::secondary));
                let pad = column![
                    keypad::keypad(ui, !*pending, Message::Key),
                    widget::text_action(
                        ui,
                        if *pending { t::CHECKING } else { t::CONFIRM },
                        (code.len() == 4 && !*pending).then_some(Message::SubmitCode),
                        theme::primary
                    )
                    .width(Length::Fill)
                    .height(Length::Fixed(ui.keypad_submit())),
                ]
                .spacing(ui.gap())
                .width(Length::Fixed(ui.keypad_width()));
                if ui.portrait {
                    column![info, pad].spacing(ui.pad()).into()
                } else {
                    row![info, pad].spacing(ui.pad()).into()
                }
            }
            Dialog::Info(message) => column![
                text(message.as_str()).size(ui.heading()).font(BOLD),
                wide(t::OK, Message::Close, theme::primary),
            ]
            .spacing(ui.pad())
            .into(),
        };
        opaque(
            container(center(
                container(body)
                    .padding(ui.pad() * 1.5)
                    .max_width(ui.s_width(1100.0))
                    .style(theme::card),
            ))
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::scrim),
        )
    }
}

/// `1 2 3 4`, easier to read from a distance.
fn spaced(code: &str) -> String {
    code.chars().map(String::from).collect::<Vec<_>>().join(" ")
}

fn tap(slot: &Slot, now: DateTime<Utc>, limit: Duration) -> Dialog {
    match slot.state(now, limit) {
        SlotState::Free => Dialog::Claim {
            label: slot.label.clone(),
            pending: false,
        },
        SlotState::Fault { note } => {
            Dialog::Info(t::fault(&slot.label, note.trim_end_matches(['。', '.'])))
        }
        SlotState::Locked => Dialog::Info(t::locked(&slot.label)),
        _ if slot.session.as_ref().is_some_and(|s| s.code.is_none()) => {
            Dialog::Info(t::fed(&slot.label))
        }
        _ => Dialog::Release {
            label: slot.label.clone(),
            code: String::new(),
            message: None,
            pending: false,
        },
    }
}

fn grid<'a>(ui: &Ui, ctx: Context<'a>, page: usize) -> Element<'a, Message> {
    if ctx.board.unavailable.slots {
        return widget::unavailable(ui);
    }
    let limit = ctx.config.charging_limit();
    let count = ctx.board.slots.len();
    // A big station (up to 24 slots) gets more, smaller cards a row.
    let many = count > 12;
    let small = many || (ui.compact() && !ui.portrait && count > 8);
    let per_row = match (ui.portrait, ui.elder()) {
        (true, true) => 2,
        (true, false) if many => 4,
        (true, false) => 3,
        (false, true) => 3,
        (false, false) if many => 6,
        (false, false) if count > 8 && !ui.compact() => 5,
        (false, false) => 4,
    };
    if count == 0 {
        return text(t::NO_SLOTS).size(ui.label()).into();
    }
    let slots = &ctx.board.slots;
    // The width of a card's words: a note longer than that is shortened with …, so each
    // line stays one line (as `card_height` counts it), whatever a feed or staff stored.
    let pad = if small { ui.gap_small() } else { ui.gap() };
    let room =
        (ui.width - 2.0 * ui.pad() - ui.gap() * (per_row - 1) as f32) / per_row as f32 - 2.0 * pad;
    let tallest = slots
        .iter()
        .map(|s| card_height(ui, s, ctx.utc, limit, small))
        .fold(0.0, f32::max);
    let ui_ = *ui;
    widget::paged_rows(
        ui,
        page,
        count.div_ceil(per_row),
        tallest,
        Message::Page,
        move |range| {
            let mut rows = Column::new().spacing(ui_.gap());
            for chunk in slots.chunks(per_row).skip(range.start).take(range.len()) {
                let mut line = row![].spacing(ui_.gap());
                for slot in chunk {
                    line = line.push(card(&ui_, slot, ctx.utc, limit, small, room));
                }
                for _ in chunk.len()..per_row {
                    line = line.push(iced::widget::space::horizontal());
                }
                rows = rows.push(line);
            }
            rows.into()
        },
    )
}

/// The most a slot's card needs in height (its detail on one line): `card` in numbers.
fn card_height(ui: &Ui, slot: &Slot, now: DateTime<Utc>, limit: Duration, small: bool) -> f32 {
    let line = |size: f32| (size * 1.3).ceil();
    let state = slot.state(now, limit);
    let mut lines = vec![
        line(if small { ui.heading() } else { ui.huge() * 0.8 }),
        line(ui.label()) + 2.0 * theme::BADGE_PAD,
        line(ui.body()),
    ];
    if slot
        .code_wait
        .as_ref()
        .is_some_and(|d| d.left(now).is_some())
        && slot.session.is_some()
    {
        lines.push(line(ui.body()));
    }
    if !state.is_free() && !slot.note.is_empty() {
        lines.push(line(ui.small()));
    }
    let spacing = if small { 4.0 } else { ui.gap_small() };
    let pad = if small { ui.gap_small() } else { ui.gap() };
    lines.iter().sum::<f32>() + spacing * (lines.len() - 1) as f32 + 2.0 * pad
}

fn card<'a>(
    ui: &Ui,
    slot: &'a Slot,
    now: DateTime<Utc>,
    limit: Duration,
    small: bool,
    room: f32,
) -> Element<'a, Message> {
    let state = slot.state(now, limit);
    let (mark, color) = badge::slot_look(&state);
    let detail = match &state {
        SlotState::Free if slot.note.is_empty() => t::TAP_TO_CHARGE.to_string(),
        SlotState::Free => slot.note.clone(),
        // Never a negative time, even when the clock was set back.
        SlotState::Charging { since } => t::charging_for((now - *since).num_minutes().max(0)),
        SlotState::Full { since } => t::charged_for((now - *since).num_minutes().max(0)),
        SlotState::Overtime { since } => {
            t::overtime_by((now - *since - limit).num_minutes().max(0))
        }
        SlotState::Fault { note } => note.clone(),
        SlotState::Locked => t::ASK_STAFF.to_string(),
    };
    let detail = if slot.time_damaged {
        t::TIME_DAMAGED.to_string()
    } else {
        detail
    };
    let detail = widget::shorten(&detail, ui.body(), room).into_owned();
    let content = column![
        row![
            text(slot.label.as_str())
                .size(if small { ui.heading() } else { ui.huge() * 0.8 })
                .font(BOLD),
            iced::widget::space::horizontal(),
            text(slot.connector.zh()).size(ui.small()),
        ]
        .align_y(Alignment::Center),
        container(
            text(format!("{mark} {}", state.zh()))
                .size(ui.label())
                .font(BOLD)
        )
        .padding([theme::BADGE_PAD, ui.gap_small()])
        .style(theme::badge(color)),
        text(detail)
            .size(ui.body())
            .wrapping(iced::widget::text::Wrapping::None),
    ]
    .spacing(if small { 4.0 } else { ui.gap_small() });
    // After too many wrong codes the card says how long the next try waits.
    let content = match &slot.code_wait {
        Some(wait) if wait.left(now).is_some() && slot.session.is_some() => content.push(
            text(t::code_wait_short(wait.secs_left(now)))
                .size(ui.body())
                .font(BOLD),
        ),
        _ => content,
    };
    // A busy slot keeps its place on the card, so its owner finds it again.
    let content = if !state.is_free() && !slot.note.is_empty() {
        content.push(
            text(widget::shorten(&slot.note, ui.small(), room))
                .size(ui.small())
                .wrapping(iced::widget::text::Wrapping::None)
                .style(theme::muted),
        )
    } else {
        content
    };
    press_at(
        button(content)
            .width(Length::Fill)
            .padding(if small { ui.gap_small() } else { ui.gap() })
            .on_press(Message::Tap(slot.label.clone()))
            .style(theme::card_button),
    )
    .into()
}
