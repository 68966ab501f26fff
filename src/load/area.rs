//! The area a project reports on: `data/municipality.yaml`, or a region — `data/region.yaml`
//! with `data/municipalities/<id>.yaml` — whose every school names its municipality.

use std::path::Path;

use super::{check_id, file_stem, yaml, yaml_files};
use crate::collate;
use crate::diag::{Diagnostics, Location, relative};
use crate::model::{Municipality, School};

/// What a project reports on, as far as its files could be read.
pub(super) struct Area {
    /// The municipality, or the region; `None` when its file failed (its error is reported).
    pub main: Option<Municipality>,
    /// A region's municipalities, sorted by name; empty outside a region.
    pub municipalities: Vec<Municipality>,
    /// Whether the project is a region's (it has `data/region.yaml`, readable or not).
    pub region: bool,
    /// Ids (file names) of municipality files that failed: their schools are not
    /// reported again as naming an unknown municipality.
    pub broken: Vec<String>,
}

/// The area and a region's municipalities; a file that fails gives its one error.
pub(super) fn load(root: &Path, diags: &mut Diagnostics) -> Area {
    let region_path = root.join("data/region.yaml");
    let municipality_path = root.join("data/municipality.yaml");
    if !region_path.exists() {
        let main = yaml::read(root, &municipality_path)
            .map_err(|d| diags.push(*d))
            .ok();
        return Area {
            main,
            municipalities: Vec::new(),
            region: false,
            broken: Vec::new(),
        };
    }
    if municipality_path.exists() {
        diags.error(
            Location::file("data/municipality.yaml"),
            "two-areas",
            "в проекте есть и data/region.yaml, и data/municipality.yaml: оставьте один — \
             регион (с data/municipalities/) или один муниципалитет",
        );
    }
    // The region reads like a municipality file; it is its own region.
    let region = yaml::read::<Municipality>(root, &region_path)
        .map_err(|d| diags.push(*d))
        .ok()
        .map(|r| Municipality {
            region: r.name.clone(),
            ..r
        });
    let mut municipalities = Vec::new();
    let mut broken = Vec::new();
    for path in yaml_files(&root.join("data/municipalities")) {
        let Ok(mut m) = yaml::read::<Municipality>(root, &path).map_err(|d| diags.push(*d)) else {
            broken.push(file_stem(&path));
            continue;
        };
        if m.id.is_empty() {
            m.id = file_stem(&path);
        }
        if check_id(root, &path, &m.id, "муниципалитета", diags) {
            municipalities.push(m);
        }
    }
    if municipalities.is_empty() && broken.is_empty() {
        diags.error(
            Location::file("data/municipalities"),
            "no-municipalities",
            "в проекте региона нет ни одного муниципалитета: добавьте data/municipalities/<id>.yaml \
             (oko import запишет их из столбца «регион» выгрузки)",
        );
    }
    municipalities.sort_by(|a, b| collate::compare(&a.name, &b.name).then_with(|| a.id.cmp(&b.id)));
    Area {
        main: region,
        municipalities,
        region: true,
        broken,
    }
}

/// Gives every school of a region its municipality; a school outside a region names none.
pub(super) fn assign(root: &Path, schools: &mut [School], area: &Area, diags: &mut Diagnostics) {
    let municipalities = &area.municipalities;
    for s in schools {
        let at = || {
            Location::file(relative(
                root,
                &root.join(format!("data/schools/{}.yaml", s.id)),
            ))
        };
        match (&s.municipality, !area.region) {
            (None, true) => {}
            (Some(_), true) => diags.error(
                at(),
                "municipality-outside-region",
                "municipality: нужен только в проекте региона (с data/region.yaml): уберите его",
            ),
            (None, false) => diags.error(
                at(),
                "no-municipality",
                "в проекте региона у школы должен быть municipality: — id её муниципалитета из data/municipalities/",
            ),
            (Some(id), false) => match municipalities.iter().position(|m| &m.id == id) {
                Some(i) => s.municipality_index = Some(i),
                None if area.broken.contains(id) => {}
                None => diags.error(
                    at(),
                    "unknown-municipality",
                    format!("неизвестный муниципалитет «{id}»: нет файла data/municipalities/{id}.yaml"),
                ),
            },
        }
    }
}
