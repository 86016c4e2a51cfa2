//! Small coloured labels that say a state in words with a mark (never colour alone),
//! and the two message boxes every screen uses: an error and a yes/no question.

use crate::text::widget as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget;
use iced::widget::{column, container, row, text};
use iced::{Color, Length};
use relay_core::store::{AmenityStatus, Notice, SlotState};

/// The mark and colour of a slot state; its words come from `SlotState::zh`.
pub fn slot_look(state: &SlotState) -> (&'static str, Color) {
    match state {
        SlotState::Free => ("○", theme::OK),
        SlotState::Charging { .. } => ("●", theme::CHARGING),
        SlotState::Full { .. } => ("◆", theme::FULL),
        SlotState::Overtime { .. } => ("▲", theme::WARN),
        SlotState::Fault { .. } | SlotState::Locked => ("■", theme::BAD),
    }
}

/// `● 充电中` in the state's colour.
pub fn slot<'a, M: 'a>(ui: &Ui, state: &SlotState, size: f32) -> Element<'a, M> {
    let (mark, color) = slot_look(state);
    container(text(format!("{mark} {}", state.zh())).size(size).font(BOLD))
        .padding([theme::BADGE_PAD, ui.gap_small()])
        .style(theme::badge(color))
        .into()
}

/// `● 正常` / `▲ 暂停使用`: an amenity's status.
pub fn amenity<'a, M: 'a>(ui: &Ui, status: AmenityStatus) -> Element<'a, M> {
    let (mark, color) = match status {
        AmenityStatus::Ok => ("●", theme::OK),
        AmenityStatus::OutOfStock | AmenityStatus::Cleaning => ("▲", theme::WARN),
        AmenityStatus::Paused | AmenityStatus::Repair => ("■", theme::BAD),
    };
    container(
        text(format!("{mark} {}", status.zh()))
            .size(ui.body())
            .font(BOLD),
    )
    .padding([theme::BADGE_PAD, ui.gap_small()])
    .style(theme::badge(color))
    .into()
}

/// A notice's category word, and 置顶 when it is pinned.
pub fn category<'a, M: 'a>(ui: &Ui, notice: &Notice) -> Element<'a, M> {
    let mut line = row![word(
        ui,
        notice.category.zh(),
        theme::colors(ui.season).primary
    )]
    .spacing(theme::BADGE_GAP);
    if notice.pinned {
        line = line.push(word(ui, t::PINNED, theme::PINNED));
    }
    line.into()
}

/// A small word on a coloured label.
pub fn word<'a, M: 'a>(ui: &Ui, words: &'a str, color: Color) -> Element<'a, M> {
    container(text(words).size(ui.small()).font(BOLD))
        .padding([theme::BADGE_PAD_SMALL, ui.gap_small()])
        .style(theme::badge(color))
        .into()
}

/// What went wrong, in a red box that stands out from the page.
pub fn error<'a, M: 'a>(ui: &Ui, message: impl text::IntoFragment<'a>) -> Element<'a, M> {
    container(text(message).size(ui.label()).font(BOLD))
        .padding(ui.gap())
        .style(theme::badge(theme::BAD))
        .into()
}

/// A question with a big destructive yes and a 取消.
pub fn confirm<'a, M: Clone + 'a>(
    ui: &Ui,
    question: String,
    yes: &'a str,
    on_yes: M,
    on_no: M,
) -> Element<'a, M> {
    container(
        column![
            text(question).size(ui.heading()).font(BOLD),
            widget::action_pair(ui, (yes, on_yes, theme::danger), (t::CANCEL, on_no)),
        ]
        .spacing(ui.pad()),
    )
    .padding(ui.pad())
    .width(Length::Fill)
    .style(theme::card)
    .into()
}
