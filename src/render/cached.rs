//! What a build takes from its cache: pages whose recorded inputs are unchanged, as
//! stored with the date their content last changed, and each procedure's open data.

use std::io::Write;
use std::path::PathBuf;

use super::deps::Inputs;
use super::open_data;
use crate::cache::{self, Cache, Key, KeyBuilder, PageRecord};
use crate::config::Audience;
use crate::diag::OkoError;
use crate::model::Project;
use crate::privacy::ClassGroups;
use crate::write::{FileWriter, Sink};

/// The key a page's file is stored under: what it was made from and the «обновлено» date
/// stamped into it.
pub(super) fn dated(key: &Key, date: &str) -> Key {
    KeyBuilder::new("dated").key(key).str(date).finish()
}

/// The cached page at `path` if every input its record lists is unchanged: its key and
/// its stored file, which carries the record's date.
pub(super) fn lookup(
    cache: &Cache,
    inputs: &Inputs,
    site_key: &Key,
    (path, record): (&str, &PageRecord),
    audience: Audience,
) -> Option<(Key, PathBuf)> {
    let key = inputs.page_key(site_key, path, &record.inputs)?;
    if key != record.key {
        return None;
    }
    let file = cache.page(audience, &dated(&key, &record.dated))?;
    Some((key, file))
}

/// Open data: the tables and workbooks ([`write_tables`]) and their passport, which alone
/// carries the build date; returns the paths written.
pub(super) fn write_open_data(
    sources: super::Sources,
    sink: &dyn Sink,
    cache: Option<&Cache>,
    (data_key, built): (&Key, chrono::NaiveDate),
) -> Result<Vec<String>, OkoError> {
    let mut paths = write_tables(sources, sink, cache, data_key)?;
    paths.push(open_data::write_passport(sources.project, built, sink)?);
    Ok(paths)
}

/// Open data, one fragment per procedure, taken from the cache when its procedure and the
/// data key (settings, municipalities, schools) are unchanged: a fragment is made from its
/// own procedure only. A cached fragment is kept as files and joined by the kernel, not
/// decoded and written again; the joined tables are kept too, and linked whole into the
/// site while no procedure's fragment changes.
fn write_tables(
    sources: super::Sources,
    sink: &dyn Sink,
    cache: Option<&Cache>,
    data_key: &Key,
) -> Result<Vec<String>, OkoError> {
    use open_data::{PART_NAMES, Part};
    let (project, published) = (sources.project, sources.published);
    let audience = published.audience;
    let folder = cache::data_folder(audience);
    let keys: Vec<Option<Key>> = project
        .results
        .iter()
        .map(|r| {
            let source = cache.and(r.source.as_ref())?;
            Some(
                KeyBuilder::new("open-data")
                    .key(data_key)
                    .key(source)
                    .finish(),
            )
        })
        .collect();
    let joined = cache.zip(joined_key(&keys));
    if let Some((cache, joined)) = &joined
        && let Some(paths) = link_joined(project, sink, (cache, &folder), joined, &keys)?
    {
        return Ok(paths);
    }
    let tables = |path: &str| -> Result<Box<dyn FileWriter + '_>, OkoError> {
        let part = joined
            .as_ref()
            .and_then(|(c, k)| c.create_part(&folder, k, table_name(path)));
        match part {
            Some(part) => Ok(Box::new(part)),
            None => sink.create(path),
        }
    };
    let paths = open_data::write(project, sink, &tables, &|i| {
        if let (Some(cache), Some(key)) = (cache, &keys[i])
            && let Some(files) = cache.parts(&folder, key, &PART_NAMES)
        {
            return Ok(Part::Stored(files));
        }
        // Classes are listed only internally; the public build does not even make them.
        let listed = published.analysis.procedures[i]
            .schools
            .iter()
            .any(|s| !s.class_letters.is_empty());
        let classes = if listed {
            (sources.detail.classes)(i)?
        } else {
            ClassGroups::new()
        };
        let stored = cache.zip(keys[i].as_ref());
        let made = |tables: [&mut dyn Write; 6]| {
            open_data::fragment(project, &published.analysis, &classes, i, tables)
        };
        match stored.and_then(|(c, key)| parts_in_cache(c, &folder, key, &made)) {
            Some(part) => Ok(part),
            None => scratch_parts(&made),
        }
    })?;
    // The tables written into the cache go into the site as links.
    if let Some((cache, joined)) = &joined {
        for path in open_data::table_paths() {
            if let Some(file) = cache.parts(&folder, joined, &[table_name(&path)]) {
                sink.put_file(&path, &file[0])?;
            }
        }
    }
    Ok(paths)
}

