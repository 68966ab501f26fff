//! The demo's schools as a region of two municipalities: a municipality's page gives each
//! kind of work its own table (marks, pass / fail, ЕГЭ test scores), each work's row with the
//! region's beside it, and the list of municipalities reads as a sentence.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The demo's data as a region: every second school in the north, the rest in the south;
/// the municipal roadmaps become the region's.
fn demo_region(root: &Path) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for entry in walkdir::WalkDir::new(&data) {
        let entry = entry.expect("demo data");
        let rel = entry.path().strip_prefix(&data).expect("inside");
        let to = root.join("data").join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("folder");
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
    std::fs::remove_file(root.join("data/municipality.yaml")).expect("municipality");
    let write = |rel: &str, text: &str| std::fs::write(root.join(rel), text).expect(rel);
    write("data/region.yaml", "name: \"Условная область\"\n");
    std::fs::create_dir_all(root.join("data/municipalities")).expect("folder");
    write(
        "data/municipalities/north.yaml",
        "name: \"Северный район\"\n",
    );
    write("data/municipalities/south.yaml", "name: \"Южный район\"\n");
    let mut schools: Vec<PathBuf> = std::fs::read_dir(root.join("data/schools"))
        .expect("schools")
        .map(|e| e.expect("school").path())
        .collect();
    schools.sort();
    for (i, school) in schools.iter().enumerate() {
        let text = std::fs::read_to_string(school).expect("school");
        let area = if i % 2 == 0 { "north" } else { "south" };
        std::fs::write(school, format!("{text}municipality: {area}\n")).expect("school");
    }
    for roadmap in std::fs::read_dir(root.join("data/roadmaps")).expect("roadmaps") {
        let path = roadmap.expect("roadmap").path();
        let text = std::fs::read_to_string(&path).expect("roadmap");
        std::fs::write(&path, text.replace("owner: municipality", "owner: region"))
            .expect("roadmap");
    }
}

/// The text of one table: the one whose caption starts with `caption`.
fn table<'a>(page: &'a str, caption: &str) -> &'a str {
    let start = page
        .find(&format!("<caption>{caption}"))
        .unwrap_or_else(|| panic!("no table «{caption}»"));
    let rest = &page[start..];
    &rest[..rest.find("</table>").expect("table end")]
}

#[test]
fn a_municipality_page_has_a_table_for_each_kind_of_work_beside_the_region() {
    let dir = tempfile::tempdir().expect("temp");
    demo_region(dir.path());
    let out = dir.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_oko"))
        .args(["build", "--root"])
        .arg(dir.path())
        .args(["--date", "2025-11-01", "--out"])
        .arg(&out)
        .output()
        .expect("oko");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let page = std::fs::read_to_string(out.join("municipalities/north/index.html")).expect("page");
    let marks = table(&page, "Работы с отметками, 2024/25");
    let passes = table(&page, "Зачёт / незачёт, 2024/25");
    let tests = table(&page, "ЕГЭ, 2024/25");
    // Each kind's own columns, each work followed by the region's row.
    assert!(marks.contains("Качество") && marks.contains("ОГЭ. Математика. 9 класс"));
    assert!(!marks.contains("ЕГЭ.") && !marks.contains("Итоговое собеседование"));
    assert!(passes.contains(">Зачёт<") && passes.contains("Итоговое собеседование"));
    assert!(tests.contains("Средний тестовый балл") && tests.contains("ЕГЭ. Русский язык"));
    for t in [marks, passes, tests] {
        let works = t.matches("municipalities/north/").count();
        assert!(works > 0, "{t}");
        assert_eq!(t.matches(">Регион</a>").count(), works, "{t}");
    }
    // ЕГЭ rows carry figures, not dashes.
    let ege = tests.split("ЕГЭ. Русский язык").nth(1).expect("row");
    let row = &ege[..ege.find("</tr>").expect("row end")];
    assert!(!row.contains(">—</td>"), "{row}");
    let list = std::fs::read_to_string(out.join("municipalities/index.html")).expect("list");
    assert!(
        list.contains("Условная область: муниципалитеты по алфавиту."),
        "{list}"
    );
}
