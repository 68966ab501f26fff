//! Every kind of bad input gives a precise error (file, row, column, value, expectation),
//! exit code 1, and nothing written.

mod common;

use common::{Fixture, PROCEDURE, RESULTS};

const CSV: &str = "data/results/2025/vpr-2025-test/results.csv";

fn replace_line(line_no: usize, new: &str) -> String {
    RESULTS
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line_no {
                new.to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// `check` fails with exactly one error containing `parts`, and `build` fails the same way
/// without writing anything.
fn fails(f: &Fixture, parts: &[&str]) {
    f.check().assert_data_error(parts).assert_errors(1);
    f.build(&[]).assert_data_error(parts).assert_errors(1);
    assert!(
        !f.path("public").exists(),
        "a failed build must not write the site"
    );
}

#[test]
fn the_valid_fixture_builds() {
    let f = Fixture::new();
    f.check().assert_ok();
    f.build(&[]).assert_ok();
    assert!(f.path("public/index.html").is_file());
}

#[test]
fn unknown_school() {
    let f = Fixture::new();
    f.results(&replace_line(3, "sch99,5А,1002,2,1,2,1,5,4"));
    fails(
        &f,
        &[
            CSV,
            "строка 3",
            "столбец «school»",
            "неизвестная школа «sch99»",
        ],
    );
}

#[test]
fn missing_task_column() {
    let f = Fixture::new();
    f.results("school,class,participant,variant,1,3\nsch01,5А,1001,1,1,2\n");
    fails(&f, &[CSV, "строка 1", "нет столбца задания «2К1»"]);
}

#[test]
fn extra_task_column() {
    let f = Fixture::new();
    f.results("school,class,participant,1,2К1,3,4\nsch01,5А,1001,1,2,2,1\n");
    fails(
        &f,
        &[
            CSV,
            "столбец «4»",
            "лишний столбец задания",
            "нет задания «4»",
        ],
    );
}

#[test]
fn score_above_max() {
    let f = Fixture::new();
    f.results(&replace_line(4, "sch01,5А,1003,1,1,3,1,4,4"));
    fails(
        &f,
        &[
            CSV,
            "строка 4",
            "столбец «2К1»",
            "балл 3 больше максимума 2",
        ],
    );
}

#[test]
fn negative_score() {
    let f = Fixture::new();
    f.results(&replace_line(4, "sch01,5А,1003,1,1,-1,1,4,4"));
    fails(
        &f,
        &[CSV, "строка 4", "столбец «2К1»", "отрицательный балл -1"],
    );
}

#[test]
fn non_numeric_score() {
    let f = Fixture::new();
    f.results(&replace_line(5, "sch01,5А,1004,2,0,два,1,4,5"));
    fails(
        &f,
        &[
            CSV,
            "строка 5",
            "столбец «2К1»",
            "«два» — не балл",
            "от 0 до 2",
        ],
    );
}

#[test]
fn duplicate_participant_code_across_files() {
    let f = Fixture::new();
    f.write(
        &format!("data/results/2025/{PROCEDURE}/more.csv"),
        "school,class,participant,1,2К1,3\nsch01,5В,1005,1,1,1\n",
    );
    fails(
        &f,
        &[
            "more.csv",
            "строка 2",
            "код участника «1005» уже встречался",
            "results.csv, строка 6",
        ],
    );
}

#[test]
fn mark_that_disagrees_with_the_scale() {
    let f = Fixture::new();
    f.results(&replace_line(2, "sch01,5А,1001,1,1,2,2,3,5"));
    fails(
        &f,
        &[
            CSV,
            "строка 2",
            "столбец «mark»",
            "отметка 3 не совпадает со шкалой",
            "положена отметка 5",
        ],
    );
}

/// A journal mark that is not a mark («ж») keeps the pupil and leaves only the journal
/// comparison blank for them, with one warning for the file (#32 point 11).
#[test]
fn journal_mark_that_is_not_a_mark() {
    let counts = |f: &Fixture| {
        let site = oko::site::Site::load(f.root()).unwrap_or_else(|e| panic!("{e}"));
        let as_of = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).expect("date");
        let analysis = site.analyse(oko::config::Audience::Public, as_of).analysis;
        let c = &analysis.procedures[0].municipality.counters;
        (c.participants, c.confirmation.compared)
    };
    let f = Fixture::new();
    assert_eq!(counts(&f), (15, 13));
    f.results(
        &replace_line(2, "sch01,5А,1001,1,1,2,2,5,ж")
            .replace("sch01,5А,1004,2,0,2,1,4,5", "sch01,5А,1004,2,0,2,1,4,осв."),
    );
    let run = f.check();
    run.assert_ok();
    assert!(
        run.stderr.contains(&format!(
            "предупреждение: {CSV}, столбец «journal_mark»: 2 участника с отметкой за предыдущий период не 2–5 \
             («ж» — 1, «осв.» — 1; строки 2, 5): их результаты учтены, в сравнении с отметками журнала их нет"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(
        counts(&f),
        (15, 11),
        "both pupils counted, neither compared"
    );
}

#[test]
fn malformed_yaml_names_line_and_column() {
    let f = Fixture::new();
    f.write(
        "data/schools/sch02.yaml",
        "id: sch02\nname: \"МБОУ\nshort_name: [\n",
    );
    fails(
        &f,
        &[
            "data/schools/sch02.yaml",
            "строка",
            "позиция",
            "синтаксическая ошибка YAML",
        ],
    );
}

#[test]
fn unknown_field_in_yaml() {
    let f = Fixture::new();
    f.write(
        "data/schools/sch02.yaml",
        "id: sch02\nname: \"А\"\nshort_name: \"Б\"\nshortname: \"В\"\n",
    );
    fails(
        &f,
        &[
            "data/schools/sch02.yaml",
            "строка 4",
            "неизвестный ключ «shortname»",
        ],
    );
}

#[test]
fn school_id_differs_from_file_name() {
    let f = Fixture::new();
    f.write(
        "data/schools/sch02.yaml",
        "id: sch03\nname: \"А\"\nshort_name: \"Б\"\n",
    );
    fails(
        &f,
        &[
            "data/schools/sch02.yaml",
            "id школы «sch03» не совпадает с именем файла «sch02»",
        ],
    );
}

#[test]
fn procedure_id_differs_from_file_name() {
    let f = Fixture::new();
    f.write(
        &format!("data/procedures/2025/{PROCEDURE}.yaml"),
        &common::procedure_yaml("vpr-other"),
    );
    fails(
        &f,
        &[
            "vpr-2025-test.yaml",
            "id процедуры «vpr-other» не совпадает с именем файла",
        ],
    );
}

#[cfg(unix)]
#[test]
fn result_file_outside_the_root() {
    let f = Fixture::new();
    let outside = tempfile::tempdir().expect("temp dir");
    let target = outside.path().join("stolen.csv");
    std::fs::write(&target, RESULTS).expect("write");
    std::os::unix::fs::symlink(
        &target,
        f.path(&format!("data/results/2025/{PROCEDURE}/link.csv")),
    )
    .expect("symlink");
    fails(&f, &["link.csv", "ведёт за пределы папки проекта"]);
}

#[test]
fn empty_spreadsheet() {
    let f = Fixture::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet();
    f.write_bytes(
        &format!("data/results/2025/{PROCEDURE}/empty.xlsx"),
        &wb.save_to_buffer().expect("xlsx"),
    );
    fails(&f, &["empty.xlsx", "нет ни одной строки с данными"]);
}

#[test]
fn header_only_spreadsheet() {
    let f = Fixture::new();
    f.write(
        &format!("data/results/2025/{PROCEDURE}/header.csv"),
        "school,class,participant,1,2К1,3\n",
    );
    fails(&f, &["header.csv", "только заголовки"]);
}

#[test]
fn corrupt_spreadsheet() {
    let f = Fixture::new();
    f.write_bytes(
        &format!("data/results/2025/{PROCEDURE}/broken.xlsx"),
        b"PK\x03\x04 this is not a workbook",
    );
    fails(
        &f,
        &["broken.xlsx", "файл повреждён или не является таблицей"],
    );
}

#[test]
fn every_error_is_listed_not_just_the_first() {
    let f = Fixture::new();
    let csv = replace_line(2, "sch01,5А,1001,1,1,5,2,5,5")
        .replace("sch01,5А,1003,1,1,1,1,4,4", "sch01,5А,1003,1,7,1,1,4,4");
    f.results(&csv);
    f.write(
        "data/schools/sch02.yaml",
        "id: sch02\nname: \"А\"\nshort_name: \"Б\"\nextra: 1\n",
    );
    let run = f.check();
    run.assert_data_error(&["строка 2", "строка 4", "неизвестный ключ «extra»"])
        .assert_errors(3);
    assert!(
        run.stderr.contains("ошибки в данных")
            || run.stderr.contains("ошибок")
            || run.stderr.contains("ошибки")
    );
}

#[test]
fn result_folder_without_a_procedure() {
    let f = Fixture::new();
    f.write("data/results/2025/vpr-2025-nothing/a.csv", RESULTS);
    fails(&f, &["data/results/2025/vpr-2025-nothing", "нет процедуры"]);
}

#[test]
fn bad_rows_skip_turns_errors_into_warnings_and_counts_them() {
    let f = Fixture::new();
    f.write(
        "oko.yaml",
        "title: \"Тест\"\nmin_group: 5\nbad_rows: skip\n",
    );
    f.results(&replace_line(4, "sch01,5А,1003,1,1,3,1,4,4"));
    let run = f.build(&[]);
    run.assert_ok();
    assert!(
        run.stderr.contains("предупреждение") && run.stderr.contains("строка пропущена"),
        "{}",
        run.stderr
    );
    let page =
        std::fs::read_to_string(f.path(&format!("public/procedures/{PROCEDURE}/index.html")))
            .expect("page");
    assert!(
        page.contains("Строк с ошибками, исключённых из расчёта: 1"),
        "skipped rows must be reported on the page"
    );
}

#[test]
fn unknown_school_is_an_error_even_when_bad_rows_are_skipped() {
    let f = Fixture::new();
    f.write("oko.yaml", "bad_rows: skip\n");
    f.results(&replace_line(3, "sch99,5А,1002,2,1,2,1,5,4"));
    fails(&f, &["неизвестная школа «sch99»"]);
}

#[test]
fn a_failed_build_keeps_the_previous_site() {
    let f = Fixture::new();
    f.build(&[]).assert_ok();
    let before = std::fs::read(f.path("public/index.html")).expect("index");
    f.results(&replace_line(4, "sch01,5А,1003,1,1,3,1,4,4"));
    f.build(&[])
        .assert_data_error(&["балл 3 больше максимума 2"]);
    assert_eq!(
        std::fs::read(f.path("public/index.html")).expect("index"),
        before
    );
}

#[test]
fn usage_errors_exit_with_code_2() {
    let run = common::oko(&["build", "--no-such-flag"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let f = Fixture::new();
    let run = f.build(&[
        "--audience",
        "internal",
        "--out",
        f.path("public").to_str().expect("utf-8"),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("внутренний отчёт нельзя записывать"),
        "{}",
        run.stderr
    );
}

#[test]
fn skipped_rows_of_one_kind_are_summed_up_per_file() {
    let f = Fixture::new();
    f.write(
        "oko.yaml",
        "title: \"Тест\"\nmin_group: 5\nbad_rows: skip\n",
    );
    // Rows 2, 4, 5 and 7 score 3 on task 2К1 (max 2), row 2 also on task 3 (one row,
    // two errors); row 3 scores -1 on task 1.
    let csv = replace_line(2, "sch01,5А,1001,1,1,3,3,5,5")
        .replace("sch01,5А,1002,2,1,2,1,5,4", "sch01,5А,1002,2,-1,2,1,5,4")
        .replace("sch01,5А,1003,1,1,1,1,4,4", "sch01,5А,1003,1,1,3,1,4,4")
        .replace("sch01,5А,1004,2,0,2,1,4,5", "sch01,5А,1004,2,0,3,1,4,5")
        .replace("sch01,5А,1006,2,X,1,0,2,3", "sch01,5А,1006,2,X,3,0,2,3");
    f.results(&csv);
    let run = f.check();
    run.assert_ok();
    let lines: Vec<&str> = run.stderr.lines().filter(|l| l.contains(CSV)).collect();
    assert_eq!(lines.len(), 2, "one line per kind:\n{}", run.stderr);
    assert!(
        lines.iter().any(|l| l.contains(
            "пропущены 4 строки (bad_rows: skip): балл за задание больше максимума — строки 2, 4, 5, 7; все ошибки — с --verbose"
        )),
        "{}",
        run.stderr
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("строка 3, столбец «1»: отрицательный балл -1"))
    );
    // The full list on request, and always in JSON.
    let verbose = common::oko(&[
        "check",
        "--root",
        f.root().to_str().expect("utf-8"),
        "--verbose",
    ]);
    assert_eq!(
        verbose
            .stderr
            .matches("больше максимума 2 — строка пропущена")
            .count(),
        5
    );
    let json = common::oko(&[
        "check",
        "--root",
        f.root().to_str().expect("utf-8"),
        "--message-format",
        "json",
    ]);
    assert_eq!(json.stdout.matches("\"score-above-max\"").count(), 5);
}

#[test]
fn a_blank_total_beside_task_scores_is_a_bad_row() {
    let f = Fixture::new();
    f.results(
        "school,class,participant,1,2К1,3,total\n\
         sch01,5А,1001,1,2,2,5\n\
         sch01,5А,1002,1,2,1,\n\
         sch01,5А,1003,,,,\n",
    );
    fails(
        &f,
        &[
            CSV,
            "строка 3",
            "столбец «total»",
            "нет суммы баллов, хотя баллы за задания заполнены: укажите сумму (сейчас по заданиям 4)",
        ],
    );
}

#[test]
fn a_pupils_grade_that_is_no_grade() {
    let f = Fixture::new();
    let path = format!("data/procedures/2025/{PROCEDURE}.yaml");
    f.write(
        &path,
        &(common::procedure_yaml(PROCEDURE) + "pupils_grade: 55\n"),
    );
    fails(&f, &[&path, "pupils_grade: 55", "от 1 до 11"]);
}

/// A work of grade 255 with a wrong pupils' grade: one message, no overflow on the way.
#[test]
fn a_pupils_grade_beside_a_grade_past_any_school() {
    let f = Fixture::new();
    let path = format!("data/procedures/2025/{PROCEDURE}.yaml");
    let yaml = common::procedure_yaml(PROCEDURE).replace("grade: 5\n", "grade: 255\n");
    assert!(yaml.contains("grade: 255\n"), "{yaml}");
    f.write(&path, &(yaml + "pupils_grade: 0\n"));
    fails(&f, &[&path, "pupils_grade: 0", "от 1 до 11"]);
}

#[test]
fn observers_of_an_unknown_school() {
    let f = Fixture::new();
    let path = format!("data/procedures/2025/{PROCEDURE}.yaml");
    let yaml = common::procedure_yaml(PROCEDURE)
        + "observers:\n  - { school: sch01, independent: 2 }\n  - { school: sch99, video: true }\n";
    f.write(&path, &yaml);
    fails(&f, &[&path, "observers", "«sch99»", "data/schools/"]);
}

/// An output folder whose parent is a file: the message says so in Russian, with the way
/// out, and the system's words follow in brackets; nothing is written.
#[test]
fn an_output_path_through_a_file_is_explained() {
    let f = Fixture::new();
    f.write("blocked", "a file, not a folder\n");
    let out = f.path("blocked/public");
    let run = f.build(&["--out", out.to_str().expect("utf-8")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "blocked: на этом пути лежит файл там, где нужна папка: переименуйте или удалите его, или укажите другую папку (File exists (os error 17))"
        ),
        "{}",
        run.stderr
    );
    assert!(!f.path("public").exists());
}

/// A build stopped by bad rows says what was not written and names the usual way out;
/// check, which never writes, does not speak of a site not written.
#[test]
fn a_build_stopped_by_bad_rows_names_the_way_out() {
    let f = Fixture::new();
    f.results(&replace_line(2, "sch01,5А,1001,1,1,3,2,5,5"));
    let built = f.build(&[]);
    assert_eq!(built.code, 1, "{}", built.stderr);
    assert!(
        built.stderr.contains(
            "1 ошибка в данных; сайт не записан (прежний сайт остался как был). Исправьте файлы и запустите снова.\n\
             Ошибочные строки можно и не исправлять: посмотрите их (oko check --verbose), затем впишите в oko.yaml «bad_rows: skip» — такие строки будут исключены с предупреждением, а их число показано на сайте."
        ),
        "{}",
        built.stderr
    );
    let checked = f.check();
    assert_eq!(checked.code, 1);
    assert!(
        checked
            .stderr
            .contains("1 ошибка в данных. Исправьте файлы и запустите снова."),
        "{}",
        checked.stderr
    );
    assert!(
        !checked.stderr.contains("сайт не записан"),
        "{}",
        checked.stderr
    );
    // Errors that are not bad rows do not suggest skipping rows.
    f.results(RESULTS);
    f.write("data/schools/sch02.yaml", "id: [\n");
    let other = f.check();
    assert_eq!(other.code, 1, "{}", other.stderr);
    assert!(!other.stderr.contains("bad_rows: skip"), "{}", other.stderr);
}

/// A school without participants is told apart by why (#32 point 12): every row absent,
/// rows left out as bad, or never named in the files (then its code may be wrong).
#[test]
fn a_school_without_participants_is_told_why() {
    let f = Fixture::new();
    f.write(
        "oko.yaml",
        "title: \"Тест\"\nmin_group: 5\nbad_rows: skip\n",
    );
    for (id, name) in [
        ("sch03", "Петровская"),
        ("sch04", "Сидоровская"),
        ("sch05", "Фёдоровская"),
    ] {
        f.write(
            &format!("data/schools/{id}.yaml"),
            &format!("id: {id}\nname: \"МБОУ «{name} ООШ»\"\nshort_name: \"{name} ООШ\"\n"),
        );
    }
    f.results(&format!(
        "{RESULTS}sch03,5,3001,отсутствовал,,,,,\nsch03,5,3002,отсутствовал,,,,,\nsch04,5,4001,отсутствовал,,,,,\nsch04,5,4002,1,1,9,1,4,4\n"
    ));
    let run = f.build(&[]);
    run.assert_ok();
    for line in [
        "предупреждение: data/schools/sch03.yaml: у школы нет участников ни в одной процедуре: все её 2 строки в файлах результатов — отсутствовавшие ученики (если школа работу не писала, так и должно быть)",
        "предупреждение: data/schools/sch04.yaml: у школы нет участников ни в одной процедуре: в файлах результатов у неё строк отсутствовавших учеников — 1, строк, пропущенных как ошибочные (bad_rows: skip), — 1; какие это строки, покажет oko check --verbose",
        "предупреждение: data/schools/sch05.yaml: у школы нет результатов ни в одной процедуре: проверьте код школы в файлах результатов",
    ] {
        assert!(
            run.stderr.contains(line),
            "expected «{line}» in:\n{}",
            run.stderr
        );
    }
}
