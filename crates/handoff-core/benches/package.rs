//! Export and import of the budget's large case (1,000 indicators, 500 timeline entries).
//! Budget: each under 5 ms (BENCHMARKS.md).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use handoff_core::fixtures::large_case;
use handoff_core::package::{import, to_json, to_markdown, ExportOptions};
use handoff_core::rules::report_check::check;

fn bench(c: &mut Criterion) {
    let case = large_case();
    let json = to_json(&case);
    c.bench_function("export JSON (1000 indicators, 500 timeline)", |b| {
        b.iter(|| to_json(black_box(&case)))
    });
    c.bench_function("export Markdown (1000 indicators, 500 timeline)", |b| {
        b.iter(|| to_markdown(black_box(&case), &ExportOptions::default()))
    });
    c.bench_function("import JSON (1000 indicators, 500 timeline)", |b| {
        b.iter(|| import(black_box(json.as_bytes())))
    });
    c.bench_function("report check (1000 indicators, 500 timeline)", |b| {
        b.iter(|| check(black_box(&case)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
