//! Writing what `import` made without ever losing an edit: every YAML file it writes starts
//! with a line holding the checksum of what it wrote. A file whose body still has that
//! checksum is import's own and may be replaced; one the user edited is left alone unless
//! import now wants something else there — then it is refused (with the lines that would
//! change) until `--force`. Nothing is written while anything is refused.

use std::path::{Path, PathBuf};

use crate::diag::OkoError;

const MARK: &str = "# oko import ";

/// What will happen to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// A new file.
    Created,
    /// Import's own file, now with other content.
    Updated,
    /// Nothing to change (or the user's edits kept, as import has nothing new for it).
    Unchanged,
    /// The user's file, which import would change: not written without `--force`.
    Refused(String),
    /// The user's file, replaced under `--force`.
    Replaced,
}

/// One file import wants to write.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Path under the project root.
    pub rel: PathBuf,
    /// Bytes to write (with the checksum line for YAML).
    pub bytes: Vec<u8>,
    /// What will happen.
    pub fate: Fate,
}

fn checksum(body: &[u8]) -> String {
    blake3::hash(body).to_hex()[..16].to_string()
}

/// Whether oko wrote this file (it starts with the checksum line); the office's own files
/// — a school file written by hand — are never touched.
pub fn written_by_oko(bytes: &[u8]) -> bool {
    bytes.starts_with(MARK.as_bytes())
}

/// A YAML file with its checksum line.
pub fn yaml_with_mark(body: &str) -> Vec<u8> {
    let mut out = format!(
        "{MARK}{} — файл записан oko (import, roadmap new); правьте его свободно: \
         oko не заменит ваши правки без --force\n",
        checksum(body.as_bytes())
    );
    out.push_str(body);
    out.into_bytes()
}

/// Splits a file into the checksum it records and its body.
fn split_mark(bytes: &[u8]) -> (Option<&str>, &[u8]) {
    let Some(rest) = bytes.strip_prefix(MARK.as_bytes()) else {
        return (None, bytes);
    };
    let line_end = rest
        .iter()
        .position(|&b| b == b'\n')
        .map_or(rest.len(), |i| i + 1);
    let sum = std::str::from_utf8(&rest[..line_end.min(16)]).ok();
    (sum, &rest[line_end..])
}

/// Decides the fate of writing `bytes` to `rel` under `root`.
pub fn plan(root: &Path, rel: PathBuf, bytes: Vec<u8>, force: bool) -> Planned {
    let fate = match std::fs::read(root.join(&rel)) {
        Err(_) => Fate::Created,
        Ok(current) if current == bytes => Fate::Unchanged,
        Ok(current) => {
            let (recorded, body) = split_mark(&current);
            let (wanted, _) = split_mark(&bytes);
            let own = recorded.is_some_and(|r| r == checksum(body));
            if own {
                Fate::Updated
            } else if recorded.is_some() && recorded == wanted {
                Fate::Unchanged
            } else if force {
                Fate::Replaced
            } else {
                Fate::Refused(difference(&current, &bytes))
            }
        }
    };
    Planned { rel, bytes, fate }
}

/// What would change, for a refusal message: the lines that would go and those that would
/// come (the checksum line aside), at most three of each.
fn difference(current: &[u8], wanted: &[u8]) -> String {
    let (Ok(a), Ok(b)) = (std::str::from_utf8(current), std::str::from_utf8(wanted)) else {
        return "файл с другим содержимым".into();
    };
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.starts_with(MARK))
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (lines(a), lines(b));
    let only = |x: &[String], y: &[String]| -> Vec<String> {
        x.iter()
            .filter(|l| !y.contains(l))
            .take(3)
            .map(|l| format!("«{l}»"))
            .collect()
    };
    let (gone, new) = (only(&a, &b), only(&b, &a));
    let mut out = Vec::new();
    if !gone.is_empty() {
        out.push(format!("уйдут строки {}", gone.join(", ")));
    }
    if !new.is_empty() {
        out.push(format!("появятся {}", new.join(", ")));
    }
    out.join("; ")
}

/// Writes every planned file, or none when any is refused.
pub fn write_all(root: &Path, planned: &[Planned]) -> Result<(), OkoError> {
    let refused: Vec<String> = planned
        .iter()
        .filter_map(|p| match &p.fate {
            Fate::Refused(why) => Some(format!("{} — {why}", p.rel.display())),
            _ => None,
        })
        .collect();
    if !refused.is_empty() {
        return Err(OkoError::Usage(format!(
            "oko не записал ничего: эти файлы правили вручную, а запись изменила бы их \
             (запустите с --force, чтобы заменить):\n  {}",
            refused.join("\n  ")
        )));
    }
    for p in planned
        .iter()
        .filter(|p| matches!(p.fate, Fate::Created | Fate::Updated | Fate::Replaced))
    {
        let path = root.join(&p.rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| OkoError::io(dir, e))?;
        }
        let tmp = path.with_extension("oko-import.tmp");
        std::fs::write(&tmp, &p.bytes).map_err(|e| OkoError::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| OkoError::io(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_files_are_replaced_and_edited_ones_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path();
        let first = yaml_with_mark("name: a\n");
        let p = plan(root, "s.yaml".into(), first.clone(), false);
        assert_eq!(p.fate, Fate::Created);
        write_all(root, &[p]).expect("write");
        assert_eq!(
            plan(root, "s.yaml".into(), first.clone(), false).fate,
            Fate::Unchanged
        );
        assert_eq!(
            plan(root, "s.yaml".into(), yaml_with_mark("name: b\n"), false).fate,
            Fate::Updated
        );

        let mut edited = first.clone();
        edited.extend_from_slice(b"enrolment: { 5: 20 }\n");
        std::fs::write(root.join("s.yaml"), &edited).expect("edit");
        // Import has nothing new for the file: the edit stays, nothing is refused.
        assert_eq!(
            plan(root, "s.yaml".into(), first, false).fate,
            Fate::Unchanged
        );
        let wanted = yaml_with_mark("name: b\n");
        let refused = plan(root, "s.yaml".into(), wanted.clone(), false);
        assert_eq!(
            refused.fate,
            Fate::Refused(
                "уйдут строки «name: a», «enrolment: { 5: 20 }»; появятся «name: b»".into()
            )
        );
        let err = write_all(root, &[refused]).expect_err("refused");
        assert!(err.to_string().contains("s.yaml"), "{err}");
        assert_eq!(std::fs::read(root.join("s.yaml")).expect("read"), edited);
        assert_eq!(
            plan(root, "s.yaml".into(), wanted, true).fate,
            Fate::Replaced
        );
    }

    #[test]
    fn a_file_import_did_not_write_is_the_users() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(dir.path().join("p.yaml"), "id: p\n").expect("write");
        let p = plan(
            dir.path(),
            "p.yaml".into(),
            yaml_with_mark("id: q\n"),
            false,
        );
        assert!(matches!(p.fate, Fate::Refused(_)));
    }
}
