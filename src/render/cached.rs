//! What a build takes from its cache: pages whose recorded inputs are unchanged — as
//! stored when stamped today, re-dated when stamped on an earlier day — and each
//! procedure's open data.

use std::path::PathBuf;

use super::deps::Inputs;
use super::open_data;
use super::stamp::BuildDate;
use crate::cache::{self, Cache, Key, KeyBuilder, PageRecord};
use crate::config::Audience;
use crate::diag::OkoError;
use crate::model::Project;
use crate::privacy::Published;
use crate::write::Sink;

/// The key a page's file is stored under: what it shows and the build date stamped into it.
pub(super) fn dated(key: &Key, date: &BuildDate) -> Key {
    dated_on(key, date.as_str())
}

fn dated_on(key: &Key, date: &str) -> Key {
    KeyBuilder::new("dated").key(key).str(date).finish()
}

/// A page the cache holds as it would be built now, with its key.
pub(super) struct Hit {
    key: Key,
    file: PathBuf,
    /// Whether the file carries today's build date, or an earlier day's.
    today: bool,
}

/// The cached page at `path` if every input its record lists is unchanged: stamped today,
/// or else on the day of its record.
pub(super) fn lookup(
    cache: &Cache,
    inputs: &Inputs,
    site_key: &Key,
    (path, record): (&str, &PageRecord),
    audience: Audience,
    today: &BuildDate,
) -> Option<Hit> {
    let key = inputs.page_key(site_key, path, &record.inputs)?;
    if key != record.key {
        return None;
    }
    if let Some(file) = cache.page(audience, &dated(&key, today)) {
        return Some(Hit {
            key,
            file,
            today: true,
        });
    }
    let file = cache.stored_page(audience, &dated_on(&key, &record.dated))?;
    Some(Hit {
        key,
        file,
        today: false,
    })
}

impl Hit {
    /// Whether the stored page already carries today's build date.
    pub(super) fn is_today(&self) -> bool {
        self.today
    }

    /// The page's key and its file dated today: an earlier day's copy is read, re-dated
    /// and stored under today's date (and the earlier one goes with the cache's unused
    /// entries). `None` if that fails: the page is then rendered again.
    pub(super) fn dated(
        self,
        cache: &Cache,
        audience: Audience,
        record: &PageRecord,
        today: &BuildDate,
    ) -> Option<(Key, PathBuf)> {
        if self.today {
            return Some((self.key, self.file));
        }
        let mut page = std::fs::read(&self.file).ok()?;
        if !today.restamp(&mut page, &record.dates) {
            return None;
        }
        let file = cache.put_page(audience, &dated(&self.key, today), &page)?;
        Some((self.key, file))
    }
}

/// Open data, one fragment per procedure, taken from the cache when its procedure and the
/// data key (settings, municipalities, schools) are unchanged: a fragment is made from its
/// own procedure only. A cached fragment is kept as files and joined by the kernel, not
/// decoded and written again.
pub(super) fn write_open_data(
    project: &Project,
    published: &Published,
    sink: &dyn Sink,
    cache: Option<&Cache>,
    data_key: &Key,
) -> Result<Vec<String>, OkoError> {
    use open_data::{PART_NAMES, Part};
    let audience = published.audience;
    let data_folder = cache::data_folder(audience);
    open_data::write(project, sink, &|i| {
        let key = cache.and(project.results[i].source.as_ref()).map(|source| {
            KeyBuilder::new("open-data")
                .key(data_key)
                .key(source)
                .finish()
        });
        if let (Some(cache), Some(key)) = (cache, &key)
            && let Some(files) = cache.parts(&data_folder, key, &PART_NAMES)
        {
            return Ok(Part::Stored(files));
        }
        let fragment = open_data::fragment(project, &published.analysis, audience, i);
        if let (Some(cache), Some(key)) = (cache, &key) {
            cache.put_parts(&data_folder, key, &PART_NAMES, &fragment.parts());
        }
        Ok(Part::Made(fragment))
    })
}
