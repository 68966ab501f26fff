//! The headers a procedure's `columns:` names: what they map to, and the rule that every
//! one of them is in the file.

use std::collections::HashMap;

use super::*;

/// `columns:` of the procedure: normalised header → the task or field it names.
pub(super) fn mapped_headers(procedure: &Procedure) -> HashMap<String, Role> {
    procedure
        .columns
        .iter()
        .filter_map(|(key, header)| {
            let role = procedure
                .task_index(key)
                .map(Role::Task)
                .or_else(|| FIELDS.iter().find(|(f, _)| f == key).map(|(_, role)| *role))?;
            Some((normalise(header), role))
        })
        .collect()
}

impl Recogniser<'_> {
    /// Every header `columns:` names must be in the file: a missing one is never ignored.
    pub(super) fn check_mapped(&mut self, header: &[Cell]) {
        let have: Vec<String> = header
            .iter()
            .map(|c| c.text())
            .filter(|t| !t.is_empty())
            .collect();
        let normalised: Vec<String> = have.iter().map(|h| normalise(h)).collect();
        for (key, wanted) in &self.procedure.columns {
            if !normalised.contains(&normalise(wanted)) {
                let message = format!(
                    "в файле нет столбца «{wanted}», который columns: процедуры {} назначает для «{key}»; \
                     заголовки файла: «{}»",
                    self.procedure.id,
                    have.join("», «")
                );
                self.errors.push(Diagnostic::error(
                    self.location.clone(),
                    "missing-mapped-column",
                    message,
                ));
            }
        }
    }
}
