//! Which pages the site has: each named by what it shows, cheap to list, built on demand.

use super::*;

/// One page of the site, named by what it shows; cheap to list, built on demand, so
/// contexts (with their charts) are made in parallel and dropped once rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Index,
    Procedures,
    Schools,
    Clusters,
    Roadmaps,
    NotFound,
    Procedure(usize),
    Municipalities,
    Municipality(usize),
    MunicipalityProcedure {
        procedure: usize,
        municipality: usize,
    },
    SchoolProcedure {
        procedure: usize,
        school: usize,
    },
    Class {
        procedure: usize,
        school: usize,
        class: usize,
    },
    SchoolPrint {
        procedure: usize,
        school: usize,
    },
    School(usize),
    Cluster(usize),
    Roadmap(usize),
    Year(usize),
    Parents,
    Methodology,
    Documents,
    OpenData,
    Search,
    Choice,
    Support,
    Risks,
    Deficits,
    SkillMatrix(usize),
    /// A Markdown page of `content/`, by its index in `project.pages`.
    Content(usize),
}

/// Every page of the site.
pub fn list(site: &Reader) -> Vec<Page> {
    let mut pages = vec![
        Page::Index,
        Page::Procedures,
        Page::Schools,
        Page::Clusters,
        Page::Roadmaps,
        Page::NotFound,
    ];
    if site.is_region() {
        pages.push(Page::Municipalities);
        pages.extend((0..site.municipalities().len()).map(Page::Municipality));
    }
    for (i, _) in site.procedures().iter().enumerate() {
        pages.push(Page::Procedure(i));
        pages.extend(
            site.figures(i)
                .municipalities
                .iter()
                .map(|a| Page::MunicipalityProcedure {
                    procedure: i,
                    municipality: a.municipality,
                }),
        );
        for sg in &site.figures(i).schools {
            pages.push(Page::SchoolProcedure {
                procedure: i,
                school: sg.school,
            });
            if site.audience() == Audience::Internal {
                pages.push(Page::SchoolPrint {
                    procedure: i,
                    school: sg.school,
                });
                pages.extend((0..sg.class_letters.len()).map(|class| Page::Class {
                    procedure: i,
                    school: sg.school,
                    class,
                }));
            }
        }
    }
    pages.extend((0..site.schools().len()).map(Page::School));
    pages.extend((0..site.attributes().len()).map(Page::Cluster));
    pages.extend((0..site.roadmaps().len()).map(Page::Roadmap));
    pages.extend((0..site.years().len()).map(Page::Year));
    pages.push(Page::Parents);
    pages.extend([
        Page::Methodology,
        Page::Documents,
        Page::OpenData,
        Page::Search,
    ]);
    if site.has_choice() {
        pages.push(Page::Choice);
    }
    if site.audience() == Audience::Internal {
        pages.push(Page::Support);
        pages.push(Page::Risks);
        pages.push(Page::Deficits);
        pages.extend((0..site.procedures().len()).map(Page::SkillMatrix));
    }
    pages.extend(
        site.content()
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.meta.draft && p.slug != METHODOLOGY && p.slug != DOCUMENTS)
            .map(|(i, _)| Page::Content(i)),
    );
    pages
}

impl Page {
    /// The procedure whose class groups or participants' notes the page shows, if any: its
    /// pages are rendered together, with only that procedure's classes in memory.
    pub fn detail_of(&self, audience: Audience) -> Option<usize> {
        match *self {
            Page::Class { procedure, .. } | Page::SchoolPrint { procedure, .. } => Some(procedure),
            Page::SchoolProcedure { procedure, .. } if audience == Audience::Internal => {
                Some(procedure)
            }
            _ => None,
        }
    }

    /// Whether the page shows participants' notes (a class page, printable справки).
    pub fn shows_notes(&self) -> bool {
        matches!(self, Page::Class { .. } | Page::SchoolPrint { .. })
    }

