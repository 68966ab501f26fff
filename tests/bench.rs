//! `oko bench` on the demo: every phase runs, the rebuild after adding the newest
//! procedure equals the clean build, and the JSON line carries what the table says.

mod common;

use common::{demo_copy, oko};

#[test]
fn bench_measures_every_phase_and_the_rebuild_equals_the_clean_build() {
    let project = demo_copy();
    let run = oko(&["bench", project.path().to_str().expect("utf-8")]);
    run.assert_ok();
    let last = run.stdout.lines().last().expect("a JSON line");
    let json: serde_json::Value = serde_json::from_str(last).expect("the last line is JSON");
    let count = |phase: &str, field: &str| json[phase][field].as_u64().expect(field);
    assert_eq!(json["identical"], true);
    assert!(
        json["rows"].as_u64() > Some(10_000),
        "the demo's rows were read"
    );
    let pages = count("clean", "pages");
    assert!(pages > 400, "the demo's public site");
    assert_eq!(count("rebuild", "pages"), pages);
    // Built again unchanged the same day, every page comes from the cache as it is.
    let unchanged = count("unchanged", "pages");
    assert_eq!(count("unchanged", "reused"), unchanged);
    assert_eq!(count("unchanged", "changed_pages"), 0);
    assert_eq!(count("unchanged", "bytes_written"), 0);
    // The rebuild comes a week later: it writes the pages whose content changed, no other.
    assert_eq!(json["rebuild_wrote_what_changed"], true);
    let written = count("rebuild", "changed_pages");
    assert!(
        written > 0 && written < pages / 2,
        "{written} of {pages} written"
    );
    assert!(count("rebuild", "bytes_written") > 0);
    // Adding a procedure renders its pages and those that list it, not the site.
    let again = pages - count("rebuild", "reused");
    assert!(
        again > 0 && again < pages / 2,
        "{again} of {pages} rendered again"
    );
    for phase in [
        "parse",
        "calamine",
        "check",
        "clean",
        "unchanged",
        "rebuild",
        "check_later",
    ] {
        assert!(json[phase]["wall_s"].as_f64() > Some(0.0), "{phase}");
    }
    // A check the day after reads the rebuild's pages from the cache as they are; only
    // pages that count overdue measures by the day are rendered.
    assert_eq!(count("check_later", "pages"), pages);
    let checked = count("check_later", "reused");
    assert!(checked + 20 >= pages, "{checked} of {pages} from the cache");
    assert!(run.stdout.contains("то же ещё раз, без изменений"));
}
