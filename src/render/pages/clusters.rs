//! Cluster pages: schools grouped by an attribute, compared with the municipality.

use serde::Serialize;

use super::*;

pub(super) fn clusters(site: &Reader) -> PageJob {
    let path = "clusters/index.html";
    let mut c = base(site, path, "Кластеры школ", &[home_crumb()]);
    let gaps: Vec<String> = site
        .gaps()
        .iter()
        .map(|g| {
            let p = site.procedure(g.procedure);
            let tests = p.kind.uses_test_scores();
            let (what, unit) = if tests {
                ("средний тестовый балл", "б.")
            } else {
                ("качество знаний", "п.")
            };
            let show = |v: crate::text::Fixed| if tests { view::num(Some(v)) } else { pct(Some(v)) };
            format!(
                "{}: сильнее всего кластеры различаются в работе «{}» — {what} {} («{}») и {} («{}»), разница {} {unit}",
                attribute_label(&g.attribute),
                p.title,
                show(g.high.1),
                g.high.0,
                show(g.low.1),
                g.low.0,
                g.gap.russian()
            )
        })
        .collect();
    c.insert("gaps", &gaps);
    #[derive(Serialize)]
    struct Attr {
        label: String,
        href: String,
        values: Vec<(String, String)>,
    }
    let attrs: Vec<Attr> = site
        .attributes()
        .iter()
        .map(|a| {
            let mut values: Vec<(String, usize)> = Vec::new();
            for s in site.schools() {
                if let Some(v) = s.attributes.get(a) {
                    match values.iter_mut().find(|(x, _)| x == v) {
                        Some((_, n)) => *n += 1,
                        None => values.push((v.clone(), 1)),
                    }
                }
            }
            values.sort_by(|x, y| crate::collate::compare_values(&x.0, &y.0));
            Attr {
                label: attribute_label(a),
                href: format!("clusters/{a}/index.html"),
                values: values
                    .into_iter()
                    .map(|(v, n)| (v, crate::text::counted(n, "школа", "школы", "школ")))
                    .collect(),
            }
        })
        .collect();
    c.insert("attributes", &attrs);
    PageJob {
        path: path.into(),
        template: "clusters.html",
        context: c,
    }
}

pub(super) fn cluster(site: &Reader, attribute: &str) -> PageJob {
    let path = format!("clusters/{attribute}/index.html");
    let label = attribute_label(attribute);
    let crumbs = [home_crumb(), Link::new("Кластеры", "clusters/index.html")];
    let mut c = base(
        site,
        &path,
        &format!("Кластеры: {}", label.to_lowercase()),
        &crumbs,
    );
    c.insert("label", &label);
    c.insert("blocks", &cluster_blocks(site, attribute));
    c.insert("dynamics", &cluster_dynamics(site, attribute));
    c.insert("members", &cluster_members(site, attribute));
    PageJob {
        path,
        template: "cluster.html",
        context: c,
    }
}

/// One procedure's clusters of an attribute beside the municipality.
#[derive(Serialize)]
struct Block {
    procedure: ProcedureItem,
    rows: Vec<FigureRow>,
    chart: Option<crate::charts::Chart>,
}

/// The clusters of `attribute` in every procedure, newest first.
fn cluster_blocks(site: &Reader, attribute: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for i in site.procedure_indices().rev() {
        let pa = site.figures(i);
        let mut groups: Vec<(String, &Group)> = pa
            .clusters
            .iter()
            .filter(|cg| cg.attribute == attribute)
            .map(|cg| (cg.value.clone(), &cg.group))
            .collect();
        if groups.is_empty() {
            continue;
        }
        groups.push(("Муниципалитет".to_string(), &pa.municipality));
        let rows = groups
            .iter()
            .map(|(label, g)| FigureRow::new(label.clone(), None, g))
            .collect();
        let chart = graphs::clusters(&format!("cl-{i}"), site.procedure(i), &groups);
        blocks.push(Block {
            procedure: procedure_item(site, i),
            rows,
            chart,
        });
    }
    blocks
}

/// A series of one subject and grade over the years, per cluster.
#[derive(Serialize)]
struct Dynamics {
    title: String,
    uses_test_scores: bool,
    mode: &'static str,
    rows: Vec<FigureRow>,
    chart: Option<crate::charts::Chart>,
}

/// Every series (same kind, subject, grade) held in two or more years, per cluster.
fn cluster_dynamics(site: &Reader, attribute: &str) -> Vec<Dynamics> {
    let mut seen = std::collections::BTreeSet::new();
    let mut dynamics = Vec::new();
    for i in site.procedure_indices() {
        let series = site.series(i);
        if series.len() < 2 || !seen.insert(series.to_vec()) {
            continue;
        }
        let mut groups: Vec<(String, &Group)> = Vec::new();
        for &j in series {
            let q = site.procedure(j);
            for cg in site
                .figures(j)
                .clusters
                .iter()
                .filter(|cg| cg.attribute == attribute)
            {
                groups.push((format!("{}, {}", cg.value, q.school_year), &cg.group));
            }
        }
        if groups.is_empty() {
            continue;
        }
        let p = site.procedure(i);
        let rows = groups
            .iter()
            .map(|(l, g)| FigureRow::new(l.clone(), None, g))
            .collect();
        let chart = graphs::dynamics(&format!("dyn-{i}"), p, &groups);
        dynamics.push(Dynamics {
            title: format!("{} {}, {} класс", p.kind.label(), p.subject, p.grade),
            uses_test_scores: p.kind.uses_test_scores(),
            mode: view::figures_mode(p),
            rows,
            chart,
        });
    }
    dynamics
}

/// Each value of `attribute` (ranges by their bounds) with its schools, alphabetically.
fn cluster_members(site: &Reader, attribute: &str) -> Vec<(String, Vec<Link>)> {
    let mut values: Vec<String> = site
        .schools()
        .iter()
        .filter_map(|s| s.attributes.get(attribute).cloned())
        .collect();
    values.sort_by(|a, b| crate::collate::compare_values(a, b));
    values.dedup();
    values
        .into_iter()
        .map(|v| {
            let schools = site
                .schools()
                .iter()
                .filter(|s| s.attributes.get(attribute) == Some(&v))
                .map(|s| Link::new(s.short_name.clone(), school_href(s)))
                .collect();
            (v, schools)
        })
        .collect()
}
