//! Result layouts read as offices have them (DESIGN §2): the raw ФИС ОКО export of 2020,
//! the ГИА protocol of the regional processing centre, and `columns:` for any field.

mod common;

use common::{Fixture, PROCEDURE, procedure_yaml};

/// The fixture's results in the raw 2020 layout: same participants, other headers, a stray
/// «Учебник» header past the plan's last result column and an `a-5-grade` beyond it.
#[test]
fn the_raw_2020_export_is_read_as_it_is() {
    let f = Fixture::new();
    let mut csv = String::from(
        "groups,user,id,code,otc,gender,klass,var-1,var-2,sum,a-1-grade,a-2-grade,a-3-grade,Учебник,a-5-grade\n",
    );
    for (i, line) in common::RESULTS.lines().skip(1).enumerate() {
        let c: Vec<&str> = line.split(',').collect();
        // school,class,participant,variant,1,2К1,3,mark,journal_mark
        let scores: Vec<u32> = c[4..7].iter().map(|s| s.parse().unwrap_or(0)).collect();
        let sum = if c[3] == "отсутствовал" {
            String::new()
        } else {
            scores.iter().sum::<u32>().to_string()
        };
        csv += &format!(
            "g,{},{},{},{},м,{},{},,{sum},{},{},{},Учебник,\n",
            c[0],
            i + 1,
            c[2],
            c[8],
            c[1],
            c[3],
            c[4],
            c[5],
            c[6]
        );
    }
    f.results(&csv);
    let run = f.check();
    run.assert_ok();
    assert!(
        run.stderr.contains("15 результатов участников"),
        "{}",
        run.stderr
    );
}

/// `columns:` names any field, not only tasks; a mapped header the file lacks is an error
/// that lists the headers it has; a key that is neither a task nor a field is an error.
#[test]
fn columns_map_any_field_and_a_missing_mapped_header_is_an_error() {
    let f = Fixture::new();
    let renamed = common::RESULTS.replacen(
        "school,class,participant,variant,1,2К1,3,mark,journal_mark",
        "ОО,Литера,Номер работы,Вар.,Задание 1,Задание 2,Задание 3,Итог,Четверть",
        1,
    );
    f.results(&renamed);
    let columns = "columns:\n  school: \"ОО\"\n  class: \"Литера\"\n  participant: \"Номер работы\"\n  variant: \"Вар.\"\n  \"1\": \"Задание 1\"\n  \"2К1\": \"Задание 2\"\n  \"3\": \"Задание 3\"\n  mark: \"Итог\"\n  journal_mark: \"Четверть\"\n";
    let path = format!("data/procedures/2025/{PROCEDURE}.yaml");
    f.write(&path, &(procedure_yaml(PROCEDURE) + columns));
    let run = f.check();
    run.assert_ok();
    assert!(
        run.stderr.contains("15 результатов участников"),
        "{}",
        run.stderr
    );

    f.write(
        &path,
        &(procedure_yaml(PROCEDURE) + &columns.replace("Четверть\"", "Отметка за четверть\"")),
    );
    f.check().assert_data_error(&[
        "results.csv, строка 1: в файле нет столбца «Отметка за четверть», который columns: процедуры vpr-2025-test назначает для «journal_mark»; заголовки файла: «ОО», «Литера», «Номер работы», «Вар.», «Задание 1», «Задание 2», «Задание 3», «Итог», «Четверть»",
    ]);

    f.write(
        &path,
        &(procedure_yaml(PROCEDURE) + columns + "  student: \"Номер\"\n"),
    );
    f.check().assert_data_error(&[
        "в columns: «student» — нет ни такого задания в плане, ни такого поля (поля: school, class, participant, pupil, variant, total, mark, journal_mark, test_score, medal, sex, municipality)",
    ]);
}

/// A plan of 3 short-answer tasks and 2 long-answer ones, for the ГИА protocols.
fn gia_plan(id: &str, kind: &str, marks: &str) -> String {
    format!(
        "id: {id}\nkind: {kind}\ntitle: \"{kind}. Тест\"\nschool_year: \"2024/25\"\ndate: 2025-06-03\nsubject: Тест\ngrade: 9\n\
         tasks:\n  - {{ id: \"1\", max: 1, level: базовый, skill: \"1\" }}\n  - {{ id: \"2\", max: 1, level: базовый, skill: \"1\" }}\n  \
         - {{ id: \"3\", max: 2, level: базовый, skill: \"1\" }}\n  - {{ id: \"4\", max: 2, level: повышенный, skill: \"2\" }}\n  \
         - {{ id: \"5\", max: 3, level: высокий, skill: \"2\" }}\n{marks}"
    )
}

