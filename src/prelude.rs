//! The names std's prelude gives, taken from `alloc`: the wasm is built without std
//! (`global.rs`), and every module reads the same names natively and in the wasm. All but
//! `format!` and `ToString`: without them, the wasm build fails where one of them would bring
//! `core::fmt` back in (`text.rs`). Native-only code has std's.

pub use alloc::borrow::ToOwned;
pub use alloc::string::String;
pub use alloc::vec;
pub use alloc::vec::Vec;
