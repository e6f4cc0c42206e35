//! User Timing around the operations with a time budget (autosave, exports), so a benchmark
//! can read them with `performance.getEntriesByName` without any instrumentation of its own.

/// Runs `f` and records its duration as a `performance.measure` named `name`.
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return f();
    };
    let (start, end) = (format!("{name}:start"), format!("{name}:end"));
    let _ = perf.mark(&start);
    let out = f();
    let _ = perf.mark(&end);
    // Kept to the last few hundred, so a long shift does not grow the buffer without end.
    if perf.get_entries_by_name(name).length() > 500 {
        perf.clear_measures_with_measure_name(name);
    }
    let _ = perf.measure_with_start_mark_and_end_mark(name, &start, &end);
    perf.clear_marks_with_mark_name(&start);
    perf.clear_marks_with_mark_name(&end);
    out
}
