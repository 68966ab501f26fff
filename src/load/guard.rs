//! Limits a real export never reaches, checked before a workbook is read.
//!
//! calamine reads an `.xlsx` file's shared strings whole when it opens the book, and a
//! cell's text whole when it reaches it: one cell holding a 1.5 GB string (deflate packs
//! it 400:1 into a few megabytes) would take gigabytes before any check could run. So the
//! parts of the package are first streamed through a small scanner that holds a few
//! kilobytes at a time: a text over [`MAX_CELL_CHARS`] (Excel's own limit) is refused with
//! its sheet and cell, and so is a sheet that unpacks to more than [`MAX_PART_BYTES`].

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

/// The longest text Excel writes in a cell, in characters.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The most one part of a workbook (a sheet, the shared strings) may unpack to: a whole
/// country's ВПР work, ≈1.5 million rows of ≈40 cells, is ≈2 GB of sheet XML.
pub const MAX_PART_BYTES: u64 = 6 << 30;

/// A tag longer than this is cut when read (only its first attributes matter here).
const MAX_TAG: usize = 4096;

/// Checks an `.xlsx`/`.xlsm` package; the message says where and what to do.
pub fn check_xlsx(path: &Path) -> Result<(), String> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(()); // the reader itself reports a file it cannot open
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return Ok(()); // not a package: the reader says so in its own words
    };
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    let sheet_names = sheet_names(&mut zip);
    let strings = names
        .iter()
        .find(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
    let mut long = BTreeSet::new();
    if let Some(name) = strings {
        let mut scan = Scan::default();
        stream(&mut zip, name, &mut scan, "общих строк (sharedStrings.xml)")?;
        long = scan.long_items;
    }
    for name in names
        .iter()
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
    {
        let shown = sheet_names
            .get(name.as_str())
            .map_or_else(|| name.clone(), |n| format!("«{n}»"));
        let mut scan = Scan {
            long_strings: long.clone(),
            ..Scan::default()
        };
        stream(&mut zip, name, &mut scan, &format!("листа {shown}"))?;
        if let Some(cell) = scan.long_cell {
            return Err(format!(
                "в ячейке {cell} листа {shown} текст длиннее {MAX_CELL_CHARS} символов \
                 (больше, чем пишет Excel): файл испорчен или собран не из выгрузки — \
                 исправьте ячейку или выгрузите файл заново"
            ));
        }
    }
    Ok(())
}

/// Streams one part through the scanner, refusing it past [`MAX_PART_BYTES`].
fn stream<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    scan: &mut Scan,
    what: &str,
) -> Result<(), String> {
    let Ok(mut part) = zip.by_name(name) else {
        return Ok(());
    };
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = match part.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) => {
                return Err(format!(
                    "файл повреждён: часть {name} не распаковывается ({e})"
                ));
            }
        };
        total += n as u64;
        if total > MAX_PART_BYTES {
            return Err(format!(
                "XML {what} распаковывается больше чем в {} ГБ — больше, чем выгрузка ВПР всей страны: \
                 файл испорчен или собран не из выгрузки",
                MAX_PART_BYTES >> 30
            ));
        }
        buf[..n].iter().for_each(|&b| scan.byte(b));
        if scan.long_cell.is_some() {
            return Ok(());
        }
    }
}

/// A byte-at-a-time reader of SpreadsheetML: tags (cut at [`MAX_TAG`]), and the length in
/// characters of the text between them.
#[derive(Default)]
struct Scan {
    in_tag: bool,
    tag: Vec<u8>,
    /// Characters of the current text (an entity counts once).
    run: usize,
    in_entity: bool,
    /// Digits of a `<v>`, for a shared-string cell's index.
    value: Vec<u8>,
    /// Shared strings: the index of the current `<si>` and its characters so far.
    item: Option<usize>,
    items: usize,
    item_chars: usize,
    long_items: BTreeSet<usize>,
    /// Sheets: the current cell's reference and type, the shared strings too long.
    cell: String,
    shared: bool,
    in_value: bool,
    long_strings: BTreeSet<usize>,
    long_cell: Option<String>,
}

impl Scan {
    fn byte(&mut self, b: u8) {
        if self.in_tag {
            if b == b'>' {
                self.in_tag = false;
                self.close_tag();
            } else if self.tag.len() < MAX_TAG {
                self.tag.push(b);
            }
            return;
        }
        if b == b'<' {
            self.end_text();
            self.in_tag = true;
            self.tag.clear();
            return;
        }
        if self.in_value && self.value.len() < 16 {
            self.value.push(b);
        }
        // Count characters: a UTF-8 continuation byte adds none, an entity adds one.
        if self.in_entity {
            self.in_entity = b != b';';
        } else if b & 0xC0 != 0x80 {
            self.run += 1;
            self.in_entity = b == b'&';
        }
        if self.run > MAX_CELL_CHARS
            && self.long_cell.is_none()
            && !self.cell.is_empty()
            && !self.shared
        {
            self.long_cell = Some(self.cell.clone());
        }
    }

    fn end_text(&mut self) {
        if self.item.is_some() {
            self.item_chars += self.run;
        }
        if self.in_value && self.shared {
            let index = std::str::from_utf8(&self.value)
                .ok()
                .and_then(|v| v.trim().parse().ok());
            if index.is_some_and(|i| self.long_strings.contains(&i)) && self.long_cell.is_none() {
                self.long_cell = Some(self.cell.clone());
            }
        }
        self.run = 0;
        self.in_entity = false;
    }

