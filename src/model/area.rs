//! What a site reports on: one municipality, or a region of municipalities (DESIGN §2).
//! In a region project every school names its municipality; the region is the top level.

use serde::Deserialize;

use super::{Municipality, Project};

/// The region of a region project (`data/region.yaml`): the ministry or its ЦОКО publishes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Name of the region.
    pub name: String,
    /// The office that publishes the site (the ministry, its ЦОКО).
    pub office: String,
    /// Address of the office.
    #[serde(default)]
    pub address: String,
    /// Phone of the office.
    #[serde(default)]
    pub phone: String,
    /// E-mail of the office.
    #[serde(default)]
    pub email: String,
    /// Web site of the office.
    #[serde(default)]
    pub website: String,
    /// A paragraph for the home page.
    #[serde(default)]
    pub about: String,
}

impl Region {
    /// The region as the area the site reports on.
    pub fn into_area(self) -> Municipality {
        Municipality {
            id: String::new(),
            region: self.name.clone(),
            name: self.name,
            export_name: None,
            office: self.office,
            address: self.address,
            phone: self.phone,
            email: self.email,
            website: self.website,
            about: self.about,
        }
    }
}

impl Project {
    /// Whether the project is a region of municipalities.
    pub fn is_region(&self) -> bool {
        !self.municipalities.is_empty()
    }

    /// Index of a municipality by id.
    pub fn municipality_index(&self, id: &str) -> Option<usize> {
        self.municipalities.iter().position(|m| m.id == id)
    }

    /// The schools of a municipality (indices, in the schools' order).
    pub fn schools_of(&self, municipality: usize) -> impl Iterator<Item = usize> + '_ {
        self.schools
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.municipality_index == Some(municipality))
            .map(|(i, _)| i)
    }
}
