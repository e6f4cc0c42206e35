//! User Timing around the operations with a time budget (autosave, exports), so a benchmark
//! can read them with `performance.getEntriesByName` without any instrumentation of its own.

/// Runs `f` and records its duration as a `performance.measure` named `name`.
pub fn measure<T>(name: &'static str, f: impl FnOnce() -> T) -> T {
    let done = span(name);
    let out = f();
    done();
    out
}

/// Starts timing something that ends later (a job in the worker); the returned function
/// records it as a `performance.measure` named `name` when called.
pub fn span(name: &'static str) -> impl FnOnce() {
    thread_local!(static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) });
    let n = NEXT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    // Marks of their own, so spans that overlap do not measure each other.
    let (start, end) = (format!("{name}:start:{n}"), format!("{name}:end:{n}"));
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    move || {
        if let Some(p) = perf {
            let _ = p.mark(&end);
            // Kept to the last few hundred, so a long shift does not grow the buffer without end.
            if p.get_entries_by_name(name).length() > 500 {
                p.clear_measures_with_measure_name(name);
            }
            let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
            p.clear_marks_with_mark_name(&start);
            p.clear_marks_with_mark_name(&end);
        }
    }
}
