//! The kiosk's frame while a charging feed writes as fast as it can (like
//! `relay-kiosk slot simulate --interval-ms 0`), on a store with 14,000 past sessions.
//! Run with `cargo bench --bench frame`.
//!
//! - `ui_tick`: what the UI thread does each second (`update(Tick)`): hand the store
//!   thread a question, never wait for it.
//! - `ui_apply_changes`: taking in the answer (only the parts that changed).
//! - `ui_render_charging`: a whole frame of the charging screen at 1920×1080 (view,
//!   layout and tiny-skia drawing, as iced does it).
//! - `old_refresh_on_ui_thread`: what `update` used to do on every store change before
//!   the store thread: read the whole board on the UI thread, under the same feed.

use chrono::{Duration, Local};
use criterion::{Criterion, criterion_group, criterion_main};
use iced::Settings;
use iced_test::Simulator;
use iced_test::futures::futures::StreamExt;
use iced_test::runtime::{Action, task};
use relay_core::config::Config;
use relay_core::store::{Connector, DB_FILE, FeedState, Store};
use relay_kiosk::app::{App, Message};
use relay_kiosk::board::Board;
use relay_kiosk::theme;
use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

const SESSIONS: usize = 14_000;
const FED: [&str; 4] = ["F1", "F2", "F3", "F4"];

fn store_with_history(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
    relay_core::demo::load(&mut store, &Local::now()).unwrap();
    for label in FED {
        store
            .add_slot(label, Connector::UsbC, "", true, "bench")
            .unwrap();
    }
    let now = chrono::Utc::now();
    for i in 0..SESSIONS {
        let start = now - Duration::minutes(3 * i as i64 + 90);
        store
            .record_session(FED[i % FED.len()], start, start + Duration::minutes(45))
            .unwrap();
    }
    store
}

/// A feeder on its own connection, applying reports back to back until stopped.
fn feed(db: std::path::PathBuf, stop: Arc<AtomicBool>, count: Arc<AtomicU64>) {
    let mut store = Store::open(&db).unwrap();
    let mut on = false;
    while !stop.load(Ordering::Relaxed) {
        on = !on;
        for label in FED {
            let state = if on {
                FeedState::Charging
            } else {
                FeedState::Free
            };
            if store
                .apply_feed(label, state, "", chrono::Utc::now())
                .is_ok()
            {
                count.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    use std::task::{Context, Poll, Wake, Waker};
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => std::thread::park(),
        }
    }
}

/// The messages a task produces, as iced's runtime would deliver them.
fn outputs(t: iced::Task<Message>) -> Vec<Message> {
    let Some(mut stream) = task::into_stream(t) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while let Some(action) = block_on(stream.next()) {
        if let Action::Output(m) = action {
            out.push(m);
        }
    }
    out
}

fn frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let store = store_with_history(dir.path());
    let mut now = Local::now();
    let mut app = App::boot(store, Config::default(), now);
    let stop = Arc::new(AtomicBool::new(false));
    let count = Arc::new(AtomicU64::new(0));
    let feeder = {
        let (db, stop, count) = (db.clone(), stop.clone(), count.clone());
        std::thread::spawn(move || feed(db, stop, count))
    };
    let started = Instant::now();

    // The charging screen is in front, as when a rider watches for a free slot.
    let _ = app.update(Message::Home(
        relay_kiosk::screen::home::Message::OpenCharging,
    ));

    c.bench_function("ui_tick", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                now += Duration::seconds(1);
                let t0 = Instant::now();
                let task = app.update(Message::Tick(now, Instant::now()));
                spent += t0.elapsed();
                // The answer arrives later, off the clock (iced polls it).
                for m in outputs(task) {
                    let _ = app.update(m);
                }
            }
            spent
        })
    });

    c.bench_function("ui_apply_changes", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                now += Duration::seconds(1);
                for m in outputs(app.update(Message::Tick(now, Instant::now()))) {
                    let t0 = Instant::now();
                    let _ = black_box(app.update(m));
                    spent += t0.elapsed();
                }
            }
            spent
        })
    });

    let settings = Settings {
        fonts: vec![
            theme::FONT_REGULAR_BYTES.into(),
            theme::FONT_BOLD_BYTES.into(),
        ],
        default_font: theme::FONT,
        ..Settings::default()
    };
    let _ = Simulator::<()>::with_size(settings.clone(), (8.0, 8.0), iced::widget::text("字"));
    c.bench_function("ui_render_charging", |b| {
        b.iter(|| {
            let mut ui = Simulator::with_size(settings.clone(), (1920.0, 1080.0), app.view());
            black_box(ui.snapshot(&app.theme()).unwrap())
        })
    });

    let mut reader = Store::open(&db).unwrap();
    c.bench_function("old_refresh_on_ui_thread", |b| {
        b.iter(|| black_box(Board::load(&mut reader, Local::now()).unwrap()))
    });

    stop.store(true, Ordering::Relaxed);
    feeder.join().unwrap();
    eprintln!(
        "feed: {} reports applied in {:.1} s ({:.0} a second) while measuring",
        count.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64(),
        count.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = frame
}
criterion_main!(benches);
