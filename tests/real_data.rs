//! oko reads the real, anonymised ФИС ОКО exports in `../shared/real` as they are.
//!
//! The files are never copied into the repository (no licence): each test lays out a site
//! project in a temporary folder, with school files made from the logins in the data and
//! procedure files made from `vpr_plans.yaml` and `vpr_scales.yaml`.
//! Where CI=true and the folder is missing, the tests fail rather than skip.

mod common;
mod real_common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use common::oko;
use real_common::*;

fn procedure_yaml(
    id: &str,
    title: &str,
    grade: u64,
    tasks: &[PlanTask],
    scale: [u32; 3],
) -> String {
    let mut y = format!(
        "id: {id}\nkind: ВПР\ntitle: {}\nschool_year: \"2020/21\"\ndate: 2021-04-15\nsubject: {}\ngrade: {grade}\ntasks:\n",
        q(title),
        q(title)
    );
    for t in tasks {
        let _ = writeln!(
            y,
            "  - {{ id: {}, max: {}, level: {}, skill: {}, text: {} }}",
            q(&t.id),
            t.max,
            t.level,
            q(&t.skill),
            q(&t.text)
        );
    }
    let _ = writeln!(
        y,
        "scale: {{ 3: {}, 4: {}, 5: {} }}",
        scale[0], scale[1], scale[2]
    );
    // The export names result columns «балл за N»; the plan maps them to task ids.
    let _ = writeln!(y, "columns:");
    for t in tasks {
        let _ = writeln!(y, "  {}: {}", q(&t.id), q(&t.column));
    }
    y
}

struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn root(&self) -> &str {
        self.dir.path().to_str().expect("utf-8")
    }
    fn write(&self, rel: &str, text: &str) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
}

/// A site project over the two regional exports (Математика 5, Русский язык 4, 2021).
fn regional_project(real: &Path, bad_rows: &str) -> Project {
    let p = Project {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    p.write(
        "oko.yaml",
        &format!("title: \"ВПР 2021, Алтайский край\"\nbad_rows: {bad_rows}\n"),
    );
    p.write("data/municipality.yaml", "name: \"Алтайский край\"\nregion: \"Алтайский край\"\noffice: \"Региональный центр оценки качества\"\n");
    let mut logins = BTreeSet::new();
    for (id, file, title, subject, grade) in [
        (
            "vpr-2021-ma5",
            "altai_2021_vpr_ma5_participants.xlsx",
            "ВПР. Математика. 5 класс",
            "Математика",
            5,
        ),
        (
            "vpr-2021-ru4",
            "altai_2021_vpr_ru4_participants.xlsx",
            "ВПР. Русский язык. 4 класс",
            "Русский язык",
            4,
        ),
    ] {
        let src = real.join("altai_vpr_dev").join(file);
        logins.extend(
            sheet(&src)
                .into_iter()
                .skip(1)
                .map(|r| r[0].clone())
                .filter(|l| !l.is_empty()),
        );
        p.write(
            &format!("data/procedures/2021/{id}.yaml"),
            &procedure_yaml(
                id,
                title,
                grade,
                &plan(real, id),
                scale(real, subject, grade),
            ),
        );
        let dst = p.dir.path().join(format!("data/results/2021/{id}/{file}"));
        std::fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&src, &dst).expect("copy");
    }
    for login in &logins {
        p.write(
            &format!("data/schools/{login}.yaml"),
            &format!(
                "id: {login}\nname: {}\nshort_name: {}\n",
                q(login),
                q(login)
            ),
        );
    }
    p
}

