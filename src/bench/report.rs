//! What `oko bench` prints: a table for a person and one JSON line for machines.

use std::path::Path;

use super::Measure;

/// Every measured phase of one run.
pub(super) struct Phases {
    pub parse: Measure,
    pub calamine: Measure,
    pub check: Measure,
    pub clean: Measure,
    pub cold: Measure,
    /// The same project built again on its own cache.
    pub unchanged: Measure,
    pub rebuild: Measure,
    /// `oko check` the day after the rebuild, reading its cache.
    pub check_later: Measure,
    /// The results folder of the procedure added before the rebuild.
    pub added: String,
    pub identical: bool,
}

impl Phases {
    /// Every figure of the table as one JSON line, for CI and for comparing runs.
    pub fn json(&self) -> String {
        let m = |m: &Measure| {
            serde_json::json!({
                "wall_s": m.wall, "cpu_s": m.cpu, "peak_mib": m.peak_mib,
                "pages": m.pages, "reused": m.reused, "new_content": m.new_content, "files": m.files,
                "changed_pages": m.changed_pages, "changed_files": m.changed_files,
                "bytes_written": m.bytes_written,
                "stages": m.stages.iter().map(|(s, t)| serde_json::json!([s, t])).collect::<Vec<_>>(),
            })
        };
        serde_json::json!({
            "threads": rayon::current_num_threads(),
            "spreadsheets": self.parse.spreadsheets,
            "rows": self.parse.rows,
            "parse": m(&self.parse),
            "calamine": m(&self.calamine),
            "parse_rows_per_cpu_s": per_cpu_second(&self.parse),
            "calamine_rows_per_cpu_s": per_cpu_second(&self.calamine),
            "check": m(&self.check),
            "clean": m(&self.clean),
            "cold_without_one": m(&self.cold),
            "unchanged": m(&self.unchanged),
            "rebuild": m(&self.rebuild),
            "check_later": m(&self.check_later),
            "added": self.added,
            "build_over_parse": self.clean.wall / self.parse.wall.max(1e-9),
            "rebuild_over_build": self.rebuild.wall / self.clean.wall.max(1e-9),
            "pages_per_s": self.clean.pages as f64 / self.clean.wall.max(1e-9),
            "cpu_ms_per_page": 1000.0 * self.clean.cpu / (self.clean.pages.max(1) as f64),
            "identical": self.identical,
            "rebuild_wrote_what_changed": self.rebuild.changed_pages == self.rebuild.new_content,
        })
        .to_string()
    }
}

/// Rows read per second of one core's time.
fn per_cpu_second(m: &Measure) -> f64 {
    m.rows as f64 / m.cpu.max(1e-9)
}

/// The table a person reads.
pub(super) fn print_table(project: &Path, ph: &Phases) {
    let (parse, clean, rebuild) = (&ph.parse, &ph.clean, &ph.rebuild);
    println!(
        "oko bench: {} ({} потоков)",
        project.display(),
        rayon::current_num_threads()
    );
    println!(
        "данные: {} таблиц, {} строк; сайт: {} страниц, {} файлов",
        parse.spreadsheets, parse.rows, clean.pages, clean.files
    );
    println!();
    println!(
        "{:<44} {:>8} {:>8} {:>10}",
        "этап", "время, с", "ЦП, с", "пик, МиБ"
    );
    let line = |name: &str, m: &Measure| {
        println!(
            "{:<44} {:>8.2} {:>8.2} {:>10.0}",
            name, m.wall, m.cpu, m.peak_mib
        );
    };
    line("чтение всех таблиц (нижняя граница)", parse);
    line("то же, одна calamine (ячейки без разбора)", &ph.calamine);
    line("oko check", &ph.check);
    line("oko build --no-cache (чистая сборка)", clean);
    line("сборка без одной процедуры, пустой кэш", &ph.cold);
    line("то же ещё раз, без изменений", &ph.unchanged);
    line(&format!("через неделю: добавлена {}", ph.added), rebuild);
    line("oko check на следующий день, с кэшем", &ph.check_later);
    println!();
    println!(
        "чистая сборка / чтение таблиц: {:.2}×",
        clean.wall / parse.wall.max(1e-9)
    );
    println!(
        "чтение: {:.0} строк/с на ядро; одна calamine: {:.0} строк/с на ядро",
        per_cpu_second(parse),
        per_cpu_second(&ph.calamine)
    );
    println!(
        "пересборка / чистая сборка: {:.1} %",
        100.0 * rebuild.wall / clean.wall.max(1e-9)
    );
    println!(
        "страниц в секунду: {:.0}; ЦП на страницу: {:.2} мс",
        clean.pages as f64 / clean.wall.max(1e-9),
        1000.0 * clean.cpu / (clean.pages.max(1) as f64)
    );
    println!(
        "пересборка: заново {} страниц из {}, с новым содержанием {}; записано в сайт {} \
         страниц ({} файлов, {:.1} МБ)",
        rebuild.pages - rebuild.reused,
        rebuild.pages,
        rebuild.new_content,
        rebuild.changed_pages,
        rebuild.changed_files,
        rebuild.bytes_written as f64 / f64::from(1 << 20)
    );
    println!(
        "пересборка совпадает с чистой сборкой байт в байт, кроме дат «обновлено»: {}",
        if ph.identical { "да" } else { "НЕТ" }
    );
    for (name, m) in [("чистая сборка", clean), ("пересборка", rebuild)] {
        let stages: Vec<String> = m
            .stages
            .iter()
            .map(|(s, t)| format!("{s} {t:.2}"))
            .collect();
        println!("этапы ({name}), с: {}", stages.join(" · "));
    }
}
