//! The texts people type or feeders send, checked the same way at every boundary (kiosk
//! forms, CLI, feed, import): trimmed, within the length the screens are built for, and
//! without control characters, direction overrides or characters the font cannot draw
//! (emoji), which would garble the public screen or a staff terminal.

use super::{Error, Result};

/// Bidirectional overrides and isolates, which can make text read backwards.
pub(super) fn bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Trims `text` and checks it is 1–`max` characters without control characters (line
/// breaks only where `line_breaks`, as `\n`). `what` names the field in Chinese and
/// `what_en` in English, for the message.
pub(super) fn clean_text(
    text: &str,
    max: usize,
    what: &str,
    what_en: &str,
    line_breaks: bool,
) -> Result<String> {
    let text = text.replace("\r\n", "\n");
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::Invalid(format!(
            "{what}不能为空 ({what_en} is empty)"
        )));
    }
    if t.contains(['\n', '\r']) && !line_breaks {
        return Err(Error::Invalid(format!(
            "{what}请写成一段，不要换行 ({what_en} has a line break)"
        )));
    }
    if t.chars().any(|c| (c.is_control() && c != '\n') || bidi(c)) {
        return Err(Error::Invalid(format!(
            "{what}里有不能显示的字符 ({what_en} has control characters)"
        )));
    }
    crate::fonts::check_showable(t, what, what_en)?;
    if t.chars().count() > max {
        return Err(Error::Invalid(format!(
            "{what}太长，最多 {max} 个字 ({what_en} too long)"
        )));
    }
    Ok(t.to_string())
}

/// An optional text: blank means none.
pub(super) fn clean_optional(
    text: Option<&str>,
    max: usize,
    what: &str,
    what_en: &str,
) -> Result<Option<String>> {
    match text {
        Some(t) if !t.trim().is_empty() => clean_text(t, max, what, what_en, false).map(Some),
        _ => Ok(None),
    }
}

/// A short note shown on a card (an amenity's 下午补货, a slot's 进门左手第一排, a fault's
/// 接口松动): one line of at most `max` characters, blank allowed (no note).
pub(super) fn clean_note(text: &str, max: usize, what: &str, what_en: &str) -> Result<String> {
    if text.trim().is_empty() {
        return Ok(String::new());
    }
    clean_text(text, max, what, what_en, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_one_short_clean_line() {
        assert_eq!(
            clean_note("  下午补货 ", 16, "备注", "note").unwrap(),
            "下午补货"
        );
        assert_eq!(clean_note("   ", 16, "备注", "note").unwrap(), "");
        for bad in [
            "\u{1b}[2J清屏",
            "响铃\u{7}",
            "\u{202E}货补午下",
            "两行\n备注",
            "缺货😀",
            &"长".repeat(17),
        ] {
            let e = clean_note(bad, 16, "备注", "note").unwrap_err().to_string();
            assert!(e.contains("备注"), "{bad:?}: {e}");
        }
    }
}
