//! How containers look: the page, cards, banners, the night scrim, badges and
//! generated book covers.

use super::palette::mix;
use super::*;
use iced::border::Radius;
use iced::widget::container;
use iced::{Border, Color, color};

/// A generated cover: the spine colour, a lighter band down its left edge.
pub fn cover(color: Color) -> impl Fn(&Theme) -> container::Style {
    move |_| container::Style {
        background: Some(color.into()),
        text_color: Some(Color::WHITE),
        border: Border {
            color: mix(color, Color::BLACK, 0.35),
            width: 3.0,
            radius: radius(8.0),
        },
        ..Default::default()
    }
}

/// The band of a generated cover, like a book's spine.
pub fn cover_band(color: Color) -> impl Fn(&Theme) -> container::Style {
    move |_| container::Style {
        background: Some(mix(color, Color::BLACK, 0.3).into()),
        ..Default::default()
    }
}

pub(super) fn radius(px: f32) -> Radius {
    Radius::from(px)
}

/// A whole screen. No background of its own: the window is already cleared to
/// `Base::base().background_color`, the same colour, and tiny-skia draws a
/// window-sized quad through its clip mask once per damage rectangle: most of a
/// tap's CPU at 1920×1080, as measured in issue #18.
pub fn page(theme: &Theme) -> container::Style {
    let c = palette(theme);
    container::Style {
        background: None,
        text_color: Some(c.text),
        ..Default::default()
    }
}

pub fn card(theme: &Theme) -> container::Style {
    let c = palette(theme);
    container::Style {
        background: Some(c.surface.into()),
        text_color: Some(c.text),
        // No shadows: cards live in scrollables, and shadows ignore the clip there.
        border: Border {
            color: c.border,
            width: 2.0,
            radius: radius(18.0),
        },
        ..Default::default()
    }
}

/// A card staff just saved: the same card with a thick border in the season's colour.
pub fn card_fresh(theme: &Theme) -> container::Style {
    let mut style = card(theme);
    style.border.color = palette(theme).primary;
    style.border.width = 6.0;
    style
}

pub fn banner(theme: &Theme) -> container::Style {
    let c = palette(theme);
    container::Style {
        background: Some(c.banner.into()),
        text_color: Some(Color::WHITE),
        border: Border {
            radius: radius(18.0),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// A dark, calm full-screen background (attract mode, dialogs' scrim).
pub fn night(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(color!(0x101418).into()),
        text_color: Some(color!(0xf2f2f2)),
        ..Default::default()
    }
}

pub fn scrim(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Color::from_rgba(0.0, 0.0, 0.0, 0.6).into()),
        ..Default::default()
    }
}

/// A small coloured label with words in it (a status, a category).
pub fn badge(color: Color) -> impl Fn(&Theme) -> container::Style {
    move |_| container::Style {
        background: Some(color.into()),
        text_color: Some(Color::WHITE),
        border: Border {
            radius: radius(10.0),
            ..Default::default()
        },
        ..Default::default()
    }
}
