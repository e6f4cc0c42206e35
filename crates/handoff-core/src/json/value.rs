//! A strict JSON parser into a small tree, with line and column for every syntax error.
//!
//! Strict where ambiguity could hide something: duplicate keys, lone surrogates and raw
//! control characters are refused, and nesting is capped so hostile depth is an error rather
//! than a stack overflow.

use std::fmt;

/// Deeper nesting than this is refused (serde_json's limit too).
pub const MAX_DEPTH: usize = 128;
/// More values than this are refused: a real package of the largest case holds a few tens of
/// thousands, and the cap keeps a hostile `[0,0,0,…]` from costing a tab a few hundred MB.
pub const MAX_VALUES: usize = 500_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number's text, checked against JSON's grammar. Kept as text because Handoff reads
    /// only whole numbers, and float parsing would add its code to the wasm for nothing.
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Keys in document order, each at most once.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value as an error message shows it: scalars themselves (shortened), containers by
    /// their kind.
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => crate::text::truncate_chars(n, 20),
            Value::String(s) => format!("\"{}\"", crate::text::truncate_chars(s, 40)),
            Value::Array(_) => "an array".to_owned(),
            Value::Object(_) => "an object".to_owned(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: &'static str,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for SyntaxError {}

/// Parses one JSON document; only white space may follow it.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        i: 0,
        values: 0,
    };
    let v = p.value(0).map_err(|(at, m)| p.error(at, m))?;
    p.skip_ws();
    if p.i < p.b.len() {
        return Err(p.error(p.i, "trailing characters after the JSON value"));
    }
    Ok(v)
}

type Fail = (usize, &'static str);

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    values: usize,
}

