//! The robustness suite (#37): every reader fed mutated files — truncated at many points,
//! bytes flipped, cells far outside the table, strings longer than Excel writes, control
//! characters, deep nesting, other encodings — through `import` and `check`, each run
//! under a 1 GiB address-space limit. Whatever a file holds, oko exits 0 or through its
//! own message (exit 1) naming the file: never a panic, an allocation abort or a crash.
//! The cases come from a fixed seed, so a failure names a case that can be run again;
//! each one found becomes a named test of its own.

mod common;
mod real_common;

use std::path::Path;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use common::{Fixture, PROCEDURE, Run, oko_in_1_gib, rewrite_part};

/// One mutated file.
struct Mutant {
    /// What was done to it, for the failure message.
    case: String,
    bytes: Vec<u8>,
}

/// What oko printed is its own: exit 0 or 1, no panic or abort, and an error names `file`.
fn survived(run: &Run, file: &str, case: &str) {
    assert!(
        run.code == 0 || run.code == 1,
        "{case}: exit {} — {}",
        run.code,
        run.stderr
    );
    for sign in [
        "panicked",
        "memory allocation",
        "RUST_BACKTRACE",
        "stack overflow",
    ] {
        assert!(!run.stderr.contains(sign), "{case}: {}", run.stderr);
    }
    if run.code == 1 {
        assert!(
            run.stderr.contains(file),
            "{case}: the message names {file}: {}",
            run.stderr
        );
    }
}

/// The file cut at `n` points spread over its length, and `n` copies with bytes flipped.
fn byte_mutants(base: &[u8], n: usize, rng: &mut ChaCha8Rng) -> Vec<Mutant> {
    let mut out = Vec::new();
    for k in 0..n {
        let at = base.len() * k / n + rng.random_range(0..base.len() / n);
        out.push(Mutant {
            case: format!("truncated at byte {at}"),
            bytes: base[..at].to_vec(),
        });
    }
    for _ in 0..n {
        let mut bytes = base.to_vec();
        let flips: Vec<usize> = (0..8).map(|_| rng.random_range(0..bytes.len())).collect();
        for &at in &flips {
            bytes[at] ^= 1 << rng.random_range(0..8);
        }
        out.push(Mutant {
            case: format!("bytes flipped at {flips:?}"),
            bytes,
        });
    }
    out
}

/// An edit of a workbook part's bytes.
type Edit = Box<dyn Fn(Vec<u8>) -> Vec<u8>>;

