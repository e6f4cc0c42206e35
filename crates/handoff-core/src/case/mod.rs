//! Layer 3, the case: the only way a case changes.
//!
//! Reading is free: [`Case`] dereferences to [`CaseData`], whose fields are public. Changing is
//! not: a case is opened with [`Case::open`], moves through the flowchart with
//! [`Case::apply`] (which checks the step against [`crate::rules::flow`] and its guard, then
//! appends one audit entry), and is edited only in the parts its stage lets its owner change
//! ([`Case::edit`] and the `edit_*` methods). A case read from a file or storage becomes a
//! `Case` only through [`Case::try_from`], which checks every invariant.

mod edit;
mod model;
mod step;

pub use edit::Edit;
pub use model::{Case, EditRefused};
pub use step::Refusal;
