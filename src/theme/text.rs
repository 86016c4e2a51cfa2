//! How text looks beyond its size: done (green), muted, and a problem (red).

use super::*;

/// A line that says something worked (已保存): the season's dark colour.
pub fn done(theme: &Theme) -> iced::widget::text::Style {
    iced::widget::text::Style {
        color: Some(palette(theme).primary_dark),
    }
}

pub fn muted(theme: &Theme) -> iced::widget::text::Style {
    iced::widget::text::Style {
        color: Some(palette(theme).muted),
    }
}

/// What is missing or wrong, said where the step's heading was (never colour alone: the
/// words say it).
pub fn problem(_theme: &Theme) -> iced::widget::text::Style {
    iced::widget::text::Style { color: Some(BAD) }
}
