//! The layout audit: every screen and dialog, at every panel size, in standard and elder
//! mode, is laid out headlessly (no pixels drawn) and checked:
//!
//! - every control (anything a finger can tap) lies wholly inside the window and is at
//!   least 64 px wide and high (×1.4 in elder mode);
//! - nothing scrolls: content longer than its place pages with 上一页/下一页, so a
//!   scrollable whose content is bigger than itself fails, as does a control it hides;
//! - no label is cut off or drawn over its control's edge, and a label without spaces
//!   (Chinese: 手机充电) never wraps, since that would break it inside a word; page
//!   titles are held to the same rule;
//! - no text lies outside the window.
//!
//! Controls are found by the markers the shared button helpers put around them
//! (`relay_kiosk::widget::tap`); a screen that builds its own iced `button` wraps it
//! in `widget::marked`, or the audit cannot see it.
//!
//! Screens reached by one tap from home or from the staff menu are found by the audit
//! itself (it taps every control there), so a new screen behind a home tile or a staff
//! menu tile is audited without any change here. A deeper state (a dialog, a form's
//! later step, a keyboard open) is one entry in `scenarios.rs`: a name and the taps that
//! lead there from home.
//!
//! A failure names the screen, the size, the mode and the control by its label.

use crate::Kiosk;
use crate::scenarios::{log_in, scenarios};
use iced::{Rectangle, Size};
use iced_test::selector::Candidate;
use relay_kiosk::widget::mark::Mark;
use std::sync::{Arc, Mutex};

pub const SIZES: [Size; 4] = [
    Size::new(1280.0, 800.0),
    Size::new(1366.0, 768.0),
    Size::new(1920.0, 1080.0),
    Size::new(1080.0, 1920.0),
];

/// Rounding in layout: a pixel's fraction is not a finding.
const SLACK: f32 = 0.5;

/// A control found on screen.
#[derive(Debug, Clone)]
pub struct Control {
    pub bounds: Rectangle,
    /// The part not hidden by a scrollable around it (screen coordinates).
    pub visible: Option<Rectangle>,
    /// Its texts, in order.
    pub texts: Vec<(Rectangle, String)>,
    /// Labels measured by `widget::fit`: (text, clipped, wraps).
    pub labels: Vec<(String, bool, bool)>,
}

impl Control {
    pub fn label(&self) -> String {
        if self.texts.is_empty() {
            return "(a control without text)".into();
        }
        let all: Vec<&str> = self.texts.iter().map(|(_, s)| s.as_str()).collect();
        let mut label = all.join(" ");
        if label.chars().count() > 40 {
            label = label.chars().take(40).collect::<String>() + "…";
        }
        label
    }
}

/// What the audit sees of one screen at one size.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    pub controls: Vec<Control>,
    /// Texts outside any control.
    pub texts: Vec<(Rectangle, Option<Rectangle>, String)>,
    /// Scrollables: bounds and the bounds of their content.
    pub scrollables: Vec<(Rectangle, Rectangle)>,
    /// Labels measured by `widget::fit` outside any control (page titles): (text,
    /// clipped, wraps).
    pub labels: Vec<(String, bool, bool)>,
}

#[derive(Default)]
struct Walk {
    seen: Seen,
    open: Vec<Control>,
    label: Option<(bool, bool)>,
}

/// Walks the laid-out view of `k` at `size` (an operation: nothing is drawn).
pub fn see(k: &Kiosk, size: Size) -> Seen {
    let walk = Arc::new(Mutex::new(Walk::default()));
    let sink = walk.clone();
    let mut ui = k.sim(size);
    let _ = ui.find(move |c: Candidate<'_>| -> Option<()> {
        let mut w = sink.lock().unwrap();
        match c {
            Candidate::Custom {
                bounds,
                visible_bounds,
                state,
                ..
            } => match state.downcast_ref::<Mark>() {
                Some(Mark::Begin) => w.open.push(Control {
                    bounds,
                    visible: visible_bounds,
                    texts: Vec::new(),
                    labels: Vec::new(),
                }),
                Some(Mark::End) => {
                    let done = w.open.pop().expect("a control's end follows its start");
                    // A control inside another (a key in a card) counts on its own;
                    // its texts belong to the outer one too.
                    if let Some(outer) = w.open.last_mut() {
                        outer.texts.extend(done.texts.iter().cloned());
                    }
                    w.seen.controls.push(done);
                }
                Some(Mark::Label { clipped, wraps }) => w.label = Some((*clipped, *wraps)),
                None => {}
            },
            Candidate::Text {
                bounds,
                visible_bounds,
                content,
                ..
            } => {
                let label = w.label.take();
                if let Some(open) = w.open.last_mut() {
                    open.texts.push((bounds, content.to_string()));
                    if let Some((clipped, wraps)) = label {
                        open.labels.push((content.to_string(), clipped, wraps));
                    }
                } else {
                    if let Some((clipped, wraps)) = label {
                        w.seen.labels.push((content.to_string(), clipped, wraps));
                    }
                    w.seen
                        .texts
                        .push((bounds, visible_bounds, content.to_string()));
                }
            }
            Candidate::Focusable {
                bounds,
                visible_bounds,
                ..
            } => {
                // A text field (text_input, text_editor).
                w.seen.controls.push(Control {
                    bounds,
                    visible: visible_bounds,
                    texts: vec![(bounds, "(text field)".into())],
                    labels: Vec::new(),
                });
            }
            Candidate::Scrollable {
                bounds,
                content_bounds,
                ..
            } => w.seen.scrollables.push((bounds, content_bounds)),
            _ => {}
        }
        None
    });
    let w = walk.lock().unwrap();
    w.seen.clone()
}

