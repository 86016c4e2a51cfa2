//! How buttons look: primary, secondary, danger, cards, a chosen option and the
//! invisible tap area.

use super::container::radius;
use super::palette::mix;
use super::*;
use iced::widget::button;
use iced::{Background, Border, Color, Shadow, color};

fn button_base(bg: Color, fg: Color, border: Color, status: button::Status) -> button::Style {
    let bg = match status {
        button::Status::Pressed => mix(bg, Color::BLACK, 0.25),
        button::Status::Hovered => mix(bg, Color::BLACK, 0.08),
        button::Status::Disabled => mix(bg, color!(0x9a9a9a), 0.7),
        button::Status::Active => bg,
    };
    let fg = if status == button::Status::Disabled {
        mix(fg, color!(0x606060), 0.5)
    } else {
        fg
    };
    button::Style {
        background: Some(Background::Color(bg)),
        text_color: fg,
        border: Border {
            color: border,
            width: 3.0,
            radius: radius(18.0),
        },
        shadow: Shadow::default(),
        snap: true,
    }
}

/// Main actions and home tiles: filled with the season's colour.
pub fn primary(theme: &Theme, status: button::Status) -> button::Style {
    let c = palette(theme);
    button_base(c.primary, c.on_primary, c.primary_dark, status)
}

/// Secondary actions: white with a coloured border.
pub fn secondary(theme: &Theme, status: button::Status) -> button::Style {
    let c = palette(theme);
    button_base(c.surface, c.primary_dark, c.primary, status)
}

/// Destructive actions (delete, exit).
pub fn danger(_theme: &Theme, status: button::Status) -> button::Style {
    button_base(BAD, Color::WHITE, color!(0x7f1a14), status)
}

/// A tappable card (a notice on home): looks like a card, darkens when pressed.
pub fn card_button(theme: &Theme, status: button::Status) -> button::Style {
    let c = palette(theme);
    let mut style = button_base(c.surface, c.text, c.border, status);
    style.border.width = 2.0;
    style
}

/// A choice that is currently selected (shown with a ✓ as well, never by colour alone).
/// It has no action (it is already chosen), but must not look greyed out.
pub fn selected(theme: &Theme, _status: button::Status) -> button::Style {
    let c = palette(theme);
    button_base(
        c.primary_dark,
        Color::WHITE,
        c.primary_dark,
        button::Status::Active,
    )
}

/// The invisible full-screen button of attract mode.
pub fn invisible(_theme: &Theme, _status: button::Status) -> button::Style {
    button::Style {
        background: None,
        text_color: color!(0xf2f2f2),
        ..Default::default()
    }
}
