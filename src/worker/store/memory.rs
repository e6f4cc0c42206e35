//! The store in the worker's memory: what the worker keeps when the browser has no usable
//! IndexedDB (the page then also writes each change to localStorage, which the next start
//! reads back), and the store of the native tests.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use super::{Db, Tx};

#[derive(Clone, Debug, Default)]
pub struct Memory(Rc<RefCell<HashMap<&'static str, BTreeMap<String, String>>>>);

/// Writes land at once: memory cannot refuse one, so there is nothing to roll back.
pub struct MemoryTx(Memory);

impl Db for Memory {
    type Tx = MemoryTx;

    fn begin(&self, _stores: &[&'static str], _write: bool) -> Result<MemoryTx, String> {
        Ok(MemoryTx(self.clone()))
    }
}

impl Tx for MemoryTx {
    async fn get(&self, store: &'static str, key: &str) -> Result<Option<String>, String> {
        Ok(self
            .0
             .0
            .borrow()
            .get(store)
            .and_then(|s| s.get(key).cloned()))
    }

    async fn all(&self, store: &'static str) -> Result<Vec<(String, String)>, String> {
        Ok(self
            .0
             .0
            .borrow()
            .get(store)
            .map(|s| s.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default())
    }

    async fn keys(&self, store: &'static str) -> Result<Vec<String>, String> {
        Ok(self
            .0
             .0
            .borrow()
            .get(store)
            .map(|s| s.keys().cloned().collect())
            .unwrap_or_default())
    }

    fn put(&self, store: &'static str, key: &str, value: &str) -> Result<(), String> {
        self.0
             .0
            .borrow_mut()
            .entry(store)
            .or_default()
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn delete(&self, store: &'static str, key: &str) -> Result<(), String> {
        if let Some(s) = self.0 .0.borrow_mut().get_mut(store) {
            s.remove(key);
        }
        Ok(())
    }

    async fn finish(self) -> Result<(), String> {
        Ok(())
    }
}
