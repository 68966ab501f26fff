//! Which pages the site has (DESIGN §4) and the data each one gets.

use serde::Serialize;
use tera::Context;

use crate::analyse::{Analysis, Group, ProcedureAnalysis, objectivity, participant};
use crate::config::Audience;
use crate::model::{Owner, Procedure, ProcedureKind, Project, Roadmap, School, Stage, Status};
use crate::render::view::{self, FigureRow, count, pct};
use crate::render::{Link, PageJob, RenderOptions, root_prefix};
use crate::render::{graphs, markdown};
use crate::text::plural;
use crate::write::Output;

/// Shared, read-only data every page builder looks things up in.
pub struct SiteContext<'a> {
    pub project: &'a Project,
    pub analysis: &'a Analysis,
    pub options: &'a RenderOptions,
    nav: Vec<Link>,
}

/// Human names of common school attributes; other keys are shown as they are.
pub fn attribute_label(key: &str) -> String {
    match key {
        "location" => "Тип местности",
        "funding" => "Финансирование",
        "transport" => "Транспортная доступность",
        "social_conditions" => "Социальные условия",
        "kind" => "Вид организации",
        "size" => "Размер школы",
        other => other,
    }
    .to_string()
}

fn school_href(s: &School) -> String {
    format!("schools/{}/index.html", s.id)
}

fn procedure_href(p: &Procedure) -> String {
    format!("procedures/{}/index.html", p.id)
}

fn school_procedure_href(s: &School, p: &Procedure) -> String {
    format!("schools/{}/{}/index.html", s.id, p.id)
}

impl<'a> SiteContext<'a> {
    pub fn new(project: &'a Project, analysis: &'a Analysis, options: &'a RenderOptions) -> Self {
        let mut nav = vec![
            Link::new("Главная", "index.html"),
            Link::new("Процедуры", "procedures/index.html"),
            Link::new("Школы", "schools/index.html"),
            Link::new("Кластеры", "clusters/index.html"),
            Link::new("Дорожные карты", "roadmaps/index.html"),
            Link::new("Методика", "methodology/index.html"),
            Link::new("Открытые данные", "open-data/index.html"),
        ];
        let mut pages: Vec<_> = project
            .pages
            .iter()
            .filter(|p| !p.meta.draft && !p.slug.contains('/') && p.slug != METHODOLOGY)
            .collect();
        pages.sort_by(|a, b| {
            a.meta
                .weight
                .cmp(&b.meta.weight)
                .then_with(|| a.slug.cmp(&b.slug))
        });
        nav.extend(
            pages
                .into_iter()
                .map(|p| Link::new(p.meta.title.clone(), format!("{}/index.html", p.slug))),
        );
        SiteContext {
            project,
            analysis,
            options,
            nav,
        }
    }

    fn min_group(&self) -> u32 {
        self.project.config.min_group
    }

    /// The context every page starts from.
    fn base(&self, path: &str, title: &str, crumbs: &[Link]) -> Context {
        let mut c = Context::new();
        let p = self.project;
        c.insert("root", &root_prefix(path));
        c.insert("path", path);
        c.insert("page_title", title);
        c.insert("site_title", &p.config.title);
        c.insert("municipality", &p.municipality);
        c.insert("nav", &self.nav);
        c.insert("current_section", &path.split('/').next().unwrap_or(""));
        c.insert("breadcrumbs", crumbs);
        c.insert("internal", &(self.options.audience == Audience::Internal));
        c.insert("min_group", &p.config.min_group);
        c
    }

    fn home_crumb(&self) -> Link {
        Link::new("Главная", "index.html")
    }
}

/// Every page of the site.
pub fn all(site: &SiteContext) -> Vec<PageJob> {
    let mut jobs = vec![
        index(site),
        procedures(site),
        schools(site),
        clusters(site),
        roadmaps(site),
        not_found(site),
    ];
    for (i, _) in site.project.procedures.iter().enumerate() {
        jobs.push(procedure(site, i));
        for sg in &site.analysis.procedures[i].schools {
            jobs.push(school_procedure(site, i, sg.school));
            if site.options.audience == Audience::Internal {
                for k in 0..sg.classes.len() {
                    jobs.push(class_page(site, i, sg.school, k));
                }
            }
        }
    }
    for (i, _) in site.project.schools.iter().enumerate() {
        jobs.push(school(site, i));
    }
    for attribute in cluster_attributes(site.project) {
        jobs.push(cluster(site, &attribute));
    }
    for r in &site.project.roadmaps {
        jobs.push(roadmap(site, r));
    }
    jobs.push(methodology(site));
    jobs.push(open_data_page(site));
    jobs.push(search_page(site));
    for page in site
        .project
        .pages
        .iter()
        .filter(|p| !p.meta.draft && p.slug != METHODOLOGY)
    {
        let path = format!("{}/index.html", page.slug);
        let mut crumbs = vec![site.home_crumb()];
        let parts: Vec<&str> = page.slug.split('/').collect();
        for depth in 1..parts.len() {
            let parent = parts[..depth].join("/");
            if let Some(p) = site.project.pages.iter().find(|p| p.slug == parent) {
                crumbs.push(Link::new(
                    p.meta.title.clone(),
                    format!("{parent}/index.html"),
                ));
            }
        }
        let mut c = site.base(&path, &page.meta.title, &crumbs);
        c.insert("body", &markdown::to_html(&page.markdown));
        c.insert("description", &page.meta.description);
        c.insert(
            "date",
            &page.meta.date.map(|d| d.format("%d.%m.%Y").to_string()),
        );
        jobs.push(PageJob {
            path,
            template: "page.html",
            context: c,
        });
    }
    jobs
}

