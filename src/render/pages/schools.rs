//! The school list with its filter, school pages, and cluster pages.

use serde::Serialize;

use super::*;

#[derive(Serialize)]
pub(super) struct SchoolItem {
    id: String,
    name: String,
    short_name: String,
    href: String,
    attributes: Vec<(String, String)>,
    /// `(data-attribute name, value)` for the list filter.
    data: Vec<(String, String)>,
}

/// An attribute key usable in a `data-` attribute name.
pub(super) fn data_key(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

pub(super) fn school_item(s: &School, keys: &[String]) -> SchoolItem {
    let value = |k: &String| s.attributes.get(k).cloned().unwrap_or_default();
    SchoolItem {
        id: s.id.clone(),
        name: s.name.clone(),
        short_name: s.short_name.clone(),
        href: school_href(s),
        attributes: keys
            .iter()
            .map(|k| (attribute_label(k), value(k)))
            .collect(),
        data: keys.iter().map(|k| (data_key(k), value(k))).collect(),
    }
}

/// A filter of the school list: one attribute and its values.
#[derive(Serialize)]
pub(super) struct Filter {
    key: String,
    label: String,
    values: Vec<String>,
    href: String,
}

pub(super) fn schools(site: &Reader) -> PageJob {
    let path = "schools/index.html";
    let mut c = base(site, path, "Школы", &[home_crumb()]);
    let keys = &site.attributes();
    c.insert(
        "attribute_labels",
        &keys.iter().map(|k| attribute_label(k)).collect::<Vec<_>>(),
    );
    let schools: Vec<SchoolItem> = site
        .schools()
        .iter()
        .map(|s| school_item(s, keys))
        .collect();
    c.insert("schools", &schools);
    let filters: Vec<Filter> = keys
        .iter()
        .map(|k| {
            let mut values: Vec<String> = site
                .schools()
                .iter()
                .filter_map(|s| s.attributes.get(k).cloned())
                .collect();
            values.sort_by(|a, b| crate::collate::compare(a, b));
            values.dedup();
            Filter {
                key: data_key(k),
                label: attribute_label(k),
                values,
                href: format!("clusters/{k}/index.html"),
            }
        })
        .collect();
    c.insert("filters", &filters);
    PageJob {
        path: path.into(),
        template: "schools.html",
        context: c,
    }
}

pub(super) fn school(site: &Reader, si: usize) -> PageJob {
    let s = &site.schools()[si];
    let path = format!("schools/{}/index.html", s.id);
    let crumbs = [home_crumb(), Link::new("Школы", "schools/index.html")];
    let mut c = base(site, &path, &s.short_name, &crumbs);
    let keys = &site.attributes();
    c.insert("school", &school_item(s, keys));
    c.insert("address", &s.address);
    c.insert("website", &s.website);
    #[derive(Serialize)]
    struct Line {
        procedure: ProcedureItem,
        school: FigureRow,
        municipality: FigureRow,
        signs: Vec<crate::privacy::Sign>,
    }
    let internal = site.audience() == Audience::Internal;
    let mut years: Vec<(String, Vec<Line>)> = Vec::new();
    for (i, p) in site.procedures().iter().enumerate().rev() {
        let pa = site.figures(i);
        let Some(sg) = pa.school(si) else { continue };
        let line = Line {
            procedure: procedure_item(site, i),
            school: FigureRow::new(
                p.title.clone(),
                Some(school_procedure_href(s, p)),
                &sg.group,
            ),
            municipality: FigureRow::new("Муниципалитет", None, &pa.municipality),
            signs: if internal {
                site.signs(i, si).to_vec()
            } else {
                Vec::new()
            },
        };
        match years.iter_mut().find(|(y, _)| *y == p.school_year) {
            Some((_, lines)) => lines.push(line),
            None => years.push((p.school_year.clone(), vec![line])),
        }
    }
    years.sort_by(|a, b| b.0.cmp(&a.0));
    let summary = match years.first() {
        Some((year, lines)) => {
            let n = lines.len() as u64;
            format!(
                "В {year} учебном году обучающиеся школы участвовали в {n} {}. Для каждой ниже — результаты \
                 школы рядом с результатами муниципалитета; школа не сравнивается с другими школами по рейтингу.",
                plural(
                    n,
                    "оценочной процедуре",
                    "оценочных процедурах",
                    "оценочных процедурах"
                )
            )
        }
        None => "Результатов оценочных процедур у школы пока нет.".to_string(),
    };
    c.insert("summary", &summary);
    c.insert("coverage", &coverage(site, Some(&s.id)));
    c.insert("choice", &choice_tables(site, Some(si)));
    c.insert("years", &years);
    c.insert(
        "roadmaps",
        &roadmap_items(site, |r| r.owner() == Owner::School(s.id.clone())),
    );
    PageJob {
        path,
        template: "school.html",
        context: c,
    }
}

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
        values: Vec<(String, usize)>,
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
            values.sort_by(|x, y| crate::collate::compare(&x.0, &y.0));
            Attr {
                label: attribute_label(a),
                href: format!("clusters/{a}/index.html"),
                values,
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
    #[derive(Serialize)]
    struct Block {
        procedure: ProcedureItem,
        rows: Vec<FigureRow>,
        chart: Option<crate::charts::Chart>,
    }
    let mut blocks = Vec::new();
    for (i, _) in site.procedures().iter().enumerate().rev() {
        let pa = site.figures(i);
        let mut rows: Vec<FigureRow> = pa
            .clusters
            .iter()
            .filter(|cg| cg.attribute == attribute)
            .map(|cg| FigureRow::new(cg.value.clone(), None, &cg.group))
            .collect();
        if rows.is_empty() {
            continue;
        }
        rows.push(FigureRow::new("Муниципалитет", None, &pa.municipality));
        let mut groups: Vec<(String, &Group)> = pa
            .clusters
            .iter()
            .filter(|cg| cg.attribute == attribute)
            .map(|cg| (cg.value.clone(), &cg.group))
            .collect();
        groups.push(("Муниципалитет".to_string(), &pa.municipality));
        let chart = graphs::clusters(&format!("cl-{i}"), site.procedure(i), &groups);
        blocks.push(Block {
            procedure: procedure_item(site, i),
            rows,
            chart,
        });
    }
    c.insert("label", &label);
    // Dynamics per cluster: every series (same kind, subject, grade) held in two or more years.
    #[derive(Serialize)]
    struct Dynamics {
        title: String,
        uses_test_scores: bool,
        rows: Vec<FigureRow>,
        chart: Option<crate::charts::Chart>,
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut dynamics = Vec::new();
    for i in 0..site.procedures().len() {
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
            rows,
            chart,
        });
    }
    c.insert("dynamics", &dynamics);
    c.insert("blocks", &blocks);
    let members: Vec<(String, Vec<Link>)> = {
        let mut values: Vec<String> = site
            .schools()
            .iter()
            .filter_map(|s| s.attributes.get(attribute).cloned())
            .collect();
        values.sort_by(|a, b| crate::collate::compare(a, b));
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
    };
    c.insert("members", &members);
    PageJob {
        path,
        template: "cluster.html",
        context: c,
    }
}
