//! The reading corner with 100,000 books. Run with `cargo bench --bench books`.
//!
//! - `book_search/<kind>`: the whole query typed one letter at a time (each iteration
//!   runs every keystroke's search); before criterion runs, every keystroke of every
//!   kind is also timed on its own and p50/p99/max per keystroke are printed.
//! - `catalog_load_100k`: `Catalog::load` from the store (the kiosk does it on the store
//!   thread at start and when the `books` revision moves). Its heap size, and the
//!   resident memory it adds, are printed.
//!
//! The 100k store is generated once (`books::generate`) under `target/` and reused.

use chrono::Utc;
use criterion::{Criterion, criterion_group};
use relay_kiosk::books::{Catalog, generate};
use relay_kiosk::store::{DB_FILE, Store};
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

criterion_group!(benches, books);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
