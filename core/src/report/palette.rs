//! The report's chart colours, the same in the PDF and on the kiosk's 月度报告 page (the
//! kiosk's theme takes them from here). Each series colour keeps ≥ 4.5:1 against white,
//! so a bar's value label in it stays readable; the two series of a chart differ in
//! lightness too, for a grey-scale print.

pub type Rgb = (u8, u8, u8);

/// Visits (来访).
pub const VISITS: Rgb = (0x1d, 0x4f, 0x91);
/// Charging sessions (充电).
pub const CHARGING: Rgb = (0xc2, 0x41, 0x0c);
/// Wishes (微心愿).
pub const WISHES: Rgb = (0x1b, 0x6e, 0x2e);
/// Loans (借阅).
pub const LOANS: Rgb = (0x5b, 0x2a, 0x86);
/// Text and axis labels.
pub const TEXT: Rgb = (0x17, 0x17, 0x17);
/// Secondary text, axes.
pub const MUTED: Rgb = (0x4d, 0x4a, 0x45);
/// Grid lines and table rules.
pub const GRID: Rgb = (0xd9, 0xd4, 0xca);
/// The headline boxes' background.
pub const PANEL: Rgb = (0xf3, 0xf1, 0xec);