fn within(inner: Rectangle, outer: Rectangle) -> bool {
    inner.x >= outer.x - SLACK
        && inner.y >= outer.y - SLACK
        && inner.x + inner.width <= outer.x + outer.width + SLACK
        && inner.y + inner.height <= outer.y + outer.height + SLACK
}

/// The audit's findings for what is on screen now, one line each.
pub fn audit(k: &Kiosk, screen: &str) -> Vec<String> {
    audit_at(k, screen, &SIZES)
}

/// The audit's findings at the given window sizes.
pub fn audit_at(k: &Kiosk, screen: &str, sizes: &[Size]) -> Vec<String> {
    let elder = k.app.elder();
    let mode = if elder { "elder" } else { "standard" };
    let min = if elder { 64.0 * 1.4 } else { 64.0 };
    let mut found = Vec::new();
    for &size in sizes {
        let seen = see(k, size);
        let window = Rectangle::new(iced::Point::ORIGIN, size);
        let at = format!("{screen} @ {}×{} {mode}", size.width, size.height);
        if let Some(dir) = std::env::var_os("AUDIT_PNG") {
            // To look at what the audit saw: AUDIT_PNG=/tmp/audit cargo test --test ui layout
            let name: String = at
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect();
            let path = std::path::Path::new(&dir).join(name);
            let shot = k.sim(size).snapshot(&k.app.theme()).unwrap();
            let _ = shot.matches_image(&path);
        }
        let mut say = |what: String| found.push(format!("{at}: {what}"));
        for c in &seen.controls {
            let label = c.label();
            let b = c.bounds;
            if b.width < 1.0 || b.height < 1.0 {
                say(format!(
                    "{label:?} is squeezed to nothing (the screen is too full)"
                ));
                continue;
            } else if c.visible.is_none_or(|v| !within(b, v)) {
                say(format!("{label:?} is hidden in a scrollable (page it)"));
            } else if !within(b, window) {
                say(format!(
                    "{label:?} is not wholly on screen ({:.0},{:.0} {:.0}×{:.0})",
                    b.x, b.y, b.width, b.height
                ));
            }
            if b.width < min - SLACK || b.height < min - SLACK {
                say(format!(
                    "{label:?} is {:.0}×{:.0}, under {min:.1} px",
                    b.width, b.height
                ));
            }
            for (tb, text) in &c.texts {
                if !within(*tb, b) {
                    say(format!("{text:?} overflows its control {label:?}"));
                }
            }
            for (text, clipped, wraps) in &c.labels {
                if *clipped {
                    say(format!("label {text:?} is cut off in {label:?}"));
                } else if *wraps && !text.contains(char::is_whitespace) {
                    say(format!("label {text:?} wraps inside a word in {label:?}"));
                }
            }
        }
        for (bounds, content) in &seen.scrollables {
            if content.height > bounds.height + 1.0 || content.width > bounds.width + 1.0 {
                say(format!(
                    "a scrollable shows {:.0} of {:.0} px: it scrolls instead of paging",
                    bounds.height, content.height
                ));
            }
        }
        for (text, clipped, wraps) in &seen.labels {
            if *clipped {
                say(format!("title {text:?} is cut off"));
            } else if *wraps && !text.contains(char::is_whitespace) {
                say(format!("title {text:?} wraps inside a word"));
            }
        }
        for (b, visible, text) in &seen.texts {
            // One hidden in a scrollable is the scrollable's finding.
            if visible.is_some_and(|v| within(*b, v)) && !within(*b, window) {
                let text: String = text.chars().take(30).collect();
                say(format!("text {text:?} is off screen"));
            }
        }
    }
    found
}

/// A fresh kiosk, in elder mode or not.
fn kiosk(elder: bool) -> Kiosk {
    let mut k = Kiosk::new();
    if elder {
        k.tap("长辈模式");
        assert!(k.app.elder());
    }
    k
}

