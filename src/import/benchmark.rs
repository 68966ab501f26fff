//! The region's own figures from a regional export: a one-municipality project imports the
//! whole region's file, so the region benchmark (`benchmarks.region`) can be counted from it
//! by the same rules oko reads results by — instead of being copied from a report by hand.

use std::collections::HashMap;
use std::path::Path;

use crate::analyse::Counters;
use crate::analyse::reference::benchmark_of;
use crate::config::BadRows;
use crate::load::results::{self, Rules};
use crate::model::{Participant, Procedure};

/// `benchmarks:` with the region's marks and task completion, from every row of the files
/// (bad rows left out and counted); none when the files hold one municipality only.
pub fn region_block(procedure_yaml: &str, files: &[&Path], logins: &[String]) -> Option<String> {
    let mut procedure: Procedure = serde_yaml::from_str(procedure_yaml).ok()?;
    procedure.apply_official_scale().ok()?;
    let schools: HashMap<String, u32> = logins
        .iter()
        .enumerate()
        .map(|(i, l)| (l.clone(), i as u32))
        .collect();
    let rules = Rules {
        bad_rows: BadRows::Skip,
        municipality: None,
    };
    let mut participants: Vec<Participant> = Vec::new();
    let mut skipped = 0;
    for path in files {
        let read = results::read_file(path, path, &procedure, &schools, rules);
        if read.diagnostics.has_errors() {
            return None;
        }
        skipped += read.skipped;
        participants.extend(read.participants);
    }
    let c = Counters::of(&procedure, &participants);
    let b = benchmark_of(&procedure, &c)?;
    let mut y = format!(
        "# Эталон региона посчитан oko по всей региональной выгрузке: {} участников; \
         строк с ошибками не учтено: {skipped}.\nbenchmarks:\n  region:\n",
        c.participants
    );
    if !b.marks.is_empty() {
        let marks: Vec<String> = b
            .marks
            .iter()
            .map(|(m, v)| format!("{m}: {v:.1}"))
            .collect();
        y += &format!("    marks: {{ {} }}\n", marks.join(", "));
    }
    let tasks: Vec<String> = procedure
        .tasks
        .iter()
        .map(|t| {
            let id = serde_json::to_string(&t.id).unwrap_or_default();
            format!("{id}: {:.1}", b.tasks.get(&t.id).copied().unwrap_or(0.0))
        })
        .collect();
    y += &format!("    tasks: {{ {} }}\n", tasks.join(", "));
    Some(y)
}
