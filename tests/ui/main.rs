//! UI flows and snapshots in the headless iced_test simulator (one test binary: each
//! links all of iced). Snapshots render with the bundled font on tiny-skia
//! (`ICED_TEST_BACKEND` in .cargo/config.toml) and live in tests/snapshots/.
//! `UPDATE_SNAPSHOTS=1 cargo test --test ui` rewrites them; look at them after.

mod flows;
mod snapshots;

use chrono::{DateTime, Local, TimeZone};
use iced::{Settings, Size};
use iced_test::Simulator;
use relay_kiosk::app::{App, Message};
use relay_kiosk::config::Config;
use relay_kiosk::store::{DB_FILE, Store};
use relay_kiosk::theme;
use std::path::PathBuf;
use std::sync::Once;

pub const LANDSCAPE: Size = Size::new(1920.0, 1080.0);
pub const COMPACT: Size = Size::new(1280.0, 800.0);
pub const PORTRAIT: Size = Size::new(1080.0, 1920.0);
pub const STAFF_PIN: &str = "2468";

/// Tuesday 15 December 2026, 10:30 local time: winter, the demo in full swing.
pub fn t0() -> DateTime<Local> {
    Local.with_ymd_and_hms(2026, 12, 15, 10, 30, 0).unwrap()
}

pub fn secs(n: i64) -> chrono::Duration {
    chrono::Duration::seconds(n)
}

/// A kiosk on a fresh temporary store with the demo loaded as of `t0()` and a staff PIN.
pub struct Kiosk {
    pub dir: tempfile::TempDir,
    pub app: App,
    pub now: DateTime<Local>,
}

impl Default for Kiosk {
    fn default() -> Self {
        Kiosk::new()
    }
}

impl Kiosk {
    pub fn new() -> Kiosk {
        Kiosk::with_config(Config::default())
    }

    pub fn with_config(config: Config) -> Kiosk {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join(DB_FILE)).unwrap();
        relay_kiosk::demo::load(&mut store, &t0()).unwrap();
        store.set_staff_pin(STAFF_PIN, "test").unwrap();
        let app = App::new(store, config, t0());
        Kiosk {
            dir,
            app,
            now: t0(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join(DB_FILE)
    }

    /// Lets `n` seconds pass, one tick a second like the real clock.
    pub fn wait(&mut self, n: i64) {
        for _ in 0..n {
            self.now += secs(1);
            let _ = self.app.update(Message::Tick(self.now));
        }
    }

    pub fn sim(&self, size: Size) -> Simulator<'_, Message> {
        // The fonts go into iced's global font system once, before any test renders:
        // `call_once` makes every other thread wait until they are loaded.
        static FONTS: Once = Once::new();
        FONTS.call_once(|| {
            let settings = Settings {
                fonts: vec![
                    theme::FONT_REGULAR_BYTES.into(),
                    theme::FONT_BOLD_BYTES.into(),
                ],
                default_font: theme::FONT,
                ..Settings::default()
            };
            let _ = Simulator::<()>::with_size(settings, (8.0, 8.0), iced::widget::text("字"));
        });
        let settings = Settings {
            default_font: theme::FONT,
            ..Settings::default()
        };
        Simulator::with_size(settings, size, self.app.view())
    }

    /// Taps the widget showing exactly `label`, then delivers what it produced.
    pub fn tap(&mut self, label: &str) {
        self.tap_at(LANDSCAPE, label);
    }

    pub fn tap_at(&mut self, size: Size, label: &str) {
        let messages: Vec<Message> = {
            let mut ui = self.sim(size);
            ui.click(label)
                .unwrap_or_else(|e| panic!("cannot tap {label:?}: {e}"));
            ui.into_messages().collect()
        };
        for m in messages {
            let _ = self.app.update(m);
        }
    }

    /// Taps `label` and says whether anything happened (a disabled button does nothing).
    pub fn tap_counts(&mut self, label: &str) -> usize {
        let messages: Vec<Message> = {
            let mut ui = self.sim(LANDSCAPE);
            ui.click(label).expect("label is on screen");
            ui.into_messages().collect()
        };
        let n = messages.len();
        for m in messages {
            let _ = self.app.update(m);
        }
        n
    }

    pub fn shows(&self, text: &str) -> bool {
        self.sim(LANDSCAPE).find(text).is_ok()
    }

    pub fn log_in(&mut self) {
        self.tap("工作人员");
        for d in STAFF_PIN.chars() {
            self.tap(&d.to_string());
        }
        self.tap("确定");
    }
}
