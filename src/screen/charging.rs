//! Charging (手机充电): the slot grid with each slot's state in words; claim a free
//! slot for a 4-digit release code, release a busy one with its code.

use super::{Context, Env};
use crate::i18n;
use crate::store::{Release, Slot, SlotState, Store};
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::keypad::{self, Key};
use crate::widget::{self, badge};
use chrono::{DateTime, Duration, Local, Utc};
use iced::Task;
use iced::widget::{
    Column, button, center, column, container, opaque, row, scrollable, stack, text,
};
use iced::{Alignment, Length};

#[derive(Debug, Default)]
pub struct State {
    dialog: Option<Dialog>,
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
    /// The store's answer to a claim: the release code, or what went wrong.
    Claimed(String, Result<String, String>),
    /// The store's answer to a release code.
    Released(String, Result<Release, String>),
}

pub enum Action {
    None,
    GoHome,
    /// Store work to run off the UI thread.
    Run(Task<Message>),
    /// The store changed: refresh the board.
    Changed,
}

impl State {
    pub fn update(&mut self, message: Message, env: Env<'_>) -> Action {
        let limit = env.config.charging_limit();
        match message {
            Message::Home => Action::GoHome,
            Message::Close => {
                self.dialog = None;
                Action::None
            }
            Message::Tap(label) => {
                // What the screen shows decides the dialog; the store checks again
                // inside the transaction that claims or releases.
                self.dialog = Some(match env.board.slots.iter().find(|s| s.label == label) {
                    Some(slot) => tap(slot, env.utc, limit),
                    None => Dialog::Info(format!("找不到充电位 {label}，请刷新后再试。")),
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
                    Message::Claimed(label.clone(), result.map_err(|e| e.zh()))
                }))
            }
            Message::Claimed(label, result) => {
                self.dialog = Some(match result {
                    Ok(code) => Dialog::Code { label, code },
                    Err(e) => Dialog::Info(format!("没能开始充电：{e}")),
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
                    Message::Released(label.clone(), result.map_err(|e| e.zh()))
                }))
            }
            Message::Released(label, result) => {
                self.dialog = Some(match result {
                    Ok(Release::Released) => {
                        Dialog::Info(format!("{label} 已释放，请取走手机。谢谢！"))
                    }
                    Ok(Release::WrongCode { attempts_left }) => Dialog::Release {
                        label,
                        code: String::new(),
                        message: Some(format!("取件码不对，还可以试 {attempts_left} 次")),
                        pending: false,
                    },
                    Ok(Release::Locked) => {
                        Dialog::Info(format!("输错太多次，{label} 已锁定。请找工作人员帮你取。"))
                    }
                    Err(e) => Dialog::Info(e),
                });
                Action::Changed
            }
        }
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let limit = ctx.config.charging_limit();
        let (free, total) = ctx.board.slots_free(ctx.utc, limit);
        let mut summary = column![
            text(format!("空闲 {free} / 共 {total}"))
                .size(ui.heading())
                .font(BOLD)
        ]
        .align_x(Alignment::End);
        if free == 0 && total > 0 {
            let fallback = Duration::minutes(ctx.config.charging_expected_mins as i64);
            let hint = match ctx.board.next_free(ctx.utc, limit, fallback) {
                Some(t) if t > ctx.utc => format!(
                    "预计 {} 有空位",
                    i18n::hm(t.with_timezone(&Local).naive_local())
                ),
                Some(_) => "马上会有空位".to_string(),
                None => "暂时没有可用的充电位".to_string(),
            };
            summary = summary.push(text(hint).size(ui.label()).font(BOLD));
        }
        let page = column![
            widget::header(
                ui,
                Message::Home,
                "手机充电",
                "Phone charging",
                summary.into()
            ),
            text("点空闲的充电位开始充电，会给你一个 4 位取件码；取手机时点它输入取件码。")
                .size(ui.body())
                .style(theme::muted),
            scrollable(grid(ui, ctx))
                .height(Length::Fill)
                .spacing(theme::SCROLLBAR_GAP),
        ]
        .spacing(ui.gap())
        .padding(ui.pad());
        let screen = container(page)
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::page);
        match &self.dialog {
            None => screen.into(),
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
                let mut lines = column![
                    text(format!("在 {label} 充电？"))
                        .size(ui.huge())
                        .font(BOLD),
                ]
                .spacing(ui.gap());
                if let Some(s) = slot(label) {
                    lines = lines.push(
                        text(format!("接口：{}　位置：{}", s.connector.zh(), s.note))
                            .size(ui.label()),
                    );
                }
                lines
                    .push(
                        row![
                            if *pending {
                                widget::text_action(ui, "正在开始…", None, theme::primary)
                                    .width(Length::Fill)
                                    .height(Length::Fixed(ui.primary()))
                            } else {
                                wide("开始充电", Message::ConfirmClaim, theme::primary)
                            },
                            widget::text_action(
                                ui,
                                "取消",
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
            Dialog::Code { label, code } => column![
                text("请记住取件码").size(ui.huge()).font(BOLD),
                text(spaced(code)).size(ui.huge() * 2.0).font(BOLD),
                text(format!(
                    "手机插在 {label}。取手机时，点屏幕上的 {label}，输入这 4 位数字。"
                ))
                .size(ui.label()),
                text("Remember this code to take your phone back.")
                    .size(ui.small())
                    .style(theme::muted),
                wide("我记住了", Message::Close, theme::primary),
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
                let mut info = column![
                    text(format!("取 {label} 的手机"))
                        .size(ui.huge())
                        .font(BOLD),
                    text("请输入取件码").size(ui.label()),
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
                .width(Length::Fixed(ui.s_width(520.0)));
                if let Some(m) = message {
                    info = info.push(
                        container(text(m.as_str()).size(ui.label()).font(BOLD))
                            .padding(ui.gap())
                            .style(theme::badge(theme::BAD)),
                    );
                }
                info = info.push(wide("取消", Message::Close, theme::secondary));
                let pad = column![
                    keypad::keypad(ui, !*pending, Message::Key),
                    widget::text_action(
                        ui,
                        if *pending {
                            "正在核对…"
                        } else {
                            "确定"
                        },
                        (code.len() == 4 && !*pending).then_some(Message::SubmitCode),
                        theme::primary
                    )
                    .width(Length::Fill)
                    .height(Length::Fixed(ui.primary())),
                ]
                .spacing(ui.gap())
                .width(Length::Fixed(ui.key() * 3.9 + ui.gap() * 2.0));
                if ui.portrait {
                    column![info, pad].spacing(ui.pad()).into()
                } else {
                    row![info, pad].spacing(ui.pad()).into()
                }
            }
            Dialog::Info(message) => column![
                text(message.as_str()).size(ui.heading()).font(BOLD),
                wide("好的", Message::Close, theme::primary),
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
        SlotState::Fault { note } => Dialog::Info(format!(
            "{} 故障：{}。请用其他充电位。",
            slot.label,
            note.trim_end_matches(['。', '.'])
        )),
        SlotState::Locked => Dialog::Info(format!("{} 已锁定，请找工作人员帮你取。", slot.label)),
        _ if slot.session.as_ref().is_some_and(|s| s.code.is_none()) => Dialog::Info(format!(
            "{} 由充电柜自动管理，请直接在柜子上取。",
            slot.label
        )),
        _ => Dialog::Release {
            label: slot.label.clone(),
            code: String::new(),
            message: None,
            pending: false,
        },
    }
}

fn grid<'a>(ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
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
    let mut rows = Column::new().spacing(ui.gap());
    for chunk in ctx.board.slots.chunks(per_row) {
        let mut line = row![].spacing(ui.gap());
        for slot in chunk {
            line = line.push(card(ui, slot, ctx.utc, limit, small));
        }
        for _ in chunk.len()..per_row {
            line = line.push(iced::widget::space::horizontal());
        }
        rows = rows.push(line);
    }
    if count == 0 {
        rows = rows.push(text("这里还没有充电位。").size(ui.label()));
    }
    rows.into()
}

fn card<'a>(
    ui: &Ui,
    slot: &'a Slot,
    now: DateTime<Utc>,
    limit: Duration,
    small: bool,
) -> Element<'a, Message> {
    let state = slot.state(now, limit);
    let (mark, color) = badge::slot_look(&state);
    let detail = match &state {
        SlotState::Free if slot.note.is_empty() => "点这里开始充电".to_string(),
        SlotState::Free => slot.note.clone(),
        SlotState::Charging { since } => format!("已充 {} 分钟", (now - *since).num_minutes()),
        SlotState::Full { since } => format!("共充 {} 分钟", (now - *since).num_minutes()),
        SlotState::Overtime { since } => {
            format!("已超时 {} 分钟", (now - *since - limit).num_minutes())
        }
        SlotState::Fault { note } => note.clone(),
        SlotState::Locked => "请找工作人员".to_string(),
    };
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
        text(detail).size(ui.body()),
    ]
    .spacing(if small { 4.0 } else { ui.gap_small() });
    button(content)
        .width(Length::Fill)
        .padding(if small { ui.gap_small() } else { ui.gap() })
        .on_press(Message::Tap(slot.label.clone()))
        .style(theme::card_button)
        .into()
}
