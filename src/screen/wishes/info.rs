//! What the board says after a claim, a withdrawal or a look-up, until 好的: a line in
//! large type and, for a look-up, what staff wrote (a reason or a reply) under it. A wish
//! that can still be withdrawn offers 撤回这个心愿 here: the worker has just given its
//! number and phone tail.

use super::Message;
use crate::text::wishes as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{self, badge};
use iced::Length;
use iced::widget::{column, container, row, space, text};
use relay_core::store::{SuggestionProgress, WishProgress, WishState, shown_number};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    line: String,
    /// Staff's own words: why a wish was not approved, or the reply to a suggestion.
    detail: Option<String>,
    /// The wish's number and phone tail, while it can still be withdrawn.
    pub(super) withdrawable: Option<(String, String)>,
    /// The store is withdrawing it.
    pub(super) pending: bool,
    pub(super) error: Option<String>,
}

impl Info {
    pub fn new(line: impl Into<String>) -> Info {
        Info {
            line: line.into(),
            detail: None,
            withdrawable: None,
            pending: false,
            error: None,
        }
    }

    /// 查进度: where a wish stands, and nothing else about anyone; `tail` is the phone
    /// tail the worker gave, kept to withdraw it.
    pub fn wish(p: &WishProgress, tail: String) -> Info {
        let number = shown_number(&p.number);
        let line = match p.state {
            WishState::Pending => t::progress_pending(&number),
            WishState::Open => t::progress_open(&number),
            WishState::Claimed => t::progress_claimed(&number),
            WishState::Fulfilled | WishState::Archived => t::progress_fulfilled(&number),
            WishState::Declined => t::progress_declined(&number),
            WishState::Withdrawn => t::progress_withdrawn(&number),
        };
        let detail = match p.state {
            WishState::Declined => p.decline_reason.as_deref().map(t::decline_reason),
            _ => None,
        };
        let withdrawable = matches!(
            p.state,
            WishState::Pending | WishState::Open | WishState::Claimed
        )
        .then(|| (p.number.clone(), tail));
        Info {
            detail,
            withdrawable,
            ..Info::new(line)
        }
    }

    /// 查回复: the station's reply to a suggestion, or that there is none yet.
    pub fn reply(p: &SuggestionProgress) -> Info {
        let number = shown_number(&p.number);
        match &p.reply {
            None => Info::new(t::no_reply_yet(&number)),
            Some(reply) => Info {
                detail: Some(t::reply(reply)),
                ..Info::new(t::replied(&number, p.published))
            },
        }
    }

    pub fn view<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let mut lines =
            column![text(self.line.as_str()).size(ui.heading()).font(BOLD)].spacing(ui.pad());
        if let Some(detail) = &self.detail {
            lines = lines.push(
                container(text(detail.as_str()).size(ui.label()))
                    .padding(ui.gap())
                    .width(Length::Fill)
                    .style(theme::card),
            );
        }
        // The buttons sit at the bottom: a problem shown above them never moves them.
        if let Some(e) = &self.error {
            lines = lines.push(badge::error(ui, e.as_str()));
        }
        let ok = widget::text_action(
            ui,
            t::OK,
            (!self.pending).then_some(Message::CloseInfo),
            theme::primary,
        )
        .width(Length::Fill)
        .height(Length::Fixed(ui.primary()));
        let buttons: Element<'a, Message> = match &self.withdrawable {
            Some(_) => row![
                widget::text_action(
                    ui,
                    if self.pending {
                        t::WITHDRAWING
                    } else {
                        t::WITHDRAW_THIS
                    },
                    (!self.pending).then_some(Message::WithdrawThis),
                    theme::secondary,
                )
                .width(Length::Fill)
                .height(Length::Fixed(ui.primary())),
                ok,
            ]
            .spacing(ui.gap())
            .into(),
            None => ok.into(),
        };
        lines.push(space::vertical()).push(buttons).into()
    }
}
