//! A procedure's rows set aside in a temporary file for the internal build. Its pages need
//! every participant's row only while that procedure's school, class and printable pages are
//! rendered; a region's rows all held for the whole build were half its memory (#17). The
//! rows are written once read and read back one procedure at a time. The file has no name:
//! the system removes it when the build ends, even if it is killed.
//!
//! The only I/O of `model`, kept here so the rest of it stays plain data.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Write};
use std::sync::Arc;

use super::{Participant, Results};
use crate::diag::OkoError;
use crate::positioned::read_at;

/// Rows written aside: their file, and which schools a part of the project keeps.
#[derive(Debug, Clone)]
pub struct Aside {
    /// Shared by the copies of a project (one municipality's part reads the region's file).
    file: Arc<File>,
    /// Bytes written.
    len: usize,
    /// For one municipality of a region: the region's school index → this part's index;
    /// rows of other schools are left out when read back.
    schools: Option<Arc<BTreeMap<u32, u32>>>,
}

impl Aside {
    /// Writes `rows` to a new temporary file.
    pub fn write(rows: &[Participant]) -> io::Result<Aside> {
        let bytes = postcard::to_stdvec(rows).map_err(io::Error::other)?;
        let mut file = tempfile::tempfile()?;
        file.write_all(&bytes)?;
        Ok(Aside {
            file: Arc::new(file),
            len: bytes.len(),
            schools: None,
        })
    }

    /// The rows as written, in their order (sorted by school, class and code), renumbered
    /// for a part of the project.
    pub fn read(&self) -> io::Result<Vec<Participant>> {
        let mut bytes = vec![0; self.len];
        read_at(&self.file, &mut bytes, 0)?;
        let mut rows: Vec<Participant> = postcard::from_bytes(&bytes)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        if let Some(schools) = &self.schools {
            rows.retain_mut(|p| match schools.get(&p.school) {
                Some(&kept) => {
                    p.school = kept;
                    true
                }
                None => false,
            });
        }
        Ok(rows)
    }

    /// The same rows for a part of the project: `new_index` maps the schools it keeps to
    /// their index in the part. Nothing is read or written.
    pub fn part(&self, new_index: &BTreeMap<u32, u32>) -> Aside {
        let schools = match &self.schools {
            None => new_index.clone(),
            Some(before) => before
                .iter()
                .filter_map(|(&from, to)| Some((from, *new_index.get(to)?)))
                .collect(),
        };
        Aside {
            schools: Some(Arc::new(schools)),
            ..self.clone()
        }
    }
}

impl Results {
    /// The procedure's rows: those held in memory, or read back from where they were set
    /// aside (the internal build reads them one procedure at a time).
    pub fn rows(&self) -> Result<Cow<'_, [Participant]>, OkoError> {
        match &self.aside {
            Some(aside) => aside
                .read()
                .map(Cow::Owned)
                .map_err(|e| OkoError::io(std::env::temp_dir(), e)),
            None => Ok(Cow::Borrowed(&self.participants)),
        }
    }

    /// Keeps the rows' per-school counters and class letters in memory and sets the rows
    /// aside in a temporary file (the internal build).
    pub fn set_aside(&mut self, procedure: &super::Procedure) -> io::Result<()> {
        let aside = Aside::write(&self.participants)?;
        self.fold(procedure, true);
        self.aside = Some(aside);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(school: u32, code: &str) -> Participant {
        Participant {
            school,
            class: "А".into(),
            code: code.into(),
            scores: vec![1, 0, crate::model::NOT_ATTEMPTED].into(),
            primary: 1,
            mark: Some(3),
            journal_mark: None,
            test_score: None,
            medal: None,
            pupil: Some(format!("p{code}").into()),
        }
    }

    #[test]
    fn rows_come_back_as_written_and_a_part_keeps_its_schools_renumbered() {
        let rows = vec![row(0, "1"), row(1, "2"), row(1, "3"), row(2, "4")];
        let aside = Aside::write(&rows).expect("written");
        assert_eq!(aside.read().expect("read"), rows);
        assert_eq!(aside.read().expect("read again"), rows);

        let part = aside.part(&BTreeMap::from([(1, 0), (2, 1)]));
        let codes = |a: &Aside| -> Vec<(u32, String)> {
            let rows = a.read().expect("read");
            rows.iter()
                .map(|p| (p.school, p.code.to_string()))
                .collect()
        };
        let expected = [(0, "2"), (0, "3"), (1, "4")].map(|(s, c)| (s, c.to_string()));
        assert_eq!(codes(&part), expected);
        // A part of a part: region school 2 is the part's 1, the new part's 0.
        let smaller = part.part(&BTreeMap::from([(1, 0)]));
        assert_eq!(codes(&smaller), [(0, "4".to_string())]);
        assert_eq!(codes(&aside).len(), 4, "the whole is unchanged");
    }

    #[test]
    fn results_set_aside_keep_counters_and_letters_and_read_their_rows_back() {
        let procedure: crate::model::Procedure = serde_yaml::from_str(
            "id: t\nkind: ВПР\ntitle: T\nschool_year: \"2024/25\"\ndate: 2025-04-15\n\
             subject: x\ngrade: 5\nscale: { 3: 1, 4: 2, 5: 3 }\ntasks:\n\
             - { id: \"1\", max: 1, level: базовый, skill: \"1\" }\n\
             - { id: \"2\", max: 1, level: базовый, skill: \"1\" }\n\
             - { id: \"3\", max: 1, level: базовый, skill: \"1\" }\n",
        )
        .expect("procedure");
        let mut rows = vec![row(0, "1"), row(1, "2"), row(1, "3")];
        rows[2].class = "Б".into();
        let mut r = Results {
            participants: rows.clone(),
            ..Results::default()
        };
        assert!(matches!(r.rows().expect("rows"), Cow::Borrowed(_)));
        r.set_aside(&procedure).expect("set aside");
        assert!(r.participants.is_empty(), "no row left in memory");
        assert_eq!(r.rows().expect("rows").as_ref(), rows.as_slice());
        let tallies = r.tallies.as_ref().expect("tallies");
        let summary: Vec<(u32, u64, Vec<String>)> = tallies
            .iter()
            .map(|t| (t.school, t.counters.participants, t.class_letters.clone()))
            .collect();
        let letters = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            summary,
            [(0, 1, letters(&["А"])), (1, 2, letters(&["А", "Б"]))]
        );
    }
}
