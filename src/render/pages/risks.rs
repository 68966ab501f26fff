//! The objectivity risk list (internal only; Советск 2018 §2.1–2.2, Якутия §2.2): every school
//! with a sign of possibly non-objective results in any procedure of any year — which signs,
//! in how many of its procedures, year by year — so that the office can plan observers and
//! support. Schools by name; a sign is a reason to look, not a verdict.

use serde::Serialize;

use super::*;

#[derive(Serialize)]
struct YearSigns {
    year: String,
    /// Procedures of the year with at least one sign, of those the school wrote.
    with_signs: usize,
    written: usize,
    /// (procedure link, sign titles).
    found: Vec<(Link, Vec<String>)>,
}

#[derive(Serialize)]
struct RiskSchool {
    school: Link,
    years: Vec<YearSigns>,
    /// «растёт», «снижается», «без изменений» or empty with one year.
    trend: String,
}

/// The share of a year's procedures with signs, compared with the year before.
fn trend(years: &[YearSigns]) -> String {
    let share = |y: &YearSigns| y.with_signs as f64 / y.written.max(1) as f64;
    match years {
        [.., before, last] if share(last) > share(before) => "признаков больше, чем годом раньше",
        [.., before, last] if share(last) < share(before) => "признаков меньше, чем годом раньше",
        [_, _, ..] => "столько же, сколько годом раньше",
        _ => "",
    }
    .to_string()
}

/// The school's procedures by school year, with the signs found in each.
fn school_years(site: &Reader, si: usize) -> Vec<YearSigns> {
    let s = &site.schools()[si];
    let mut years: Vec<YearSigns> = Vec::new();
    for i in site.procedure_indices() {
        if site.figures(i).school(si).is_none() {
            continue;
        }
        let p = site.procedure(i);
        let signs = site.signs(i, si);
        if years.last().is_none_or(|y| y.year != p.school_year) {
            years.push(YearSigns {
                year: p.school_year.clone(),
                with_signs: 0,
                written: 0,
                found: Vec::new(),
            });
        }
        let Some(y) = years.last_mut() else { continue };
        y.written += 1;
        if !signs.is_empty() {
            y.with_signs += 1;
            let mut titles: Vec<String> = signs.iter().map(|g| g.title.to_string()).collect();
            titles.dedup();
            y.found.push((
                Link::new(p.title.clone(), school_procedure_href(s, p)),
                titles,
            ));
        }
    }
    years
}

pub(super) fn risks_page(site: &Reader) -> PageJob {
    let path = "risks/index.html";
    let mut c = base(site, path, "Зона риска необъективности", &[home_crumb()]);
    let schools: Vec<RiskSchool> = (0..site.schools().len())
        .filter_map(|si| {
            let years = school_years(site, si);
            years.iter().any(|y| y.with_signs > 0).then(|| {
                let s = &site.schools()[si];
                RiskSchool {
                    school: Link::new(school_with_area(site, s), school_href(s)),
                    trend: trend(&years),
                    years,
                }
            })
        })
        .collect();
    c.insert("schools", &schools);
    PageJob {
        path: path.into(),
        template: "risks.html",
        context: c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(with_signs: usize, written: usize) -> YearSigns {
        YearSigns {
            year: String::new(),
            with_signs,
            written,
            found: Vec::new(),
        }
    }

    #[test]
    fn the_trend_compares_the_share_of_procedures_with_signs() {
        assert_eq!(trend(&[year(1, 4)]), "");
        assert_eq!(
            trend(&[year(1, 4), year(2, 4)]),
            "признаков больше, чем годом раньше"
        );
        assert_eq!(
            trend(&[year(2, 4), year(1, 2)]),
            "столько же, сколько годом раньше"
        );
        assert_eq!(
            trend(&[year(2, 2), year(1, 4)]),
            "признаков меньше, чем годом раньше"
        );
    }
}