/// Edits of a workbook's XML part: what a damaged or hand-made file may hold.
fn xml_edits() -> Vec<(&'static str, Edit)> {
    fn before_end(xml: &[u8], insert: &[u8]) -> Vec<u8> {
        let at = memchr::memmem::rfind(xml, b"</sheetData>").unwrap_or(xml.len());
        [&xml[..at], insert, &xml[at..]].concat()
    }
    vec![
        (
            "a value in the sheet's last cell",
            Box::new(|x: Vec<u8>| {
                before_end(&x, br#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#)
            }),
        ),
        (
            "a dimension claiming the whole sheet",
            Box::new(|x: Vec<u8>| {
                let text = String::from_utf8_lossy(&x).into_owned();
                let Some(at) = text.find("<dimension ref=\"") else {
                    return x;
                };
                let end = at + text[at..].find("/>").unwrap_or(0);
                format!(
                    "{}<dimension ref=\"A1:XFD1048576\"{}",
                    &text[..at],
                    &text[end..]
                )
                .into_bytes()
            }),
        ),
        (
            "a string of 40 000 characters",
            Box::new(|x: Vec<u8>| {
                let cell = format!(
                    "<row r=\"900\"><c r=\"A900\" t=\"inlineStr\"><is><t>{}</t></is></c></row>",
                    "я".repeat(40_000)
                );
                before_end(&x, cell.as_bytes())
            }),
        ),
        (
            "control characters, raw and as Excel escapes",
            Box::new(|x: Vec<u8>| {
                before_end(&x, "<row r=\"901\"><c r=\"A901\" t=\"inlineStr\"><is><t>a_x0002_b\u{1}c_x001F_</t></is></c></row>".as_bytes())
            }),
        ),
        (
            "elements nested 100 000 deep",
            Box::new(|x: Vec<u8>| {
                let deep = format!("{}{}", "<is>".repeat(100_000), "</is>".repeat(100_000));
                before_end(&x, deep.as_bytes())
            }),
        ),
        (
            "a shared string that does not exist",
            Box::new(|x: Vec<u8>| {
                before_end(
                    &x,
                    br#"<row r="902"><c r="A902" t="s"><v>999999</v></c></row>"#,
                )
            }),
        ),
        (
            "rows numbered backwards and a row 0",
            Box::new(|x: Vec<u8>| {
                before_end(&x, br#"<row r="5"><c r="A5"><v>1</v></c></row><row r="0"><c r="A0"><v>2</v></c></row>"#)
            }),
        ),
        (
            "a number too big for any integer",
            Box::new(|x: Vec<u8>| {
                before_end(&x, br#"<row r="903"><c r="I903"><v>1e308</v></c><c r="J903"><v>-99999999999999999999999</v></c></row>"#)
            }),
        ),
        (
            "the XML cut in the middle",
            Box::new(|x: Vec<u8>| x[..x.len() / 2].to_vec()),
        ),
    ]
}

/// A workbook's mutants: its bytes cut and flipped, and each XML edit of its sheets.
fn workbook_mutants(path: &Path, part: &str, seed: u64) -> Vec<Mutant> {
    let base = std::fs::read(path).expect("workbook");
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = byte_mutants(&base, 6, &mut rng);
    let dir = tempfile::tempdir().expect("tmp");
    for (case, edit) in xml_edits() {
        let to = dir.path().join("edited");
        rewrite_part(path, &to, part, edit);
        out.push(Mutant {
            case: case.to_string(),
            bytes: std::fs::read(&to).expect("edited"),
        });
    }
    out
}

/// The real 2022 school form, mutated, through `import` (the dense reader) and `check`
/// (the streaming one) of a project that imported it whole.
#[test]
fn mutated_xlsx_forms_never_stop_oko_cold() {
    let Some(real) = real_common::real() else {
        return;
    };
    let name = "altai_2022_g5_Математика.xlsx";
    let form = real.join("altai_vpr_2022_fisoko_forms").join(name);
    let plan = real.join("altai_vpr_plans_2021/plan_2021_ma5_ALL.xlsx");
    let dir = tempfile::tempdir().expect("tmp");
    let good = dir.path().join("good");
    let text = |p: &Path| p.to_str().expect("utf-8").to_string();
    common::oko(&["init", &text(&good)]).assert_ok();
    common::oko(&[
        "import",
        "--root",
        &text(&good),
        "--kind",
        "ВПР",
        &text(&form),
        &text(&plan),
    ])
    .assert_ok();
    let in_project = good.join("data/results/2022/vpr-2022-math-5").join(name);
    for (i, m) in workbook_mutants(&form, "xl/worksheets/sheet", 37)
        .into_iter()
        .enumerate()
    {
        let file = dir.path().join(format!("m{i}")).join(name);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(&file, &m.bytes).expect("write");
        let root = dir.path().join(format!("p{i}"));
        common::oko(&["init", &text(&root)]).assert_ok();
        let imported = oko_in_1_gib(&[
            "import",
            "--root",
            &text(&root),
            "--kind",
            "ВПР",
            &text(&file),
            &text(&plan),
        ]);
        survived(&imported, name, &format!("import, {}", m.case));
        std::fs::write(&in_project, &m.bytes).expect("write");
        let checked = oko_in_1_gib(&["check", "--root", &text(&good)]);
        survived(&checked, name, &format!("check, {}", m.case));
    }
}

/// The .xls and .ods readers: the test workbooks cut, flipped and (the .ods) edited.
#[test]
fn mutated_xls_and_ods_never_stop_oko_cold() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let cases = [
        (
            "rows.xls",
            workbook_mutants_bytes_only(&fixtures.join("rows.xls")),
        ),
        (
            "rows.ods",
            workbook_mutants(&fixtures.join("rows.ods"), "content.xml", 38),
        ),
    ];
    for (name, mutants) in cases {
        for m in mutants {
            let f = Fixture::new();
            f.remove(&format!("data/results/2025/{PROCEDURE}/results.csv"));
            f.write_bytes(&format!("data/results/2025/{PROCEDURE}/{name}"), &m.bytes);
            let run = oko_in_1_gib(&["check", "--root", f.root().to_str().expect("utf-8")]);
            survived(&run, name, &format!("{name}, {}", m.case));
        }
    }
}

fn workbook_mutants_bytes_only(path: &Path) -> Vec<Mutant> {
    let base = std::fs::read(path).expect("workbook");
    byte_mutants(&base, 8, &mut ChaCha8Rng::seed_from_u64(39))
}

/// Windows-1251 bytes of a text (the Cyrillic letters and ё; the rest is ASCII here).
fn cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'ё' => 0xB8,
            'Ё' => 0xA8,
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            c if c.is_ascii() => c as u8,
            _ => b'?',
        })
        .collect()
}

