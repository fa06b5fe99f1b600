//! A backstop for the crates the readers call: a panic inside them (an
//! assertion, a slice at a byte that is no character boundary) becomes a
//! message instead of ending the program, and the default hook does not
//! print it (its text may hold raw file content, such as a bidi override).
//!
//! Readers still check what they can before calling a crate; this only
//! catches what slipped through, so that readers never panic, whatever the
//! bytes.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    /// True while this thread runs code under [`guarded`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Makes panics raised under [`guarded`] silent (they become a message);
/// any other panic still goes to the hook that was there, so a bug in
/// Chronoscope itself is reported as before.
fn quiet_guarded_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `work` and turns a panic in it into `Err` with the panic's message
/// (empty when it had none). The message is the crate's, and may quote
/// file content: callers pass it through [`crate::escape::quote`] before
/// showing it.
///
/// # Errors
/// The panic's message when `work` panicked.
pub fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    quiet_guarded_panics();
    // Nested guards restore the outer state, so an inner one that ends
    // does not make the outer one's panics loud.
    let outer = GUARDED.with(|g| g.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(outer));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        let caught = guarded(|| -> u8 { panic!("bad \u{202e} input") });
        assert_eq!(caught, Err("bad \u{202e} input".to_owned()));
        assert_eq!(guarded(|| 7), Ok(7));
    }

    #[test]
    fn nested_guards_keep_the_outer_one() {
        let outer = guarded(|| {
            let inner = guarded(|| -> u8 { panic!("inner") });
            assert!(GUARDED.with(Cell::get), "still guarded after the inner one");
            inner
        });
        assert_eq!(outer, Ok(Err("inner".to_owned())));
        assert!(!GUARDED.with(Cell::get));
    }
}
