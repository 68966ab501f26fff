//! The rows of one procedure's open data: every level from the municipality (or region)
//! to the school and grade (classes only internally), each group's figures and — so that
//! anyone can re-aggregate any level exactly — the additive counts behind every share.

use super::Row;
use crate::model::{Procedure, Project};
use crate::privacy::{ClassGroups, Group, ProcedureAnalysis};
use crate::privacy::{Interval, Position, Positions, Standing};
use crate::text::Fixed;

fn fixed(f: Option<Fixed>) -> Option<String> {
    f.map(Fixed::plain)
}

/// The identifying cells of one group; `municipality` goes last (a column added later).
struct Ids<'a> {
    procedure: &'a Procedure,
    level: &'static str,
    municipality: &'a str,
    school: &'a str,
    cluster: String,
    grade: bool,
    class: &'a str,
}

impl Ids<'_> {
    fn cells(&self) -> Row {
        vec![
            Some(self.procedure.id.clone()),
            Some(self.level.to_string()),
            Some(self.school.to_string()),
            Some(self.cluster.clone()),
            Some(if self.grade {
                self.procedure.grade.to_string()
            } else {
                String::new()
            }),
            Some(self.class.to_string()),
        ]
    }
}

/// Receives each row as it is made: (dataset index into `DATASETS`, row).
pub(super) type Emit<'e> = dyn FnMut(usize, Row) + 'e;

/// A school's places by the funnel rule: against its municipality and against the region.
#[derive(Clone, Copy, Default)]
struct Against<'a> {
    municipality: Option<&'a Positions>,
    region: Option<&'a Positions>,
}

/// The rows of one group in every dataset; `against` (schools and grades) places the group
/// by the funnel rule.
fn add_group(emit: &mut Emit, ids: &Ids, group: &Group, against: Against) {
    let hide = group.hidden();
    let f = &group.figures;
    let flag = Some(if hide { "1" } else { "0" }.to_string());
    let show = |v: Option<String>| if hide { None } else { v };

    let mut row = ids.cells();
    let conf = f.confirmation;
    row.push(show(Some(f.participants.to_string())));
    row.extend(f.marks.iter().map(|m| show(fixed(*m))));
    row.extend([f.success, f.quality, f.mean_mark, f.mean_primary, f.sou].map(|v| show(fixed(v))));
    row.extend(
        [
            conf.map(|c| c.lowered),
            conf.map(|c| c.confirmed),
            conf.map(|c| c.raised),
        ]
        .map(|v| show(fixed(v))),
    );
    row.push(flag.clone());
    let bounds = |i: Option<Interval>| [i.map(|i| i.low), i.map(|i| i.high)];
    let intervals = &f.intervals;
    row.extend(
        bounds(intervals.success)
            .into_iter()
            .chain(bounds(intervals.quality))
            .map(|v| show(fixed(v))),
    );
    // The columns judge success and quality; ЕГЭ has neither (its page speaks of the share
    // at or above the minimum score instead).
    let judged = |s: Option<&Positions>| s.filter(|_| f.success.is_some()).copied();
    let code = |p: Option<Position>| show(p.map(|p| p.code().to_string()));
    let (municipality, region) = (judged(against.municipality), judged(against.region));
    row.push(code(municipality.and_then(|s| s.success)));
    row.push(code(municipality.and_then(|s| s.quality)));
    let c = &group.counters;
    let conf = &c.confirmation;
    let counts = c.marks.iter().copied().chain([
        conf.lowered + conf.confirmed + conf.raised,
        conf.lowered,
        conf.confirmed,
        conf.raised,
    ]);
    row.extend(counts.map(|n| show(Some(n.to_string()))));
    row.push(Some(ids.municipality.to_string()));
    // Зачёт/незачёт and levels: empty where the work has neither.
    let passed = f.passed.map(|_| c.passed);
    row.push(show(fixed(f.passed)));
    row.extend(bounds(intervals.passed).map(|v| show(fixed(v))));
    row.push(show(passed.map(|n| n.to_string())));
    let levels = f.levels.unwrap_or_default();
    row.extend(levels.iter().map(|l| show(fixed(*l))));
    row.extend((0..3).map(|l| show(f.levels.map(|_| c.levels[l].to_string()))));
    row.push(code(region.and_then(|s| s.success)));
    row.push(code(region.and_then(|s| s.quality)));
    emit(0, row);

    for (k, (task, t)) in ids.procedure.tasks.iter().zip(&f.tasks).enumerate() {
        let mut row = ids.cells();
        row.push(Some(task.id.clone()));
        row.push(Some(task.max.to_string()));
        row.push(show(fixed(t.completion)));
        row.extend(t.by_mark.iter().map(|m| show(fixed(*m))));
        row.push(flag.clone());
        row.extend(bounds(t.interval).map(|v| show(fixed(v))));
        // A mark group too small for its share keeps its points hidden too.
        let by_mark = |m: usize, n: u64| show(t.by_mark[m].map(|_| n.to_string()));
        row.push(show(c.task_sum.get(k).map(u64::to_string)));
        let points = c.task_sum_by_mark.get(k).copied().unwrap_or_default();
        row.extend((0..4).map(|m| by_mark(m, points[m])));
        row.push(show(Some(c.participants.to_string())));
        row.extend((0..4).map(|m| by_mark(m, c.marks[m])));
        row.push(Some(ids.municipality.to_string()));
        emit(1, row);
    }
    for s in &f.skills {
        let mut row = ids.cells();
        row.push(Some(s.skill.to_string()));
        row.push(show(fixed(s.completion)));
        row.push(show(s.standing.map(|st| {
            if st == Standing::Deficit { "1" } else { "0" }.to_string()
        })));
        row.push(flag.clone());
        row.push(Some(ids.municipality.to_string()));
        emit(2, row);
    }
}

