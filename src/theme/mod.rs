//! Every colour, size and spacing of the kiosk. Screens ask [`Ui`] for sizes and use
//! the style functions here; nothing else picks a colour or a number of pixels.

use iced::border::Radius;
use iced::font::Weight;
use iced::widget::{button, container, scrollable, text_editor, text_input};
use iced::{Background, Border, Color, Font, Shadow, color};
use relay_core::season::Season;

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

/// Elder mode (长辈模式) scales text and targets by this much.
pub const ELDER_SCALE: f32 = 1.4;

/// Sizes and layout facts for one frame: elder mode, orientation, season.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ui {
    pub scale: f32,
    pub portrait: bool,
    pub season: Season,
    /// Width of the window in logical pixels.
    pub width: f32,
    /// Height of the window in logical pixels.
    pub height: f32,
}

impl Ui {
    pub fn new(elder: bool, season: Season, width: f32, height: f32) -> Ui {
        Ui {
            scale: if elder { ELDER_SCALE } else { 1.0 },
            portrait: height > width,
            season,
            width,
            height,
        }
    }

    pub fn elder(&self) -> bool {
        self.scale > 1.0
    }

    /// Whether the window is narrow (1280 wide or less, or portrait).
    pub fn compact(&self) -> bool {
        self.portrait || self.width < 1400.0
    }

    fn s(&self, px: f32) -> f32 {
        (px * self.scale).round()
    }

    /// The smallest text anywhere: English subtitles, hints.
    pub fn small(&self) -> f32 {
        self.s(22.0)
    }
    pub fn body(&self) -> f32 {
        self.s(26.0)
    }
    pub fn label(&self) -> f32 {
        self.s(30.0)
    }
    pub fn heading(&self) -> f32 {
        self.s(38.0)
    }
    pub fn title(&self) -> f32 {
        self.s(46.0)
    }
    pub fn clock(&self) -> f32 {
        self.s(if self.compact() { 64.0 } else { 104.0 })
    }
    pub fn huge(&self) -> f32 {
        self.s(64.0)
    }

    /// Minimum height of anything tappable (≥ 64 px at scale 1).
    pub fn target(&self) -> f32 {
        self.s(76.0)
    }
    /// A key of the on-screen keyboard: a touch target, a little lower on a small panel
    /// in elder mode (still ≥ 64 × 1.4), so five rows, the field and 完成 fit 800 px.
    pub fn keyboard_key(&self) -> f32 {
        if self.compact() && self.elder() {
            (64.0 * ELDER_SCALE).ceil()
        } else {
            self.target()
        }
    }
    /// Height of primary actions and home tiles.
    pub fn primary(&self) -> f32 {
        self.s(112.0)
    }
    /// A numeric keypad key (square); smaller on a small panel in elder mode (still
    /// ≥ 64 × 1.4), so four rows and 确定 fit 800 px.
    pub fn key(&self) -> f32 {
        if self.tight() {
            (64.0 * ELDER_SCALE).ceil()
        } else {
            self.s(96.0)
        }
    }
    /// The width of a keypad with its 确定 (three keys 1.3 wide and two gaps).
    pub fn keypad_width(&self) -> f32 {
        self.key() * 3.9 + self.gap() * 2.0
    }
    /// A confirm button under a keypad: primary height, a touch target when tight.
    pub fn keypad_submit(&self) -> f32 {
        if self.tight() {
            self.target()
        } else {
            self.primary()
        }
    }
    /// Elder mode on a small panel (1280×800, 1366×768): where space runs out first.
    pub fn tight(&self) -> bool {
        self.compact() && self.elder()
    }
    /// Space between targets (≥ 12 px).
    pub fn gap(&self) -> f32 {
        self.s(16.0)
    }
    pub fn gap_small(&self) -> f32 {
        self.s(12.0)
    }
    pub fn pad(&self) -> f32 {
        self.s(if self.compact() { 24.0 } else { 32.0 })
    }
    pub fn radius(&self) -> f32 {
        self.s(18.0)
    }
    /// Width of a poster thumbnail in a notice card.
    pub fn poster_width(&self) -> f32 {
        if self.portrait { 280.0 } else { 360.0 }
    }
}

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

/// Vertical padding inside a state badge, and the smaller one of a category word.
pub const BADGE_PAD: f32 = 4.0;
pub const BADGE_PAD_SMALL: f32 = 2.0;
/// Space between lines that belong together (a title and its subtitle).
pub const LINE_GAP: f32 = 6.0;
/// Seconds a new release code stays on screen before it hides itself.
pub const CODE_SHOWN_SECS: i64 = 60;
/// Seconds a staff page says what just happened (已保存 …), and what went wrong.
pub const BANNER_SECS: i64 = 6;
pub const BANNER_FAILED_SECS: i64 = 15;
/// Room between a scrollable's content and its scrollbar.
pub const SCROLLBAR_GAP: f32 = 8.0;
/// Space between badges in a row.
pub const BADGE_GAP: f32 = 8.0;

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

impl button::Catalog for Theme {
    type Class<'a> = button::StyleFn<'a, Self>;

    fn default<'a>() -> Self::Class<'a> {
        Box::new(primary)
    }

    fn style(&self, class: &Self::Class<'_>, status: button::Status) -> button::Style {
        class(self, status)
    }
}

impl container::Catalog for Theme {
    type Class<'a> = container::StyleFn<'a, Self>;

    fn default<'a>() -> Self::Class<'a> {
        Box::new(|_| container::Style::default())
    }

    fn style(&self, class: &Self::Class<'_>) -> container::Style {
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

fn radius(px: f32) -> Radius {
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

fn mix(a: Color, b: Color, t: f32) -> Color {
    Color {
        r: a.r + (b.r - a.r) * t,
        g: a.g + (b.g - a.g) * t,
        b: a.b + (b.b - a.b) * t,
        a: a.a,
    }
}

#[cfg(test)]
mod tests;
