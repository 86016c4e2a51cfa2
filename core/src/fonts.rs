//! The bundled fonts (Noto Sans CJK SC, OFL) and which characters they can show. Text
//! that will be shown on the kiosk (notices, wishes, suggestions) is checked here, so a
//! character the kiosk cannot draw is refused with a message instead of showing as a
//! box. There is no emoji font (it would double the binary): emoji are refused.

use crate::store::{Error, Result};
use std::sync::OnceLock;

/// `static`s, not `const`s: one copy of each font in the binary, at one address.
pub static FONT_REGULAR_BYTES: &[u8] =
    include_bytes!("../../assets/fonts/NotoSansCJKsc-Regular.otf");
pub static FONT_BOLD_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Bold.otf");

fn face() -> Option<&'static ttf_parser::Face<'static>> {
    static FACE: OnceLock<Option<ttf_parser::Face<'static>>> = OnceLock::new();
    FACE.get_or_init(|| ttf_parser::Face::parse(FONT_REGULAR_BYTES, 0).ok())
        .as_ref()
}

/// Characters that draw nothing: line breaks and other controls (refused elsewhere
/// where they matter), zero-width and direction marks, variation selectors.
fn draws_nothing(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{E0020}'..='\u{E007F}')
}

/// Whether the bundled font draws `c` (or it draws nothing anyway).
pub fn shows(c: char) -> bool {
    c.is_whitespace() || draws_nothing(c) || face().is_none_or(|f| f.glyph_index(c).is_some())
}

/// Pictographs, emoticons, flags and the like.
fn emoji(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'
        | '\u{2300}'..='\u{23FF}' | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}')
}

/// `Err` with a user-facing sentence when `text` holds a character the kiosk cannot
/// show. `what` names the field in Chinese and `what_en` in English.
pub fn check_showable(text: &str, what: &str, what_en: &str) -> Result<()> {
    match text.chars().find(|&c| !shows(c)) {
        None => Ok(()),
        Some(c) if emoji(c) => Err(Error::Invalid(format!(
            "{what}里不能用表情符号（终端显示不出来），请改用文字 ({what_en} has an emoji, U+{:04X})",
            c as u32
        ))),
        Some(c) => Err(Error::Invalid(format!(
            "{what}里有终端显示不了的字符“{c}”，请换一个写法 ({what_en} has a character the kiosk cannot show, U+{:04X})",
            c as u32
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_are_refused_and_chinese_is_not() {
        assert!(check_showable("冬季手套发放，凭工作证领取（每人一副）", "标题", "title").is_ok());
        assert!(check_showable("Hello, world! 123 ✓ ●", "标题", "title").is_ok());
        assert!(check_showable("零宽\u{200B}字符\n第二行", "正文", "body").is_ok());
        for text in ["天热了😀", "加油💪🏽", "🇨🇳", "👨‍👩‍👧"] {
            let err = check_showable(text, "心愿", "wish").unwrap_err();
            assert!(err.to_string().contains("表情符号"), "{text}: {err}");
        }
    }
}
