//! One small write as the kiosk makes it (a feed report on a slot: one transaction,
//! `synchronous=FULL`, checkpointed into the main file at once since #21 item 11). On a
//! real disk, not a tmpfs: the figure is mostly the fsyncs.

use criterion::{Criterion, criterion_group, criterion_main};
use relay_core::store::{Connector, DB_FILE, FeedState, Store};

fn feed_report(c: &mut Criterion) {
    // Beside the crate (a real file system), not /tmp (often tmpfs, where fsync is free).
    let dir = tempfile::tempdir_in(env!("CARGO_MANIFEST_DIR")).unwrap();
    let mut store = Store::open(&dir.path().join(DB_FILE)).unwrap();
    store
        .add_slot("B1", Connector::Battery, "", true, "bench")
        .unwrap();
    let mut group = c.benchmark_group("store_commit");
    group.sample_size(30);
    let mut n = 0u32;
    group.bench_function("feed_report", |b| {
        b.iter(|| {
            n += 1;
            let state = if n.is_multiple_of(2) {
                FeedState::Charging
            } else {
                FeedState::Free
            };
            store
                .apply_feed("B1", state, "", chrono::Utc::now())
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, feed_report);
criterion_main!(benches);