    /// The page's output path, known before it is built.
    pub fn path(&self, site: &Reader) -> String {
        let fixed = |p: &str| p.to_string();
        match *self {
            Page::Index => fixed("index.html"),
            Page::Procedures => fixed("procedures/index.html"),
            Page::Schools => fixed("schools/index.html"),
            Page::Clusters => fixed("clusters/index.html"),
            Page::Roadmaps => fixed("roadmaps/index.html"),
            Page::NotFound => fixed("404.html"),
            Page::Procedure(i) => procedure_href(site.procedure(i)),
            Page::Municipalities => fixed("municipalities/index.html"),
            Page::Municipality(m) => municipality_href(&site.municipalities()[m]),
            Page::MunicipalityProcedure {
                procedure,
                municipality,
            } => municipality_procedure_href(
                &site.municipalities()[municipality],
                site.procedure(procedure),
            ),
            Page::SchoolProcedure { procedure, school } => {
                school_procedure_href(&site.schools()[school], site.procedure(procedure))
            }
            Page::Class {
                procedure,
                school,
                class,
            } => class_href(&site.schools()[school], site.procedure(procedure), class),
            Page::SchoolPrint { procedure, school } => {
                print_href(&site.schools()[school], site.procedure(procedure))
            }
            Page::School(i) => school_href(&site.schools()[i]),
            Page::Cluster(i) => format!("clusters/{}/index.html", site.attributes()[i]),
            Page::Roadmap(i) => format!("roadmaps/{}/index.html", site.roadmaps()[i].id),
            Page::Year(y) => year_href(&site.years()[y].school_year),
            Page::Parents => fixed("parents/index.html"),
            Page::Methodology => fixed("methodology/index.html"),
            Page::Documents => fixed("documents/index.html"),
            Page::OpenData => fixed("open-data/index.html"),
            Page::Search => fixed("search/index.html"),
            Page::Choice => fixed("choice/index.html"),
            Page::Support => fixed("support/index.html"),
            Page::Risks => fixed("risks/index.html"),
            Page::Deficits => fixed("deficits/index.html"),
            Page::SkillMatrix(i) => skills_href(site.procedure(i)),
            Page::Content(i) => format!("{}/index.html", site.content()[i].slug),
        }
    }

    /// The page's path, template and context.
    pub fn build(&self, site: &Reader) -> PageJob {
        match *self {
            Page::Index => index(site),
            Page::Procedures => procedures(site),
            Page::Schools => schools(site),
            Page::Clusters => clusters(site),
            Page::Roadmaps => roadmaps(site),
            Page::NotFound => not_found(site),
            Page::Procedure(i) => procedure(site, i),
            Page::Municipalities => municipalities_page(site),
            Page::Municipality(m) => municipality_page(site, m),
            Page::MunicipalityProcedure {
                procedure,
                municipality,
            } => procedure_report(site, procedure, Level::Municipality(municipality)),
            Page::SchoolProcedure { procedure, school } => {
                school_procedure(site, procedure, school)
            }
            Page::Class {
                procedure,
                school,
                class,
            } => class_page(site, procedure, school, class),
            Page::SchoolPrint { procedure, school } => school_print(site, procedure, school),
            Page::School(i) => school(site, i),
            Page::Cluster(i) => cluster(site, &site.attributes()[i].clone()),
            Page::Roadmap(i) => roadmap(site, i),
            Page::Year(y) => year_page(site, y),
            Page::Parents => parents_page(site),
            Page::Methodology => methodology(site),
            Page::Documents => documents_page(site),
            Page::OpenData => open_data_page(site),
            Page::Search => search_page(site),
            Page::Choice => choice_page(site),
            Page::Support => support_page(site),
            Page::Risks => risks_page(site),
            Page::Deficits => deficits_page(site),
            Page::SkillMatrix(i) => skill_matrix(site, i),
            Page::Content(i) => content_page(site, i),
        }
    }
}
