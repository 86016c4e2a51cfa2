//! The plan of the tap-latency bench (`tools/measure/tap.sh`): which controls it taps, in
//! which order, and where they are on each screen size. The bench drives the release
//! kiosk in a real X window and needs pixel positions; this walks the same taps in the
//! simulator, on the demo data the bench's kiosk starts with, and writes them out when
//! `TAP_BENCH_PLAN=DIR` is set. Without it, it still checks that every label is on
//! screen and that every measured cycle comes back to where it started (so the bench can
//! repeat it) and every case back to home: the test fails when a screen changes under
//! the bench.

use crate::{COMPACT, Kiosk, LANDSCAPE, PORTRAIT, STAFF_PIN};
use iced::Size;
use std::fmt::Write as _;

/// One thing the bench measures: `setup` from home (not measured), then `cycle` over and
/// over (each tap measured), then `exit` back to home.
struct Case {
    name: &'static str,
    setup: &'static [&'static str],
    cycle: &'static [&'static str],
    exit: &'static [&'static str],
}

const HOME: &str = "← 返回首页";
/// The search field's prompt; narrow screens show the short one. `|` separates labels of
/// which the first on screen is tapped.
const SEARCH: &str = "点这里找书：书名、作者、拼音首字母都行|点这里找书（书名、作者、拼音）";
const LOG_IN: &[&str] = &["工作人员", "2", "4", "6", "8", "1", "3", "确定"];

const CASES: &[Case] = &[
    Case {
        name: "home-notices",
        setup: &[],
        cycle: &["公告通知（7）", HOME],
        exit: &[],
    },
    Case {
        name: "home-charging",
        setup: &[],
        cycle: &["手机充电", HOME],
        exit: &[],
    },
    Case {
        name: "home-wishes",
        setup: &[],
        cycle: &["微心愿", HOME],
        exit: &[],
    },
    Case {
        name: "home-reading",
        setup: &[],
        cycle: &["阅读角", HOME],
        exit: &[],
    },
    Case {
        name: "home-wish-form",
        setup: &[],
        cycle: &["许个微心愿", HOME],
        exit: &[],
    },
    Case {
        name: "home-suggestion",
        setup: &[],
        cycle: &["提个建议", HOME],
        exit: &[],
    },
    Case {
        name: "home-staff-pin",
        setup: &[],
        cycle: &["工作人员", HOME],
        exit: &[],
    },
    Case {
        name: "keyboard-letter-delete",
        setup: &["阅读角", SEARCH],
        cycle: &["l", "删除"],
        exit: &["完成", HOME],
    },
    Case {
        name: "charging-next-page",
        setup: &["手机充电"],
        cycle: &["下一页 ›", "‹ 上一页"],
        exit: &[HOME],
    },
    Case {
        name: "wishes-next-page",
        setup: &["微心愿"],
        cycle: &["下一页 ›", "‹ 上一页"],
        exit: &[HOME],
    },
    Case {
        name: "open-book",
        setup: &["阅读角", "文学小说"],
        cycle: &["白鹿原", "‹ 返回"],
        exit: &[HOME],
    },
    Case {
        name: "staff-menu",
        setup: LOG_IN,
        cycle: &["服务设施状态", "‹ 工作人员菜单"],
        exit: &[HOME],
    },
];

/// The screens the bench runs on: (name, size, elder mode).
const CONFIGS: &[(&str, Size, bool)] = &[
    ("1920x1080", LANDSCAPE, false),
    ("1280x800-elder", COMPACT, true),
    ("1080x1920", PORTRAIT, false),
];

/// Slots the bench adds to the demo's 10 (C1…C40), so that the charging grid has a 下一页
/// on every screen. `tools/measure/tap.sh` adds the same with the CLI.
const BENCH_SLOTS: usize = 40;

/// The kiosk the bench starts: the demo, the staff PIN, and `BENCH_SLOTS` more slots.
fn bench_kiosk() -> Kiosk {
    let mut k = Kiosk::new();
    crate::scenarios::add_slots(&mut k, BENCH_SLOTS);
    k
}

/// Taps the first of `labels` (`|` between them) on screen at `size`; returns the point
/// tapped and the label.
fn tap<'a>(k: &mut Kiosk, size: Size, labels: &'a str, case: &str) -> (iced::Point, &'a str) {
    let (label, at) = labels
        .split('|')
        .find_map(|label| {
            let at = k.sim(size).find(label).ok()?.bounds().center();
            Some((label, at))
        })
        .unwrap_or_else(|| panic!("{case}: {labels:?} is not on screen at {size:?}"));
    k.tap_at(size, label);
    (at, label)
}

/// The plan for one screen size: `size W H`, then per case `case NAME` and one line per
/// tap, `setup|tap|exit X Y LABEL` (logical pixels; the bench runs at scale 1).
fn plan(size: Size, elder: bool) -> String {
    let mut k = bench_kiosk();
    let mut out = format!("size {} {}\n", size.width, size.height);
    if elder {
        let (at, _) = tap(&mut k, size, "长辈模式", "elder");
        writeln!(
            out,
            "case elder-mode\nsetup {} {} 长辈模式",
            at.x.round(),
            at.y.round()
        )
        .unwrap();
    }
    let home = k.texts(size);
    for case in CASES {
        writeln!(out, "case {}", case.name).unwrap();
        for (kind, labels) in [
            ("setup", case.setup),
            ("tap", case.cycle),
            ("exit", case.exit),
        ] {
            let before = k.texts(size);
            for labels in labels {
                let (at, label) = tap(&mut k, size, labels, case.name);
                writeln!(out, "{kind} {} {} {label}", at.x.round(), at.y.round()).unwrap();
            }
            if kind == "tap" {
                assert_eq!(
                    before,
                    k.texts(size),
                    "{}: one cycle must end where it began, or the bench cannot repeat it",
                    case.name
                );
            }
        }
        assert_eq!(home, k.texts(size), "{}: must end on home", case.name);
    }
    out
}

#[test]
fn the_tap_bench_plan_fits_every_screen() {
    assert_eq!(
        STAFF_PIN,
        LOG_IN[1..7].concat(),
        "the bench logs in with the tests' PIN"
    );
    let dir = std::env::var_os("TAP_BENCH_PLAN");
    for (name, size, elder) in CONFIGS {
        let plan = plan(*size, *elder);
        if let Some(dir) = &dir {
            std::fs::write(std::path::Path::new(dir).join(format!("{name}.plan")), plan).unwrap();
        }
    }
}
