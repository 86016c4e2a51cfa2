//! The wish board with 5,000 wishes in the store. Run with `cargo bench --bench wishes`.
//!
//! - `wish_board_read`: what the store thread reads when wishes change (the public
//!   board, the year's count, the staff queue, published replies).
//! - `wish_board_open`: the tap on 微心愿 (update) and the board's first `view`.
//! - `wish_board_view`: the board's `view` alone, as each frame builds it.

use chrono::{Duration, Local, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use iced::Size;
use relay_core::config::Config;
use relay_core::store::{DB_FILE, NewWish, Occupation, Store, WishKind};
use relay_kiosk::app::{App, Message};
use relay_kiosk::screen::home;
use std::hint::black_box;

const WISHES: usize = 5_000;

fn store_with_wishes(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
    relay_core::demo::load(&mut store, &Local::now()).unwrap();
    let start = Utc::now() - Duration::days(300);
    for i in 0..WISHES {
        let at = start + Duration::minutes(80 * i as i64);
        let wish = NewWish {
            kind: WishKind::ALL[i % WishKind::ALL.len()],
            text: format!("第 {i} 个心愿：想要一副防寒手套，冬天骑车手冻得握不住车把"),
            surname: "王".into(),
            occupation: Occupation::ALL[i % Occupation::ALL.len()],
            phone: format!("139{:08}", i),
        };
        let id = store.add_wish(&wish, at, "bench").unwrap().id;
        // A mix of states: most approved, many claimed, some fulfilled.
        if i % 5 != 0 {
            store.approve_wish(id, None, at, "bench").unwrap();
            if i % 3 == 0 {
                store
                    .claim_wish(id, Some("爱心人士"), "13600001111", at, "bench")
                    .unwrap();
                if i % 2 == 0 {
                    store.fulfil_wish(id, None, None, at, "bench").unwrap();
                }
            }
        }
    }
    store
}

fn wishes(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_wishes(dir.path());
    let now = Local::now();

    let reader = Store::open(&dir.path().join(DB_FILE)).unwrap();
    c.bench_function("wish_board_read", |b| {
        b.iter(|| {
            black_box(reader.public_wishes().unwrap());
            black_box(reader.wishes_fulfilled_this_year(Utc::now()).unwrap());
            black_box(reader.wishes_for_staff().unwrap());
            black_box(reader.published_suggestions().unwrap());
            black_box(reader.unanswered_suggestions().unwrap());
        })
    });
    drop(reader);

    let mut app = App::boot(store, Config::default(), now);
    eprintln!(
        "wish board: {} public wishes of {WISHES}",
        app.board().wishes.len()
    );
    let size = Size::new(1920.0, 1080.0);
    c.bench_function("wish_board_open", |b| {
        b.iter(|| {
            let _ = app.update(Message::Home(home::Message::OpenWishes));
            black_box(app.view_sized(size));
            let _ = app.update(Message::Wishes(relay_kiosk::screen::wishes::Message::Home));
        })
    });
    let _ = app.update(Message::Home(home::Message::OpenWishes));
    c.bench_function("wish_board_view", |b| {
        b.iter(|| black_box(app.view_sized(size)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = wishes
}
criterion_main!(benches);
