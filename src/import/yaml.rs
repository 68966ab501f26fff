//! The YAML `import` writes, in the layout of DESIGN §2 and with comments where the user
//! has something to check.

use chrono::NaiveDate;

use super::identity::{Identity, kind_slug, subject_slug};
use super::plan::Plan;
use super::schools::SchoolInfo;
use crate::diag::Diagnostic;
use crate::model::{OfficialScale, ProcedureKind, official_scale};

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.escape_default()))
}

/// A complete identity: what a procedure file needs.
pub struct Work {
    /// ВПР, …
    pub kind: ProcedureKind,
    /// Subject.
    pub subject: String,
    /// Grade.
    pub grade: u8,
    /// Calendar year.
    pub year: i32,
}

impl Work {
    /// The identity, when complete.
    pub fn of(id: &Identity) -> Option<Work> {
        Some(Work {
            kind: id.kind?,
            subject: id.subject.clone()?,
            grade: id.grade?,
            year: id.year?,
        })
    }

    /// Procedure id as the demo writes them: `vpr-2021-math-5`.
    pub fn id(&self) -> String {
        format!(
            "{}-{}-{}-{}",
            kind_slug(self.kind),
            self.year,
            subject_slug(&self.subject),
            self.grade
        )
    }

    /// The usual date of such a work, for a file that does not say it.
    fn usual_date(&self) -> NaiveDate {
        let (month, day) = match self.kind {
            ProcedureKind::Oge | ProcedureKind::Ege | ProcedureKind::Gve => (6, 1),
            _ => (4, 15),
        };
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or_default()
    }
}

fn level(plan_level: &str) -> Option<&'static str> {
    match plan_level.trim().to_lowercase().as_str() {
        "б" | "базовый" => Some("базовый"),
        "п" | "повышенный" => Some("повышенный"),
        "в" | "высокий" => Some("высокий"),
        _ => None,
    }
}