/// CSV results as other programs write them, and broken.
fn csv_mutants() -> Vec<Mutant> {
    let base = common::RESULTS;
    let mut out: Vec<Mutant> = vec![
        ("Windows-1251".to_string(), cp1251(base)),
        (
            "UTF-16 with a byte-order mark".to_string(),
            [0xFF, 0xFE]
                .into_iter()
                .chain(base.encode_utf16().flat_map(u16::to_le_bytes))
                .collect(),
        ),
        (
            "NUL bytes and control characters".to_string(),
            base.replace("5А", "5\0А\u{7}").into_bytes(),
        ),
        (
            "a field of 2 MB".to_string(),
            base.replace("1001", &"9".repeat(2 << 20)).into_bytes(),
        ),
        (
            "an unbalanced quote".to_string(),
            base.replace("sch01,5Б,1007", "sch01,\"5Б,1007")
                .into_bytes(),
        ),
        (
            "cut inside a two-byte letter".to_string(),
            base.as_bytes()[..base.find('А').expect("А") + 1].to_vec(),
        ),
        (
            "line ends of old Macs".to_string(),
            base.replace('\n', "\r").into_bytes(),
        ),
        (
            "10 000 columns".to_string(),
            format!("{}{}", base.trim_end(), ",x".repeat(10_000)).into_bytes(),
        ),
    ]
    .into_iter()
    .map(|(case, bytes)| Mutant { case, bytes })
    .collect();
    out.extend(byte_mutants(
        base.as_bytes(),
        6,
        &mut ChaCha8Rng::seed_from_u64(40),
    ));
    out
}

#[test]
fn mutated_csv_results_never_stop_oko_cold() {
    for m in csv_mutants() {
        let f = Fixture::new();
        f.write_bytes(
            &format!("data/results/2025/{PROCEDURE}/results.csv"),
            &m.bytes,
        );
        survived(&f.check_in_1_gib(), "results.csv", &m.case);
    }
}

/// Project files no person writes: nesting, alias bombs, bytes that are not UTF-8.
#[test]
fn mutated_yaml_never_stops_oko_cold() {
    let rel = format!("data/procedures/2025/{PROCEDURE}.yaml");
    let procedure = common::procedure_yaml(PROCEDURE);
    let bomb = {
        let mut y = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            y += &format!("a{i}: &a{i} [{refs}]\n");
        }
        y
    };
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "oko.yaml",
            "lists nested 100 000 deep",
            format!("title: {}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        ),
        (
            "oko.yaml",
            "an alias bomb",
            format!("title: x\n{bomb}").into_bytes(),
        ),
        (
            "oko.yaml",
            "bytes that are not UTF-8",
            b"title: \"\xff\xfe\xc3\x28\"\nmin_group: 5\n".to_vec(),
        ),
        (
            "oko.yaml",
            "a number too big",
            b"title: x\nmin_group: 99999999999999999999999999\n".to_vec(),
        ),
        (
            &rel,
            "maps nested 100 000 deep",
            format!(
                "{procedure}extra: {}{}",
                "{a: ".repeat(100_000),
                "}".repeat(100_000)
            )
            .into_bytes(),
        ),
        (
            &rel,
            "a task list of an alias bomb",
            format!("{bomb}{}", procedure).into_bytes(),
        ),
        (
            &rel,
            "cut in the middle",
            procedure.as_bytes()[..procedure.len() / 2].to_vec(),
        ),
        (
            "data/schools/sch01.yaml",
            "a name of 1 MB with control characters",
            format!("id: sch01\nname: \"{}\\u0002\"\n", "я".repeat(1 << 19)).into_bytes(),
        ),
    ];
    for (file, case, bytes) in cases {
        let f = Fixture::new();
        f.write_bytes(file, &bytes);
        let name = Path::new(file)
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name");
        survived(&f.check_in_1_gib(), name, &format!("{file}: {case}"));
    }
}

/// Found by the suite: calamine panicked on an `.xls` cut inside its sector table («slice
/// index starts at 4096 but ends at 3710»); the reading is now contained.
#[test]
fn an_xls_cut_short_is_a_damaged_file_not_a_crash() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bytes = std::fs::read(fixtures.join("rows.xls")).expect("rows.xls");
    let f = Fixture::new();
    f.remove(&format!("data/results/2025/{PROCEDURE}/results.csv"));
    f.write_bytes(
        &format!("data/results/2025/{PROCEDURE}/rows.xls"),
        &bytes[..4222],
    );
    let run = f.check_in_1_gib();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "rows.xls: файл повреждён: его не удалось дочитать (slice index starts at 4096 but ends at 3710) — \
             выгрузите его заново или откройте в Excel и сохраните как .xlsx"
        ),
        "{}",
        run.stderr
    );
}

/// Found by the suite: 100 000 nested brackets kept libyaml's scanner busy for a minute
/// (quadratic in the depth) before serde refused them; they are refused first, at once.
#[test]
fn brackets_nested_deeper_than_a_project_file_has_are_refused_at_once() {
    let f = Fixture::new();
    f.write(
        "oko.yaml",
        &format!("title: {}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let run = f.check_in_1_gib();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "oko.yaml, строка 1, позиция 108: скобки [ ] и { } вложены глубже 100 уровней: так файлы проекта не пишут"
        ),
        "{}",
        run.stderr
    );
}
