//! Reusable pieces of the kiosk's screens, all sized by [`Ui`].

pub mod badge;
pub mod chart;
pub mod entry;
pub mod keyboard;
pub mod keypad;
pub mod mark;
pub mod press_at;
pub mod thanks;

pub use mark::{Tap, fit, marked};

mod button;
mod header;
mod measure;
mod pager;

pub use button::*;
pub use header::*;
pub use measure::*;
pub use pager::*;

/// A key of a physical keyboard, as the screens need it: a USB barcode scanner types
/// an ISBN's digits and Enter like one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Char(char),
    Enter,
    Backspace,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_keeps_what_fits_and_cuts_the_rest_with_an_ellipsis() {
        assert_eq!(shorten("红楼梦", 20.0, 60.0), "红楼梦");
        assert_eq!(shorten("哈利·波特与魔法石", 20.0, 80.0), "哈利·…");
        assert_eq!(
            text_width(&shorten("全国人大常委会", 22.0, 100.0), 22.0),
            88.0
        );
        assert_eq!(shorten("abc", 10.0, 1.0), "…");
    }

    #[test]
    fn text_height_counts_wrapped_lines() {
        // Ten characters of 20 px in 100 px: three lines (with the slack) of 26 px.
        assert_eq!(text_height("一二三四五六七八九十", 20.0, 100.0, 1.3), 78.0);
        assert_eq!(text_height("一\n二", 20.0, 100.0, 1.3), 52.0);
    }
}
