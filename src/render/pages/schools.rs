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
    let area = s.municipality_index.map(|m| {
        let area = &site.municipalities()[m];
        Link::new(area.name.clone(), municipality_href(area))
    });
    c.insert("school_municipality", &area);
    /// One work of the school: its figures beside the municipality's, as the two rows of
    /// one table (`rows`: a list made in the template would be copied row by row by Tera
    /// at every field it reads).
    #[derive(Serialize)]
    struct Line {
        procedure: ProcedureItem,
        rows: [FigureRow; 2],
        signs: Vec<crate::privacy::Sign>,
    }
    let internal = site.audience() == Audience::Internal;
    let mut years: Vec<(String, Vec<Line>)> = Vec::new();
    for &i in site.works(si).iter().rev() {
        let (p, pa) = (site.procedure(i), site.figures(i));
        let Some(sg) = pa.school(si) else { continue };
        let line = Line {
            procedure: procedure_item(site, i),
            rows: [
                FigureRow::new(
                    p.title.clone(),
                    Some(school_procedure_href(s, p)),
                    &sg.group,
                ),
                FigureRow::new("Муниципалитет", None, &pa.municipality),
            ],
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
    c.insert("coverage", &coverage(site, &Owner::School(s.id.clone())));
    c.insert("choice", &choice_tables(site, &Owner::School(s.id.clone())));
    c.insert("years", &years);
    c.insert(
        "roadmaps",
        &roadmap_items(site, |r| {
            let owner = r.owner();
            owner == Owner::School(s.id.clone())
                || s.municipality
                    .as_ref()
                    .is_some_and(|m| owner == Owner::Area(m.clone()))
        }),
    );
    PageJob {
        path,
        template: "school.html",
        context: c,
    }
}