impl Parser<'_> {
    fn error(&self, at: usize, message: &'static str) -> SyntaxError {
        let mut at = at.min(self.b.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &self.text[..at];
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        SyntaxError {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            message,
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Fail> {
        self.skip_ws();
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err((
                self.i,
                "more than 500,000 values, far more than any package holds",
            ));
        }
        match self.b.get(self.i) {
            None => Err((self.i, "the text ends where a value should be")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err((self.i, "expected a value")),
        }
    }

    fn literal(&mut self, word: &'static str, v: Value) -> Result<Value, Fail> {
        if self.b[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            Err((self.i, "expected a value"))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.b.get(self.i) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Value, Fail> {
        let start = self.i;
        if self.b[self.i] == b'-' {
            self.i += 1;
        }
        match self.b.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err((self.i, "invalid number")),
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err((self.i, "invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.b.get(self.i) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err((self.i, "invalid number"));
            }
        }
        Ok(Value::Number(self.text[start..self.i].to_owned()))
    }

    fn hex4(&mut self) -> Result<u32, Fail> {
        let mut n = 0;
        for _ in 0..4 {
            let d = match self.b.get(self.i) {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err((self.i, "invalid \\u escape")),
            };
            n = n * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(n)
    }

    /// At the opening quote.
    fn string(&mut self) -> Result<String, Fail> {
        self.i += 1;
        let mut out = String::new();
        loop {
            // Copy the plain run in one go: the text is valid UTF-8 and the run stops only
            // at ASCII bytes, so it ends on a character boundary.
            let start = self.i;
            while let Some(&c) = self.b.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(&self.text[start..self.i]);
            match self.b.get(self.i) {
                None => return Err((self.i, "the text ends inside a string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let at = self.i;
                    self.i += 1;
                    let c = match self.b.get(self.i) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let c = self.unicode_escape(at)?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err((at, "invalid escape in a string")),
                    };
                    self.i += 1;
                    out.push(c);
                }
                Some(_) => return Err((self.i, "control character in a string: escape it")),
            }
        }
    }

    /// After `\u`; a high surrogate must be followed by `\u` and a low one.
    fn unicode_escape(&mut self, at: usize) -> Result<char, Fail> {
        let hi = self.hex4()?;
        let code = match hi {
            0xD800..=0xDBFF => {
                if !self.b[self.i..].starts_with(b"\\u") {
                    return Err((at, "lone surrogate in a \\u escape"));
                }
                self.i += 2;
                let lo = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&lo) {
                    return Err((at, "lone surrogate in a \\u escape"));
                }
                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err((at, "lone surrogate in a \\u escape")),
            c => c,
        };
        char::from_u32(code).ok_or((at, "invalid \\u escape"))
    }

    fn check_depth(&self, depth: usize) -> Result<(), Fail> {
        if depth > MAX_DEPTH {
            Err((self.i, "nested more than 128 levels deep"))
        } else {
            Ok(())
        }
    }

    /// At the `[`.
    fn array(&mut self, depth: usize) -> Result<Value, Fail> {
        self.check_depth(depth)?;
        self.i += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.b.get(self.i) {
                Some(b',') => {
                    self.i += 1;
                    self.skip_ws();
                    if self.b.get(self.i) == Some(&b']') {
                        return Err((self.i, "trailing comma"));
                    }
                }
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err((self.i, "the text ends inside an array")),
                Some(_) => return Err((self.i, "expected `,` or `]`")),
            }
        }
    }

    /// At the `{`.
    fn object(&mut self, depth: usize) -> Result<Value, Fail> {
        self.check_depth(depth)?;
        self.i += 1;
        let mut entries: Vec<(String, Value)> = Vec::new();
        self.skip_ws();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Value::Object(entries));
        }
        loop {
            self.skip_ws();
            let key_at = self.i;
            match self.b.get(self.i) {
                Some(b'"') => {}
                Some(b'}') => return Err((self.i, "trailing comma")),
                None => return Err((self.i, "the text ends inside an object")),
                Some(_) => return Err((self.i, "expected a key in double quotes")),
            }
            let key = self.string()?;
            // Objects in a package are small; a hostile one with thousands of keys is caught
            // by the sort below rather than a quadratic scan.
            if entries.len() < 32 && entries.iter().any(|(k, _)| *k == key) {
                return Err((key_at, "duplicate key in an object"));
            }
            self.skip_ws();
            if self.b.get(self.i) != Some(&b':') {
                return Err((self.i, "expected `:` after a key"));
            }
            self.i += 1;
            let v = self.value(depth)?;
            entries.push((key, v));
            self.skip_ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    if entries.len() > 32 {
                        let mut keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
                        keys.sort_unstable();
                        if keys.windows(2).any(|w| w[0] == w[1]) {
                            return Err((self.i - 1, "duplicate key in an object"));
                        }
                    }
                    return Ok(Value::Object(entries));
                }
                None => return Err((self.i, "the text ends inside an object")),
                Some(_) => return Err((self.i, "expected `,` or `}`")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (usize, usize, &'static str) {
        let e = parse(text).unwrap_err();
        (e.line, e.column, e.message)
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = parse(r#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"} "#)
            .unwrap();
        assert_eq!(
            v,
            Value::Object(vec![
                (
                    "a".into(),
                    Value::Array(vec![
                        Value::Number("1".into()),
                        Value::Number("-2.5e3".into()),
                        Value::Bool(true),
                        Value::Bool(false),
                        Value::Null,
                    ])
                ),
                (
                    "b".into(),
                    Value::String("x\"\\/\u{8}\u{c}\n\r\té😀".into())
                ),
            ])
        );
        assert_eq!(parse("[]").unwrap(), Value::Array(vec![]));
        assert_eq!(parse("{ }").unwrap(), Value::Object(vec![]));
        assert_eq!(parse("\"ünï\"").unwrap(), Value::String("ünï".into()));
    }

    #[test]
    fn refuses_what_json_does_not_allow_with_its_position() {
        assert_eq!(err(""), (1, 1, "the text ends where a value should be"));
        assert_eq!(err("{\n  \"a\": 1,\n}"), (3, 1, "trailing comma"));
        assert_eq!(err("[1, ]"), (1, 5, "trailing comma"));
        assert_eq!(err("{1: 2}"), (1, 2, "expected a key in double quotes"));
        assert_eq!(err("[1 2]"), (1, 4, "expected `,` or `]`"));
        assert_eq!(err("{\"a\" 1}"), (1, 6, "expected `:` after a key"));
        assert_eq!(
            err("{\"a\": 1, \"a\": 2}"),
            (1, 10, "duplicate key in an object")
        );
        assert_eq!(err("[01]"), (1, 3, "expected `,` or `]`"));
        assert_eq!(err("[1.]"), (1, 4, "invalid number"));
        assert_eq!(err("[-]"), (1, 3, "invalid number"));
        assert_eq!(err("[1e]"), (1, 4, "invalid number"));
        assert_eq!(err("tru"), (1, 1, "expected a value"));
        assert_eq!(err("'a'"), (1, 1, "expected a value"));
        assert_eq!(
            err("\"a\nb\""),
            (1, 3, "control character in a string: escape it")
        );
        assert_eq!(err("\"\\x\""), (1, 2, "invalid escape in a string"));
        assert_eq!(err("\"\\ud800\""), (1, 2, "lone surrogate in a \\u escape"));
        assert_eq!(
            err("\"\\udc00x\""),
            (1, 2, "lone surrogate in a \\u escape")
        );
        assert_eq!(err("\"\\u12\""), (1, 6, "invalid \\u escape"));
        assert_eq!(err("\"abc"), (1, 5, "the text ends inside a string"));
        assert_eq!(err("[1"), (1, 3, "the text ends inside an array"));
        assert_eq!(
            err("{} x"),
            (1, 4, "trailing characters after the JSON value")
        );
        // Columns count characters, not bytes.
        assert_eq!(err("[\"é\" x]"), (1, 6, "expected `,` or `]`"));
    }

    #[test]
    fn refuses_hostile_depth_and_many_duplicate_keys() {
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&deep).is_ok());
        let deeper = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(
            parse(&deeper).unwrap_err().message,
            "nested more than 128 levels deep"
        );
        let many = format!("[{}0]", "0,".repeat(MAX_VALUES));
        assert_eq!(
            parse(&many).unwrap_err().message,
            "more than 500,000 values, far more than any package holds"
        );
        assert!(parse(&format!("[{}0]", "0,".repeat(MAX_VALUES - 2))).is_ok());
        let very_deep = "[".repeat(1_000_000);
        assert_eq!(
            parse(&very_deep).unwrap_err().message,
            "nested more than 128 levels deep"
        );

        let mut many: Vec<String> = (0..5000).map(|i| format!("\"k{i}\": {i}")).collect();
        assert!(parse(&format!("{{{}}}", many.join(","))).is_ok());
        many.push("\"k17\": 0".into());
        assert_eq!(
            parse(&format!("{{{}}}", many.join(",")))
                .unwrap_err()
                .message,
            "duplicate key in an object"
        );
    }
}
