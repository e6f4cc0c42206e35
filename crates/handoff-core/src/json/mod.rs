//! Handoff's own JSON codec: a strict parser, a pretty writer, and [`ToJson`]/[`FromJson`]
//! for the case's types, declared next to each type with the `json_object!` and `json_enum!`
//! macros below.
//!
//! Why not serde: its derived deserializers and serde_json were about 27 KB of the app's
//! gzipped wasm (BENCHMARKS.md), for a format of a few dozen plain structs. This codec reads
//! into a small tree and then walks it, so every error knows its exact path
//! (`case.report.indicators[3]`). The serde derives that remain (feature `schema`) only
//! generate the JSON Schema and serve as the reference the tests compare this codec against.

mod value;
mod write;

use std::fmt;

pub use value::{parse, SyntaxError, Value, MAX_DEPTH, MAX_VALUES};
pub use write::Writer;

/// A value that writes itself as JSON.
pub trait ToJson {
    fn write_json(&self, w: &mut Writer);
}

/// A value read from a parsed JSON tree.
pub trait FromJson: Sized {
    fn from_json(v: Value) -> Result<Self, Error>;

    /// The value of an absent key: none, so it is an error, except for optional values.
    fn missing() -> Option<Self> {
        None
    }
}

/// The pretty-printed JSON of `v`.
pub fn to_string<T: ToJson + ?Sized>(v: &T) -> String {
    let mut w = Writer::new();
    v.write_json(&mut w);
    w.finish()
}

/// Parses `text` and reads a `T` from it.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, ReadError> {
    let v = parse(text).map_err(ReadError::Syntax)?;
    T::from_json(v).map_err(ReadError::Value)
}

/// Why a document could not be read: bad JSON, or good JSON of the wrong shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    Syntax(SyntaxError),
    Value(Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Syntax(e) => write!(f, "not valid JSON: {e}"),
            ReadError::Value(e) => write!(f, "{e}"),
        }
    }
}

/// A value of the wrong shape, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Innermost first, as the error travels up; see [`Error::path`].
    rev_path: Vec<Segment>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Key(&'static str),
    Index(usize),
}

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            rev_path: Vec::new(),
            message: message.into(),
        }
    }

    /// "expected {what}, found {the value}".
    pub fn expected(what: &str, found: &Value) -> Error {
        Error::new(format!("expected {what}, found {}", found.describe()))
    }

    /// The same error, one member further down: for hand-written readers.
    pub fn at_key(self, key: &'static str) -> Error {
        self.at(Segment::Key(key))
    }

    // Out of line, like `missing_field`: every member read calls them, and a copy of each
    // in every reader would cost the wasm far more than the calls cost.
    #[inline(never)]
    fn at(mut self, s: Segment) -> Error {
        self.rev_path.push(s);
        self
    }

    /// Where the wrong value is, as `case.report.indicators[3].value`; empty at the top.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for s in self.rev_path.iter().rev() {
            match s {
                Segment::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path().as_str() {
            "" => f.write_str(&self.message),
            p => write!(f, "{p}: {}", self.message),
        }
    }
}

impl std::error::Error for Error {}

/// An object being read into a struct: members are taken out by key.
pub struct Object(Vec<(String, Value)>);

impl Object {
    pub fn from_json(v: Value) -> Result<Object, Error> {
        match v {
            Value::Object(entries) => Ok(Object(entries)),
            other => Err(Error::expected("an object", &other)),
        }
    }

    fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.swap_remove(i).1)
    }

    /// Reads the member `key`; an absent member is an error unless `T` is optional.
    pub fn take<T: FromJson>(&mut self, key: &'static str) -> Result<T, Error> {
        match self.remove(key) {
            Some(v) => T::from_json(v).map_err(|e| e.at(Segment::Key(key))),
            None => T::missing().ok_or_else(|| missing_field(key)),
        }
    }

    /// For formats that refuse members they do not know (a misspelt key in a hand-written
    /// scenario file would otherwise be silently ignored).
    pub fn deny_unknown(self) -> Result<(), Error> {
        match self.0.first() {
            None => Ok(()),
            Some((k, _)) => Err(Error::new(format!(
                "unknown field `{}`",
                crate::text::truncate_chars(k, 40)
            ))),
        }
    }
}

#[inline(never)]
fn missing_field(key: &str) -> Error {
    Error::new(format!("missing field `{key}`"))
}

/// The error for a value that is not one of the strings `names`.
#[inline(never)]
pub fn not_one_of(names: &[&str], found: &Value) -> Error {
    let mut want = String::from("one of ");
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            want.push_str(", ");
        }
        want.push('"');
        want.push_str(n);
        want.push('"');
    }
    Error::expected(&want, found)
}

/// Any JSON, as it is: for readers that look at a value before deciding what it is.
impl FromJson for Value {
    fn from_json(v: Value) -> Result<Self, Error> {
        Ok(v)
    }
}

