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
use iced::{Alignment, ContentFit, Length};
use relay_core::store::{Category, Notice};

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

/// Pages hold as many whole notices as fit, so the reader's place is a notice: turning
/// the screen or switching elder mode keeps it in view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Home,
    /// Show the page that starts at this notice (of those shown).
    Page(usize),
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
            Message::Page(first) => {
                self.first = first.min(shown(notices, self.kind).len().saturating_sub(1));
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
        let list: Element<'a, Message> = if ctx.board.unavailable.notices {
            widget::unavailable(ui)
        } else if notices.is_empty() {
            container(text(t::NONE).size(ui.label()))
                .padding(ui.pad())
                .width(Length::Fill)
                .style(theme::card)
                .into()
        } else {
            let ui_ = *ui;
            let measured = notices.clone();
            let heights = move |width: f32| {
                measured
                    .iter()
                    .map(|n| sizes(&ui_, n, ctx.board.poster(n.id), width).card)
                    .collect()
            };
            let build = move |range: std::ops::Range<usize>, width: f32| -> Element<'a, Message> {
                let mut list = Column::new().spacing(ui_.gap());
                for notice in &notices[range] {
                    list = list.push(card(&ui_, ctx, notice, width));
                }
                // A notice taller than the screen (a long body in elder mode) scrolls.
                scrollable(list)
                    .height(Length::Fill)
                    .spacing(theme::SCROLLBAR_GAP)
                    .into()
            };
            widget::paged_at_item(ui, self.first, ui.gap(), heights, Message::Page, build)
        };
        let right = text(t::count(all.len())).size(ui.label()).into();
        // Only worth a row when there is more than one kind to choose from, and only
        // where there is room for it beside whole notices (not on a small landscape
        // panel); in elder mode in portrait, three choices a row.
        let filter = (kinds.len() > 1 && (ui.portrait || !ui.compact())).then(|| {
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
                container(list).height(Length::Fill),
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

/// The padding inside a notice's card: narrower in elder mode, whose type is big enough
/// to need no more, so that two notices share a page at 1920×1080.
fn card_pad(ui: &Ui) -> f32 {
    if ui.compact() || ui.elder() {
        ui.gap()
    } else {
        ui.pad()
    }
}

/// How a notice's card is laid out at a width: the height of its words, of its poster
/// (if any) and of the card.
struct Sizes {
    poster: f32,
    card: f32,
}

/// The most a notice's card needs at `width`. The poster stands beside the words, drawn
/// `poster_width` wide and no taller than they are (so a short notice with a poster
/// takes no more room than one without), but never smaller than half as tall as wide.
fn sizes(ui: &Ui, notice: &Notice, poster: Option<&image::Handle>, width: f32) -> Sizes {
    let inner = width - 2.0 * card_pad(ui);
    let words_width = match poster {
        Some(_) => inner - ui.poster_width() - ui.gap(),
        None => inner,
    };
    // The kind (and 置顶) with the validity beside them, wrapping in the room left.
    let badges = |w: &str| widget::text_width(w, ui.small()) + 2.0 * ui.gap_small();
    let mut badge_width = badges(notice.category.zh());
    if notice.pinned {
        badge_width += theme::BADGE_GAP + badges(crate::text::widget::PINNED);
    }
    let badge = (ui.small() * 1.3).ceil() + 2.0 * theme::BADGE_PAD_SMALL;
    let valid = t::valid(&notice.schedule.describe_zh(&Local));
    let head = badge.max(widget::text_height(
        &valid,
        ui.small(),
        words_width - badge_width - ui.gap_small(),
        1.3,
    ));
    let words = head
        + widget::text_height(&notice.title, ui.heading(), words_width, 1.3)
        + widget::text_height(&notice.body, ui.body(), words_width, 1.45)
        + 2.0 * ui.gap_small();
    let natural = match poster {
        Some(image::Handle::Rgba { width, height, .. }) if *width > 0 => {
            ui.poster_width() * *height as f32 / *width as f32
        }
        // Not decoded to pixels (never so in the kiosk): as tall as it is wide.
        Some(_) => ui.poster_width(),
        None => 0.0,
    };
    let poster = natural.min(words.max(ui.poster_width() / 2.0));
    Sizes {
        poster,
        card: 2.0 * card_pad(ui) + words.max(poster),
    }
}

fn card<'a>(ui: &Ui, ctx: Context<'a>, notice: &'a Notice, width: f32) -> Element<'a, Message> {
    let head = row![
        badge::category(ui, notice),
        text(t::valid(&notice.schedule.describe_zh(&Local)))
            .size(ui.small())
            .style(theme::muted)
            .width(Length::Fill),
    ]
    .spacing(ui.gap_small())
    .align_y(Alignment::Center);
    let words = column![
        head,
        text(notice.title.as_str()).size(ui.heading()).font(BOLD),
        text(notice.body.as_str()).size(ui.body()).line_height(1.45),
    ]
    .spacing(ui.gap_small())
    .width(Length::Fill);
    let poster = ctx.board.poster(notice.id);
    let content: Element<'a, Message> = match poster {
        Some(handle) => row![
            words,
            image(handle.clone())
                .width(Length::Fixed(ui.poster_width()))
                .height(Length::Fixed(sizes(ui, notice, poster, width).poster))
                .content_fit(ContentFit::Contain),
        ]
        .spacing(ui.gap())
        .into(),
        None => words.into(),
    };
    container(content)
        .padding(card_pad(ui))
        .width(Length::Fill)
        .style(theme::card)
        .into()
}
