//! A damaged workbook must stop oko with a message, not a crash: calamine, which reads
//! `.xls`, `.ods` and `.xlsx`, can panic on a file cut short or with broken internal
//! offsets (an `.xls` truncated inside its sector table does, found by tests/mutations.rs).
//! The reading is run with the panic caught and turned into the file's error; while it
//! runs, the panic hook keeps the message for that error instead of printing a backtrace.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while this thread reads a workbook: the message of a panic that happens then.
    static CAUGHT: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
}

/// Installs, once, a hook that is silent for panics inside [`reading`] and leaves every
/// other panic to the hook that was there before.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let inside = CAUGHT.with(|c| {
                let mut c = c.borrow_mut();
                match c.as_mut() {
                    Some(slot) => {
                        let message = info
                            .payload()
                            .downcast_ref::<&str>()
                            .map(|s| (*s).to_string())
                            .or_else(|| info.payload().downcast_ref::<String>().cloned());
                        *slot = message;
                        true
                    }
                    None => false,
                }
            });
            if !inside {
                previous(info);
            }
        }));
    });
}

/// Runs `read` (the reading of one workbook); a panic inside it becomes an error that says
/// the file is damaged and what to do.
pub fn reading<T>(read: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    install_hook();
    CAUGHT.with(|c| *c.borrow_mut() = Some(None));
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    let message = CAUGHT.with(|c| c.borrow_mut().take()).flatten();
    result.unwrap_or_else(|_| {
        let detail = message.map(|m| format!(" ({m})")).unwrap_or_default();
        Err(format!(
            "файл повреждён: его не удалось дочитать{detail} — выгрузите его заново или откройте \
             в Excel и сохраните как .xlsx"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_reading_is_the_files_error() {
        let got: Result<(), String> = reading(|| panic!("slice index starts at 4096"));
        assert_eq!(
            got,
            Err(
                "файл повреждён: его не удалось дочитать (slice index starts at 4096) — \
                 выгрузите его заново или откройте в Excel и сохраните как .xlsx"
                    .to_string()
            )
        );
        assert_eq!(reading(|| Ok::<_, String>(5)), Ok(5));
        // Outside a reading, the hook is the one before: nothing is kept.
        assert!(CAUGHT.with(|c| c.borrow().is_none()));
    }
}
