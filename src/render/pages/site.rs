//! Site-wide pages and files: home, procedure list, methodology, open data, search,
//! 404, sitemap and robots.

use chrono::NaiveDate;
use serde::Serialize;

use super::*;

pub(super) fn index(site: &Reader) -> PageJob {
    let path = "index.html";
    let mut c = base(site, path, &site.config().title, &[]);
    let years = by_year(site, |_| true);
    let total: u64 = site
        .procedure_indices()
        .map(|i| site.figures(i).municipality.counters.participants)
        .sum();
    let kinds: Vec<&str> = {
        let mut k: Vec<ProcedureKind> = site.procedures().iter().map(|p| p.kind).collect();
        k.sort();
        k.dedup();
        k.into_iter().map(ProcedureKind::label).collect()
    };
    let n_proc = site.procedures().len() as u64;
    let w = level_words(site);
    let n_schools = site.schools().len() as u64;
    let summary = if n_proc == 0 {
        "Результатов пока нет: сайт только создан. Они появятся здесь после первой загрузки \
         файлов ФИС ОКО (oko import) и сборки."
            .to_string()
    } else {
        format!(
            "На сайте — результаты {} {} ({}) в {} {} {}: {} {} работ. \
         Школы не ранжируются: каждая сравнивается {} и со школами в похожих условиях.",
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
            w.of,
            count(total),
            plural(total, "результат", "результата", "результатов"),
            if w.region {
                "со своим муниципалитетом, с регионом"
            } else {
                w.with
            },
        )
    };
    c.insert("summary", &summary);
    // The one page that shows the build date: it changes with every build on a new day.
    c.insert("built_on", &site.as_of().format("%d.%m.%Y").to_string());
    c.insert("latest_year", &years.first());
    c.insert("schools_count", &n_schools);
    c.insert("summaries", &year_links(site));
    c.insert("roadmaps", &roadmap_items(site, |_| true));
    c.insert(
        "attributes",
        &site
            .attributes()
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

pub(super) fn procedures(site: &Reader) -> PageJob {
    let path = "procedures/index.html";
    let mut c = base(site, path, "Оценочные процедуры", &[home_crumb()]);
    c.insert("years", &by_year(site, |_| true));
    c.insert("summaries", &year_links(site));
    PageJob {
        path: path.into(),
        template: "procedures.html",
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

/// Schools, a region's municipalities, procedures, clusters, roadmaps and content pages, in
/// a fixed order.
pub fn search_index(site: &Reader) -> Vec<SearchEntry> {
    let mut entries: Vec<SearchEntry> = site
        .schools()
        .iter()
        .map(|s| SearchEntry {
            title: s.short_name.clone(),
            detail: match s.municipality_index {
                Some(m) => format!("{} · {}", s.name, site.municipalities()[m].name),
                None => s.name.clone(),
            },
            kind: "Школа",
            href: school_href(s),
        })
        .collect();
    entries.extend(site.municipalities().iter().map(|m| SearchEntry {
        title: m.name.clone(),
        detail: m.office.clone(),
        kind: "Муниципалитет",
        href: municipality_href(m),
    }));
    entries.extend(site.procedures().iter().rev().map(|pr| SearchEntry {
        title: pr.title.clone(),
        detail: format!("{} учебный год, {}", pr.school_year, pr.date_text()),
        kind: "Процедура",
        href: procedure_href(pr),
    }));
    entries.extend(site.attributes().iter().map(|a| SearchEntry {
        title: format!("Кластеры: {}", attribute_label(a).to_lowercase()),
        detail: String::new(),
        kind: "Кластеры",
        href: format!("clusters/{a}/index.html"),
    }));
    entries.extend(site.roadmaps().iter().map(|r| SearchEntry {
        title: r.title.clone(),
        detail: owner_name(site, &r.owner()),
        kind: "Дорожная карта",
        href: format!("roadmaps/{}/index.html", r.id),
    }));
    entries.extend(
        site.content()
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

pub(super) fn search_page(site: &Reader) -> PageJob {
    let path = "search/index.html";
    let mut c = base(site, path, "Поиск", &[home_crumb()]);
    c.insert("entries", &search_index(site));
    PageJob {
        path: path.into(),
        template: "search.html",
        context: c,
    }
}

pub(super) fn open_data_page(site: &Reader) -> PageJob {
    let path = "open-data/index.html";
    let mut c = base(site, path, "Открытые данные", &[home_crumb()]);
    c.insert(
        "datasets",
        &crate::render::open_data::passport(
            &site.config().licence,
            &site.municipality().office,
            site.procedures(),
        ),
    );
    let mut workbooks: Vec<_> = site.procedures().iter().collect();
    workbooks.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    c.insert(
        "workbooks",
        &workbooks
            .into_iter()
            .map(|p| {
                Link::new(
                    format!("{}, {} учебный год", p.title, p.school_year),
                    crate::render::open_data::workbook_path(p),
                )
            })
            .collect::<Vec<_>>(),
    );
    PageJob {
        path: path.into(),
        template: "open_data.html",
        context: c,
    }
}

/// The HTML of the content page `slug` (unless a draft) that introduces a generated page
/// one level down (methodology, documents).
pub(super) fn content_intro(site: &Reader, slug: &str) -> Option<String> {
    site.content()
        .iter()
        .find(|p| p.slug == slug && !p.meta.draft)
        .map(|p| markdown::to_html(&p.markdown, "../"))
}

/// The content page that introduces the generated methodology page.
pub(super) const METHODOLOGY: &str = "methodology";

pub(super) fn methodology(site: &Reader) -> PageJob {
    let path = "methodology/index.html";
    let mut c = base(site, path, "Методика расчёта показателей", &[home_crumb()]);
    c.insert("intro", &content_intro(site, METHODOLOGY));
    #[derive(Serialize)]
    struct Def {
        name: &'static str,
        column: &'static str,
        definition: &'static str,
    }
    let defs: Vec<Def> = crate::privacy::definitions::DEFINITIONS
        .iter()
        .map(|d| Def {
            name: d.name,
            column: d.column,
            definition: d.definition,
        })
        .collect();
    c.insert("definitions", &defs);
    c.insert("example", crate::privacy::definitions::UNCERTAINTY_EXAMPLE);
    let t = &site.config().thresholds;
    let f = crate::text::decimal;
    c.insert("basic", &(f(t.basic.insufficient), f(t.basic.sufficient)));
    c.insert(
        "advanced",
        &(f(t.advanced.insufficient), f(t.advanced.sufficient)),
    );
    let skipped: u32 = site
        .procedure_indices()
        .map(|i| site.results(i).skipped)
        .sum();
    c.insert("skipped", &skipped);
    let support = &site.config().support;
    c.insert(
        "support",
        &serde_json::json!({
            "low_success": f(support.low_success),
            "in_share": f((support.in_share * 100.0).round()),
            "attribute": attribute_label(&support.social_attribute).to_lowercase(),
            "value": support.social_value,
            "min_participants": support.min_participants,
            "source": support.source,
            "mentor_works": support.mentor_works,
        }),
    );
    let o = &site.config().objectivity;
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
            "high_sd": f(o.high_sd),
            "high_min_participants": o.high_min_participants,
            "selective_kinds": o.selective_kinds.join("» или «"),
            "medal_missed_max": f(o.medal_missed_max),
        }),
    );
    PageJob {
        path: path.into(),
        template: "methodology.html",
        context: c,
    }
}

pub(super) fn not_found(site: &Reader) -> PageJob {
    // 404.html is served for any missing address, so its links must be absolute from the site root.
    let path = "404.html";
    let mut c = base(site, path, "Страница не найдена", &[]);
    let base = site.config().base_url.trim_end_matches('/').to_string() + "/";
    c.insert("root", &base);
    PageJob {
        path: path.into(),
        template: "404.html",
        context: c,
    }
}

/// The decision files the roadmaps cite, under `documents/files/`.
fn decision_files(site: &Reader) -> Vec<Output> {
    let mut names: Vec<&str> = site
        .roadmaps()
        .iter()
        .flat_map(|r| &r.measures)
        .filter_map(|m| match &m.document {
            Some(Document::Decision(d)) => d.file.as_deref(),
            _ => None,
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            Some(Output {
                path: format!("{DOCUMENT_FILES}/{name}"),
                bytes: site.document_file(name)?.to_vec(),
            })
        })
        .collect()
}

/// sitemap.xml and robots.txt (public build) or a robots.txt that closes everything
/// (internal), and the decision files.
/// `updated` is each page's «обновлено» date, in the order of `pages`: the sitemap's
/// `lastmod`.
pub fn extra_files(site: &Reader, pages: &[String], updated: &[NaiveDate]) -> Vec<Output> {
    let mut files = decision_files(site);
    files.extend(funnel_files(site));
    files.extend(listing_files(site, pages, updated));
    files
}

/// Each procedure's funnel plot, drawn once: every school page of the procedure shows it
/// under its own point.
/// Both forms of it: the desktop's and the phone's.
fn funnel_files(site: &Reader) -> Vec<Output> {
    site.procedure_indices()
        .filter_map(|i| {
            let p = site.procedure(i);
            let centre = graphs::centre(site.is_region());
            let chart = graphs::funnel("funnel", p, site.funnel(i)?, centre)?;
            Some([
                Output {
                    path: graphs::funnel_file(p, crate::charts::WIDE),
                    bytes: chart.svg.into_bytes(),
                },
                Output {
                    path: graphs::funnel_file(p, crate::charts::NARROW),
                    bytes: chart.narrow.into_bytes(),
                },
            ])
        })
        .flatten()
        .collect()
}

fn listing_files(site: &Reader, pages: &[String], updated: &[NaiveDate]) -> Vec<Output> {
    let base = site.config().base_url.trim_end_matches('/').to_string() + "/";
    let mut index = serde_json::to_vec_pretty(&search_index(site)).unwrap_or_default();
    index.push(b'\n');
    let index = Output {
        path: "search/index.json".into(),
        bytes: index,
    };
    if site.audience() == Audience::Internal {
        let robots = Output {
            path: "robots.txt".into(),
            bytes: b"User-agent: *\nDisallow: /\n".to_vec(),
        };
        return vec![index, robots];
    }
    let mut paths: Vec<(&str, &NaiveDate)> = pages
        .iter()
        .map(String::as_str)
        .zip(updated)
        .filter(|(p, _)| *p != "404.html")
        .collect();
    paths.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (p, date) in paths {
        let loc = p.strip_suffix("index.html").unwrap_or(p);
        xml.push_str(&format!(
            "  <url><loc>{}{}</loc><lastmod>{date}</lastmod></url>\n",
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

pub(super) fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
