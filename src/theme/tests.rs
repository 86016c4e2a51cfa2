use super::*;
use iced::Color;

fn luminance(c: Color) -> f32 {
    let f = |v: f32| {
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b)
}

fn contrast(a: Color, b: Color) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every season, by day and by night.
fn every_theme() -> impl Iterator<Item = (Season, bool)> {
    [Season::Default, Season::Summer, Season::Winter]
        .into_iter()
        .flat_map(|s| [(s, false), (s, true)])
}

#[test]
fn text_contrast_is_at_least_4_5() {
    for (season, at_night) in every_theme() {
        let c = palette(&theme(season, at_night));
        assert_eq!(
            at_night,
            c.surface != Color::WHITE,
            "{season:?} night {at_night}"
        );
        for (fg, bg) in [
            (c.text, c.background),
            (c.text, c.surface),
            (c.muted, c.surface),
            (c.muted, c.background),
            (c.on_primary, c.primary),
            (c.on_primary, c.primary_dark),
            (Color::WHITE, c.banner),
            (c.primary_dark, c.surface),
        ] {
            assert!(
                contrast(fg, bg) >= 4.5,
                "{season:?} night {at_night}: {fg:?} on {bg:?}"
            );
        }
        for status in [OK, WARN, BAD, PINNED, CHARGING, FULL] {
            assert!(contrast(Color::WHITE, status) >= 4.5);
        }
        // Generated book covers: white titles on every spine colour and its band.
        for spine in SPINES {
            assert!(contrast(Color::WHITE, spine) >= 4.5, "{spine:?}");
            assert!(contrast(Color::WHITE, mix(spine, Color::BLACK, 0.3)) >= 4.5);
        }
    }
}

#[test]
fn bundled_font_covers_common_chinese() {
    for bytes in [FONT_REGULAR_BYTES, FONT_BOLD_BYTES] {
        let face = ttf_parser::Face::parse(bytes, 0).expect("font parses");
        // The unified block holds all but about 200 of 通用规范汉字表's 8105 characters.
        let missing: Vec<char> = ('\u{4E00}'..='\u{9FA5}')
            .filter(|&c| face.glyph_index(c).is_none())
            .collect();
        assert!(missing.is_empty(), "missing {missing:?}");
        // A sample of its rarer ones from the extension blocks (names, chemistry),
        // and the punctuation and symbols the screens use.
        for c in "𫖯𬉼𬍤𫭢𬘡𫐄𫄷𬇕𬣙𬞟𬀩𬂩𫍽𬶋𬭚𬬩𫚖𫘜𬟽𬒔𬳵𫟦𫠆，。！？、：；“”（）—…●○◆▲■✓‹›←·–"
            .chars()
        {
            assert!(face.glyph_index(c).is_some(), "missing {c}");
        }
    }
}

/// The glyphs of the words the kiosk shows lie at the front of both fonts (in a few
/// pages of the binary: README, "Memory and start-up"). Fails when new screen words
/// bring a character outside GB 2312 that the fonts were not reordered for: run
/// `tools/fonts/reorder.py` again (assets/fonts/README.md).
#[test]
fn the_words_on_screen_lie_at_the_front_of_the_fonts() {
    // The kiosk's own characters, then GB 2312's 6,763: 6,945 glyphs in all.
    const FRONT: u16 = 7_000;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![
        root.join("data/demo.toml"),
        root.join("data/demo_books.toml"),
    ];
    let mut dirs = vec![root.join("src/text")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let words: std::collections::BTreeSet<char> = files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .chars()
                .collect::<Vec<_>>()
        })
        .filter(|&c| c as u32 >= 0x2E80)
        .collect();
    assert!(words.len() > 500, "{} characters", words.len());
    for bytes in [FONT_REGULAR_BYTES, FONT_BOLD_BYTES] {
        let face = ttf_parser::Face::parse(bytes, 0).expect("font parses");
        let far: Vec<char> = words
            .iter()
            .copied()
            .filter(|&c| face.glyph_index(c).is_some_and(|g| g.0 >= FRONT))
            .collect();
        assert!(far.is_empty(), "reorder the fonts for {far:?}");
    }
}

#[test]
fn targets_and_text_meet_the_minimums() {
    for elder in [false, true] {
        let ui = Ui::new(elder, Season::Default, 1280.0, 800.0);
        assert!(ui.target() >= 64.0);
        assert!(ui.small() >= 22.0);
        assert!(ui.gap_small() >= 12.0);
    }
    let elder = Ui::new(true, Season::Default, 1920.0, 1080.0);
    assert!(elder.body() >= 26.0 * 1.4 - 1.0);
}

/// A screen's page draws no background: the window is cleared to the theme's base
/// colour already, and a window-sized quad is drawn through tiny-skia's clip mask once
/// per damage rectangle — most of a tap's CPU before issue #18. The cleared colour must
/// be opaque and the page's text colour the theme's, so the pixels stay the same.
#[test]
fn a_page_is_drawn_by_the_window_clear_not_a_quad() {
    use iced::theme::Base;
    for (season, at_night) in every_theme() {
        let t = theme(season, at_night);
        let style = page(&t);
        assert!(style.background.is_none(), "{season:?} night {at_night}");
        assert_eq!(style.text_color, Some(palette(&t).text));
        let clear = t.base().background_color;
        assert_eq!(clear, palette(&t).background);
        assert_eq!(clear.a, 1.0, "{season:?} night {at_night}");
    }
}

/// Every character in the screens' and widgets' source (their words and marks)
/// is one the bundled font draws: nothing the kiosk shows itself is a box.
#[test]
fn the_kiosk_own_words_and_marks_all_show() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![root.join("text"), root.join("screen"), root.join("widget")];
    let mut missing = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for c in text.chars().filter(|&c| !relay_core::fonts::shows(c)) {
                    missing.push(format!("{c} in {}", path.display()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{missing:?}");
}
