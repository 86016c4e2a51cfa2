//! UI flows and snapshots in the headless iced_test simulator (one test binary: each
//! links all of iced). Snapshots render with the bundled font on tiny-skia
//! (`ICED_TEST_BACKEND` in .cargo/config.toml) and live in tests/snapshots/.
//! `UPDATE_SNAPSHOTS=1 cargo test --test ui` rewrites them; look at them after.

mod bad_data;
mod burst;
mod flows;
mod keyboard;
mod layout;
mod messages;
mod reading;
mod recovery;
mod scenarios;
mod setup;
mod snapshots;
mod tap_bench;
mod wishes;

use chrono::{DateTime, Local, TimeZone};
use iced::Task;
use iced::{Settings, Size};
use iced_test::Simulator;
use iced_test::futures::futures::StreamExt;
use iced_test::runtime::{Action, task};
use relay_core::config::Config;
use relay_core::store::{BootClock, DB_FILE, Store};
use relay_kiosk::app::{App, Message};
use relay_kiosk::theme;
use std::path::PathBuf;

pub const LANDSCAPE: Size = Size::new(1920.0, 1080.0);
pub const COMPACT: Size = Size::new(1280.0, 800.0);
pub const PORTRAIT: Size = Size::new(1080.0, 1920.0);
pub const STAFF_PIN: &str = "246813";

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
    /// The monotonic clock the ticks carry; it moves only with `wait`.
    pub mono: std::time::Instant,
    /// The store's boot clock (code waits, the staff lockout): it moves with `mono`.
    pub boot: BootClock,
    /// Store work the app started and the test has not yet let finish.
    pending: Vec<Task<Message>>,
    /// The app asked iced to exit.
    pub exited: bool,
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
        relay_core::demo::load(&mut store, &t0()).unwrap();
        store.set_staff_pin(STAFF_PIN, "test").unwrap();
        Kiosk::from_store(dir, store, config)
    }

    /// A kiosk on a store the test prepared.
    pub fn from_store(dir: tempfile::TempDir, mut store: Store, config: Config) -> Kiosk {
        // The kiosk loads these in the background; tests wait, so typing is the same
        // every run.
        relay_core::ime::Lm::shared();
        let boot = BootClock::fake();
        store.set_boot_clock(boot.clone());
        let app = App::boot(store, config, t0());
        let mut k = Kiosk {
            dir,
            app,
            now: t0(),
            mono: std::time::Instant::now(),
            boot,
            pending: Vec::new(),
            exited: false,
        };
        // The first clock tick reads what start-up leaves for the store thread (the
        // reading corner's catalogue), as the kiosk does within its first second.
        k.tick_at(t0());
        k
    }

    /// A connection of the test's own to the kiosk's store (like the CLI's), once the
    /// kiosk's store thread has done what it was sent (usage events, audit lines).
    pub fn store(&self) -> Store {
        self.app.flush();
        Store::open(&self.db()).unwrap()
    }

    /// Every text on the screen at `size`, in the order drawn.
    pub fn texts(&self, size: Size) -> Vec<String> {
        use iced_test::selector::Candidate;
        let found = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = found.clone();
        let mut ui = self.sim(size);
        let _ = ui.find(move |c: Candidate<'_>| -> Option<()> {
            if let Candidate::Text { content, .. } = c {
                sink.lock().unwrap().push(content.to_string());
            }
            None
        });
        found.lock().unwrap().clone()
    }

    /// One tick with the wall clock set to `wall` (a jump, when it is not a second on),
    /// and the monotonic clock where it is.
    pub fn tick_at(&mut self, wall: DateTime<Local>) {
        self.now = wall;
        self.send(Message::Tick(wall, self.mono));
    }

    /// Delivers `message` and lets the store work it starts finish.
    pub fn send(&mut self, message: Message) {
        self.send_no_wait(message);
        self.settle();
    }

    /// Delivers `message`, leaving the store work it starts pending.
    pub fn send_no_wait(&mut self, message: Message) {
        let task = self.app.update(message);
        self.pending.push(task);
    }

    /// Runs every pending task to its end, delivering what each produces (which may
    /// start more), as iced's runtime would.
    pub fn settle(&mut self) {
        while let Some(t) = self.pending.pop() {
            let Some(mut stream) = task::into_stream(t) else {
                continue;
            };
            while let Some(action) = block_on(stream.next()) {
                match action {
                    Action::Output(m) => {
                        let next = self.app.update(m);
                        self.pending.push(next);
                    }
                    Action::Exit => self.exited = true,
                    _ => {}
                }
            }
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join(DB_FILE)
    }

    /// Lets `n` seconds pass, one tick a second like the real clock.
    pub fn wait(&mut self, n: i64) {
        for _ in 0..n {
            self.now += secs(1);
            self.mono += std::time::Duration::from_secs(1);
            self.boot.advance(secs(1));
            self.send(Message::Tick(self.now, self.mono));
        }
    }

    pub fn sim(&self, size: Size) -> Simulator<'_, Message, theme::Theme> {
        // The fonts go into iced's global font system once, as the kiosk loads them,
        // before any test renders (`install_fonts` makes other threads wait).
        theme::install_fonts();
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
        self.tap_no_wait(size, label);
        self.settle();
    }

    /// Taps `label` and leaves the store work it starts pending (see [`Kiosk::settle`]).
    pub fn tap_no_wait(&mut self, size: Size, label: &str) {
        let messages: Vec<Message> = {
            let mut ui = self.sim(size);
            ui.click(label)
                .unwrap_or_else(|e| panic!("cannot tap {label:?}: {e}"));
            ui.into_messages().collect()
        };
        for m in messages {
            self.send_no_wait(m);
        }
    }

    /// Taps `label` and says whether anything happened (a disabled button does nothing).
    pub fn tap_counts(&mut self, label: &str) -> usize {
        self.tap_counts_at(LANDSCAPE, label)
    }

    pub fn tap_counts_at(&mut self, size: Size, label: &str) -> usize {
        let messages: Vec<Message> = {
            let mut ui = self.sim(size);
            ui.click(label).expect("label is on screen");
            ui.into_messages().collect()
        };
        let n = messages.len();
        for m in messages {
            self.send(m);
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

/// Waits for a future on this thread (the store thread wakes it).
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    use std::task::{Context, Poll, Wake, Waker};
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(std::sync::Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => std::thread::park(),
        }
    }
}
