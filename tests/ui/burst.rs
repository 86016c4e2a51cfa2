//! Typing fast on the on-screen keyboard (issue #18): every letter of a burst lands, in
//! order, once, each in its own frame; a doubled or held-down press types once.

use crate::{Kiosk, LANDSCAPE};
use iced::{Event, mouse};
use relay_kiosk::app::Message;

const SEARCH: &str = "点这里找书：书名、作者、拼音首字母都行";

fn typing() -> Kiosk {
    let mut k = Kiosk::new();
    k.tap("阅读角");
    k.tap(SEARCH);
    k
}

/// Where the key `label` is, and the messages of `events` sent there in one frame.
fn press(k: &mut Kiosk, label: &str, events: &[Event]) {
    let messages: Vec<Message> = {
        let mut ui = k.sim(LANDSCAPE);
        let at = ui.find(label).unwrap().bounds().center();
        ui.point_at(at);
        let mut all = vec![Event::Mouse(mouse::Event::CursorMoved { position: at })];
        all.extend_from_slice(events);
        ui.simulate(all);
        ui.into_messages().collect()
    };
    for m in messages {
        k.send(m);
    }
}

/// The search field's text without its (blinking) cursor.
fn field(text: &str) -> &str {
    text.trim_end_matches('▏')
}

const PRESSED: Event = Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left));
const RELEASED: Event = Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left));

#[test]
fn ten_letters_in_one_second_each_show_in_order_in_their_own_frame() {
    let mut k = typing();
    let word = "shenghuoji"; // 生活技 …: ten letters, a tenth of a second apart
    let mut before = k.texts(LANDSCAPE);
    for (i, letter) in word.char_indices() {
        k.tap(&letter.to_string());
        if i == 4 {
            // The clock's tick falls in the middle of the burst.
            k.wait(1);
        }
        let typed = &word[..i + letter.len_utf8()];
        let now = k.texts(LANDSCAPE);
        assert!(
            now.iter().any(|t| field(t) == typed),
            "after {letter:?} the field shows {typed:?}: {now:?}"
        );
        assert_ne!(
            before, now,
            "the screen answered {letter:?} in its own frame"
        );
        // The candidate bar answers the letters so far: it shows what it offers for
        // them (a long input by its end, `…ng'huo'j`).
        assert!(
            now.iter().any(|t| {
                let t = t.replace('\'', "");
                t == typed || t.strip_prefix('…').is_some_and(|end| typed.ends_with(end))
            }),
            "the candidate bar spells {typed:?}: {now:?}"
        );
        before = now;
    }
}

#[test]
fn a_doubled_or_held_press_types_once() {
    let mut k = typing();
    k.tap("s");
    let shows = |k: &Kiosk, typed: &str| k.texts(LANDSCAPE).iter().any(|t| field(t) == typed);
    // Two presses and one release, as a shaky finger or a bouncing touch panel sends.
    press(&mut k, "h", &[PRESSED, PRESSED, RELEASED]);
    assert!(shows(&k, "sh"), "typed once: {:?}", k.texts(LANDSCAPE));
    // Held down while the cursor rests there, then let go: once more, not repeated.
    let on_i = Event::Mouse(mouse::Event::CursorMoved {
        position: k.sim(LANDSCAPE).find("i").unwrap().bounds().center(),
    });
    press(
        &mut k,
        "i",
        &[PRESSED, on_i.clone(), on_i.clone(), on_i, RELEASED],
    );
    assert!(
        shows(&k, "shi"),
        "held, not repeated: {:?}",
        k.texts(LANDSCAPE)
    );
    // A press that slides off the key and is let go elsewhere types nothing.
    let away = Event::Mouse(mouse::Event::CursorMoved {
        position: iced::Point::new(960.0, 300.0),
    });
    press(&mut k, "u", &[PRESSED, away, RELEASED]);
    assert!(shows(&k, "shi"), "nothing typed off the key");
}
