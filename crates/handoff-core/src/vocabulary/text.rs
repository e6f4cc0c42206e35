//! Small text helpers shared by the rules and the exporters.

/// A field counts as written only when it has something other than white space.
pub fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Folds every run of white space (newlines included) into one space, for one-line contexts
/// such as table cells and chat lines.
pub fn one_line(s: &str) -> String {
    if is_one_line(s.as_bytes()) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `s` is one line as [`one_line`] writes it: ASCII, single spaces, none at either end. Most
/// text is; checked bytewise, since the exporter runs it over every value.
fn is_one_line(b: &[u8]) -> bool {
    let mut after_space = true;
    for &c in b {
        match c {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x80.. => return false,
            _ => after_space = false,
        }
    }
    !after_space || b.is_empty()
}

/// Cuts `s` to at most `max_chars` characters, ending with an ellipsis when it cut.
pub fn truncate_chars(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        None => s.to_owned(),
        Some((end, _)) => {
            let mut out = s[..end].trim_end().to_owned();
            out.push('…');
            out
        }
    }
}

/// A byte count in megabytes with one decimal ("5.0 MB"), without floating point (whose
/// formatting code is large in wasm).
pub fn megabytes(bytes: usize) -> String {
    const MB: u64 = 1024 * 1024;
    let tenths = (bytes as u64 * 10 + MB / 2) / MB;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    #[test]
    fn megabytes_round_to_one_decimal() {
        assert_eq!(super::megabytes(5 * 1024 * 1024 + 1), "5.0 MB");
        assert_eq!(super::megabytes(52_428_800), "50.0 MB");
        assert_eq!(super::megabytes(1_572_864), "1.5 MB");
        assert_eq!(super::megabytes(0), "0.0 MB");
    }

    use super::*;

    #[test]
    fn one_line_folds_newlines_and_runs_of_spaces() {
        assert_eq!(one_line("  a\n\tb   c \r\n"), "a b c");
    }

    #[test]
    fn truncate_respects_char_boundaries() {
        assert_eq!(truncate_chars("héllo wörld", 5), "héllo…");
        assert_eq!(truncate_chars("short", 10), "short");
    }
}
