//! Pretty-printed JSON output: two-space indent, `"key": value`, empty containers as `{}` and
//! `[]`, and only `"`, `\` and control characters escaped (non-ASCII text stays readable).
//! Byte for byte what serde_json's pretty printer writes, which the golden files pin.

/// Writes one JSON document into a `String`. Callers pair `begin_*`/`end_*` and call
/// [`Writer::key`] or [`Writer::item`] before each member.
#[derive(Default)]
pub struct Writer {
    out: String,
    depth: usize,
    /// No member written yet in the innermost open object or array.
    empty: bool,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn open(&mut self, c: char) {
        self.out.push(c);
        self.depth += 1;
        self.empty = true;
    }

    fn close(&mut self, c: char) {
        self.depth -= 1;
        if !self.empty {
            self.newline();
        }
        self.out.push(c);
        self.empty = false;
    }

    fn member(&mut self) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        self.newline();
    }

    pub fn begin_object(&mut self) {
        self.open('{');
    }

    pub fn end_object(&mut self) {
        self.close('}');
    }

    pub fn begin_array(&mut self) {
        self.open('[');
    }

    pub fn end_array(&mut self) {
        self.close(']');
    }

    /// Starts an object member; its value is written next.
    pub fn key(&mut self, key: &str) {
        self.member();
        self.string(key);
        self.out.push_str(": ");
    }

    /// Starts an array element; its value is written next.
    pub fn item(&mut self) {
        self.member();
    }

    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    pub fn bool(&mut self, b: bool) {
        self.out.push_str(if b { "true" } else { "false" });
    }

    pub fn u64(&mut self, n: u64) {
        self.out.push_str(&n.to_string());
    }

    pub fn string(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let esc = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&s[start..i]);
            if esc.is_empty() {
                self.out.push_str("\\u00");
                self.out.push(HEX[usize::from(b >> 4)] as char);
                self.out.push(HEX[usize::from(b & 0xf)] as char);
            } else {
                self.out.push_str(esc);
            }
            start = i + 1;
        }
        self.out.push_str(&s[start..]);
        self.out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_prints_like_serde_json() {
        let mut w = Writer::new();
        w.begin_object();
        w.key("a");
        w.begin_array();
        w.item();
        w.u64(1);
        w.item();
        w.begin_object();
        w.end_object();
        w.item();
        w.begin_array();
        w.end_array();
        w.end_array();
        w.key("b\"");
        w.string("tab\t \u{1} é \\ \u{7f}");
        w.key("c");
        w.null();
        w.key("d");
        w.bool(false);
        w.end_object();
        assert_eq!(
            w.finish(),
            "{\n  \"a\": [\n    1,\n    {},\n    []\n  ],\n  \"b\\\"\": \"tab\\t \\u0001 é \\\\ \u{7f}\",\n  \"c\": null,\n  \"d\": false\n}"
        );
    }
}