/// Attribute keys of any school, sorted.
pub fn cluster_attributes(project: &Project) -> Vec<String> {
    let mut keys: Vec<String> = project
        .schools
        .iter()
        .flat_map(|s| s.attributes.keys().cloned())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A procedure in a list, with its municipal key figures.
#[derive(Serialize)]
struct ProcedureItem {
    id: String,
    title: String,
    kind: String,
    subject: String,
    grade: u8,
    date: String,
    school_year: String,
    href: String,
    uses_test_scores: bool,
    row: FigureRow,
}

fn procedure_item(site: &SiteContext, i: usize) -> ProcedureItem {
    let p = &site.project.procedures[i];
    let pa = &site.analysis.procedures[i];
    ProcedureItem {
        id: p.id.clone(),
        title: p.title.clone(),
        kind: p.kind.label().to_string(),
        subject: p.subject.clone(),
        grade: p.grade,
        date: p.date.format("%d.%m.%Y").to_string(),
        school_year: p.school_year.clone(),
        href: procedure_href(p),
        uses_test_scores: p.kind.uses_test_scores(),
        row: FigureRow::new(
            p.title.clone(),
            Some(procedure_href(p)),
            &pa.municipality,
            site.min_group(),
        ),
    }
}

/// School years, newest first, each with its procedures.
fn by_year(
    site: &SiteContext,
    filter: impl Fn(usize) -> bool,
) -> Vec<(String, Vec<ProcedureItem>)> {
    let mut years: Vec<String> = site
        .project
        .procedures
        .iter()
        .map(|p| p.school_year.clone())
        .collect();
    years.sort();
    years.dedup();
    years.reverse();
    years
        .into_iter()
        .map(|y| {
            let items = (0..site.project.procedures.len())
                .filter(|&i| site.project.procedures[i].school_year == y && filter(i))
                .map(|i| procedure_item(site, i))
                .collect();
            (y, items)
        })
        .filter(|(_, items): &(String, Vec<ProcedureItem>)| !items.is_empty())
        .collect()
}

fn index(site: &SiteContext) -> PageJob {
    let p = site.project;
    let path = "index.html";
    let mut c = site.base(path, &p.config.title, &[]);
    let years = by_year(site, |_| true);
    let total: u64 = site
        .analysis
        .procedures
        .iter()
        .map(|a| a.municipality.counters.participants)
        .sum();
    let kinds: Vec<&str> = {
        let mut k: Vec<ProcedureKind> = p.procedures.iter().map(|p| p.kind).collect();
        k.sort();
        k.dedup();
        k.into_iter().map(ProcedureKind::label).collect()
    };
    let n_proc = p.procedures.len() as u64;
    let n_schools = p.schools.len() as u64;
    let summary = format!(
        "На сайте — результаты {} {} ({}) в {} {} муниципалитета: {} {} работ. \
         Школы не ранжируются: каждая сравнивается с муниципалитетом и со школами в похожих условиях.",
        n_proc,
        plural(
            n_proc,
            "оценочной процедуры",
            "оценочных процедур",
            "оценочных процедур"
        ),
        kinds.join(", "),
        n_schools,
        plural(n_schools, "школе", "школах", "школах"),
        count(total),
        plural(total, "результат", "результата", "результатов"),
    );
    c.insert("summary", &summary);
    c.insert("latest_year", &years.first());
    c.insert("schools_count", &n_schools);
    c.insert("roadmaps", &roadmap_items(site, |_| true));
    c.insert(
        "attributes",
        &cluster_attributes(p)
            .iter()
            .map(|a| Link::new(attribute_label(a), format!("clusters/{a}/index.html")))
            .collect::<Vec<_>>(),
    );
    PageJob {
        path: path.into(),
        template: "index.html",
        context: c,
    }
}

fn procedures(site: &SiteContext) -> PageJob {
    let path = "procedures/index.html";
    let mut c = site.base(path, "Оценочные процедуры", &[site.home_crumb()]);
    c.insert("years", &by_year(site, |_| true));
    PageJob {
        path: path.into(),
        template: "procedures.html",
        context: c,
    }
}

/// The plain-language opening sentence of a procedure report.
fn summary_sentence(p: &Procedure, group: &Group, whose: &str, min_group: u32) -> String {
    let f = &group.figures;
    let n = f.participants;
    if group.suppressed {
        return format!(
            "{whose} результаты не публикуются ({}), чтобы нельзя было узнать результаты отдельных детей.",
            view::reason(group, min_group)
        );
    }
    if let Some(t) = f.test.filter(|_| p.kind.uses_test_scores()) {
        return format!(
            "{whose} {} по предмету «{}» сдавали {} {}; средний тестовый балл — {}, не преодолели минимальный порог — {}.",
            p.kind.label(),
            p.subject,
            count(n),
            plural(n, "выпускник", "выпускника", "выпускников"),
            view::num(t.mean),
            pct(t.below_min)
        );
    }
    format!(
        "{whose} в работе «{}» {} {} {}; {} справились с работой (отметки «3», «4» и «5»), {} получили «4» и «5».",
        p.title,
        plural(n, "участвовал", "участвовали", "участвовали"),
        count(n),
        plural(n, "обучающийся", "обучающихся", "обучающихся"),
        pct(f.success),
        pct(f.quality)
    )
}

fn procedure(site: &SiteContext, i: usize) -> PageJob {
    let p = &site.project.procedures[i];
    let pa = &site.analysis.procedures[i];
    let r = &site.project.results[i];
    let path = format!("procedures/{}/index.html", p.id);
    let crumbs = [
        site.home_crumb(),
        Link::new("Процедуры", "procedures/index.html"),
    ];
    let mut c = site.base(&path, &p.title, &crumbs);
    let mg = site.min_group();
    insert_procedure_facts(&mut c, p);
    c.insert(
        "summary",
        &summary_sentence(p, &pa.municipality, "В муниципалитете", mg),
    );
    let mut compare = vec![FigureRow::new("Муниципалитет", None, &pa.municipality, mg)];
    if let Some(b) = &p.benchmarks.region {
        compare.push(FigureRow::benchmark("Регион", b));
    }
    if let Some(b) = &p.benchmarks.russia {
        compare.push(FigureRow::benchmark("Россия", b));
    }
    c.insert("compare", &compare);
    let schools: Vec<FigureRow> = pa
        .schools
        .iter()
        .map(|sg| {
            let s = &site.project.schools[sg.school];
            FigureRow::new(
                s.short_name.clone(),
                Some(school_procedure_href(s, p)),
                &sg.group,
                mg,
            )
        })
        .collect();
    c.insert("schools", &schools);
    c.insert("clusters", &cluster_tables(site, pa));
    c.insert(
        "tasks",
        &view::task_rows(p, &pa.municipality, &pa.municipality),
    );
    c.insert(
        "skills",
        &view::skill_rows(p, &pa.municipality, &pa.municipality),
    );
    c.insert("deficits", &view::deficit_count(&pa.municipality.figures));
    c.insert("histogram", &view::histogram(p, &pa.municipality));
    insert_dynamics(&mut c, site, i, None);
    let town = [("Муниципалитет".to_string(), &pa.municipality)];
    c.insert(
        "charts",
        &serde_json::json!({
            "marks": graphs::marks("marks", p, &town),
            "confirmation": graphs::confirmation("conf", &town),
            "tasks": graphs::tasks("tasks", p, None, &pa.municipality),
            "by_mark": graphs::by_mark("bymark", p, &pa.municipality),
            "histogram": graphs::histogram("hist", p, &pa.municipality),
        }),
    );
    c.insert("absent", &r.absent);
    c.insert("skipped", &r.skipped);
    c.insert("files", &r.files.len());
    c.insert("suppressed", &pa.municipality.suppressed);
    PageJob {
        path,
        template: "procedure.html",
        context: c,
    }
}

/// The same kind, subject and grade in every year, oldest first: the procedure's dynamics.
fn same_series(site: &SiteContext, i: usize) -> Vec<usize> {
    let p = &site.project.procedures[i];
    (0..site.project.procedures.len())
        .filter(|&j| {
            let q = &site.project.procedures[j];
            q.kind == p.kind && q.subject == p.subject && q.grade == p.grade
        })
        .collect()
}

/// Rows and a chart of the procedure's figures over the years, for the municipality
/// (`school: None`) or a school; nothing when there is only one year.
fn insert_dynamics(c: &mut Context, site: &SiteContext, i: usize, school: Option<usize>) {
    let series = same_series(site, i);
    let groups: Vec<(String, &Group)> = series
        .iter()
        .filter_map(|&j| {
            let pa = &site.analysis.procedures[j];
            let group = match school {
                Some(si) => &pa.school(si)?.group,
                None => &pa.municipality,
            };
            Some((site.project.procedures[j].school_year.clone(), group))
        })
        .collect();
    if groups.len() < 2 {
        c.insert("dynamics", &Option::<()>::None);
        return;
    }
    let rows: Vec<FigureRow> = groups
        .iter()
        .map(|(y, g)| FigureRow::new(y.clone(), None, g, site.min_group()))
        .collect();
    let chart = graphs::dynamics("dyn", &site.project.procedures[i], &groups);
    c.insert(
        "dynamics",
        &serde_json::json!({ "rows": rows, "chart": chart }),
    );
}

fn insert_procedure_facts(c: &mut Context, p: &Procedure) {
    c.insert("procedure", &serde_json::json!({
        "id": p.id,
        "title": p.title,
        "kind": p.kind.label(),
        "subject": p.subject,
        "grade": p.grade,
        "school_year": p.school_year,
        "date": p.date.format("%d.%m.%Y").to_string(),
        "max": p.max_primary(),
        "tasks": p.tasks.len(),
        "elective": p.elective,
        "uses_test_scores": p.kind.uses_test_scores(),
        "has_marks": p.has_marks(),
        "min_score": p.min_score,
        "scale": p.scale.iter().map(|(m, s)| serde_json::json!({"mark": m, "from": s})).collect::<Vec<_>>(),
        "href": procedure_href(p),
    }));
}

#[derive(Serialize)]
struct ClusterTable {
    attribute: String,
    label: String,
    rows: Vec<FigureRow>,
}

fn cluster_tables(site: &SiteContext, pa: &ProcedureAnalysis) -> Vec<ClusterTable> {
    cluster_attributes(site.project)
        .into_iter()
        .map(|a| ClusterTable {
            label: attribute_label(&a),
            rows: pa
                .clusters
                .iter()
                .filter(|c| c.attribute == a)
                .map(|c| FigureRow::new(c.value.clone(), None, &c.group, site.min_group()))
                .collect(),
            attribute: a,
        })
        .filter(|t| !t.rows.is_empty())
        .collect()
}

#[derive(Serialize)]
struct SchoolItem {
    id: String,
    name: String,
    short_name: String,
    href: String,
    attributes: Vec<(String, String)>,
    /// `(data-attribute name, value)` for the list filter.
    data: Vec<(String, String)>,
}

/// An attribute key usable in a `data-` attribute name.
fn data_key(key: &str) -> String {
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

fn school_item(s: &School, keys: &[String]) -> SchoolItem {
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
struct Filter {
    key: String,
    label: String,
    values: Vec<String>,
    href: String,
}

fn schools(site: &SiteContext) -> PageJob {
    let path = "schools/index.html";
    let mut c = site.base(path, "Школы", &[site.home_crumb()]);
    let keys = cluster_attributes(site.project);
    c.insert(
        "attribute_labels",
        &keys.iter().map(|k| attribute_label(k)).collect::<Vec<_>>(),
    );
    let schools: Vec<SchoolItem> = site
        .project
        .schools
        .iter()
        .map(|s| school_item(s, &keys))
        .collect();
    c.insert("schools", &schools);
    let filters: Vec<Filter> = keys
        .iter()
        .map(|k| {
            let mut values: Vec<String> = site
                .project
                .schools
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

fn school(site: &SiteContext, si: usize) -> PageJob {
    let s = &site.project.schools[si];
    let path = format!("schools/{}/index.html", s.id);
    let crumbs = [site.home_crumb(), Link::new("Школы", "schools/index.html")];
    let mut c = site.base(&path, &s.short_name, &crumbs);
    let keys = cluster_attributes(site.project);
    c.insert("school", &school_item(s, &keys));
    c.insert("address", &s.address);
    c.insert("website", &s.website);
    let mg = site.min_group();
    #[derive(Serialize)]
    struct Line {
        procedure: ProcedureItem,
        school: FigureRow,
        municipality: FigureRow,
        signs: Vec<objectivity::Sign>,
    }
    let internal = site.options.audience == Audience::Internal;
    let mut years: Vec<(String, Vec<Line>)> = Vec::new();
    for (i, p) in site.project.procedures.iter().enumerate().rev() {
        let pa = &site.analysis.procedures[i];
        let Some(sg) = pa.school(si) else { continue };
        let line = Line {
            procedure: procedure_item(site, i),
            school: FigureRow::new(
                p.title.clone(),
                Some(school_procedure_href(s, p)),
                &sg.group,
                mg,
            ),
            municipality: FigureRow::new("Муниципалитет", None, &pa.municipality, mg),
            signs: if internal {
                objectivity::signs(
                    p,
                    &sg.group,
                    &pa.municipality,
                    &site.project.config.objectivity,
                )
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

fn school_procedure(site: &SiteContext, i: usize, si: usize) -> PageJob {
    let p = &site.project.procedures[i];
    let s = &site.project.schools[si];
    let pa = &site.analysis.procedures[i];
    let mg = site.min_group();
    let path = format!("schools/{}/{}/index.html", s.id, p.id);
    let crumbs = [
        site.home_crumb(),
        Link::new("Школы", "schools/index.html"),
        Link::new(s.short_name.clone(), school_href(s)),
    ];
    let mut c = site.base(&path, &format!("{} — {}", p.title, s.short_name), &crumbs);
    insert_procedure_facts(&mut c, p);
    let sg = pa
        .school(si)
        .expect("school pages are made only for schools with results");
    c.insert("school", &school_item(s, &cluster_attributes(site.project)));
    c.insert("summary", &summary_sentence(p, &sg.group, "В школе", mg));
    let mut compare = vec![FigureRow::new(s.short_name.clone(), None, &sg.group, mg)];
    for (attribute, value) in &s.attributes {
        if let Some(cg) = pa.cluster(attribute, value) {
            compare.push(FigureRow::new(
                format!(
                    "Школы: {} — {value}",
                    attribute_label(attribute).to_lowercase()
                ),
                None,
                &cg.group,
                mg,
            ));
        }
    }
    compare.push(FigureRow::new(
        "Муниципалитет",
        Some(procedure_href(p)),
        &pa.municipality,
        mg,
    ));
    if let Some(b) = &p.benchmarks.region {
        compare.push(FigureRow::benchmark("Регион", b));
    }
    if let Some(b) = &p.benchmarks.russia {
        compare.push(FigureRow::benchmark("Россия", b));
    }
    c.insert("compare", &compare);
    c.insert("tasks", &view::task_rows(p, &sg.group, &pa.municipality));
    c.insert("skills", &view::skill_rows(p, &sg.group, &pa.municipality));
    c.insert("deficits", &view::deficit_count(&sg.group.figures));
    c.insert("histogram", &view::histogram(p, &sg.group));
    insert_dynamics(&mut c, site, i, Some(si));
    let pair = [
        (s.short_name.clone(), &sg.group),
        ("Муниципалитет".to_string(), &pa.municipality),
    ];
    c.insert(
        "charts",
        &serde_json::json!({
            "marks": graphs::marks("marks", p, &pair),
            "confirmation": graphs::confirmation("conf", &pair),
            "tasks": graphs::tasks("tasks", p, Some(("Школа", &sg.group)), &pa.municipality),
            "by_mark": graphs::by_mark("bymark", p, &sg.group),
            "histogram": graphs::histogram("hist", p, &sg.group),
        }),
    );
    c.insert("suppressed", &sg.group.suppressed);
    let classes: Vec<FigureRow> = sg
        .classes
        .iter()
        .enumerate()
        .map(|(k, (letter, g))| {
            FigureRow::new(class_label(p, letter), Some(class_href(s, p, k)), g, mg)
        })
        .collect();
    c.insert("classes", &classes);
    if site.options.audience == Audience::Internal {
        let signs = objectivity::signs(
            p,
            &sg.group,
            &pa.municipality,
            &site.project.config.objectivity,
        );
        c.insert("signs", &signs);
    }
    PageJob {
        path,
        template: "school_procedure.html",
        context: c,
    }
}

fn class_label(p: &Procedure, letter: &str) -> String {
    if letter.is_empty() {
        format!("{} (без литеры)", p.grade)
    } else {
        format!("{}{letter}", p.grade)
    }
}

fn class_href(s: &School, p: &Procedure, k: usize) -> String {
    format!("schools/{}/{}/class-{}/index.html", s.id, p.id, k + 1)
}

/// The analytic note of one class with a note for each of its participants (internal only).
fn class_page(site: &SiteContext, i: usize, si: usize, k: usize) -> PageJob {
    let p = &site.project.procedures[i];
    let s = &site.project.schools[si];
    let pa = &site.analysis.procedures[i];
    let sg = pa
        .school(si)
        .expect("class pages are made only for schools with results");
    let (letter, group) = &sg.classes[k];
    let mg = site.min_group();
    let path = class_href(s, p, k);
    let label = class_label(p, letter);
    let crumbs = [
        site.home_crumb(),
        Link::new("Школы", "schools/index.html"),
        Link::new(s.short_name.clone(), school_href(s)),
        Link::new(p.title.clone(), school_procedure_href(s, p)),
    ];
    let mut c = site.base(&path, &format!("{label} класс — {}", p.title), &crumbs);
    insert_procedure_facts(&mut c, p);
    c.insert("school", &school_item(s, &cluster_attributes(site.project)));
    c.insert("class_label", &label);
    c.insert(
        "compare",
        &[
            FigureRow::new(format!("{label} класс"), None, group, mg),
            FigureRow::new(
                s.short_name.clone(),
                Some(school_procedure_href(s, p)),
                &sg.group,
                mg,
            ),
            FigureRow::new(
                "Муниципалитет",
                Some(procedure_href(p)),
                &pa.municipality,
                mg,
            ),
        ],
    );
    c.insert("suppressed", &group.suppressed);
    let trio = [
        (format!("{label} класс"), group),
        (s.short_name.clone(), &sg.group),
        ("Муниципалитет".to_string(), &pa.municipality),
    ];
    c.insert(
        "charts",
        &serde_json::json!({
            "marks": graphs::marks("marks", p, &trio),
            "tasks": graphs::tasks("tasks", p, Some(("Класс", group)), &pa.municipality),
        }),
    );
    c.insert("tasks", &view::task_rows(p, group, &pa.municipality));
    c.insert("skills", &view::skill_rows(p, group, &pa.municipality));
    c.insert(
        "task_ids",
        &p.tasks.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
    );
    let notes: Vec<_> = site.project.results[i]
        .participants
        .iter()
        .filter(|x| x.school as usize == si && x.class.as_ref() == letter.as_str())
        .map(|x| participant::note(p, x, &site.project.config.thresholds))
        .collect();
    c.insert("participants", &notes);
    PageJob {
        path,
        template: "class.html",
        context: c,
    }
}

fn clusters(site: &SiteContext) -> PageJob {
    let path = "clusters/index.html";
    let mut c = site.base(path, "Кластеры школ", &[site.home_crumb()]);
    #[derive(Serialize)]
    struct Attr {
        label: String,
        href: String,
        values: Vec<(String, usize)>,
    }
    let attrs: Vec<Attr> = cluster_attributes(site.project)
        .into_iter()
        .map(|a| {
            let mut values: Vec<(String, usize)> = Vec::new();
            for s in &site.project.schools {
                if let Some(v) = s.attributes.get(&a) {
                    match values.iter_mut().find(|(x, _)| x == v) {
                        Some((_, n)) => *n += 1,
                        None => values.push((v.clone(), 1)),
                    }
                }
            }
            values.sort_by(|x, y| crate::collate::compare(&x.0, &y.0));
            Attr {
                label: attribute_label(&a),
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

fn cluster(site: &SiteContext, attribute: &str) -> PageJob {
    let path = format!("clusters/{attribute}/index.html");
    let label = attribute_label(attribute);
    let crumbs = [
        site.home_crumb(),
        Link::new("Кластеры", "clusters/index.html"),
    ];
    let mut c = site.base(
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
    for (i, _) in site.project.procedures.iter().enumerate().rev() {
        let pa = &site.analysis.procedures[i];
        let mut rows: Vec<FigureRow> = pa
            .clusters
            .iter()
            .filter(|cg| cg.attribute == attribute)
            .map(|cg| FigureRow::new(cg.value.clone(), None, &cg.group, site.min_group()))
            .collect();
        if rows.is_empty() {
            continue;
        }
        rows.push(FigureRow::new(
            "Муниципалитет",
            None,
            &pa.municipality,
            site.min_group(),
        ));
        let mut groups: Vec<(String, &Group)> = pa
            .clusters
            .iter()
            .filter(|cg| cg.attribute == attribute)
            .map(|cg| (cg.value.clone(), &cg.group))
            .collect();
        groups.push(("Муниципалитет".to_string(), &pa.municipality));
        let chart = graphs::clusters(&format!("cl-{i}"), &site.project.procedures[i], &groups);
        blocks.push(Block {
            procedure: procedure_item(site, i),
            rows,
            chart,
        });
    }
    c.insert("label", &label);
    c.insert("blocks", &blocks);
    let members: Vec<(String, Vec<Link>)> = {
        let mut values: Vec<String> = site
            .project
            .schools
            .iter()
            .filter_map(|s| s.attributes.get(attribute).cloned())
            .collect();
        values.sort_by(|a, b| crate::collate::compare(a, b));
        values.dedup();
        values
            .into_iter()
            .map(|v| {
                let schools = site
                    .project
                    .schools
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

#[derive(Serialize)]
struct RoadmapItem {
    id: String,
    title: String,
    owner: String,
    href: String,
    measures: usize,
    done: usize,
    overdue: usize,
}

fn is_overdue(site: &SiteContext, status: Status, deadline: chrono::NaiveDate) -> bool {
    matches!(status, Status::Planned | Status::InProgress) && deadline < site.options.as_of
}

fn owner_name(site: &SiteContext, r: &Roadmap) -> String {
    match r.owner() {
        Owner::Municipality => site.project.municipality.office.clone(),
        Owner::School(id) => site
            .project
            .schools
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.short_name.clone())
            .unwrap_or(id),
    }
}

fn roadmap_items(site: &SiteContext, filter: impl Fn(&Roadmap) -> bool) -> Vec<RoadmapItem> {
    site.project
        .roadmaps
        .iter()
        .filter(|r| filter(r))
        .map(|r| RoadmapItem {
            id: r.id.clone(),
            title: r.title.clone(),
            owner: owner_name(site, r),
            href: format!("roadmaps/{}/index.html", r.id),
            measures: r.measures.len(),
            done: r
                .measures
                .iter()
                .filter(|m| m.status == Status::Done)
                .count(),
            overdue: r
                .measures
                .iter()
                .filter(|m| is_overdue(site, m.status, m.deadline))
                .count(),
        })
        .collect()
}

fn roadmaps(site: &SiteContext) -> PageJob {
    let path = "roadmaps/index.html";
    let mut c = site.base(path, "Дорожные карты", &[site.home_crumb()]);
    c.insert("roadmaps", &roadmap_items(site, |_| true));
    c.insert("as_of", &site.options.as_of.format("%d.%m.%Y").to_string());
    PageJob {
        path: path.into(),
        template: "roadmaps.html",
        context: c,
    }
}

fn roadmap(site: &SiteContext, r: &Roadmap) -> PageJob {
    let path = format!("roadmaps/{}/index.html", r.id);
    let crumbs = [
        site.home_crumb(),
        Link::new("Дорожные карты", "roadmaps/index.html"),
    ];
    let mut c = site.base(&path, &r.title, &crumbs);
    #[derive(Serialize)]
    struct MeasureView {
        id: String,
        title: String,
        participants: String,
        deadline: String,
        responsible: String,
        result: String,
        document: String,
        status: String,
        status_class: String,
        overdue: bool,
        addresses: Vec<Link>,
        indicators: Vec<(String, String, String, String)>,
    }
    let fmt = |v: Option<f64>| {
        v.map(|x| format!("{x:.1}").replace('.', ","))
            .unwrap_or_else(|| view::DASH.to_string())
    };
    let stages: Vec<(String, Vec<MeasureView>)> = Stage::ALL
        .iter()
        .map(|&stage| {
            let measures = r
                .measures
                .iter()
                .filter(|m| m.stage == stage)
                .map(|m| {
                    let overdue = is_overdue(site, m.status, m.deadline);
                    MeasureView {
                        id: m.id.clone(),
                        title: m.title.clone(),
                        participants: m.participants.clone(),
                        deadline: m.deadline.format("%d.%m.%Y").to_string(),
                        responsible: m.responsible.clone(),
                        result: m.result.clone(),
                        document: m.document.clone(),
                        status: if overdue {
                            format!("{}, срок прошёл", m.status.label())
                        } else {
                            m.status.label().to_string()
                        },
                        status_class: if overdue {
                            "overdue".into()
                        } else {
                            format!("{:?}", m.status).to_lowercase()
                        },
                        overdue,
                        addresses: m
                            .addresses
                            .iter()
                            .filter_map(|t| {
                                let p = site
                                    .project
                                    .procedures
                                    .iter()
                                    .find(|p| p.id == t.procedure)?;
                                Some(Link::new(
                                    format!("{}: умение {}", p.title, t.skill),
                                    procedure_href(p),
                                ))
                            })
                            .collect(),
                        indicators: m
                            .indicators
                            .iter()
                            .map(|i| {
                                (
                                    i.name.clone(),
                                    fmt(i.baseline),
                                    fmt(i.target),
                                    fmt(i.actual),
                                )
                            })
                            .collect(),
                    }
                })
                .collect::<Vec<_>>();
            (stage.label().to_string(), measures)
        })
        .filter(|(_, m)| !m.is_empty())
        .collect();
    c.insert("roadmap", &roadmap_items(site, |x| x.id == r.id).pop());
    c.insert("stages", &stages);
    c.insert("as_of", &site.options.as_of.format("%d.%m.%Y").to_string());
    c.insert(
        "based_on",
        &r.based_on
            .iter()
            .filter_map(|id| site.project.procedures.iter().find(|p| &p.id == id))
            .map(|p| Link::new(p.title.clone(), procedure_href(p)))
            .collect::<Vec<_>>(),
    );
    PageJob {
        path,
        template: "roadmap.html",
        context: c,
    }
}

/// An entry of the search index: titles only, never full text (DESIGN §7).
#[derive(Serialize)]
pub struct SearchEntry {
    pub title: String,
    pub detail: String,
    pub kind: &'static str,
    pub href: String,
}

/// Schools, procedures, clusters, roadmaps and content pages, in a fixed order.
pub fn search_index(site: &SiteContext) -> Vec<SearchEntry> {
    let p = site.project;
    let mut entries: Vec<SearchEntry> = p
        .schools
        .iter()
        .map(|s| SearchEntry {
            title: s.short_name.clone(),
            detail: s.name.clone(),
            kind: "Школа",
            href: school_href(s),
        })
        .collect();
    entries.extend(p.procedures.iter().rev().map(|pr| SearchEntry {
        title: pr.title.clone(),
        detail: format!(
            "{} учебный год, {}",
            pr.school_year,
            pr.date.format("%d.%m.%Y")
        ),
        kind: "Процедура",
        href: procedure_href(pr),
    }));
    entries.extend(cluster_attributes(p).into_iter().map(|a| SearchEntry {
        title: format!("Кластеры: {}", attribute_label(&a).to_lowercase()),
        detail: String::new(),
        kind: "Кластеры",
        href: format!("clusters/{a}/index.html"),
    }));
    entries.extend(p.roadmaps.iter().map(|r| SearchEntry {
        title: r.title.clone(),
        detail: owner_name(site, r),
        kind: "Дорожная карта",
        href: format!("roadmaps/{}/index.html", r.id),
    }));
    entries.extend(
        p.pages
            .iter()
            .filter(|pg| !pg.meta.draft)
            .map(|pg| SearchEntry {
                title: pg.meta.title.clone(),
                detail: pg.meta.description.clone(),
                kind: "Страница",
                href: format!("{}/index.html", pg.slug),
            }),
    );
    entries
}

fn search_page(site: &SiteContext) -> PageJob {
    let path = "search/index.html";
    let mut c = site.base(path, "Поиск", &[site.home_crumb()]);
    c.insert("entries", &search_index(site));
    PageJob {
        path: path.into(),
        template: "search.html",
        context: c,
    }
}

fn open_data_page(site: &SiteContext) -> PageJob {
    let path = "open-data/index.html";
    let mut c = site.base(path, "Открытые данные", &[site.home_crumb()]);
    c.insert(
        "datasets",
        &crate::render::open_data::passport(site.project),
    );
    PageJob {
        path: path.into(),
        template: "open_data.html",
        context: c,
    }
}

/// The content page that introduces the generated methodology page.
const METHODOLOGY: &str = "methodology";

fn methodology(site: &SiteContext) -> PageJob {
    let path = "methodology/index.html";
    let mut c = site.base(path, "Методика расчёта показателей", &[site.home_crumb()]);
    let intro = site
        .project
        .pages
        .iter()
        .find(|p| p.slug == METHODOLOGY && !p.meta.draft);
    c.insert("intro", &intro.map(|p| markdown::to_html(&p.markdown)));
    #[derive(Serialize)]
    struct Def {
        name: &'static str,
        column: &'static str,
        definition: &'static str,
    }
    let defs: Vec<Def> = crate::analyse::definitions::DEFINITIONS
        .iter()
        .map(|d| Def {
            name: d.name,
            column: d.column,
            definition: d.definition,
        })
        .collect();
    c.insert("definitions", &defs);
    let t = &site.project.config.thresholds;
    let f = |v: f64| format!("{v}").replace('.', ",");
    c.insert("basic", &(f(t.basic.insufficient), f(t.basic.sufficient)));
    c.insert(
        "advanced",
        &(f(t.advanced.insufficient), f(t.advanced.sufficient)),
    );
    let skipped: u32 = site.project.results.iter().map(|r| r.skipped).sum();
    c.insert("skipped", &skipped);
    let o = &site.project.config.objectivity;
    c.insert(
        "objectivity",
        &serde_json::json!({
            "peak_ratio": f(o.peak_ratio),
            "peak_min": o.peak_min,
            "peak_tentative_min": o.peak_tentative_min,
            "peak_min_at_threshold": o.peak_min_at_threshold,
            "lowered_max": f(o.lowered_max),
            "confirmed_max": f(o.confirmed_max),
            "inversion_gap": f(o.inversion_gap),
        }),
    );
    PageJob {
        path: path.into(),
        template: "methodology.html",
        context: c,
    }
}

fn not_found(site: &SiteContext) -> PageJob {
    // 404.html is served for any missing address, so its links must be absolute from the site root.
    let path = "404.html";
    let mut c = site.base(path, "Страница не найдена", &[]);
    let base = site
        .project
        .config
        .base_url
        .trim_end_matches('/')
        .to_string()
        + "/";
    c.insert("root", &base);
    PageJob {
        path: path.into(),
        template: "404.html",
        context: c,
    }
}

/// sitemap.xml and robots.txt (public build) or a robots.txt that closes everything (internal).
pub fn extra_files(site: &SiteContext, jobs: &[PageJob]) -> Vec<Output> {
    let base = site
        .project
        .config
        .base_url
        .trim_end_matches('/')
        .to_string()
        + "/";
    let mut index = serde_json::to_vec_pretty(&search_index(site)).unwrap_or_default();
    index.push(b'\n');
    let index = Output {
        path: "search/index.json".into(),
        bytes: index,
    };
    if site.options.audience == Audience::Internal {
        let robots = Output {
            path: "robots.txt".into(),
            bytes: b"User-agent: *\nDisallow: /\n".to_vec(),
        };
        return vec![index, robots];
    }
    let mut paths: Vec<&str> = jobs
        .iter()
        .map(|j| j.path.as_str())
        .filter(|p| *p != "404.html")
        .collect();
    paths.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        let loc = p.strip_suffix("index.html").unwrap_or(p);
        xml.push_str(&format!(
            "  <url><loc>{}{}</loc></url>\n",
            escape_xml(&base),
            escape_xml(loc)
        ));
    }
    xml.push_str("</urlset>\n");
    vec![
        index,
        Output {
            path: "sitemap.xml".into(),
            bytes: xml.into_bytes(),
        },
        Output {
            path: "robots.txt".into(),
            bytes: format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n").into_bytes(),
        },
    ]
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