/// Which scale a work's file gets.
pub enum ScaleChoice {
    /// oko's official scale of the work's own year: nothing to write.
    Official(&'static OfficialScale),
    /// The official table is ambiguous: the user must choose.
    Ambiguous(&'static OfficialScale),
    /// The official scale of the plan's year (a plan of another year was taken), written out.
    OfPlanYear(&'static OfficialScale),
    /// oko has none that fits: the user must write it.
    Missing,
}

/// The scale a work gets: its year's official one; where the plan is of another year and
/// oko has no table for this one, the plan year's; else none.
pub fn choose_scale(work: &Work, plan: &Plan) -> ScaleChoice {
    let max: u32 = plan.tasks.iter().map(|t| u32::from(t.max)).sum();
    let own = official_scale(work.kind, work.year, &work.subject, work.grade);
    let of_plan = plan
        .year
        .filter(|y| *y != work.year && own.is_none())
        .and_then(|y| official_scale(work.kind, y, &work.subject, work.grade));
    match (own, of_plan) {
        (Some(s), _) if s.ambiguity.is_empty() && s.max == max => ScaleChoice::Official(s),
        (Some(s), _) if !s.ambiguity.is_empty() => ScaleChoice::Ambiguous(s),
        (None, Some(s)) if s.ambiguity.is_empty() && s.max == max => ScaleChoice::OfPlanYear(s),
        _ => ScaleChoice::Missing,
    }
}

/// The scale lines of a work's file, by `choose_scale`.
fn scale_lines(work: &Work, plan: &Plan) -> String {
    match choose_scale(work, plan) {
        ScaleChoice::Official(s) => format!(
            "# scale: не указана — oko берёт официальную шкалу ({}): «3» от {}, «4» от {}, «5» от {} баллов.\n",
            s.source, s.mark3, s.mark4, s.mark5
        ),
        ScaleChoice::Ambiguous(s) => format!(
            "# Официальная шкала неоднозначна ({}): укажите шкалу сами, например\n# scale: {{ 3: {}, 4: {}, 5: {} }}\n",
            s.ambiguity, s.mark3, s.mark4, s.mark5
        ),
        ScaleChoice::OfPlanYear(s) => format!(
            "# Шкала: официальной шкалы {} года в oko нет; взята официальная шкала {} года того же плана ({}).\n\
             # Если рекомендации ФИОКО {0} года другие, поправьте её.\nscale: {{ 3: {}, 4: {}, 5: {} }}\n",
            work.year, s.year, s.source, s.mark3, s.mark4, s.mark5
        ),
        ScaleChoice::Missing => "# Шкала перевода баллов в отметки: укажите по описанию работы, например\n# scale: { 3: 7, 4: 11, 5: 15 }\n".to_string(),
    }
}

/// Where a work's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkDate {
    /// `--date`.
    Given(NaiveDate),
    /// The day a ФИС ОКО form says its results were loaded («Дата загрузки»): the work was
    /// written that day or a few days before.
    Uploaded(NaiveDate),
    /// Nothing says it: the usual day of such a work, marked unconfirmed.
    Unknown,
}

/// The procedure file for a work and its plan.
pub fn procedure(work: &Work, plan: &Plan, date: WorkDate) -> Result<String, Box<Diagnostic>> {
    let mut y = String::new();
    let known = match date {
        WorkDate::Given(d) | WorkDate::Uploaded(d) => Some(d),
        WorkDate::Unknown => None,
    };
    let pupils = autumn_2020_pupils(work, known);
    let mut title = format!(
        "{}. {}. {} класс",
        work.kind.label(),
        work.subject,
        work.grade
    );
    if let Some(pupils) = pupils {
        title += &format!(" (осень 2020, писали {pupils} классы)");
    }
    y += &format!(
        "id: {}\nkind: {}\ntitle: {}\n",
        work.id(),
        work.kind.label(),
        q(&title)
    );
    let start = school_year_start(work.year, known);
    y += &format!("school_year: \"{start}/{:02}\"\n", (start + 1) % 100);
    match date {
        WorkDate::Given(d) => y += &format!("date: {d}\n"),
        WorkDate::Uploaded(d) => {
            y += &format!(
                "# Дата проведения: по «Дата загрузки» формы ФИС ОКО ({}) — работу писали в этот день или незадолго до него; поправьте, если знаете точную.\n",
                d.format("%d.%m.%Y")
            );
            y += &format!("date: {d}\n");
        }
        WorkDate::Unknown => {
            y +=
                "# Дата проведения: в файлах ФИС ОКО её нет — записана обычная для такой работы.\n";
            y += "# Впишите настоящую дату и уберите date_unconfirmed (до тех пор страницы пишут «дата не уточнена»).\n";
            y += &format!("date: {}\ndate_unconfirmed: true\n", work.usual_date());
        }
    }
    y += &format!("subject: {}\ngrade: {}\n", q(&work.subject), work.grade);
    if let Some(pupils) = pupils {
        y += &format!(
            "# Осенние ВПР 2020 года: работу {} класса писали учащиеся {pupils} классов в начале учебного года.\npupils_grade: {pupils}\n",
            work.grade
        );
    }
    y += &scale_lines(work, plan);
    if !plan.skills.is_empty() {
        y += "skills:\n";
        for (code, text) in &plan.skills {
            y += &format!("  {}: {}\n", q(code), q(text));
        }
    }
    let blank: Vec<&str> = plan
        .tasks
        .iter()
        .filter(|t| t.level.trim().is_empty())
        .map(|t| t.id.as_str())
        .collect();
    if !blank.is_empty() {
        y += &format!(
            "# В плане не указан уровень сложности заданий {}: впишите каждому level: базовый, повышенный или высокий\n\
             # по описанию работы (пока дефицит по уровню для них не определяется).\n",
            blank.join(", ")
        );
    }
    y += "tasks:\n";
    for t in &plan.tasks {
        let lv = if t.level.trim().is_empty() {
            String::new()
        } else {
            let lv = level(&t.level).ok_or_else(|| {
                Box::new(Diagnostic::error(
                    crate::diag::Location::default(),
                    "import",
                    format!(
                        "у задания {} уровень «{}»: ожидается Б, П или В (или пусто, если план его не называет)",
                        t.id, t.level
                    ),
                ))
            })?;
            format!(" level: {lv},")
        };
        let skills: Vec<String> = t.skills.iter().map(|s| q(s)).collect();
        y += &format!(
            "  - {{ id: {}, max: {},{lv} skill: [{}], text: {} }}\n",
            q(&t.id),
            t.max,
            skills.join(", "),
            q(&t.text)
        );
    }
    Ok(y)
}

/// The grade that wrote a ВПР of 2020 held in the autumn: the spring works of that year
/// were moved to 14 September – 12 October 2020 and written by grades 5–9 with the works
/// of grades 4–8, so the pupils were a grade further than the work.
fn autumn_2020_pupils(work: &Work, date: Option<NaiveDate>) -> Option<u8> {
    use chrono::Datelike;
    let date = date?;
    let autumn = date.year() == 2020 && date.month() >= 9;
    (work.kind == ProcedureKind::Vpr && autumn && (4..=8).contains(&work.grade))
        .then_some(work.grade + 1)
}

/// The calendar year a work's school year starts in: by its date, September starts a
/// school year (the autumn ВПР of 2020 belongs to 2020/21); without a date, a work of
/// `year` is one of the spring, of the school year begun the autumn before.
fn school_year_start(year: i32, date: Option<NaiveDate>) -> i32 {
    use chrono::Datelike;
    match date {
        Some(d) if d.month() >= 9 => d.year(),
        Some(d) => d.year() - 1,
        None => year - 1,
    }
}

/// A school file from what the files say about it.
pub fn school(
    login: &str,
    info: Option<&SchoolInfo>,
    protocol_name: &str,
    municipality: Option<&str>,
) -> String {
    let mut y = format!("id: {login}\n");
    if let Some(m) = municipality {
        y += &format!("municipality: {m}\n");
    }
    let name = info.map_or(protocol_name, |i| {
        if i.name.is_empty() {
            protocol_name
        } else {
            i.name.as_str()
        }
    });
    let name = if name.is_empty() {
        y += "# Название школы: в файлах его нет — добавьте анкету контекстных данных ФИС ОКО или впишите.\n";
        login
    } else {
        name
    };
    let full = info.map_or("", |i| i.full_name.as_str());
    let full = if full.is_empty() { name } else { full };
    y += &format!("name: {}\nshort_name: {}\n", q(full), q(name));
    let Some(info) = info else { return y };
    if !info.address.is_empty() {
        y += &format!("address: {}\n", q(&info.address));
    }
    if !info.attributes.is_empty() {
        y += "attributes:\n";
        for (k, v) in &info.attributes {
            y += &format!("  {k}: {}\n", q(v));
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn september_starts_a_school_year() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(school_year_start(2020, day(2020, 9, 25)), 2020);
        assert_eq!(school_year_start(2020, day(2020, 8, 31)), 2019);
        assert_eq!(school_year_start(2021, day(2021, 4, 15)), 2020);
        assert_eq!(school_year_start(2021, None), 2020);
    }

    /// Autumn 2020: the ВПР of grades 4–8 were written by grades 5–9; a spring work, another
    /// year's autumn, an ОГЭ or an undated work keep the work's grade.
    #[test]
    fn an_autumn_2020_vpr_was_written_a_grade_further() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let work = |kind, grade| Work {
            kind,
            subject: "Математика".into(),
            grade,
            year: 2020,
        };
        let vpr4 = work(ProcedureKind::Vpr, 4);
        assert_eq!(autumn_2020_pupils(&vpr4, day(2020, 9, 25)), Some(5));
        assert_eq!(
            autumn_2020_pupils(&work(ProcedureKind::Vpr, 8), day(2020, 10, 12)),
            Some(9)
        );
        assert_eq!(autumn_2020_pupils(&vpr4, day(2020, 4, 15)), None);
        assert_eq!(autumn_2020_pupils(&vpr4, day(2021, 9, 25)), None);
        assert_eq!(autumn_2020_pupils(&vpr4, None), None);
        assert_eq!(
            autumn_2020_pupils(&work(ProcedureKind::Vpr, 11), day(2020, 9, 25)),
            None
        );
        assert_eq!(
            autumn_2020_pupils(&work(ProcedureKind::Oge, 4), day(2020, 9, 25)),
            None
        );
    }
}
