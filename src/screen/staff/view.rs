//! The staff pages' views.

use super::{Confirm, Message, NOTICES_PER_PAGE, Page, State};
use crate::i18n;
use crate::screen::Context;
use crate::screen::home::category_badge;
use crate::store::{AmenityStatus, NoticeState};
use crate::theme::{self, BOLD, Ui};
use crate::widget::{self, keypad};
use chrono::Local;
use iced::widget::{Column, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

impl State {
    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let (zh, en, body) = match self.page {
            Page::Login => ("工作人员登录", "Staff login", self.login(ui, ctx)),
            Page::Menu => ("工作人员", "Staff", self.menu(ui)),
            Page::Amenities => ("服务设施状态", "Amenity status", self.amenities(ui, ctx)),
            Page::Notices => ("通知管理", "Manage notices", self.notices(ui, ctx)),
            Page::Slots => ("充电位管理", "Charging slots", self.slots(ui, ctx)),
            Page::Stats => ("充电统计", "Charging statistics", self.stats(ui)),
            Page::Editor => match &self.editor {
                Some(editor) => (
                    if editor.is_new() {
                        "新建通知"
                    } else {
                        "编辑通知"
                    },
                    if editor.is_new() {
                        "New notice"
                    } else {
                        "Edit notice"
                    },
                    editor.view(ui, ctx).map(Message::Editor),
                ),
                None => ("通知管理", "Manage notices", self.notices(ui, ctx)),
            },
            Page::SlotForm => match &self.slot_form {
                Some(form) => (
                    if form.is_new() {
                        "添加充电位"
                    } else {
                        "修改充电位"
                    },
                    if form.is_new() {
                        "Add a slot"
                    } else {
                        "Edit a slot"
                    },
                    form.view(ui).map(Message::SlotForm),
                ),
                None => ("充电位管理", "Charging slots", self.slots(ui, ctx)),
            },
        };
        let right: Element<'a, Message> = match self.page {
            Page::Login | Page::Menu => space::horizontal().width(0).into(),
            _ => widget::text_action(
                ui,
                "‹ 工作人员菜单",
                Some(Message::Open(Page::Menu)),
                theme::secondary,
            )
            .width(Length::Fixed(ui.s_width(300.0)))
            .into(),
        };
        let mut page = column![widget::header(ui, Message::Home, zh, en, right)]
            .spacing(ui.gap() * 1.5)
            .padding(ui.pad());
        if let Some(message) = &self.message
            && self.page != Page::Login
        {
            page = page.push(text(message.as_str()).size(ui.label()).font(BOLD));
        }
        container(page.push(body))
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::page)
            .into()
    }

    fn login<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        if !self.pin_set {
            return container(
                column![
                    text("还没有设置工作人员 PIN").size(ui.heading()).font(BOLD),
                    text("请管理员在这台电脑的终端里运行下面的命令设置 PIN（4–8 位数字）：")
                        .size(ui.body()),
                    text("relay-kiosk staff set-pin")
                        .size(ui.heading())
                        .font(iced::Font::MONOSPACE),
                    text("No staff PIN yet: run `relay-kiosk staff set-pin` on this computer.")
                        .size(ui.small())
                        .style(theme::muted),
                ]
                .spacing(ui.gap()),
            )
            .padding(ui.pad())
            .width(Length::Fill)
            .style(theme::card)
            .into();
        }
        let locked = self.locked_until.filter(|&until| until > ctx.utc);
        let mut info = column![
            text("请输入工作人员 PIN").size(ui.heading()).font(BOLD),
            text("Enter the staff PIN")
                .size(ui.small())
                .style(theme::muted),
            text(keypad::masked(self.pin.len(), 4))
                .size(ui.huge())
                .font(BOLD),
        ]
        .spacing(ui.gap())
        .width(Length::Fixed(ui.s_width(620.0)));
        if let Some(until) = locked {
            let left = (until - ctx.utc).num_seconds();
            info = info.push(
                container(
                    column![
                        text("输错次数太多，已暂时锁定").size(ui.label()).font(BOLD),
                        text(format!("请 {} 后再试", i18n::countdown(left)))
                            .size(ui.heading())
                            .font(BOLD),
                    ]
                    .spacing(6),
                )
                .padding(ui.gap())
                .style(theme::badge(theme::BAD)),
            );
        } else if let Some(message) = &self.message {
            info = info.push(
                container(text(message.as_str()).size(ui.label()).font(BOLD))
                    .padding(ui.gap())
                    .style(theme::badge(theme::BAD)),
            );
        }
        let enabled = locked.is_none();
        let pad = column![
            keypad::keypad(ui, enabled, Message::Key),
            widget::text_action(
                ui,
                "确定",
                (enabled && !self.pin.is_empty()).then_some(Message::Submit),
                theme::primary
            )
            .width(Length::Fixed(ui.key() * 3.9 + ui.gap() * 2.0))
            .height(Length::Fixed(ui.primary())),
        ]
        .spacing(ui.gap());
        let content: Element<'a, Message> = if ui.portrait {
            column![info, pad].spacing(ui.pad()).into()
        } else {
            row![info, pad].spacing(ui.pad() * 2.0).into()
        };
        container(content).center_x(Length::Fill).into()
    }

    fn menu<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        if self.confirm == Some(Confirm::Exit) {
            return confirm(
                ui,
                "确定退出终端吗？退出后这台屏幕将不再显示接力站页面。".into(),
                "退出终端",
            );
        }
        let tile = |zh: &'a str, en: &'a str, msg: Message, style| {
            widget::action(
                ui,
                widget::bilingual(ui, zh, en, ui.heading()),
                Some(msg),
                style,
            )
            .height(Length::Fixed(ui.primary() * 1.3))
            .width(Length::Fill)
        };
        let first = row![
            tile(
                "服务设施状态",
                "Amenity status",
                Message::Open(Page::Amenities),
                theme::primary
            ),
            tile(
                "通知管理",
                "Manage notices",
                Message::Open(Page::Notices),
                theme::primary
            ),
        ]
        .spacing(ui.gap());
        let second = row![
            tile(
                "充电位管理",
                "Charging slots",
                Message::Open(Page::Slots),
                theme::primary
            ),
            tile(
                "充电统计",
                "Charging statistics",
                Message::Open(Page::Stats),
                theme::primary
            ),
        ]
        .spacing(ui.gap());
        let third = row![
            tile(
                "退出工作人员模式",
                "Log out",
                Message::Open(Page::Login),
                theme::secondary
            ),
            tile(
                "退出终端",
                "Exit the kiosk",
                Message::Ask(Confirm::Exit),
                theme::danger
            ),
        ]
        .spacing(ui.gap());
        column![
            first,
            second,
            third,
            text("在通知管理里可以新建、编辑、置顶、下架和删除通知。")
                .size(ui.body())
                .style(theme::muted),
        ]
        .spacing(ui.gap())
        .into()
    }

    fn amenities<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let mut list = Column::new().spacing(ui.gap());
        for a in &ctx.board.amenities {
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
                        (!current).then(|| Message::SetAmenity(a.key.clone(), status)),
                        if current {
                            theme::selected
                        } else {
                            theme::secondary
                        },
                    )
                    .width(Length::Fill),
                );
            }
            let name = column![
                text(a.name_zh.as_str()).size(ui.label()).font(BOLD),
                text(a.name_en.as_str())
                    .size(ui.small())
                    .style(theme::muted),
            ]
            .width(Length::Fixed(ui.s_width(190.0)));
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
        scrollable(list).height(Length::Fill).spacing(8).into()
    }

    fn notices<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        if let Some(Confirm::Delete(id)) = self.confirm {
            let title = self
                .notices
                .iter()
                .find(|n| n.id == id)
                .map(|n| n.title.as_str())
                .unwrap_or("");
            return confirm(ui, format!("确定删除“{title}”吗？删除后不能恢复。"), "删除");
        }
        let pages = widget::page_count(self.notices.len(), NOTICES_PER_PAGE);
        let page = self.notice_page.min(pages - 1);
        let mut list = Column::new().spacing(ui.gap());
        for n in self
            .notices
            .iter()
            .skip(page * NOTICES_PER_PAGE)
            .take(NOTICES_PER_PAGE)
        {
            let state = n.state(&ctx.utc);
            let state_color = match state {
                NoticeState::InForce => theme::OK,
                NoticeState::OffHours | NoticeState::Scheduled => theme::WARN,
                NoticeState::Expired | NoticeState::Unpublished => theme::BAD,
            };
            let words = column![
                row![
                    category_badge(ui, n),
                    container(text(state.zh()).size(ui.small()).font(BOLD))
                        .padding([2.0, ui.gap_small()])
                        .style(theme::badge(state_color)),
                ]
                .spacing(8),
                text(n.title.as_str()).size(ui.label()).font(BOLD),
                text(n.schedule.describe_zh(&Local))
                    .size(ui.small())
                    .style(theme::muted),
            ]
            .spacing(6)
            .width(Length::Fill);
            let button_width = Length::Fixed(ui.s_width(170.0));
            let actions = row![
                widget::text_action(ui, "编辑", Some(Message::EditNotice(n.id)), theme::primary)
                    .width(Length::Fixed(ui.s_width(120.0))),
                widget::text_action(
                    ui,
                    if n.pinned { "取消置顶" } else { "置顶" },
                    Some(Message::TogglePinned(n.id)),
                    theme::secondary
                )
                .width(button_width),
                widget::text_action(
                    ui,
                    if n.published {
                        "下架"
                    } else {
                        "重新发布"
                    },
                    Some(Message::TogglePublished(n.id)),
                    theme::secondary
                )
                .width(button_width),
                widget::text_action(
                    ui,
                    "删除",
                    Some(Message::Ask(Confirm::Delete(n.id))),
                    theme::danger
                )
                .width(Length::Fixed(ui.s_width(120.0))),
            ]
            .spacing(ui.gap_small());
            let content: Element<'a, Message> = if ui.portrait {
                column![words, actions].spacing(ui.gap()).into()
            } else {
                row![words, actions]
                    .spacing(ui.gap())
                    .align_y(Alignment::Center)
                    .into()
            };
            list = list.push(container(content).padding(ui.gap()).style(theme::card));
        }
        if self.notices.is_empty() {
            list =
                list.push(text("还没有通知。用命令 relay-kiosk notice add 添加。").size(ui.body()));
        }
        column![
            widget::text_action(ui, "＋ 新建通知", Some(Message::NewNotice), theme::primary)
                .width(Length::Fixed(ui.s_width(300.0))),
            scrollable(list).height(Length::Fill).spacing(8),
            widget::pager(ui, page, pages, Message::PreviousPage, Message::NextPage),
        ]
        .spacing(ui.gap())
        .into()
    }
}

pub(super) fn confirm<'a>(ui: &Ui, question: String, yes: &'a str) -> Element<'a, Message> {
    container(
        column![
            text(question).size(ui.heading()).font(BOLD),
            widget::action_pair(
                ui,
                (yes, Message::Confirmed, theme::danger),
                ("取消", Message::Cancel)
            ),
        ]
        .spacing(ui.pad()),
    )
    .padding(ui.pad())
    .width(Length::Fill)
    .style(theme::card)
    .into()
}
