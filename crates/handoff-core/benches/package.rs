//! Export and import of the budget's large case (1,000 indicators, 500 timeline entries), and
//! the import of the largest package the importer accepts (5 MB). Budgets: BENCHMARKS.md.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use handoff_core::fixtures::{large_case, largest_package};
use handoff_core::package::{import, import_located, to_json, to_markdown, ExportOptions};
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
    // What the page does with a chosen file: `import_located`, the reader without paths.
    let largest = largest_package();
    c.bench_function(
        "import the largest package (5 MB), as the page reads it",
        |b| b.iter(|| import_located(black_box(largest.as_bytes()))),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