#[test]
fn every_bad_row_of_the_real_exports_is_reported_precisely() {
    let Some(real) = real() else { return };
    let p = regional_project(&real, "error");
    let run = oko(&["check", "--root", p.root()]);
    run.assert_data_error(&[
        "altai_2021_vpr_ru4_participants.xlsx, лист «Sheet», строка 774, столбец «балл за 4»: балл 3 больше максимума 1",
        "altai_2021_vpr_ru4_participants.xlsx, лист «Sheet», столбец «отметка за предыдущую четверть/триместр»: \
         11 участников с отметкой за предыдущий период не 2–5 («ж» — 11; строки 25139, 25140, 25141, 25142, 25143 и ещё 6): \
         их результаты учтены, в сравнении с отметками журнала их нет",
        "altai_2021_vpr_ma5_participants.xlsx, лист «Sheet», строка 1135, столбец «всего баллов»: сумма баллов 15 не равна сумме баллов за задания 14",
        "строка 24901, столбец «всего баллов»: сумма баллов 21 вне допустимого диапазона 0…20",
    ]);
    // Every bad row an independent reading of the sheet finds is reported, and no other.
    for (id, file, subject, grade) in EXPORTS {
        let maxes: Vec<u32> = plan(&real, id).iter().map(|t| t.max).collect();
        let expected = independent(
            &real.join("altai_vpr_dev").join(file),
            &maxes,
            scale(&real, subject, grade),
            None,
        );
        let prefix = format!("{file}, лист «Sheet», строка ");
        let mut reported: Vec<usize> = run
            .stderr
            .lines()
            .filter_map(|l| {
                let rest = &l[l.find(&prefix)? + prefix.len()..];
                rest.split(',').next()?.parse().ok()
            })
            .collect();
        reported.sort_unstable();
        reported.dedup();
        assert!(
            !expected.bad_rows.is_empty(),
            "{id}: the export has bad rows"
        );
        assert_eq!(reported, expected.bad_rows, "{id}: reported bad rows");
    }
    // Row 14927 has task scores and a blank total: a bad row, not a participant counted
    // with its task sum.
    assert!(
        run.stderr
            .contains("строка 14927, столбец «всего баллов»: нет суммы баллов, хотя баллы за задания заполнены"),
        "{}",
        run.stderr
            .lines()
            .find(|l| l.contains("14927"))
            .unwrap_or("no line for row 14927")
    );
}

