//! The reading corner with 100,000 books. Run with `cargo bench --bench books`.
//!
//! - `book_search/<kind>`: the whole query typed one letter at a time (each iteration
//!   runs every keystroke's search); before criterion runs, every keystroke of every
//!   kind is also timed on its own and p50/p99/max per keystroke are printed.
//! - `catalog_load_100k`: `Catalog::load` from the store (the kiosk does it on the store
//!   thread at start and when the `books` revision moves). Its heap size, and the
//!   resident memory it adds, are printed.
//!
//! - `reading_view/<page>`: the reading corner's screen with the 100k books in the store,
//!   at 1920×1080: `view` (what the app builds each frame) and `view+layout` (the
//!   element tree built and laid out by iced's `UserInterface`, everything a frame does
//!   but draw), for the front page, a category's grid (~12,000 books), the results of
//!   a search as typed, all the results of a search, and a book's page.
//!
//! The 100k store is generated once (`books::generate`) under `target/` and reused.

use chrono::Utc;
use criterion::{Criterion, criterion_group};
use relay_core::books::{Catalog, generate};
use relay_core::config::Config;
use relay_core::store::{DB_FILE, Store};
use relay_kiosk::app::{App, Message};
use relay_kiosk::screen::home;
use relay_kiosk::theme;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const BOOKS: usize = 100_000;

/// Queries as a rider types them; each kind is typed one character at a time.
const KINDS: [(&str, &str); 8] = [
    ("chinese_substring", "交通安全"),
    ("one_char", "书"),
    ("initials", "hlm"),
    ("initials_long", "jtaq"),
    ("full_pinyin", "zhongguo"),
    ("full_pinyin_apostrophe", "zhong'guo'ren"),
    ("isbn_tail", "80417"),
    ("latin", "Python"),
];

fn store_path() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-books-100k");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(DB_FILE);
    let ready = Store::open(&path)
        .and_then(|s| s.books_count())
        .is_ok_and(|n| n == BOOKS);
    if !ready {
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path).unwrap();
        let started = Instant::now();
        generate::fill(&mut store, BOOKS, Utc::now()).unwrap();
        eprintln!("generated {BOOKS} books in {:.1?}", started.elapsed());
    }
    path
}

/// Prefixes of `query`, one more character each.
fn keystrokes(query: &str) -> Vec<&str> {
    query
        .char_indices()
        .map(|(i, c)| &query[..i + c.len_utf8()])
        .collect()
}

fn resident_kb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4)
}

fn percentiles(catalog: &Catalog) {
    for (kind, query) in KINDS {
        let mut samples: Vec<Duration> = Vec::new();
        let mut results = 0;
        for _ in 0..40 {
            for q in keystrokes(query) {
                let t = Instant::now();
                let found = black_box(catalog.search(q));
                samples.push(t.elapsed());
                results = found.len();
            }
        }
        samples.sort_unstable();
        let at = |p: f64| samples[((samples.len() - 1) as f64 * p) as usize];
        println!(
            "per keystroke {kind:24} p50 {:>9.2?}  p99 {:>9.2?}  max {:>9.2?}  ({results} results for {query:?})",
            at(0.5),
            at(0.99),
            samples[samples.len() - 1]
        );
    }
}

