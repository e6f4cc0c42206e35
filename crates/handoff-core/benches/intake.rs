//! Reading a pasted alert, in the worker: the corpus's largest JSON alert, a mail's headers,
//! and a paste at the size limit (1 MiB of key=value log lines).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use handoff_core::intake::read;
use handoff_core::vocabulary::limits::MAX_RAW_ALERT_BYTES;

fn sample(name: &str) -> String {
    let path = format!("{}/tests/intake/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn bench(c: &mut Criterion) {
    let defender = sample("defender-xdr-alert.json");
    let mail = sample("email-phish-headers.txt");
    let line = sample("kv-fortigate.log");
    let line = line.lines().next().unwrap_or_default();
    let mut big = String::new();
    while big.len() + line.len() < MAX_RAW_ALERT_BYTES {
        big.push_str(line);
        big.push('\n');
    }
    c.bench_function("read a Defender XDR alert", |b| {
        b.iter(|| read(black_box(&defender)))
    });
    c.bench_function("read e-mail headers", |b| b.iter(|| read(black_box(&mail))));
    let mut g = c.benchmark_group("at the size limit");
    g.sample_size(10);
    g.bench_function("read 1 MiB of key=value lines", |b| {
        b.iter(|| read(black_box(&big)))
    });
    g.bench_function("indicators of 1 MiB of key=value lines", |b| {
        b.iter(|| handoff_core::intake::extract(black_box(&big)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
