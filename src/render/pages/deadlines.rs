//! The deadline control on /deficits/ (internal): each procedure's dates from its results and,
//! for each owner with deficits in it, whether roadmaps address them — overdue said in words.

use serde::Serialize;

use super::*;
use crate::analyse::deadlines::Control;

/// One dated step.
#[derive(Serialize)]
pub(super) struct StepView {
    what: &'static str,
    due: String,
    passed: bool,
}

/// An owner's line.
#[derive(Serialize)]
pub(super) struct OwnerView {
    name: String,
    deficits: usize,
    status: String,
    overdue: bool,
}

/// One procedure's control.
#[derive(Serialize)]
pub(super) struct ControlView {
    procedure: Link,
    results: String,
    steps: Vec<StepView>,
    owners: Vec<OwnerView>,
}

/// The words of an owner's line: covered, still to do by the date, or overdue.
fn status(deficits: usize, without: usize, overdue: bool, due: &str) -> String {
    let of = crate::text::counted(deficits, "дефицита", "дефицитов", "дефицитов");
    if without == 0 {
        format!("все {deficits} адресованы в дорожных картах")
    } else if overdue {
        format!("просрочено: срок дорожной карты {due} прошёл, без мероприятия {without} из {of}")
    } else {
        format!("до {due}: без мероприятия пока {without} из {of}")
    }
}

fn view(site: &Reader, c: &Control) -> ControlView {
    let p = site.procedure(c.procedure);
    let date = |d: chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    let roadmap_due = c.steps.last().map(|s| date(s.due)).unwrap_or_default();
    let level = |o: &Owner| match o {
        Owner::Municipality => 0,
        Owner::Area(_) => 1,
        Owner::School(_) => 2,
    };
    let mut owners: Vec<(u8, OwnerView)> = c
        .owners
        .iter()
        .map(|o| {
            (
                level(&o.owner),
                OwnerView {
                    name: match &o.owner {
                        Owner::Municipality => site.municipality().name.clone(),
                        owner => super::roadmaps::owner_name(site, owner),
                    },
                    deficits: o.deficits,
                    status: status(o.deficits, o.without_measure, o.overdue, &roadmap_due),
                    overdue: o.overdue,
                },
            )
        })
        .collect();
    // The area first, then municipalities, then schools, each by name: a list, not a ranking.
    owners.sort_by(|(a, x), (b, y)| {
        a.cmp(b)
            .then_with(|| crate::collate::compare(&x.name, &y.name))
    });
    let owners = owners.into_iter().map(|(_, o)| o).collect();
    ControlView {
        procedure: Link::new(p.title.clone(), procedure_href(p)),
        results: p.date_text(),
        steps: c
            .steps
            .iter()
            .map(|s| StepView {
                what: s.what,
                due: date(s.due),
                passed: s.passed,
            })
            .collect(),
        owners,
    }
}

/// The control of every procedure of the latest year with deficits.
pub(super) fn controls(site: &Reader) -> Vec<ControlView> {
    site.deadlines().iter().map(|c| view(site, c)).collect()
}
