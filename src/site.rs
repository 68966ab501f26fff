//! One build, start to end: load → analyse → privacy → render → write.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::analyse::{self, Analysis};
use crate::config::Audience;
use crate::diag::{Diagnostics, OkoError};
use crate::load::{self, Loaded};
use crate::model::Project;
use crate::privacy;
use crate::render::{self, RenderOptions};
use crate::write::{self, Output};

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    /// Overrides `oko.yaml: audience`.
    pub audience: Option<Audience>,
    /// "As of" date for roadmap deadlines.
    pub as_of: NaiveDate,
}

/// A loaded site project, ready to be analysed and rendered.
pub struct Site {
    pub root: PathBuf,
    pub project: Project,
    pub warnings: Diagnostics,
}

/// What a finished build reports.
pub struct BuildReport {
    pub out: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub warnings: Diagnostics,
}

impl Site {
    /// Loads and validates the project; returns every data problem on failure.
    pub fn load(root: &Path) -> Result<Site, OkoError> {
        let Loaded { project, warnings } = load::load_project(root).map_err(OkoError::Data)?;
        Ok(Site {
            root: root.to_path_buf(),
            project,
            warnings,
        })
    }

    pub fn analyse(&self, audience: Audience) -> Analysis {
        let mut analysis = analyse::analyse(&self.project, audience);
        privacy::apply(&mut analysis, self.project.config.min_group);
        analysis
    }

    pub fn render(
        &self,
        analysis: &Analysis,
        options: &RenderOptions,
    ) -> Result<Vec<Output>, OkoError> {
        render::render(&self.project, analysis, options, &self.root)
    }

    /// The audience of this build: the command line wins over `oko.yaml`.
    pub fn audience(&self, requested: Option<Audience>) -> Audience {
        requested.unwrap_or(self.project.config.audience)
    }
}

/// The default output folder for an audience.
pub fn default_out(root: &Path, audience: Audience) -> PathBuf {
    match audience {
        Audience::Public => root.join("public"),
        Audience::Internal => root.join("internal"),
    }
}

/// Refuses to write an internal build where the public site is published from.
fn check_out(root: &Path, out: &Path, audience: Audience) -> Result<(), OkoError> {
    if audience == Audience::Internal {
        let public = default_out(root, Audience::Public);
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => a == b,
        };
        if same(out, &public) {
            return Err(OkoError::Usage(format!(
                "внутренний отчёт нельзя записывать в папку публичного сайта {}: укажите --out internal/",
                public.display()
            )));
        }
    }
    Ok(())
}

/// Builds the site: nothing is written unless every stage succeeds.
pub fn build(options: &BuildOptions, progress: &dyn Fn(&str)) -> Result<BuildReport, OkoError> {
    progress("Чтение данных");
    let site = Site::load(&options.root)?;
    let audience = site.audience(options.audience);
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| default_out(&options.root, audience));
    check_out(&options.root, &out, audience)?;
    progress("Анализ");
    let analysis = site.analyse(audience);
    progress("Страницы");
    let files = site.render(
        &analysis,
        &RenderOptions {
            audience,
            as_of: options.as_of,
        },
    )?;
    progress("Запись");
    write::publish(&out, &files)?;
    Ok(BuildReport {
        out,
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        warnings: site.warnings,
    })
}
