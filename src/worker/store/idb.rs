//! The store in IndexedDB, through the `idb` crate: one object store per store of text,
//! with the case ID as the key outside the value.

use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future, IntoFuture};
use std::rc::Rc;
use std::task::{Poll, Waker};

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, Transaction, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

use super::{Db, Tx, ALL, FULL};

/// The database's name, and the version of its object stores (bumped with a change of them).
pub const NAME: &str = "handoff";
pub const VERSION: u32 = 1;

const UPDATED: &str = "Handoff was updated in another tab, so this tab no longer saves: export \
     this case if it has changes, then reload the tab.";

/// Why the database did not open.
#[derive(Debug, PartialEq)]
pub enum Unopened {
    /// No IndexedDB here (some private modes, a policy).
    Unavailable(String),
    /// Another tab holds an older version open and does not let go.
    Blocked,
}

/// A sentence for the analyst from a database error.
fn why(e: impl Into<Failure>) -> String {
    match e.into().0 {
        Some(name) if name == "QuotaExceededError" => FULL.to_owned(),
        Some(name) => format!("The browser's database refused ({name})."),
        None => "The browser's database refused.".to_owned(),
    }
}

/// The DOM exception's name behind a failure, when there is one.
struct Failure(Option<String>);

impl From<idb::Error> for Failure {
    fn from(e: idb::Error) -> Self {
        Failure(Some(match e {
            idb::Error::DomException(d) => d.name(),
            other => other.to_string(),
        }))
    }
}

impl From<Option<web_sys::DomException>> for Failure {
    fn from(e: Option<web_sys::DomException>) -> Self {
        Failure(e.map(|d| d.name()))
    }
}

/// Opens (creating or upgrading) the database `name` at `version`.
pub async fn connect(name: &str, version: u32) -> Result<Idb, Unopened> {
    let unavailable = |e: idb::Error| Unopened::Unavailable(e.to_string());
    let factory = Factory::new()
        .map_err(|_| Unopened::Unavailable("IndexedDB is switched off or missing".into()))?;
    let mut request = factory.open(name, Some(version)).map_err(unavailable)?;
    request.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            let have = db.store_names();
            for store in ALL.iter().filter(|s| !have.iter().any(|h| h == *s)) {
                // A failure here aborts the upgrade, and the open reports it.
                let _ = db.create_object_store(store, ObjectStoreParams::new());
            }
        }
    });
    // Another tab holds an older version open and does not let go: say so rather than wait.
    let blocked = Rc::new(Cell::new(false));
    let waker: Rc<RefCell<Option<Waker>>> = Rc::default();
    {
        let (blocked, waker) = (blocked.clone(), waker.clone());
        request.on_blocked(move |_| {
            blocked.set(true);
            if let Some(w) = waker.take() {
                w.wake();
            }
        });
    }
    let mut opening = std::pin::pin!(request.into_future());
    let opened = poll_fn(|cx| {
        if let Poll::Ready(r) = opening.as_mut().poll(cx) {
            return Poll::Ready(Some(r));
        }
        if blocked.get() {
            return Poll::Ready(None);
        }
        *waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    })
    .await;
    let mut db = match opened {
        Some(Ok(db)) => db,
        Some(Err(e)) => return Err(unavailable(e)),
        None => return Err(Unopened::Blocked),
    };
    // A newer Handoff in another tab needs this connection gone to upgrade the database.
    let closed = Rc::new(Cell::new(false));
    let closing = closed.clone();
    db.on_version_change(move |e| {
        if let Some(db) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::IdbDatabase>().ok())
        {
            db.close();
        }
        closing.set(true);
    });
    Ok(Idb {
        db: Rc::new(db),
        closed,
    })
}

/// An open connection.
#[derive(Clone, Debug)]
pub struct Idb {
    db: Rc<Database>,
    /// Set when a newer version in another tab asked for the database: this connection is
    /// closed for it.
    closed: Rc<Cell<bool>>,
}

impl Idb {
    pub fn close(&self) {
        self.db.close()
    }
}

pub struct IdbTx(Transaction);

impl IdbTx {
    fn store(&self, name: &str) -> Result<idb::ObjectStore, String> {
        self.0.object_store(name).map_err(why)
    }

    /// Every key of `store`, as IndexedDB gives them.
    async fn raw_keys(&self, store: &str) -> Result<Vec<JsValue>, String> {
        self.store(store)?
            .get_all_keys(None, None)
            .map_err(why)?
            .await
            .map_err(why)
    }
}

impl Db for Idb {
    type Tx = IdbTx;

    fn begin(&self, stores: &[&'static str], write: bool) -> Result<IdbTx, String> {
        if self.closed.get() {
            return Err(UPDATED.to_owned());
        }
        let mode = match write {
            true => TransactionMode::ReadWrite,
            false => TransactionMode::ReadOnly,
        };
        self.db.transaction(stores, mode).map(IdbTx).map_err(why)
    }
}

fn key(id: &str) -> JsValue {
    JsValue::from_str(id)
}

impl Tx for IdbTx {
    async fn get(&self, store: &'static str, id: &str) -> Result<Option<String>, String> {
        let v = self
            .store(store)?
            .get(key(id))
            .map_err(why)?
            .await
            .map_err(why)?;
        Ok(v.and_then(|v| v.as_string()))
    }

    async fn all(&self, store: &'static str) -> Result<Vec<(String, String)>, String> {
        // Both in key order, so they pair up.
        let keys = self.raw_keys(store).await?;
        let values = self
            .store(store)?
            .get_all(None, None)
            .map_err(why)?
            .await
            .map_err(why)?;
        Ok(keys
            .into_iter()
            .zip(values)
            .filter_map(|(k, v)| Some((k.as_string()?, v.as_string().unwrap_or_default())))
            .collect())
    }

    async fn keys(&self, store: &'static str) -> Result<Vec<String>, String> {
        let keys = self.raw_keys(store).await?;
        Ok(keys.into_iter().filter_map(|k| k.as_string()).collect())
    }

    fn put(&self, store: &'static str, id: &str, value: &str) -> Result<(), String> {
        // Not awaited: the transaction's end says whether every write landed.
        self.store(store)?
            .put(&JsValue::from_str(value), Some(&key(id)))
            .map(drop)
            .map_err(why)
    }

    fn delete(&self, store: &'static str, id: &str) -> Result<(), String> {
        self.store(store)?.delete(key(id)).map(drop).map_err(why)
    }

    async fn finish(self) -> Result<(), String> {
        let names = self.0.store_names();
        let probe = self.0.object_store(&names[0]).map_err(why)?;
        match self.0.await {
            Ok(r) if r.is_committed() => Ok(()),
            // Aborted: the transaction's error says why (a full quota, most often).
            Ok(_) => Err(why(probe.transaction().error())),
            Err(e) => Err(why(e)),
        }
    }
}