#[test]
fn real_exports_build_with_bad_rows_skipped_and_match_an_independent_count() {
    let Some(real) = real() else { return };
    let p = regional_project(&real, "skip");
    let out = p.dir.path().join("public");
    let run = oko(&[
        "build",
        "--root",
        p.root(),
        "--out",
        out.to_str().expect("utf-8"),
        "--date",
        "2021-11-01",
    ]);
    run.assert_ok();

    let site = oko::site::Site::load(p.dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let as_of = chrono::NaiveDate::from_ymd_opt(2021, 11, 1).expect("date");
    let analysis = site.analyse(oko::config::Audience::Public, as_of).analysis;
    for (id, file, subject, grade) in EXPORTS {
        let tasks = plan(&real, id);
        let maxes: Vec<u32> = tasks.iter().map(|t| t.max).collect();
        let expected = independent(
            &real.join("altai_vpr_dev").join(file),
            &maxes,
            scale(&real, subject, grade),
            None,
        );
        let i = site.project.procedure_index(id).expect("procedure");
        let results = &site.project.results[i];
        let c = &analysis.procedures[i].municipality.counters;
        assert!(expected.participants > 20_000, "{id}: {expected:?}");
        assert_eq!(
            u64::from(results.absent),
            expected.absent,
            "{id}: absent rows"
        );
        assert_eq!(
            u64::from(results.skipped),
            expected.bad,
            "{id}: bad rows left out"
        );
        assert_eq!(c.participants, expected.participants, "{id}: participants");
        assert_eq!(c.marks, expected.marks, "{id}: mark distribution");
        assert_eq!(c.task_sum, expected.task_sum, "{id}: task scores");
        let conf = &c.confirmation;
        assert_eq!(
            (conf.lowered, conf.confirmed, conf.raised),
            (expected.lowered, expected.confirmed, expected.raised),
            "{id}"
        );

        let page =
            std::fs::read_to_string(out.join(format!("procedures/{id}/index.html"))).expect("page");
        assert!(
            page.contains(&format!(
                "Строк с ошибками, исключённых из расчёта: {}",
                expected.bad
            )),
            "{id}"
        );
        let n = oko::text::group_thousands(expected.participants as i64);
        assert!(
            page.contains(&n),
            "{id}: participant count {n} not on the page"
        );
    }
}

#[test]
fn school_protocol_forms_are_read_from_their_protocol_sheet() {
    let Some(real) = real() else { return };
    let p = Project {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    p.write("oko.yaml", "bad_rows: skip\nmin_group: 1\n");
    p.write(
        "data/municipality.yaml",
        "name: \"Алтайский край\"\nregion: \"Алтайский край\"\noffice: \"РЦОКО\"\n",
    );
    let mut logins = BTreeSet::new();
    let mut forms = 0;
    let mut present = 0;
    let mut dirty = 0;
    for entry in std::fs::read_dir(real.join("altai_vpr_2022_fisoko_forms")).expect("forms") {
        let src = entry.expect("entry").path();
        let rows = sheet(&src);
        let header = &rows[0];
        let first = header.iter().position(|h| h == "Вариант").expect("Вариант") + 1;
        let last = header
            .iter()
            .position(|h| h == "Наименование класса")
            .expect("class");
        let total = header
            .iter()
            .position(|h| h == "Итого баллов")
            .expect("total");
        let grade: u64 = src
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('_').nth(2))
            .and_then(|g| g.trim_start_matches('g').parse().ok())
            .expect("grade");
        let id = format!("form-{forms}");
        let mut y = format!(
            "id: {id}\nkind: internal\ntitle: \"Протокол {forms}\"\nschool_year: \"2021/22\"\ndate: 2022-03-17\nsubject: \"Предмет\"\ngrade: {grade}\ntasks:\n"
        );
        let mut maxes = Vec::new();
        for h in &header[first..last] {
            // «6 (2б)» → task 6, max 2; «16 (1) (1б)» → task 16.1.
            let (task, max) = h.trim().rsplit_once('(').expect("max in brackets");
            let max: u32 = max.trim_end_matches([')', 'б', ' ']).parse().expect("max");
            let task = task
                .trim()
                .replace(" (", "(")
                .replace('(', ".")
                .replace(')', "");
            maxes.push(max);
            let _ = writeln!(y, "  - {{ id: {}, max: {max}, level: базовый }}", q(&task));
        }
        p.write(&format!("data/procedures/2022/{id}.yaml"), &y);
        let dst = p
            .dir
            .path()
            .join(format!("data/results/2022/{id}/form.xlsx"));
        std::fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&src, &dst).expect("copy");
        for row in &rows[1..] {
            logins.insert(row[0].clone());
            if row[first - 1] == "отсутствовал" {
                continue;
            }
            let sum: u32 = row[first..last]
                .iter()
                .map(|c| c.parse::<u32>().unwrap_or(0))
                .sum();
            if row[total].parse::<u32>().ok() == Some(sum) {
                present += 1;
            } else {
                dirty += 1;
            }
        }
        forms += 1;
    }
    for login in &logins {
        p.write(
            &format!("data/schools/{login}.yaml"),
            &format!(
                "id: {login}\nname: {}\nshort_name: {}\n",
                q(login),
                q(login)
            ),
        );
    }
    assert_eq!(forms, 12);
    let site = oko::site::Site::load(p.dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let read: usize = site
        .project
        .results
        .iter()
        .map(|r| r.participants.len())
        .sum();
    let skipped: u32 = site.project.results.iter().map(|r| r.skipped).sum();
    assert_eq!(read, present, "participants read from the protocol sheets");
    assert_eq!(
        skipped as usize, dirty,
        "rows whose «Итого баллов» disagrees with the tasks"
    );
    assert!(
        dirty > 0,
        "the forms carry rows with a total of 0 beside real task scores"
    );
    let out = p.dir.path().join("public");
    oko(&[
        "build",
        "--root",
        p.root(),
        "--out",
        out.to_str().expect("utf-8"),
    ])
    .assert_ok();
}
