//! One page through its Tera template, into bytes; a template's error with its whole chain.

use crate::diag::OkoError;
use crate::render::{PageJob, theme};

/// The page as Tera writes it, into a buffer big enough for most pages at once. Tera's
/// own `render` grows a small buffer and checks the UTF-8 of what it wrote itself; pages
/// are stamped and written as bytes, and their links are read from bytes.
pub(super) fn render_page(theme: &theme::Theme, job: &PageJob) -> Result<Vec<u8>, OkoError> {
    let mut html = Vec::with_capacity(PAGE_BUFFER);
    theme
        .tera
        .render_to(job.template, &job.context, &mut html)
        .map_err(|e| OkoError::Template {
            template: job.template.to_string(),
            message: error_chain(&e),
        })?;
    Ok(html)
}

/// A school's report on one work, the most common page, is 60–100 KB.
const PAGE_BUFFER: usize = 128 * 1024;

fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}
