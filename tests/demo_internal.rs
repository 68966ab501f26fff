//! The committed demo built for the office (internal audience): the judgements it plans
//! from — deficit coverage, deadlines — as the rules on /methodology/ give them.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::oko;

/// The demo built once for the internal audience as of 1 November 2025.
fn site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("internal");
        let repo = env!("CARGO_MANIFEST_DIR");
        let out_arg = out.to_str().expect("utf-8");
        let args = [
            "build",
            "--root",
            repo,
            "--out",
            out_arg,
            "--audience",
            "internal",
        ];
        oko(&[&args[..], &["--date", "2025-11-01"]].concat()).assert_ok();
        dir
    })
    .path()
    .join("internal")
    .leak()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(site().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The table row of /deficits/ whose skill text contains `text`.
fn deficit_row(text: &str) -> String {
    let page = read("deficits/index.html");
    let row = page.split("<tr>").find(|row| row.contains(text));
    row.unwrap_or_else(|| panic!("no row «{text}»")).to_string()
}

#[test]
fn a_deficit_a_school_roadmap_addresses_is_covered_on_deficits() {
    // ОГЭ Russian skill 6 is addressed by measure 2 of rm-2025-sch640116 only.
    let row = deficit_row("Писать сочинение-рассуждение");
    assert!(!row.contains("дефицит без мероприятия"), "{row}");
    assert!(
        row.contains("<td data-label=\"Мероприятий\">1</td>"),
        "{row}"
    );
    // Skill 7 of the same work has no measure anywhere.
    assert!(
        deficit_row("Соблюдать орфографические, пунктуационные")
            .contains("дефицит без мероприятия")
    );
}

/// A school's effect is set against the schools without such a measure: rm-2024-sch640119's
/// cohort rose 18,9 p.p., the other 24 schools 29,8 — no effect of its own.
#[test]
fn a_school_effect_is_set_against_the_other_schools() {
    let page = std::fs::read_to_string(site().join("roadmaps/rm-2024-sch640119/index.html"))
        .expect("roadmap");
    assert!(
        page.contains("школы без такого мероприятия (24 школы): 53,4\u{a0}% → 83,1\u{a0}%, +29,8 п. п.; разница изменений -10,9 п. п. (95 %: от -38 до +13) — изменение в пределах случайных колебаний"),
        "{page}"
    );
}
