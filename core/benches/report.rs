//! The monthly report for a busy station (issue 19): 10,000 charging sessions, 2,000
//! loans and 300 wishes in November 2026, with history a year back for the comparisons.
//! Targets: the figures in ≤ 200 ms, the PDF in ≤ 1 s.

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use relay_core::report::{Period, Report};
use relay_core::store::{
    BookSeed, Connector, DB_FILE, NewBook, Occupation, Seed, SeedLoan, Store, Wish, WishKind,
    WishState,
};

fn tz() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

/// November 2026 (+8) and minute `m` into it, spread over the month.
fn at(m: i64) -> DateTime<Utc> {
    tz().with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .unwrap()
        .to_utc()
        + Duration::minutes(m)
}

fn busy_station() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join(DB_FILE)).unwrap();
    let month = 30 * 24 * 60;
    let mut seed = Seed::default();
    for s in 0..40 {
        seed.slots
            .push((format!("A{s}"), Connector::UsbC, String::new(), false));
    }
    // 10,000 sessions in November, 250 per slot, none overlapping; a few a year back.
    for k in 0..10_000i64 {
        let slot = k % 40;
        let start = at((k / 40) * (month / 250) + slot);
        seed.sessions.push((
            format!("A{slot}"),
            start,
            Some(start + Duration::minutes(40 + k % 60)),
        ));
    }
    for k in 0..500i64 {
        let start = at(k * 80) - Duration::days(365);
        seed.sessions.push((
            format!("A{}", k % 40),
            start,
            Some(start + Duration::minutes(50)),
        ));
    }
    let mut books = BookSeed {
        categories: vec!["文学小说".into(), "生活百科".into()],
        ..BookSeed::default()
    };
    for b in 0..400 {
        let book = NewBook {
            title: format!("书{b}"),
            author: "作者".into(),
            publisher: None,
            year: None,
            isbn: None,
            category: Some(["文学小说", "生活百科"][b % 2].into()),
            shelf: String::new(),
            copies: 10,
            summary: String::new(),
        };
        books.books.push((book, at(0) - Duration::days(400)));
    }
    for k in 0..2_000i64 {
        let lent = at(k * (month / 2_000));
        books.loans.push(SeedLoan {
            book: (k % 400) as usize,
            surname: String::new(),
            phone_tail: String::new(),
            lent,
            due_days: 30,
            returned: Some(lent + Duration::days(1 + k % 10)),
        });
    }
    seed.books = books;
    for k in 0..300i64 {
        let created = at(k * (month / 300));
        let fulfilled = k % 3 != 0;
        seed.wishes.push(Wish {
            id: 0,
            number: format!("{}", 300_000 + k),
            kind: WishKind::Daily,
            text: "想要一个保温杯".into(),
            surname: "王".into(),
            occupation: Occupation::Rider,
            phone: Some("13900000000".into()),
            state: if fulfilled {
                WishState::Fulfilled
            } else {
                WishState::Open
            },
            created_at: created,
            approved_at: Some(created + Duration::hours(5)),
            claimed_at: fulfilled.then(|| created + Duration::hours(30)),
            fulfilled_at: fulfilled.then(|| created + Duration::hours(60)),
            closed_at: None,
            decline_reason: None,
            donor: None,
            donor_phone: fulfilled.then(|| "13700000000".into()),
            thanks: None,
            has_photo: false,
            text_public: true,
        });
    }
    store.seed(&seed, "bench").unwrap();
    (dir, store)
}

fn report(c: &mut Criterion) {
    let (_dir, store) = busy_station();
    let period = Period::month(2026, 11).unwrap();
    let now = tz()
        .with_ymd_and_hms(2026, 12, 7, 9, 0, 0)
        .unwrap()
        .to_utc();
    let compute = || Report::compute(&store, "接力站", period, &tz(), now).unwrap();
    let r = compute();
    assert_eq!(r.figures.charging.sessions, 10_000);
    assert_eq!(r.figures.reading.loans, 2_000);
    assert_eq!(r.figures.wishes.received, 300);
    let mut group = c.benchmark_group("report");
    group.sample_size(20);
    group.bench_function("month_figures", |b| b.iter(compute));
    group.bench_function("month_pdf", |b| {
        b.iter(|| relay_core::report::pdf::write(&r).unwrap())
    });
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
