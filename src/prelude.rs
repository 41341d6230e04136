//! The names std's prelude gives, taken from `alloc`: the wasm is built without std
//! (`global.rs`), and every module reads the same names natively and in the wasm.

pub use alloc::borrow::ToOwned;
pub use alloc::string::{String, ToString};
pub use alloc::vec::Vec;
pub use alloc::{format, vec};
