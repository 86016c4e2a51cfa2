//! Notices (公告通知): the notices in force, pinned first, with their validity in
//! Chinese and their posters; one kind at a time if the rider picks one (季节服务,
//! 安全提示, …: only the kinds in force are offered); paged with 上一页 / 下一页 as well
//! as by dragging.

use super::Context;
use crate::text::notices as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use crate::widget::badge;
use chrono::Local;
use iced::widget::{Column, column, container, image, row, scrollable, text};
use iced::{ContentFit, Length};
use relay_core::store::{Category, Notice};

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
    /// Only this kind, if the rider picked one.
    kind: Option<Category>,
}

/// The notices shown: all, or those of `kind`.
fn shown(notices: &[Notice], kind: Option<Category>) -> Vec<&Notice> {
    notices
        .iter()
        .filter(|n| kind.is_none_or(|k| n.category == k))
        .collect()
}

/// The kinds among the notices in force, in the usual order.
fn kinds(notices: &[Notice]) -> Vec<Category> {
    Category::ALL
        .into_iter()
        .filter(|&k| notices.iter().any(|n| n.category == k))
        .collect()
}

/// Paging messages carry the page size the view used, so turning the screen or
/// switching elder mode never strands the reader on a page that no longer exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Home,
    PreviousPage(usize),
    NextPage(usize),
    /// Show one kind (or all again).
    Kind(Option<Category>),
}

pub type Action = super::Action<Message>;

impl State {
    /// Opens at the page holding notice `focus`, if given.
    pub fn new(notices: &[Notice], focus: Option<i64>) -> State {
        let first = focus
            .and_then(|id| notices.iter().position(|n| n.id == id))
            .unwrap_or(0);
        State { first, kind: None }
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
                let last = widget::page_count(shown(notices, self.kind).len(), size) - 1;
                self.first = (self.first / size + 1).min(last) * size;
            }
            Message::Kind(kind) => {
                self.kind = kind;
                self.first = 0;
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ui: &Ui, ctx: Context<'a>) -> Element<'a, Message> {
        let all = &ctx.board.notices;
        let kinds = kinds(all);
        // A kind no longer in force shows all again.
        let kind = self.kind.filter(|k| kinds.contains(k));
        let notices = shown(all, kind);
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
        let right = text(t::count(all.len())).size(ui.label()).into();
        // Only worth a row when there is more than one kind to choose from, and only
        // where there is room for it beside whole notices (not on a small landscape
        // panel); in elder mode in portrait, three choices a row.
        let filter = (kinds.len() > 1 && !ui.compact()).then(|| {
            let mut choices = vec![widget::choice(
                ui,
                t::ALL_KINDS,
                kind.is_none(),
                Message::Kind(None),
            )];
            for k in &kinds {
                choices.push(widget::choice(
                    ui,
                    k.zh(),
                    kind == Some(*k),
                    Message::Kind(Some(*k)),
                ));
            }
            let per_row = if ui.portrait && ui.elder() {
                3
            } else {
                choices.len()
            };
            let mut rows = Column::new().spacing(ui.gap_small());
            let mut line = iced::widget::Row::new().spacing(ui.gap_small());
            let mut n = 0;
            for c in choices {
                line = line.push(c.width(Length::Fill));
                n += 1;
                if n % per_row == 0 {
                    rows = rows.push(line);
                    line = iced::widget::Row::new().spacing(ui.gap_small());
                }
            }
            if n % per_row != 0 {
                for _ in n % per_row..per_row {
                    line = line.push(iced::widget::space::horizontal());
                }
                rows = rows.push(line);
            }
            rows
        });
        container(
            column![
                widget::header(ui, Message::Home, t::TITLE, t::TITLE_EN, right),
                filter,
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
