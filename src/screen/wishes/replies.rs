//! 你说我办: the station's published replies to suggestions, a page at a time.

use super::{Message, State};
use crate::text::wishes as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::{self, badge};
use iced::Length;
use iced::widget::{Column, column, container, row, text};
use relay_core::store::Suggestion;

impl State {
    pub(super) fn replies<'a>(&self, ui: &Ui, list: &'a [Suggestion]) -> Element<'a, Message> {
        let per_page = match (ui.portrait, ui.elder(), ui.compact()) {
            (true, false, _) => 5,
            (true, true, _) => 3,
            (false, false, false) => 3,
            (false, true, true) => 1,
            (false, _, _) => 2,
        };
        let pages = widget::page_count(list.len(), per_page);
        let page = self.page.min(pages - 1);
        let mut items = Column::new().spacing(ui.gap());
        for s in list.iter().skip(page * per_page).take(per_page) {
            let mut lines = column![
                badge::word(ui, s.kind.zh(), theme::colors(ui.season).primary),
                text(s.text.as_str()).size(ui.label()).font(BOLD),
            ]
            .spacing(ui.gap_small());
            if let Some(reply) = &s.reply {
                lines = lines.push(text(t::reply(reply)).size(ui.body()).style(theme::done));
            }
            items = items.push(
                container(lines)
                    .padding(ui.gap())
                    .width(Length::Fill)
                    .style(theme::card),
            );
        }
        if list.is_empty() {
            items = items.push(text(t::NO_SUGGESTIONS).size(ui.label()));
        }
        column![
            self.tabs(ui),
            container(items).height(Length::Fill),
            widget::pager(ui, page, pages, Message::PreviousPage, Message::NextPage),
            row![
                widget::text_action(ui, t::SUGGEST, Some(Message::Suggest), theme::primary)
                    .width(Length::FillPortion(2)),
                widget::text_action(ui, t::REPLY_LOOKUP, Some(Message::Reply), theme::secondary)
                    .width(Length::FillPortion(1)),
            ]
            .spacing(ui.gap()),
        ]
        .spacing(ui.gap())
        .into()
    }
}