    fn close_tag(&mut self) {
        let tag = std::mem::take(&mut self.tag);
        // A closing tag's name starts after its slash; a self-closing one ends before it.
        let skip = usize::from(tag.first() == Some(&b'/'));
        let name_end = tag[skip..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .map_or(tag.len(), |i| i + skip);
        let name = &tag[..name_end];
        let self_closing = tag.last() == Some(&b'/');
        match name {
            b"si" => {
                self.item = Some(self.items);
                self.item_chars = 0;
            }
            b"/si" => {
                if self.item_chars > MAX_CELL_CHARS {
                    self.long_items.insert(self.items);
                }
                self.item = None;
                self.items += 1;
            }
            b"c" => {
                self.cell = attribute(&tag, b"r").unwrap_or_default();
                self.shared = attribute(&tag, b"t").as_deref() == Some("s");
                if self_closing {
                    self.cell.clear();
                }
            }
            b"/c" => self.cell.clear(),
            b"v" => {
                self.in_value = true;
                self.value.clear();
            }
            b"/v" => self.in_value = false,
            _ => {}
        }
        self.tag = tag;
        self.tag.clear();
    }
}

/// The value of attribute `name` in a tag's bytes.
fn attribute(tag: &[u8], name: &[u8]) -> Option<String> {
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&tag[at..], name).map(|i| i + at) {
        let before = i.checked_sub(1).map(|j| tag[j]);
        let rest = &tag[i + name.len()..];
        if before.is_some_and(|b| b.is_ascii_whitespace() || b == b':') && rest.starts_with(b"=\"")
        {
            let value = &rest[2..];
            let end = value.iter().position(|&b| b == b'"')?;
            return Some(String::from_utf8_lossy(&value[..end]).into_owned());
        }
        at = i + 1;
    }
    None
}

/// Sheet part → sheet name, from the workbook and its relationships (both small).
fn sheet_names<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> BTreeMap<String, String> {
    let tags = |zip: &mut zip::ZipArchive<R>, name: &str, tag: &[u8]| -> Vec<Vec<u8>> {
        let mut text = Vec::new();
        if let Ok(part) = zip.by_name(name) {
            let _ = part.take(16 << 20).read_to_end(&mut text);
        }
        text.split(|&b| b == b'<')
            .filter(|t| t.starts_with(tag) && t.get(tag.len()).is_some_and(u8::is_ascii_whitespace))
            .map(<[u8]>::to_vec)
            .collect()
    };
    let targets: BTreeMap<String, String> =
        tags(zip, "xl/_rels/workbook.xml.rels", b"Relationship")
            .iter()
            .filter_map(|t| Some((attribute(t, b"Id")?, attribute(t, b"Target")?)))
            .collect();
    tags(zip, "xl/workbook.xml", b"sheet")
        .iter()
        .filter_map(|t| {
            let target = targets.get(&attribute(t, b"id")?)?;
            let part = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            Some((part, attribute(t, b"name")?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &str, long_strings: &[usize]) -> Scan {
        let mut s = Scan {
            long_strings: long_strings.iter().copied().collect(),
            ..Scan::default()
        };
        xml.bytes().for_each(|b| s.byte(b));
        s
    }

    #[test]
    fn a_long_inline_text_is_found_at_its_cell_and_a_short_one_is_not() {
        let long = "я".repeat(MAX_CELL_CHARS + 1);
        let xml = format!(
            "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"AH2\" t=\"inlineStr\"><is><t>{long}</t></is></c></row>"
        );
        assert_eq!(scan(&xml, &[]).long_cell.as_deref(), Some("AH2"));
        let short = "я".repeat(MAX_CELL_CHARS);
        let xml = format!("<c r=\"AH2\" t=\"inlineStr\"><is><t>{short}</t></is></c>");
        assert_eq!(scan(&xml, &[]).long_cell, None);
        // An entity is one character.
        let amps = "&amp;".repeat(MAX_CELL_CHARS);
        let xml = format!("<c r=\"B3\" t=\"inlineStr\"><is><t>{amps}</t></is></c>");
        assert_eq!(scan(&xml, &[]).long_cell, None);
    }

    #[test]
    fn a_long_shared_string_is_found_where_a_cell_uses_it() {
        let long = "x".repeat(MAX_CELL_CHARS + 1);
        let strings =
            format!("<sst><si><t>a</t></si><si><r><t>{long}</t></r></si><si><t>b</t></si></sst>");
        assert_eq!(scan(&strings, &[]).long_items, BTreeSet::from([1]));
        let sheet = "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C7\" t=\"s\"><v>1</v></c>";
        assert_eq!(scan(sheet, &[1]).long_cell.as_deref(), Some("C7"));
        assert_eq!(scan(sheet, &[2]).long_cell, None);
    }

    #[test]
    fn attributes_are_read_by_whole_name() {
        let tag = br#"c r="XFD1048576" s="3" t="s""#;
        assert_eq!(attribute(tag, b"r").as_deref(), Some("XFD1048576"));
        assert_eq!(attribute(tag, b"t").as_deref(), Some("s"));
        assert_eq!(
            attribute("sheet name=\"Лист 1\" r:id=\"rId4\"".as_bytes(), b"id").as_deref(),
            Some("rId4")
        );
    }
}
