//! The candidate bar in 长辈模式 (#25): every candidate at its natural width, the ones
//! that do not fit on the next page, ‹ › always there when there is more, nothing
//! committed that was not shown whole; the composition in the field itself.

use crate::flows::type_keys;
use crate::layout::{SIZES, see};
use crate::{Kiosk, LANDSCAPE};
use iced::Rectangle;
use relay_core::ime::{Composer, Dictionary, Lm};

const SENTENCE: &str = "woxiangyaoyifuxindelaobaoshoutao";

fn elder_wish_keyboard() -> Kiosk {
    // The sentence model loads in the background; wait for it so candidates are final.
    Lm::shared();
    let mut k = Kiosk::new();
    k.tap("长辈模式");
    k.tap("许个微心愿");
    k.tap("工作装备");
    k.tap("下一步 ›");
    k.tap("点这里用键盘写，或者点下面的例子再改一改");
    type_keys(&mut k, SENTENCE);
    k
}

/// What the engine offers for the sentence, in order.
fn offered() -> Vec<String> {
    Lm::shared();
    let mut c = Composer::new();
    for ch in SENTENCE.chars() {
        c.push(ch);
    }
    c.candidates(Dictionary::shared())
        .into_iter()
        .map(|c| c.text)
        .collect()
}

/// The candidate buttons on screen at `size`: (bounds, text drawn).
fn bar(k: &Kiosk, size: iced::Size, offered: &[String]) -> Vec<(Rectangle, String)> {
    see(k, size)
        .controls
        .into_iter()
        .filter_map(|c| {
            let text = c.texts.first()?.1.clone();
            let whole = text.trim_end_matches('…');
            offered
                .iter()
                .any(|o| o.starts_with(whole) && !whole.is_empty())
                .then_some((c.bounds, text))
        })
        .collect()
}

#[test]
fn every_candidate_is_shown_whole_on_some_page_and_paging_commits_nothing() {
    let offered = offered();
    assert!(offered.len() > 4, "{offered:?}");
    for size in SIZES {
        let mut k = elder_wish_keyboard();
        let window = Rectangle::new(iced::Point::ORIGIN, size);
        let mut seen: Vec<String> = Vec::new();
        for _page in 0..offered.len() {
            let on_page = bar(&k, size, &offered);
            assert!(!on_page.is_empty(), "{size:?}: a page without candidates");
            for (b, text) in &on_page {
                assert!(
                    b.width >= 64.0 * 1.4 - 0.5 && b.height >= 64.0 * 1.4 - 0.5,
                    "{size:?}: {text} is {}×{}",
                    b.width,
                    b.height
                );
                assert!(
                    b.x >= 0.0 && b.x + b.width <= window.width + 0.5,
                    "{size:?}: {text} is not wholly on screen"
                );
                seen.push(text.clone());
            }
            // The pager is there while there is more, and paging types nothing.
            if k.tap_counts_at(size, "›") == 0 {
                break;
            }
            assert!(
                k.shows("0 / 100 字"),
                "{size:?}: paging put something in the field"
            );
        }
        assert_eq!(seen.len(), offered.len(), "{size:?}: {seen:?}");
        for (shown, offered) in seen.iter().zip(&offered) {
            // Whole, or a long one shortened with … that still starts as it does.
            let whole = shown.trim_end_matches('…');
            assert!(
                shown == offered || (shown.ends_with('…') && offered.starts_with(whole)),
                "{size:?}: {shown} shown for {offered}"
            );
            assert!(whole.chars().count() >= 4.min(offered.chars().count()));
        }
    }
}

#[test]
fn the_field_shows_the_whole_composition_and_the_bar_the_end_of_the_letters() {
    let mut k = elder_wish_keyboard();
    // (The field draws the composition as rich text, which the simulator cannot read:
    // the snapshot `wish_keyboard_composing_elder` shows it.)
    // The end of the pinyin, where the finger is, not its start.
    let texts = k.texts(crate::PORTRAIT);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with('…') && t.ends_with("tao")),
        "{texts:?}"
    );
    // 空格 commits exactly what the field showed.
    k.tap("空格");
    assert!(k.shows("11 / 100 字"), "{:?}", k.texts(LANDSCAPE));
    assert!(
        k.shows("我想要一副新的劳保手套▏"),
        "{:?}",
        k.texts(LANDSCAPE)
    );
}

#[test]
fn snapshot_wish_keyboard_composing_elder() {
    let k = elder_wish_keyboard();
    crate::snapshots::check(&k, "wish-keyboard-composing-elder", LANDSCAPE);
    crate::snapshots::check(
        &k,
        "wish-keyboard-composing-elder-portrait",
        crate::PORTRAIT,
    );
}