/// What writes a procedure's open data into the six tables and returns its workbook.
type MakeParts<'m> = dyn Fn([&mut dyn Write; 6]) -> std::io::Result<Vec<u8>> + 'm;

/// Fills a procedure's seven parts: six tables, then the workbook.
fn fill(parts: &mut [impl Write; 7], made: &MakeParts) -> std::io::Result<()> {
    let [a, b, c, d, e, f, book] = parts;
    let xlsx = made([a, b, c, d, e, f])?;
    book.write_all(&xlsx)
}

/// A procedure's open data written straight into the cache, under `key`; `None` when the
/// cache cannot take it (read-only, or a write failed), as for every cache entry.
fn parts_in_cache(
    cache: &Cache,
    folder: &str,
    key: &Key,
    made: &MakeParts,
) -> Option<open_data::Part> {
    let [
        Some(a),
        Some(b),
        Some(c),
        Some(d),
        Some(e),
        Some(f),
        Some(g),
    ] = open_data::PART_NAMES.map(|name| cache.create_part(folder, key, name))
    else {
        return None;
    };
    let mut parts = [a, b, c, d, e, f, g];
    fill(&mut parts, made).ok()?;
    for part in parts {
        Box::new(part).finish().ok()?;
    }
    cache
        .parts(folder, key, &open_data::PART_NAMES)
        .map(open_data::Part::Stored)
}

/// A procedure's open data in temporary files, removed once joined (no cache).
fn scratch_parts(made: &MakeParts) -> Result<open_data::Part, OkoError> {
    let temp = std::env::temp_dir();
    let failed = |e| OkoError::io(&temp, e);
    let mut files = Vec::new();
    let mut open = || -> Result<_, OkoError> {
        let (file, path) = tempfile::NamedTempFile::new().map_err(failed)?.into_parts();
        files.push(path);
        Ok(std::io::BufWriter::with_capacity(1 << 18, file))
    };
    let mut parts = [
        open()?,
        open()?,
        open()?,
        open()?,
        open()?,
        open()?,
        open()?,
    ];
    fill(&mut parts, made).map_err(failed)?;
    for mut part in parts {
        part.flush().map_err(failed)?;
    }
    Ok(open_data::Part::Scratch(files))
}

/// The key of the joined tables: every procedure's fragment key, in order; `None` without
/// a cache.
fn joined_key(fragments: &[Option<Key>]) -> Option<Key> {
    let mut k = KeyBuilder::new("open-data-joined");
    for key in fragments {
        k.key(key.as_ref()?);
    }
    Some(k.finish())
}

/// A joined table's name in the cache: its file name in the site.
fn table_name(path: &str) -> &str {
    path.strip_prefix("open-data/").unwrap_or(path)
}

/// Links the joined tables and every procedure's workbook from the cache, if it holds them
/// all; `None` if something is missing.
fn link_joined(
    project: &Project,
    sink: &dyn Sink,
    (cache, folder): (&Cache, &str),
    joined: &Key,
    fragments: &[Option<Key>],
) -> Result<Option<Vec<String>>, OkoError> {
    let tables = open_data::table_paths();
    let names: Vec<&str> = tables.iter().map(|p| table_name(p)).collect();
    let Some(files) = cache.parts(folder, joined, &names) else {
        return Ok(None);
    };
    // Every part of every fragment stays in the cache for the build that changes one of them.
    let parts: Option<Vec<Vec<PathBuf>>> = fragments
        .iter()
        .map(|k| cache.parts(folder, k.as_ref()?, &open_data::PART_NAMES))
        .collect();
    let Some(parts) = parts else {
        return Ok(None);
    };
    let mut paths = Vec::new();
    for (path, file) in tables.into_iter().zip(&files) {
        sink.put_file(&path, file)?;
        paths.push(path);
    }
    for (p, parts) in project.procedures.iter().zip(&parts) {
        // A fragment's workbook is its last part.
        if let Some(book) = parts.last() {
            let path = open_data::workbook_path(p);
            sink.put_file(&path, book)?;
            paths.push(path);
        }
    }
    Ok(Some(paths))
}
