//! Text measured without a renderer: its width, a shortened form that fits, and the
//! height it wraps to.

/// The width `words` take on one line in `size` px type: Chinese characters and
/// punctuation are a full em, other characters counted at 0.6 em (most Latin letters and
/// digits are narrower).
pub fn text_width(words: &str, size: f32) -> f32 {
    let ems: f32 = words
        .chars()
        .map(|c| match c as u32 {
            // The CJK font draws · and general punctuation (… “ ” —) a full em wide.
            0xB7 | 0x2000.. => 1.0,
            _ => 0.6,
        })
        .sum();
    ems * size
}

/// `words` as they fit one line of `room` px in `size` px type: whole, or cut with ….
pub fn shorten(words: &str, size: f32, room: f32) -> std::borrow::Cow<'_, str> {
    if text_width(words, size) <= room {
        return words.into();
    }
    let room = room - text_width("…", size);
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in words.char_indices() {
        used += text_width(c.encode_utf8(&mut [0; 4]), size);
        if used > room {
            break;
        }
        end = i + c.len_utf8();
    }
    format!("{}…", &words[..end]).into()
}

/// `words` cut to their first `max` characters with …, for a stored text that may be longer
/// than the screens are built for (written before the limit, or by hand).
pub fn clip_chars(words: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match words.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &words[..at]).into(),
        None => words.into(),
    }
}

/// `words` as they fit one line of `room` px in `size` px type: whole, or their end
/// after a leading … (the letters last typed stay in view).
pub fn shorten_start(words: &str, size: f32, room: f32) -> std::borrow::Cow<'_, str> {
    if text_width(words, size) <= room {
        return words.into();
    }
    let room = room - text_width("…", size);
    let mut used = 0.0;
    let mut start = words.len();
    for (i, c) in words.char_indices().rev() {
        used += text_width(c.encode_utf8(&mut [0; 4]), size);
        if used > room {
            break;
        }
        start = i;
    }
    format!("…{}", &words[start..]).into()
}

/// The most height `words` can take in `size` px type wrapped to `width`, at
/// `line_height` (iced's default is 1.3): [`text_width`] with a little slack for where
/// lines break.
pub fn text_height(words: &str, size: f32, width: f32, line_height: f32) -> f32 {
    let width = width.max(size);
    let lines: f32 = words
        .split('\n')
        .map(|line| (text_width(line, size) * 1.08 / width).ceil().max(1.0))
        .sum();
    (lines * size * line_height).ceil()
}
