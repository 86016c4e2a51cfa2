//! Colours: the seasonal palettes (day and dimmed at night), the state colours and the
//! spines of generated book covers.

use iced::{Color, color};
use relay_core::season::Season;

/// Seasonal palettes. All text colours keep ≥ 4.5:1 contrast on their backgrounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colors {
    pub background: Color,
    pub surface: Color,
    pub text: Color,
    pub muted: Color,
    pub primary: Color,
    pub primary_dark: Color,
    pub on_primary: Color,
    pub banner: Color,
    pub border: Color,
}

pub const OK: Color = color!(0x1b6e2e);
pub const WARN: Color = color!(0x8a4b00);
pub const BAD: Color = color!(0xb3261e);
pub const PINNED: Color = color!(0x8a4b00);
pub const CHARGING: Color = color!(0x1d4f91);
/// 已充满: done charging, waiting to be picked up — not the green of 空闲.
pub const FULL: Color = color!(0x5b2a86);

/// The spines of generated book covers, one per category (by its position), white
/// titles on them at ≥ 4.5:1.
pub const SPINES: [Color; 8] = [
    color!(0x9b2226),
    color!(0x1d4f91),
    color!(0x1b6e2e),
    color!(0x8a4b00),
    color!(0x5b2a86),
    color!(0x0a5f7a),
    color!(0x7a2e5e),
    color!(0x3d4f5c),
];

/// The spine colour of a book in the category at `position` (none: the last).
pub fn spine(position: Option<i64>) -> Color {
    match position {
        Some(p) => SPINES[p.rem_euclid(SPINES.len() as i64 - 1) as usize],
        None => SPINES[SPINES.len() - 1],
    }
}

pub fn colors(season: Season) -> Colors {
    match season {
        Season::Winter => Colors {
            background: color!(0xfbf2ea),
            surface: Color::WHITE,
            text: color!(0x1f1410),
            muted: color!(0x5c4a40),
            primary: color!(0xa8321c),
            primary_dark: color!(0x7d2212),
            on_primary: Color::WHITE,
            banner: color!(0xc2410c),
            border: color!(0xe3cfc2),
        },
        Season::Summer => Colors {
            background: color!(0xedf6f8),
            surface: Color::WHITE,
            text: color!(0x0e1c22),
            muted: color!(0x3f545c),
            primary: color!(0x0a5f7a),
            primary_dark: color!(0x06455a),
            on_primary: Color::WHITE,
            banner: color!(0x0b7a8f),
            border: color!(0xc5dde3),
        },
        Season::Default => Colors {
            background: color!(0xf3f1ec),
            surface: Color::WHITE,
            text: color!(0x171717),
            muted: color!(0x4d4a45),
            primary: color!(0x1d4f91),
            primary_dark: color!(0x133763),
            on_primary: Color::WHITE,
            banner: color!(0x1d4f91),
            border: color!(0xd9d4ca),
        },
    }
}

/// Night hours (22:00–06:00): the light surfaces are dimmed, so the screen does not
/// glare in a dark room or wear bright blocks into the panel.
pub fn is_night(hour: u32) -> bool {
    !(6..22).contains(&hour)
}

/// The palette at night: backgrounds, surfaces and borders at 80 % brightness.
pub fn dimmed(c: Colors) -> Colors {
    let dim = |c: Color| Color {
        r: c.r * 0.8,
        g: c.g * 0.8,
        b: c.b * 0.8,
        a: c.a,
    };
    Colors {
        background: dim(c.background),
        surface: dim(c.surface),
        border: dim(c.border),
        ..c
    }
}

pub(super) fn mix(a: Color, b: Color, t: f32) -> Color {
    Color {
        r: a.r + (b.r - a.r) * t,
        g: a.g + (b.g - a.g) * t,
        b: a.b + (b.b - a.b) * t,
        a: a.a,
    }
}
