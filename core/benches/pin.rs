//! The staff PIN check (Argon2id, 64 MiB, two passes): the kiosk's store thread does
//! one per login attempt; it should stay under 250 ms on a 2-core kiosk PC.

use criterion::{Criterion, criterion_group, criterion_main};
use relay_core::store::{DB_FILE, Store};

fn pin_check(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join(DB_FILE)).unwrap();
    store.set_staff_pin("246813", "bench").unwrap();
    let mut group = c.benchmark_group("staff_pin");
    group.sample_size(10);
    group.bench_function("check", |b| {
        b.iter(|| store.check_staff_pin("246813", chrono::Utc::now()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, pin_check);
criterion_main!(benches);
