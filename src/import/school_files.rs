//! The school files import writes: one per login of the results, from what the
//! questionnaire says, over what an earlier import wrote — never losing it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::files::{self, Planned};
use super::{Inputs, Request, area, schools, yaml};
use crate::diag::OkoError;

/// A school file for every login of the results (of the chosen municipality) that has none,
/// with what the questionnaire says about it.
pub(super) fn plan(
    req: &Request,
    inputs: &Inputs,
    scope: &area::Scope,
    planned: &mut Vec<Planned>,
) -> Result<(), OkoError> {
    let context: BTreeMap<String, schools::SchoolInfo> = inputs
        .context
        .iter()
        .flat_map(schools::read_context)
        .collect();
    // Login → (name in a protocol form, municipality id in a region).
    let mut logins: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
    for t in &inputs.results {
        for (login, (m, name)) in schools::logins(t).schools {
            if let Some(municipality) = scope.takes(&m) {
                logins.entry(login).or_insert((name, municipality));
            }
        }
    }
    if inputs.results.is_empty() {
        for login in context.keys() {
            if req
                .root
                .join(format!("data/schools/{login}.yaml"))
                .is_file()
            {
                logins.insert(login.clone(), (String::new(), None));
            }
        }
    }
    for (login, (protocol_name, municipality)) in &logins {
        if !crate::load::is_slug(login) {
            return Err(OkoError::Usage(format!(
                "логин школы «{login}» нельзя сделать именем файла: ожидаются латинские буквы, цифры, «-» и «_»"
            )));
        }
        let rel = PathBuf::from(format!("data/schools/{login}.yaml"));
        let existing = std::fs::read(req.root.join(&rel)).ok();
        if existing.as_ref().is_some_and(|b| !files::written_by_oko(b)) {
            continue; // the office's own school file: never touched
        }
        let body = school_body(
            login,
            (context.get(login), existing.as_deref()),
            protocol_name,
            municipality.as_deref(),
        );
        planned.push(files::plan(
            &req.root,
            rel,
            files::yaml_with_mark(&body),
            req.force,
        ));
    }
    Ok(())
}

/// A school's file: what the files imported now say, over what its earlier file (import's
/// own) said — a re-import without the questionnaire keeps the name, address and clusters,
/// and keys import does not write (enrolment, a site…) stay as they were.
fn school_body(
    login: &str,
    (info, earlier): (Option<&schools::SchoolInfo>, Option<&[u8]>),
    protocol_name: &str,
    municipality: Option<&str>,
) -> String {
    let Some((before, map)) = earlier.and_then(schools::SchoolInfo::from_file) else {
        return yaml::school(login, info, protocol_name, municipality);
    };
    let info = match info {
        Some(now) => now.clone().over(before),
        None => before,
    };
    let kept = map.get("municipality").and_then(serde_yaml::Value::as_str);
    let mut body = yaml::school(login, Some(&info), protocol_name, municipality.or(kept));
    const WRITTEN: [&str; 6] = [
        "id",
        "municipality",
        "name",
        "short_name",
        "address",
        "attributes",
    ];
    for (key, value) in &map {
        if key.as_str().is_some_and(|k| WRITTEN.contains(&k)) {
            continue;
        }
        let mut one = serde_yaml::Mapping::new();
        one.insert(key.clone(), value.clone());
        if let Ok(text) = serde_yaml::to_string(&one) {
            body.push_str(&text);
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    const EARLIER: &str = "# oko import 0123456789abcdef — файл записан oko\nid: sch01\nmunicipality: north\n\
        name: \"МБОУ «СОШ № 1» полное\"\nshort_name: \"СОШ № 1\"\naddress: \"ул. Ленина, 1\"\n\
        attributes:\n  location: \"село\"\n  settlement_size: \"до 1 тыс.\"\nenrolment:\n  5: 40\n";

    #[test]
    fn a_later_import_without_the_questionnaire_keeps_the_earlier_file() {
        let body = school_body("sch01", (None, Some(EARLIER.as_bytes())), "", Some("north"));
        for line in [
            "name: \"МБОУ «СОШ № 1» полное\"",
            "short_name: \"СОШ № 1\"",
            "address: \"ул. Ленина, 1\"",
            "  location: \"село\"",
            "enrolment:",
            "  5: 40",
        ] {
            assert!(body.lines().any(|l| l == line), "{line} in\n{body}");
        }
    }

    #[test]
    fn what_the_questionnaire_says_now_wins_and_the_rest_stays() {
        let now = schools::SchoolInfo {
            name: "СОШ № 1 им. Пушкина".into(),
            attributes: [("location".to_string(), "город".to_string())].into(),
            ..Default::default()
        };
        let body = school_body(
            "sch01",
            (Some(&now), Some(EARLIER.as_bytes())),
            "",
            Some("north"),
        );
        assert!(
            body.contains("short_name: \"СОШ № 1 им. Пушкина\""),
            "{body}"
        );
        assert!(body.contains("  location: \"город\""), "{body}");
        assert!(!body.contains("село"), "{body}");
        assert!(body.contains("  settlement_size: \"до 1 тыс.\""), "{body}");
        assert!(body.contains("address: \"ул. Ленина, 1\""), "{body}");
        // Without an earlier file, the name is the questionnaire's alone.
        let fresh = school_body("sch01", (Some(&now), None), "", Some("north"));
        assert!(
            !fresh.contains("Ленина") && !fresh.contains("enrolment"),
            "{fresh}"
        );
    }
}