/// The centres of the controls wholly in view on a landscape panel, with their labels.
fn targets(k: &Kiosk) -> Vec<(iced::Point, String)> {
    let window = Rectangle::new(iced::Point::ORIGIN, crate::LANDSCAPE);
    see(k, crate::LANDSCAPE)
        .controls
        .iter()
        .filter(|c| within(c.bounds, window) && c.visible.is_some_and(|v| within(c.bounds, v)))
        .map(|c| (c.bounds.center(), c.label()))
        .collect()
}

/// Taps the landscape screen at `at`, then delivers what it produced.
fn tap_point(k: &mut Kiosk, at: iced::Point) {
    let messages: Vec<_> = {
        let mut ui = k.sim(crate::LANDSCAPE);
        ui.point_at(at);
        let _ = ui.simulate(iced_test::simulator::click());
        ui.into_messages().collect()
    };
    for m in messages {
        k.send(m);
    }
}

/// Audits where `start` leads and every screen one tap away from there, in both modes.
fn tour(name: &str, start: fn(&mut Kiosk)) -> Vec<String> {
    let mut found = Vec::new();
    for elder in [false, true] {
        let mut k = kiosk(elder);
        start(&mut k);
        found.extend(audit(&k, name));
        for (at, label) in targets(&k) {
            let mut k = kiosk(elder);
            start(&mut k);
            tap_point(&mut k, at);
            found.extend(audit(&k, &format!("{name} › {label}")));
        }
    }
    found
}

/// Known problems left for later, each with its reason: (screen, where, reason). A
/// finding is excused when its screen name starts with `screen` and its line contains
/// `where` ("" for every size and mode). Keep this short; prefer fixing.
const KNOWN: &[(&str, &str, &str)] = &[];

fn report(found: Vec<String>) {
    let (excused, found): (Vec<String>, Vec<String>) = found.into_iter().partition(|line| {
        KNOWN
            .iter()
            .any(|(screen, at, _)| line.starts_with(screen) && line.contains(at))
    });
    if !excused.is_empty() {
        eprintln!("{} findings excused as known (see KNOWN)", excused.len());
    }
    // A few lines per screen and size: the first problems say what is wrong.
    let mut shown = Vec::new();
    let mut last = String::new();
    let mut same = 0;
    for line in &found {
        let at = line.split(": ").next().unwrap_or_default().to_string();
        same = if at == last { same + 1 } else { 0 };
        last = at;
        match same {
            0..5 => shown.push(line.clone()),
            5 => shown.push("  …".into()),
            _ => {}
        }
    }
    assert!(
        found.is_empty(),
        "the layout audit found {} problems:\n{}",
        found.len(),
        shown.join("\n")
    );
}

fn run(filter: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for s in scenarios().into_iter().filter(|s| filter(s.name)) {
        for elder in [false, true] {
            let mut k = kiosk(elder);
            (s.steps)(&mut k);
            found.extend(audit(&k, s.name));
        }
    }
    found
}

#[test]
fn home_and_every_screen_one_tap_away() {
    report(tour("home", |_| {}));
}

#[test]
fn every_staff_page() {
    report(tour("staff menu", log_in));
}

#[test]
fn charging_dialogs_and_idle() {
    report(run(|n| {
        n.contains("charging") || n.contains("dialog") || n == "idle warning" || n == "attract"
    }));
}

#[test]
fn staff_forms_with_the_keyboard_open() {
    report(run(|n| {
        n.starts_with("notice editor")
            || n.starts_with("slot form")
            || n.starts_with("staff station")
            || n.starts_with("staff categories")
    }));
}

#[test]
fn reading_corner_pages() {
    report(run(|n| {
        n.starts_with("reading") || n.starts_with("staff add book")
    }));
}

#[test]
fn notes_longer_than_the_screens_are_built_for() {
    report(run(|n| n.starts_with("long notes")));
}

#[test]
fn wish_and_suggestion_forms() {
    report(run(|n| {
        n.starts_with("wish") || n.starts_with("suggestion")
    }));
}

/// The audit finds what it is for: on a panel far too small, controls squeezed under
/// 64 px and pushed off screen, named with the screen, size and mode.
#[test]
fn the_audit_catches_small_and_offscreen_controls() {
    let k = Kiosk::new();
    let found = audit_at(&k, "home", &[Size::new(500.0, 300.0)]);
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("home @ 500×300 standard: ")
                && (f.contains("under 64.0 px") || f.contains("squeezed to nothing"))),
        "{found:#?}"
    );
    // A keypad on a panel too low for it: its last row squeezed out (iced squeezes
    // what does not fit a column; a row of fixed widths goes off screen instead).
    let mut k = Kiosk::new();
    k.tap("工作人员");
    let found = audit_at(&k, "staff login", &[Size::new(1280.0, 500.0)]);
    assert!(
        found.iter().any(|f| f.contains("\"确定\"")
            && (f.contains("not wholly on screen") || f.contains("squeezed"))),
        "{found:#?}"
    );
}
