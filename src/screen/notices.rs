//! Notices (公告通知): the notices in force, pinned first, with their validity in
//! Chinese and their posters; paged with 上一页 / 下一页 as well as by dragging.

use super::Context;
use crate::text::notices as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use crate::widget::badge;
use chrono::Local;
use iced::widget::{Column, column, container, image, row, scrollable, text};
use iced::{ContentFit, Length};
use relay_core::store::Notice;

/// Notices per page: big cards, read in a few seconds each; as many as fit.
pub fn per_page(ui: &Ui) -> usize {
    match (ui.portrait, ui.elder()) {
        (true, false) => 5,
        (true, true) => 3,
        // A panel under 800 px high has room for one whole notice.
        (false, false) if ui.height < 800.0 => 1,
        (false, false) => 2,
        (false, true) => 1,
    }
}

#[derive(Debug, Default)]
pub struct State {
    /// Index of the first notice shown; pages start at multiples of the page size.
    first: usize,
}

/// Paging messages carry the page size the view used, so turning the screen or
/// switching elder mode never strands the reader on a page that no longer exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Home,
    PreviousPage(usize),
    NextPage(usize),
}

pub type Action = super::Action<Message>;

impl State {
    /// Opens at the page holding notice `focus`, if given.
    pub fn new(notices: &[Notice], focus: Option<i64>) -> State {
        let first = focus
            .and_then(|id| notices.iter().position(|n| n.id == id))
            .unwrap_or(0);
        State { first }
    }

    pub fn update(&mut self, message: Message, notices: &[Notice]) -> Action {
        match message {
            Message::Home => return Action::GoHome,
            Message::PreviousPage(size) => {
                let page = self.first / size.max(1);
                self.first = page.saturating_sub(1) * size;
            }
            Message::NextPage(size) => {
                let size = size.max(1);
                let last = widget::page_count(notices.len(), size) - 1;
                self.first = (self.first / size + 1).min(last) * size;
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let notices = &ctx.board.notices;
        let size = per_page(ui);
        let pages = widget::page_count(notices.len(), size);
        let page = (self.first / size).min(pages - 1);
        let mut list = Column::new().spacing(ui.gap());
        for notice in notices.iter().skip(page * size).take(size) {
            list = list.push(card(ui, ctx, notice));
        }
        if ctx.board.unavailable.notices {
            list = list.push(widget::unavailable(ui));
        } else if notices.is_empty() {
            list = list.push(
                container(text(t::NONE).size(ui.label()))
                    .padding(ui.pad())
                    .style(theme::card),
            );
        }
        let right = text(t::count(notices.len())).size(ui.label()).into();
        container(
            column![
                widget::header(ui, Message::Home, t::TITLE, t::TITLE_EN, right),
                scrollable(list)
                    .height(Length::Fill)
                    .spacing(theme::SCROLLBAR_GAP),
                widget::pager(
                    ui,
                    page,
                    pages,
                    Message::PreviousPage(size),
                    Message::NextPage(size)
                ),
            ]
            .spacing(ui.gap())
            .padding(ui.pad()),
        )
        .width(Length::Fill)
        .height(Length::Fill)
        .style(theme::page)
        .into()
    }
}

fn card<'a>(ui: &Ui, ctx: Context<'a>, notice: &'a Notice) -> Element<'a, Message> {
    let words = column![
        badge::category(ui, notice),
        text(notice.title.as_str()).size(ui.heading()).font(BOLD),
        text(t::valid(&notice.schedule.describe_zh(&Local)))
            .size(ui.small())
            .style(theme::muted),
        text(notice.body.as_str()).size(ui.body()).line_height(1.45),
    ]
    .spacing(ui.gap_small())
    .width(Length::Fill);
    let content: Element<'a, Message> = match ctx.board.poster(notice.id) {
        Some(handle) => row![
            words,
            image(handle.clone())
                .width(Length::Fixed(ui.poster_width()))
                .content_fit(ContentFit::Contain),
        ]
        .spacing(ui.gap())
        .into(),
        None => words.into(),
    };
    container(content)
        .padding(if ui.compact() { ui.gap() } else { ui.pad() })
        .width(Length::Fill)
        .style(theme::card)
        .into()
}
