//! The staff pages about charging: slots and statistics.

use super::view::confirm;
use super::{Confirm, FAULT_NOTES, Message, State};
use crate::screen::Context;
use crate::screen::charging;
use crate::store::SlotState;
use crate::theme::{self, BOLD, Ui};
use crate::widget;
use iced::widget::{Column, canvas, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

impl State {
    pub(super) fn slots<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let limit = ctx.config.charging_limit();
        if let Some(label) = &self.fault_for {
            let mut choices = Column::new().spacing(ui.gap());
            for note in FAULT_NOTES {
                choices = choices.push(
                    widget::text_action(
                        ui,
                        note,
                        Some(Message::SetFault(label.clone(), note)),
                        theme::secondary,
                    )
                    .width(Length::Fill),
                );
            }
            return container(
                column![
                    text(format!("{label} 出了什么问题？"))
                        .size(ui.heading())
                        .font(BOLD),
                    choices,
                    widget::text_action(ui, "取消", Some(Message::Cancel), theme::secondary)
                        .width(Length::Fill),
                ]
                .spacing(ui.gap()),
            )
            .padding(ui.pad())
            .style(theme::card)
            .into();
        }
        if let Some(Confirm::RemoveSlot(label)) = &self.confirm {
            return confirm(
                ui,
                format!("确定删除充电位 {label} 吗？它的使用记录也会删除。"),
                "删除",
            );
        }
        let mut list = Column::new().spacing(ui.gap());
        for slot in &ctx.board.slots {
            let state = slot.state(ctx.utc, limit);
            let (mark, color) = charging::look(&state);
            let mut detail = format!("{}　{}", slot.connector.zh(), slot.note);
            if let Some(since) = state.since() {
                detail = format!("{detail}　已 {} 分钟", (ctx.utc - since).num_minutes());
            }
            if let SlotState::Fault { note } = &state {
                detail = format!("{detail}　{note}");
            }
            let words = column![
                row![
                    text(slot.label.as_str()).size(ui.heading()).font(BOLD),
                    container(
                        text(format!("{mark} {}", state.zh()))
                            .size(ui.body())
                            .font(BOLD)
                    )
                    .padding([2.0, ui.gap_small()])
                    .style(theme::badge(color)),
                ]
                .spacing(ui.gap())
                .align_y(Alignment::Center),
                text(detail).size(ui.small()).style(theme::muted),
            ]
            .spacing(4)
            .width(Length::Fill);
            let busy = slot.session.is_some() || slot.locked;
            let width = Length::Fixed(ui.s_width(170.0));
            let release: Element<'a, Message> = if busy {
                widget::text_action(
                    ui,
                    "强制释放",
                    Some(Message::ForceRelease(slot.label.clone())),
                    theme::secondary,
                )
                .width(width)
                .into()
            } else {
                space::horizontal().width(width).into()
            };
            let edit = widget::text_action(
                ui,
                "修改",
                Some(Message::EditSlot(slot.label.clone())),
                theme::secondary,
            )
            .width(Length::Fixed(ui.s_width(110.0)));
            let remove: Element<'a, Message> = if busy {
                space::horizontal()
                    .width(Length::Fixed(ui.s_width(110.0)))
                    .into()
            } else {
                widget::text_action(
                    ui,
                    "删除",
                    Some(Message::Ask(Confirm::RemoveSlot(slot.label.clone()))),
                    theme::danger,
                )
                .width(Length::Fixed(ui.s_width(110.0)))
                .into()
            };
            let actions = row![
                edit,
                remove,
                release,
                if slot.fault.is_some() {
                    widget::text_action(
                        ui,
                        "已修复",
                        Some(Message::Repair(slot.label.clone())),
                        theme::primary,
                    )
                } else {
                    widget::text_action(
                        ui,
                        "标记故障",
                        Some(Message::ChooseFault(slot.label.clone())),
                        theme::danger,
                    )
                }
                .width(width),
            ]
            .spacing(ui.gap_small());
            list = list.push(
                container(
                    row![words, actions]
                        .spacing(ui.gap())
                        .align_y(Alignment::Center),
                )
                .padding(ui.gap())
                .style(theme::card),
            );
        }
        if ctx.board.slots.is_empty() {
            list = list.push(text("还没有充电位。点“添加充电位”添加。").size(ui.body()));
        }
        column![
            widget::text_action(ui, "＋ 添加充电位", Some(Message::NewSlot), theme::primary)
                .width(Length::Fixed(ui.s_width(300.0))),
            scrollable(list).height(Length::Fill).spacing(8),
        ]
        .spacing(ui.gap())
        .into()
    }

    pub(super) fn stats<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let Some(stats) = &self.stats else {
            return text("正在读取……").size(ui.body()).into();
        };
        let average = stats
            .today_average_mins
            .map_or("—".to_string(), |m| format!("{m} 分钟"));
        let busiest: Vec<String> = stats
            .by_hour
            .busiest(3)
            .into_iter()
            .map(|h| format!("{h}:00–{}:00", h + 1))
            .collect();
        let figures = row![
            figure(ui, "今天充电", format!("{} 次", stats.today_sessions)),
            figure(ui, "今天平均时长", average),
            figure(
                ui,
                "最忙的时段（近 7 天）",
                if busiest.is_empty() {
                    "—".into()
                } else {
                    busiest.join("、")
                }
            ),
        ]
        .spacing(ui.gap());
        let faults: Element<'a, Message> = if stats.repeated_faults.is_empty() {
            text("近 30 天没有反复出故障的充电位。")
                .size(ui.body())
                .into()
        } else {
            text(format!(
                "近 30 天反复出故障：{}",
                stats
                    .repeated_faults
                    .iter()
                    .map(|(label, n)| format!("{label}（{n} 次）"))
                    .collect::<Vec<_>>()
                    .join("、")
            ))
            .size(ui.label())
            .font(BOLD)
            .into()
        };
        column![
            figures,
            text("近 7 天每小时开始充电的次数")
                .size(ui.label())
                .font(BOLD),
            container(
                canvas(&stats.by_hour)
                    .width(Length::Fill)
                    .height(Length::Fill)
            )
            .padding(ui.gap())
            .height(Length::Fill)
            .style(theme::card),
            faults,
        ]
        .spacing(ui.gap())
        .into()
    }
}

fn figure<'a>(ui: &Ui, label: &'a str, value: String) -> Element<'a, Message> {
    container(
        column![
            text(label).size(ui.body()).style(theme::muted),
            text(value).size(ui.heading()).font(BOLD),
        ]
        .spacing(4),
    )
    .padding(ui.gap())
    .width(Length::Fill)
    .style(theme::card)
    .into()
}