impl ToJson for str {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl FromJson for String {
    fn from_json(v: Value) -> Result<Self, Error> {
        match v {
            Value::String(s) => Ok(s),
            other => Err(Error::expected("a string", &other)),
        }
    }
}

impl ToJson for bool {
    fn write_json(&self, w: &mut Writer) {
        w.bool(*self);
    }
}

impl FromJson for bool {
    fn from_json(v: Value) -> Result<Self, Error> {
        match v {
            Value::Bool(b) => Ok(b),
            other => Err(Error::expected("true or false", &other)),
        }
    }
}

/// Reads a whole number no larger than `max`.
fn unsigned(v: Value, max: u64) -> Result<u64, Error> {
    if let Value::Number(n) = &v {
        if n.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(x) = n.parse::<u64>() {
                if x <= max {
                    return Ok(x);
                }
            }
        }
    }
    Err(Error::expected(
        &format!("a whole number from 0 to {max}"),
        &v,
    ))
}

impl ToJson for u64 {
    fn write_json(&self, w: &mut Writer) {
        w.u64(*self);
    }
}

impl FromJson for u64 {
    fn from_json(v: Value) -> Result<Self, Error> {
        unsigned(v, u64::MAX)
    }
}

impl ToJson for u32 {
    fn write_json(&self, w: &mut Writer) {
        w.u64(u64::from(*self));
    }
}

impl FromJson for u32 {
    fn from_json(v: Value) -> Result<Self, Error> {
        unsigned(v, u64::from(u32::MAX)).map(|x| x as u32)
    }
}

impl ToJson for usize {
    fn write_json(&self, w: &mut Writer) {
        w.u64(*self as u64);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, w: &mut Writer) {
        match self {
            Some(x) => x.write_json(w),
            None => w.null(),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: Value) -> Result<Self, Error> {
        match v {
            Value::Null => Ok(None),
            v => T::from_json(v).map(Some),
        }
    }

    fn missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, w: &mut Writer) {
        w.begin_array();
        for x in self {
            w.item();
            x.write_json(w);
        }
        w.end_array();
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut Writer) {
        self.as_slice().write_json(w);
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: Value) -> Result<Self, Error> {
        match v {
            Value::Array(items) => {
                // A plain loop: `collect` into a `Result` adds an adapter per element type.
                let mut out = Vec::with_capacity(items.len());
                for (i, x) in items.into_iter().enumerate() {
                    out.push(T::from_json(x).map_err(|e| e.at(Segment::Index(i)))?);
                }
                Ok(out)
            }
            other => Err(Error::expected("an array", &other)),
        }
    }
}

impl ToJson for chrono::DateTime<chrono::Utc> {
    fn write_json(&self, w: &mut Writer) {
        w.string(&crate::time::rfc3339(self));
    }
}

impl FromJson for chrono::DateTime<chrono::Utc> {
    #[inline(never)]
    fn from_json(v: Value) -> Result<Self, Error> {
        let s = String::from_json(v)?;
        crate::time::parse_rfc3339(&s).ok_or_else(|| {
            Error::new(format!(
                "\"{}\" is not an RFC 3339 timestamp such as 2026-03-14T09:14:00Z",
                crate::text::truncate_chars(&s, 40)
            ))
        })
    }
}

/// Declares how a struct with named fields reads and writes as a JSON object: its members in
/// the order given (the output order), each under the field's name or the `as` name. A field
/// left out is a compile error on reading, so the list is always complete. `strict` refuses
/// unknown members.
#[macro_export]
#[doc(hidden)]
macro_rules! json_object {
    (#[strict] $ty:ident { $($field:ident $(as $key:literal)?),* $(,)? }) => {
        $crate::json_object!(@write $ty { $($field $(as $key)?),* });
        $crate::json_object!(@read $ty o { $($field $(as $key)?),* } o.deny_unknown()?);
    };
    ($ty:ident { $($field:ident $(as $key:literal)?),* $(,)? }) => {
        $crate::json_object!(@write $ty { $($field $(as $key)?),* });
        $crate::json_object!(@read $ty o { $($field $(as $key)?),* } drop(o));
    };
    (@read $ty:ident $o:ident { $($field:ident $(as $key:literal)?),* } $finish:expr) => {
        impl $crate::json::FromJson for $ty {
            #[inline(never)]
            fn from_json(v: $crate::json::Value) -> Result<Self, $crate::json::Error> {
                let mut $o = $crate::json::Object::from_json(v)?;
                let out = $ty {
                    $( $field: $o.take($crate::json_object!(@key $field $($key)?))?, )*
                };
                $finish;
                Ok(out)
            }
        }
    };
    (@write $ty:ident { $($field:ident $(as $key:literal)?),* }) => {
        impl $crate::json::ToJson for $ty {
            // Out of line: several types nest the same ones (an actor in every audit entry),
            // and inlining each copy costs the wasm more than the calls cost the time.
            #[inline(never)]
            fn write_json(&self, w: &mut $crate::json::Writer) {
                w.begin_object();
                $(
                    w.key($crate::json_object!(@key $field $($key)?));
                    $crate::json::ToJson::write_json(&self.$field, w);
                )*
                w.end_object();
            }
        }
    };
    (@key $field:ident) => { stringify!($field) };
    (@key $field:ident $key:literal) => { $key };
}