fn books(c: &mut Criterion) {
    let path = store_path();
    let store = Store::open(&path).unwrap();
    let now = Utc::now();
    let before = resident_kb();
    let started = Instant::now();
    let catalog = Catalog::load(&store, now).unwrap();
    let took = started.elapsed();
    let after = resident_kb();
    println!(
        "catalog: {} books, heap {:.1} MB, resident +{:.1} MB, first load {took:.0?}",
        catalog.len(),
        catalog.heap_bytes() as f64 / 1_048_576.0,
        after.saturating_sub(before) as f64 / 1024.0
    );
    percentiles(&catalog);

    let mut group = c.benchmark_group("book_search");
    for (kind, query) in KINDS {
        let strokes = keystrokes(query);
        group.bench_function(kind, |b| {
            b.iter(|| {
                for q in &strokes {
                    black_box(catalog.search(q));
                }
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("catalog");
    group.sample_size(10);
    group.bench_function("catalog_load_100k", |b| {
        b.iter(|| black_box(Catalog::load(&store, now).unwrap()))
    });
    group.finish();
}

/// Runs a task the app returned to its end, delivering what it produces (as iced's
/// runtime would; the store thread wakes this one).
fn settle(app: &mut App, task: iced::Task<Message>) {
    use iced_test::futures::futures::StreamExt;
    use iced_test::runtime::{Action, task};
    let mut pending = vec![task];
    while let Some(t) = pending.pop() {
        let Some(mut stream) = task::into_stream(t) else {
            continue;
        };
        while let Some(action) = iced_test::futures::futures::executor::block_on(stream.next()) {
            if let Action::Output(m) = action {
                pending.push(app.update(m));
            }
        }
    }
}

fn send(app: &mut App, message: Message) {
    let task = app.update(message);
    settle(app, task);
}

fn reading_view(c: &mut Criterion) {
    use iced_test::core::renderer::Headless;
    use iced_test::runtime::user_interface::{Cache, UserInterface};
    use relay_kiosk::screen::reading::Message as R;
    use relay_kiosk::widget::keyboard::Message as K;

    // The kiosk on a copy of the 100k store, its catalogue read as at start.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(store_path(), dir.path().join(DB_FILE)).unwrap();
    let store = Store::open(&dir.path().join(DB_FILE)).unwrap();
    let now = chrono::Local::now();
    let mut app = App::boot(store, Config::default(), now);
    send(&mut app, Message::Tick(now, std::time::Instant::now()));
    let books = app.board().catalog().map_or(0, |c| c.len());
    assert_eq!(books, BOOKS, "the catalogue is read");
    send(&mut app, Message::Home(home::Message::OpenReading));

    theme::install_fonts();
    let size = iced::Size::new(1920.0, 1080.0);
    let mut renderer = iced_test::futures::futures::executor::block_on(
        <iced::Renderer as Headless>::new(theme::FONT, iced::Pixels(16.0), None),
    )
    .expect("a headless renderer");
    let mut cache = Cache::default();

    let mut group = c.benchmark_group("reading_view");
    group.sample_size(20);
    let mut measure = |group: &mut criterion::BenchmarkGroup<'_, _>, app: &App, page: &str| {
        group.bench_function(format!("{page}/view"), |b| {
            b.iter(|| black_box(app.view_sized(size)))
        });
        group.bench_function(format!("{page}/view+layout"), |b| {
            b.iter(|| {
                let ui = UserInterface::build(
                    app.view_sized(size),
                    size,
                    std::mem::take(&mut cache),
                    &mut renderer,
                );
                cache = ui.into_cache();
            })
        });
    };
    measure(&mut group, &app, "front");
    let biggest = app
        .board()
        .catalog()
        .unwrap()
        .categories()
        .iter()
        .max_by_key(|c| c.books)
        .map(|c| c.id)
        .unwrap();
    send(&mut app, Message::Reading(R::Category(biggest)));
    measure(&mut group, &app, "category");
    send(&mut app, Message::Reading(R::Back));
    send(&mut app, Message::Reading(R::Type));
    for letter in "zhongguo".chars() {
        send(&mut app, Message::Reading(R::Keyboard(K::Letter(letter))));
    }
    measure(&mut group, &app, "typing");
    send(&mut app, Message::Reading(R::Keyboard(K::Done)));
    measure(&mut group, &app, "results");
    let first = app.board().catalog().unwrap().search("zhongguo")[0];
    send(&mut app, Message::Reading(R::Open(first)));
    measure(&mut group, &app, "book");
    group.finish();
}

criterion_group!(benches, books, reading_view);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