/// The rows of one procedure, one at a time into `emit`: municipality, clusters, then each
/// school and its grade, then its classes (only the internal audience has any). No table is
/// held whole: a region's task table alone is millions of cells.
pub(super) fn each(
    project: &Project,
    p: &Procedure,
    (pa, classes): (&ProcedureAnalysis, &ClassGroups),
    emit: &mut Emit,
) {
    // A one-municipality project names itself in the `municipality` column, so that the
    // open data of several offices can be stacked and re-aggregated; a municipality's own
    // site of a region names it by its id in the region, as the region's site does.
    let own = match (&project.region_part, project.is_region()) {
        (Some(part), _) => part.id.clone(),
        (None, true) => String::new(),
        (None, false) => {
            let m = &project.municipality;
            crate::text::slug(m.export_name.as_deref().unwrap_or(&m.name))
        }
    };
    let municipality_of = |school: usize| -> &str {
        match project.schools[school].municipality_index {
            Some(m) => &project.municipalities[m].id,
            None => &own,
        }
    };
    let base = Ids {
        procedure: p,
        level: if project.is_region() {
            "region"
        } else {
            "municipality"
        },
        municipality: &own,
        school: "",
        cluster: String::new(),
        grade: false,
        class: "",
    };
    // A municipality's own site carries the region's row it shows as its reference.
    if let Some(region) = &pa.region {
        let ids = Ids {
            level: "region",
            municipality: "",
            cluster: String::new(),
            ..base
        };
        add_group(emit, &ids, region, Against::default());
    }
    add_group(emit, &base, &pa.municipality, Against::default());
    for a in &pa.municipalities {
        let ids = Ids {
            level: "municipality",
            municipality: &project.municipalities[a.municipality].id,
            cluster: String::new(),
            ..base
        };
        add_group(emit, &ids, &a.group, Against::default());
    }
    for c in &pa.clusters {
        let ids = Ids {
            level: "cluster",
            cluster: format!("{}={}", c.attribute, c.value),
            ..base
        };
        add_group(emit, &ids, &c.group, Against::default());
    }
    let region_site = project.is_region();
    for s in &pa.schools {
        let id = &project.schools[s.school].id;
        let school = Ids {
            level: "school",
            municipality: municipality_of(s.school),
            school: id,
            cluster: String::new(),
            ..base
        };
        let against = Against {
            municipality: s.against_municipality(region_site),
            region: s.against_region(region_site),
        };
        add_group(emit, &school, &s.group, against);
        let grade = Ids {
            level: "grade",
            grade: true,
            cluster: String::new(),
            ..school
        };
        add_group(emit, &grade, &s.group, against);
        for (letter, g) in classes.get(&s.school).into_iter().flatten() {
            let ids = Ids {
                level: "class",
                class: letter,
                cluster: String::new(),
                ..grade
            };
            add_group(emit, &ids, g, Against::default());
        }
    }
}
