//! Small text helpers shared by the rules and the exporters.

/// A field counts as written only when it has something other than white space.
pub fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Folds every run of white space (newlines included) into one space, for one-line contexts
/// such as table cells and chat lines.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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

#[cfg(test)]
mod tests {
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
