//! Sizes: [`Ui`] answers every text size, target, gap and fixed width of a frame
//! (elder mode scales them), and the few fixed lengths all screens share.

use relay_core::season::Season;

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
    /// A fixed width that grows with elder mode.
    pub fn s_width(&self, px: f32) -> f32 {
        (px * self.scale).round()
    }

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
        // Elder mode's clock grows less than its words: at 1920×1080 the room it leaves
        // on home is a notice's row.
        self.s(if self.compact() {
            64.0
        } else if self.elder() {
            80.0
        } else {
            104.0
        })
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
