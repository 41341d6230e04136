//! State kept between calls (the reused tape, detection's key cache, the binding's input
//! buffer and options). Natively it is per thread (`thread_local!`: tests run in
//! parallel). The wasm is built without std, which is what keeps its panic and formatting
//! machinery out of the package (`wasm.rs`), so it has no `thread_local!`; it runs on one
//! thread, and each global is a spin lock that is never contended there.

/// Declares `static NAME: TYPE = INIT;` as a global of this module's kind.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! global {
    ($(#[$meta:meta])* static $name:ident: $t:ty = $init:expr;) => {
        std::thread_local! {
            $(#[$meta])* static $name: core::cell::RefCell<$t> = const { core::cell::RefCell::new($init) };
        }
    };
}

#[cfg(target_arch = "wasm32")]
macro_rules! global {
    ($(#[$meta:meta])* static $name:ident: $t:ty = $init:expr;) => {
        $(#[$meta])* static $name: $crate::global::Global<$t> = $crate::global::Global::new($init);
    };
}

pub(crate) use global;

/// A value computed once, on first use.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type Once<T> = std::sync::OnceLock<T>;

#[cfg(target_arch = "wasm32")]
pub(crate) struct Once<T>(spin::Once<T>);

#[cfg(target_arch = "wasm32")]
impl<T> Once<T> {
    pub(crate) const fn new() -> Self {
        Once(spin::Once::new())
    }

    pub(crate) fn get_or_init(&self, init: impl FnOnce() -> T) -> &T {
        self.0.call_once(init)
    }
}

/// The wasm's global: `thread_local!`'s `RefCell` methods over a spin lock. Using a global
/// inside its own `with_borrow*` is a bug, as with a `RefCell`, and traps (it would spin).
#[cfg(target_arch = "wasm32")]
pub(crate) struct Global<T>(spin::Mutex<T>);

#[cfg(target_arch = "wasm32")]
impl<T> Global<T> {
    pub(crate) const fn new(value: T) -> Self {
        Global(spin::Mutex::new(value))
    }

    pub(crate) fn with_borrow_mut<R>(&'static self, f: impl FnOnce(&mut T) -> R) -> R {
        self.try_with_borrow_mut(|value| match value {
            Some(value) => f(value),
            None => in_use(),
        })
    }

    pub(crate) fn with_borrow<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        self.with_borrow_mut(|value| f(value))
    }

    pub(crate) fn set(&'static self, value: T) {
        // The old value is dropped after the lock is let go.
        drop(self.with_borrow_mut(|slot| core::mem::replace(slot, value)));
    }

    pub(crate) fn take(&'static self) -> T
    where
        T: Default,
    {
        self.with_borrow_mut(core::mem::take)
    }
}

#[cfg(target_arch = "wasm32")]
#[cold]
fn in_use() -> ! {
    panic!("a global used inside its own borrow") // ok: a bug, as RefCell's double borrow
}

/// `f` with the global's value, or with `None` while it is already in use (a call inside
/// `f` itself), for a caller that can do without it.
pub(crate) trait TryWith<T> {
    fn try_with_borrow_mut<R>(&'static self, f: impl FnOnce(Option<&mut T>) -> R) -> R;
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: 'static> TryWith<T> for std::thread::LocalKey<core::cell::RefCell<T>> {
    fn try_with_borrow_mut<R>(&'static self, f: impl FnOnce(Option<&mut T>) -> R) -> R {
        self.with(|cell| match cell.try_borrow_mut() {
            Ok(mut value) => f(Some(&mut value)),
            Err(_) => f(None),
        })
    }
}

#[cfg(target_arch = "wasm32")]
impl<T> TryWith<T> for Global<T> {
    fn try_with_borrow_mut<R>(&'static self, f: impl FnOnce(Option<&mut T>) -> R) -> R {
        match self.0.try_lock() {
            Some(mut value) => f(Some(&mut value)),
            None => f(None),
        }
    }
}
