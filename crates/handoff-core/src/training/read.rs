//! A small reader of JSON objects for training files (scenarios, sessions), with the path of
//! every problem in its message (`checks[2].minutes: expected a whole number`). Reads never
//! stop early: a wrong value reads as empty and its problem is noted, and the file is refused
//! with its first problem once reading ends (no early return has to undo a half-built value,
//! which keeps the code small).
//!
//! Why not serde's derive: a derived `Deserialize` is generated for every struct and field
//! type, and for scenarios and sessions that cost the browser app about 8 KB (gzipped) of its
//! 300 KB budget. This reader works on the `serde_json::Value` the app already parses. The
//! derive is kept for tools and tests (feature `schema`), and a test holds the two to the same
//! answers on every bundled scenario and on broken ones.

use std::cell::RefCell;

use serde::Serialize;
use serde_json::{Map, Value};
use strum::VariantArray;

use crate::vocabulary::names::{expected_names, from_wire_name};

/// The problems met while reading one file, first one first.
#[derive(Default)]
pub(crate) struct Problems(RefCell<Vec<String>>);

impl Problems {
    /// The value read, or the first problem met.
    pub fn finish<T>(self, value: T) -> Result<T, String> {
        match self.0.into_inner().into_iter().next() {
            Some(p) => Err(p),
            None => Ok(value),
        }
    }
}

/// One JSON object, and where it sits in the file.
pub(crate) struct Obj<'a> {
    map: Option<&'a Map<String, Value>>,
    path: String,
    problems: &'a Problems,
}

impl<'a> Obj<'a> {
    pub fn root(v: &'a Value, problems: &'a Problems) -> Self {
        let root = Obj {
            map: None,
            path: String::new(),
            problems,
        };
        root.object_of("", v)
    }

    fn at(&self, key: &str) -> String {
        match (self.path.as_str(), key) {
            ("", k) | (k, "") => k.to_owned(),
            (p, k) if k.starts_with('[') => format!("{p}{k}"),
            (p, k) => format!("{p}.{k}"),
        }
    }

    /// Notes a problem with `key`.
    pub fn fail(&self, key: &str, what: &str) {
        let at = self.at(key);
        let msg = if at.is_empty() {
            what.to_owned()
        } else {
            format!("{at}: {what}")
        };
        self.problems.0.borrow_mut().push(msg);
    }

    /// A member that is present and not null.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map?.get(key).filter(|v| !v.is_null())
    }

    /// Notes members other than `keys`: a misspelt field would otherwise be lost silently.
    pub fn only(&self, keys: &[&str]) {
        if let Some(k) = self
            .map
            .and_then(|m| m.keys().find(|k| !keys.contains(&k.as_str())))
        {
            self.fail(k, "unknown field");
        }
    }

    /// Notes `key` as missing unless it is there (for lists that may be empty but not left
    /// out).
    pub fn need(&self, key: &str) {
        if self.get(key).is_none() {
            self.fail(key, "missing");
        }
    }

    fn str_of(&self, key: &str, v: &Value) -> String {
        match v.as_str() {
            Some(s) => s.to_owned(),
            None => {
                self.fail(key, "expected a string");
                String::new()
            }
        }
    }

    pub fn string(&self, key: &str) -> String {
        self.need(key);
        self.opt_string(key)
    }

    /// A string that may be left out (empty then).
    pub fn opt_string(&self, key: &str) -> String {
        self.get(key)
            .map(|v| self.str_of(key, v))
            .unwrap_or_default()
    }

    /// A whole number that may be left out (0 then).
    pub fn opt_uint(&self, key: &str) -> u64 {
        match self.get(key).map(Value::as_u64) {
            Some(None) => {
                self.fail(key, "expected a whole number");
                0
            }
            other => other.flatten().unwrap_or(0),
        }
    }

    pub fn uint(&self, key: &str) -> u64 {
        self.need(key);
        self.opt_uint(key)
    }

    pub fn boolean(&self, key: &str) -> bool {
        self.need(key);
        match self.get(key).map(Value::as_bool) {
            Some(None) => {
                self.fail(key, "expected true or false");
                false
            }
            other => other.flatten().unwrap_or(false),
        }
    }

    fn name_of<T: VariantArray + Serialize + Copy>(&self, key: &str, v: &Value) -> Option<T> {
        let t = v.as_str().and_then(from_wire_name::<T>);
        if t.is_none() {
            self.fail(key, &format!("expected {}", expected_names::<T>()));
        }
        t
    }

    /// A name of the vocabulary (`"true_positive"`, `"L2"`), which may be left out.
    pub fn opt_name<T: VariantArray + Serialize + Copy>(&self, key: &str) -> Option<T> {
        self.get(key).and_then(|v| self.name_of(key, v))
    }

    /// A name that must be there: the first of the vocabulary stands in when it is not (the
    /// problem is noted, so it is never used).
    pub fn name<T: VariantArray + Serialize + Copy>(&self, key: &str) -> T {
        self.need(key);
        self.opt_name(key).unwrap_or(T::VARIANTS[0])
    }

    fn array(&self, key: &str) -> &'a [Value] {
        match self.get(key) {
            None => &[],
            Some(Value::Array(a)) => a,
            Some(_) => {
                self.fail(key, "expected a list");
                &[]
            }
        }
    }

    /// A list of strings, which may be left out (empty then).
    pub fn strings(&self, key: &str) -> Vec<String> {
        let items = self.array(key);
        (0..items.len())
            .map(|i| self.str_of(&format!("{key}[{i}]"), &items[i]))
            .collect()
    }

    /// A list of names of the vocabulary, which may be left out (empty then).
    pub fn names<T: VariantArray + Serialize + Copy>(&self, key: &str) -> Vec<T> {
        let items = self.array(key);
        (0..items.len())
            .filter_map(|i| self.name_of(&format!("{key}[{i}]"), &items[i]))
            .collect()
    }

    /// A list of objects, which may be left out (empty then).
    pub fn objects(&self, key: &str) -> Vec<Obj<'a>> {
        let items = self.array(key);
        (0..items.len())
            .map(|i| self.object_of(&format!("{key}[{i}]"), &items[i]))
            .collect()
    }

    fn object_of(&self, key: &str, v: &'a Value) -> Obj<'a> {
        let map = v.as_object();
        if map.is_none() {
            self.fail(key, "expected an object");
        }
        Obj {
            map,
            path: self.at(key),
            problems: self.problems,
        }
    }

    /// An object that may be left out.
    pub fn opt_object(&self, key: &str) -> Option<Obj<'a>> {
        self.get(key).map(|v| self.object_of(key, v))
    }

    /// An object that must be there (an empty one stands in when it is not).
    pub fn object(&self, key: &str) -> Obj<'a> {
        self.need(key);
        self.opt_object(key).unwrap_or(Obj {
            map: None,
            path: self.at(key),
            problems: self.problems,
        })
    }
}