const GIA_HEADER: &str = "Код МСУ,Код ОО,Класс,Код ППЭ,Аудитория,Фамилия,Имя,Отчество,Задания с кратким ответом,Задания с развёрнутым ответом,Первичный балл,Балл";

/// The ГИА protocol: a title line in A1, names dropped at once, tasks from the answer
/// strings, «Балл» as the ОГЭ mark (checked with the scale) or the ЕГЭ test score; a
/// string that does not fit the plan is a bad row.
#[test]
fn the_gia_protocol_is_read_from_its_answer_strings() {
    let f = Fixture::new();
    let id = "oge-2025-test-9";
    f.write(
        &format!("data/procedures/2025/{id}.yaml"),
        &gia_plan(id, "ОГЭ", "scale: { 3: 3, 4: 5, 5: 7 }\n"),
    );
    let protocol = format!(
        "ОГЭ 2025 Тест 03.06.2025,,,,,,,,,,,\n{GIA_HEADER}\n\
         01,sch01,9А,1234,12,Кузнецов,Иван,Иванович,+-2,2(2)1(3),6,4\n\
         01,sch01,9А,1234,12,Смирнова,Анна,Сергеевна,++1,0(2)0(3),3,3\n\
         01,sch02,9Б,1234,12,Сидоров,Пётр,,---,0(2)0(3),0,2\n"
    );
    f.write(&format!("data/results/2025/{id}/protocol.csv"), &protocol);
    f.build(&[
        "--audience",
        "internal",
        "--out",
        f.path("internal").to_str().expect("utf-8"),
    ])
    .assert_ok();
    let site = oko::site::Site::load(f.root()).unwrap_or_else(|e| panic!("{e}"));
    let i = site.project.procedure_index(id).expect("procedure");
    let r = &site.project.results[i];
    let mut by_row: Vec<_> = r.participants.iter().collect();
    by_row.sort_by(|a, b| a.code.cmp(&b.code));
    let scores: Vec<(u32, Vec<u8>, Option<u8>)> = by_row
        .iter()
        .map(|p| (p.primary, p.scores.to_vec(), p.mark))
        .collect();
    assert_eq!(
        scores,
        [
            (6, vec![1, 0, 2, 2, 1], Some(4)),
            (3, vec![1, 1, 1, 0, 0], Some(3)),
            (0, vec![0, 0, 0, 0, 0], Some(2))
        ]
    );
    assert_eq!(
        by_row[0].code.as_ref(),
        "стр. 3",
        "rows are numbered, names dropped"
    );
    for file in common::files(&f.path("internal")) {
        let text = std::fs::read_to_string(f.path("internal").join(&file)).unwrap_or_default();
        assert!(
            !text.contains("Кузнецов") && !text.contains("Смирнова"),
            "a name in {}",
            file.display()
        );
    }

    f.write(
        &format!("data/results/2025/{id}/protocol.csv"),
        &format!("ОГЭ 2025 Тест,,,,,,,,,,,\n{GIA_HEADER}\n01,sch01,9А,1,1,И,И,И,+-,2(2)1(3),5,3\n01,sch01,9А,1,1,И,И,И,+-2,2(2)1(2),6,4\n"),
    );
    f.check().assert_data_error(&[
        "protocol.csv, строка 3, столбец «Задания с кратким ответом»: в строках ответов 2 + 2 = 4 результата, а в плане 5 заданий",
        "protocol.csv, строка 4, столбец «Задания с кратким ответом»: у задания 5 в строке развёрнутых ответов максимум 2, а в плане 3",
    ]);
}

#[test]
fn the_gia_protocol_of_ege_gives_test_scores() {
    let f = Fixture::new();
    let id = "ege-2025-test-11";
    let plan = gia_plan(id, "ЕГЭ", "min_score: 30\n").replace("grade: 9", "grade: 11");
    f.write(&format!("data/procedures/2025/{id}.yaml"), &plan);
    f.write(
        &format!("data/results/2025/{id}/protocol.csv"),
        &format!(
            "ЕГЭ 2025 Тест,,,,,,,,,,,\n{GIA_HEADER}\n01,sch01,11А,1,1,И,И,И,+-2,2(2)1(3),6,64\n"
        ),
    );
    f.check().assert_ok();
    let site = oko::site::Site::load(f.root()).unwrap_or_else(|e| panic!("{e}"));
    let i = site.project.procedure_index(id).expect("procedure");
    let p = &site.project.results[i].participants[0];
    assert_eq!((p.primary, p.test_score, p.mark), (6, Some(64), None));
}