/// Declares how a field-less enum reads and writes as one of a fixed set of strings.
#[macro_export]
#[doc(hidden)]
macro_rules! json_enum {
    ($ty:ident { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $ty {
            /// The name of each variant in the JSON package.
            pub fn json_name(self) -> &'static str {
                match self { $( $ty::$variant => $name, )* }
            }

            /// The variant of that JSON name, also the value of its `<option>` in the app.
            pub fn from_json_name(name: &str) -> Option<Self> {
                match name { $( $name => Some($ty::$variant), )* _ => None }
            }
        }
        impl $crate::json::ToJson for $ty {
            fn write_json(&self, w: &mut $crate::json::Writer) {
                w.string(self.json_name());
            }
        }
        impl $crate::json::FromJson for $ty {
            #[inline(never)]
            fn from_json(v: $crate::json::Value) -> Result<Self, $crate::json::Error> {
                match &v {
                    $crate::json::Value::String(s) => Self::from_json_name(s),
                    _ => None,
                }
                .ok_or_else(|| $crate::json::not_one_of(&[$( $name, )*], &v))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Inner {
        n: u32,
        tags: Vec<String>,
    }
    json_object!(Inner { n, tags });

    #[derive(Debug, PartialEq)]
    struct Outer {
        kind: Kind,
        inner: Option<Inner>,
        r#type: String,
    }
    json_object!(Outer { kind, inner, r#type as "type" });

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Kind {
        A,
        BigB,
    }
    json_enum!(Kind { A = "a", BigB = "big_b" });

    #[derive(Debug, PartialEq)]
    struct Strict {
        x: bool,
    }
    json_object!(
        #[strict]
        Strict { x }
    );

    #[test]
    fn writes_and_reads_back() {
        let v = Outer {
            kind: Kind::BigB,
            inner: Some(Inner {
                n: 7,
                tags: vec!["x".into()],
            }),
            r#type: "t".into(),
        };
        let s = to_string(&v);
        assert_eq!(
            s,
            "{\n  \"kind\": \"big_b\",\n  \"inner\": {\n    \"n\": 7,\n    \"tags\": [\n      \"x\"\n    ]\n  },\n  \"type\": \"t\"\n}"
        );
        assert_eq!(from_str::<Outer>(&s).unwrap(), v);
        // An absent optional member is None; unknown members are ignored unless strict.
        assert_eq!(
            from_str::<Outer>(r#"{"kind": "a", "type": "", "extra": 1}"#).unwrap(),
            Outer {
                kind: Kind::A,
                inner: None,
                r#type: String::new()
            }
        );
    }

    fn value_error<T: FromJson + fmt::Debug>(text: &str) -> (String, String) {
        match from_str::<T>(text).unwrap_err() {
            ReadError::Value(e) => (e.path(), e.message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_name_the_path_and_what_was_expected() {
        assert_eq!(
            value_error::<Outer>(r#"{"kind": "c", "type": ""}"#),
            (
                "kind".into(),
                "expected one of \"a\", \"big_b\", found \"c\"".into()
            )
        );
        assert_eq!(
            value_error::<Outer>(
                r#"{"kind": "a", "type": "", "inner": {"n": 1, "tags": ["a", 2]}}"#
            ),
            ("inner.tags[1]".into(), "expected a string, found 2".into())
        );
        assert_eq!(
            value_error::<Outer>(r#"{"kind": "a", "type": "", "inner": {"n": -1, "tags": []}}"#),
            (
                "inner.n".into(),
                "expected a whole number from 0 to 4294967295, found -1".into()
            )
        );
        assert_eq!(
            value_error::<Outer>(r#"{"kind": "a", "inner": null}"#),
            (String::new(), "missing field `type`".into())
        );
        assert_eq!(
            value_error::<Outer>("[]"),
            (String::new(), "expected an object, found an array".into())
        );
        assert_eq!(
            value_error::<Strict>(r#"{"x": true, "y": 1}"#),
            (String::new(), "unknown field `y`".into())
        );
        assert_eq!(
            value_error::<Vec<u32>>("[1, 4294967296]"),
            (
                "[1]".into(),
                "expected a whole number from 0 to 4294967295, found 4294967296".into()
            )
        );
        assert_eq!(
            value_error::<u64>("1.0"),
            (
                String::new(),
                "expected a whole number from 0 to 18446744073709551615, found 1.0".into()
            )
        );
    }
}
