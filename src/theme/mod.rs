//! Every colour, size and spacing of the kiosk. Screens ask [`Ui`] for sizes and use
//! the style functions here; nothing else picks a colour or a number of pixels.

use iced::Font;
use iced::font::Weight;
use iced::widget::{scrollable, text_editor, text_input};
use relay_core::season::Season;

mod button;
mod container;
mod palette;
mod text;
mod ui;

pub use button::*;
pub use container::*;
pub use palette::*;
pub use text::*;
pub use ui::*;

/// The bundled CJK font (Noto Sans CJK SC), so Chinese renders on any machine.
pub use relay_core::fonts::{FONT_BOLD_BYTES, FONT_REGULAR_BYTES};
pub const FONT: Font = Font::with_name("Noto Sans CJK SC");
pub const BOLD: Font = Font {
    weight: Weight::Bold,
    ..FONT
};

/// Puts the bundled fonts into iced's font system, once, before the first frame.
///
/// iced's own `Settings::fonts` copies each font into a new heap buffer (`Cow::into_owned`),
/// which for these two faces costs 29 MB of memory that can never be swapped out, and reads
/// every page of them from the binary. Handed over as `&'static` slices instead, the faces
/// are parsed in place: only the pages around the glyphs drawn are mapped (the fonts keep
/// the glyphs the kiosk draws together, see assets/fonts/README.md), and they are clean
/// pages of the executable the kernel can drop and re-read.
pub fn install_fonts() {
    use iced::advanced::graphics::text::{cosmic_text::fontdb, font_system};
    use std::sync::{Arc, Once};
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let mut fonts = font_system()
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for bytes in [FONT_REGULAR_BYTES, FONT_BOLD_BYTES] {
            relay_core::files::advise_random_access(bytes);
            fonts
                .raw()
                .db_mut()
                .load_font_source(fontdb::Source::Binary(Arc::new(bytes)));
        }
    });
}

/// The kiosk's theme: a season's palette, by day or dimmed at night. It implements
/// iced's `Catalog` traits itself, so every style function reads the palette directly.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    colors: Colors,
    name: String,
    /// iced's own theme with the same palette, for the few widgets whose default
    /// look (scrollbars, text fields) we keep.
    base: iced::Theme,
}

/// An element drawn with the kiosk's theme.
pub type Element<'a, M> = iced::Element<'a, M, Theme>;

/// The theme for a season, day or night.
pub fn theme(season: Season, at_night: bool) -> Theme {
    let colors = if at_night {
        dimmed(self::colors(season))
    } else {
        self::colors(season)
    };
    let suffix = if at_night { "-night" } else { "" };
    let name = format!("relay-{season:?}{suffix}");
    let base = iced::Theme::custom(
        name.clone(),
        iced::theme::Palette {
            background: colors.background,
            text: colors.text,
            primary: colors.primary,
            success: OK,
            warning: WARN,
            danger: BAD,
        },
    );
    Theme { colors, name, base }
}

impl Theme {
    /// The palette (for canvas drawing and the style functions).
    pub fn colors(&self) -> Colors {
        self.colors
    }
}

impl std::fmt::Display for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl iced::theme::Base for Theme {
    fn default(_preference: iced::theme::Mode) -> Self {
        theme(Season::Default, false)
    }

    fn mode(&self) -> iced::theme::Mode {
        iced::theme::Mode::Light
    }

    fn base(&self) -> iced::theme::Style {
        iced::theme::Style {
            background_color: self.colors.background,
            text_color: self.colors.text,
        }
    }

    fn palette(&self) -> Option<iced::theme::Palette> {
        Some(self.base.palette())
    }

    fn name(&self) -> &str {
        &self.name
    }
}

impl iced::widget::button::Catalog for Theme {
    type Class<'a> = iced::widget::button::StyleFn<'a, Self>;

    fn default<'a>() -> Self::Class<'a> {
        Box::new(primary)
    }

    fn style(
        &self,
        class: &Self::Class<'_>,
        status: iced::widget::button::Status,
    ) -> iced::widget::button::Style {
        class(self, status)
    }
}

impl iced::widget::container::Catalog for Theme {
    type Class<'a> = iced::widget::container::StyleFn<'a, Self>;

    fn default<'a>() -> Self::Class<'a> {
        Box::new(|_| iced::widget::container::Style::default())
    }

    fn style(&self, class: &Self::Class<'_>) -> iced::widget::container::Style {
        class(self)
    }
}

impl iced::widget::text::Catalog for Theme {
    type Class<'a> = iced::widget::text::StyleFn<'a, Self>;

    fn default<'a>() -> Self::Class<'a> {
        Box::new(|_| iced::widget::text::Style::default())
    }

    fn style(&self, class: &Self::Class<'_>) -> iced::widget::text::Style {
        class(self)
    }
}

impl scrollable::Catalog for Theme {
    type Class<'a> = scrollable::StyleFn<'a, Self>;

    fn default<'a>() -> Self::Class<'a> {
        Box::new(|theme: &Theme, status| scrollable::default(&theme.base, status))
    }

    fn style(&self, class: &Self::Class<'_>, status: scrollable::Status) -> scrollable::Style {
        class(self, status)
    }
}

impl text_input::Catalog for Theme {
    type Class<'a> = text_input::StyleFn<'a, Self>;

    fn default<'a>() -> Self::Class<'a> {
        Box::new(|theme: &Theme, status| text_input::default(&theme.base, status))
    }

    fn style(&self, class: &Self::Class<'_>, status: text_input::Status) -> text_input::Style {
        class(self, status)
    }
}

impl text_editor::Catalog for Theme {
    type Class<'a> = text_editor::StyleFn<'a, Self>;

    fn default<'a>() -> Self::Class<'a> {
        Box::new(|theme: &Theme, status| text_editor::default(&theme.base, status))
    }

    fn style(&self, class: &Self::Class<'_>, status: text_editor::Status) -> text_editor::Style {
        class(self, status)
    }
}

fn palette(theme: &Theme) -> Colors {
    theme.colors
}

/// The palette of one of this module's themes (for canvas drawing).
pub fn colors_of(theme: &Theme) -> Colors {
    theme.colors
}

#[cfg(test)]
mod tests;
