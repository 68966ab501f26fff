//! What a site reports on: one municipality, or a region of municipalities (DESIGN §2).
//! In a region project every school names its municipality; the region is the top level.

use std::collections::BTreeMap;

use super::counters::Counters;
use super::{Benchmark, Owner, Participant, Project, RegionPart, Results, School, Tally};

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

impl Project {
    /// One municipality of a region as a project of its own (`oko build --municipality`):
    /// its schools with their participants and left-out rows, its schools' roadmaps, and
    /// `benchmarks` — the region's figures per procedure — as each procedure's region
    /// benchmark, and the region's `counters` in [`RegionPart`]. Its figures are therefore
    /// those of the same municipality on the region's site.
    pub fn municipality_part(
        &self,
        id: &str,
        benchmarks: &[Option<Benchmark>],
        counters: Vec<Option<Counters>>,
    ) -> Result<Project, String> {
        let Some(m) = self.municipality_index(id) else {
            let ids: Vec<&str> = self.municipalities.iter().map(|m| m.id.as_str()).collect();
            return Err(if ids.is_empty() {
                format!(
                    "--municipality {id}: это проект одного муниципалитета, а не региона (нет data/region.yaml)"
                )
            } else {
                format!(
                    "--municipality {id}: в регионе нет такого муниципалитета; есть: {}",
                    ids.join(", ")
                )
            });
        };
        let kept: Vec<usize> = self.schools_of(m).collect();
        let new_index: BTreeMap<u32, u32> = kept
            .iter()
            .enumerate()
            .map(|(new, &old)| (old as u32, new as u32))
            .collect();
        let schools = kept
            .iter()
            .map(|&i| School {
                municipality: None,
                municipality_index: None,
                ..self.schools[i].clone()
            })
            .collect();
        let results = self
            .results
            .iter()
            .map(|r| part_of(r, &new_index))
            .collect();
        let procedures = self
            .procedures
            .iter()
            .zip(benchmarks)
            .map(|(p, b)| {
                let mut p = p.clone();
                p.benchmarks.region = b.clone();
                p
            })
            .collect();
        let ids: Vec<&str> = kept.iter().map(|&i| self.schools[i].id.as_str()).collect();
        let roadmaps = self
            .roadmaps
            .iter()
            .filter(|r| matches!(r.owner(), Owner::School(s) if ids.contains(&s.as_str())))
            .cloned()
            .collect();
        let mut area = self.municipalities[m].clone();
        area.region = self.municipality.name.clone();
        area.id = String::new();
        Ok(Project {
            config: self.config.clone(),
            municipality: area,
            municipalities: Vec::new(),
            schools,
            procedures,
            results,
            roadmaps,
            documents: self.documents.clone(),
            pages: self.pages.clone(),
            region_part: Some(RegionPart {
                id: id.to_string(),
                region: counters,
            }),
        })
    }
}

/// The results of the kept schools, renumbered; left-out rows counted for them alone.
fn part_of(r: &Results, new_index: &BTreeMap<u32, u32>) -> Results {
    let participants: Vec<Participant> = r
        .participants
        .iter()
        .filter_map(|p| {
            let school = *new_index.get(&p.school)?;
            Some(Participant {
                school,
                ..p.clone()
            })
        })
        .collect();
    let tallies: Option<Vec<_>> = r.tallies.as_ref().map(|t| {
        t.iter()
            .filter_map(|tally| {
                Some(Tally {
                    school: *new_index.get(&tally.school)?,
                    ..tally.clone()
                })
            })
            .collect()
    });
    let left_out: BTreeMap<u32, (u32, u32)> = r
        .left_out
        .iter()
        .filter_map(|(s, counts)| Some((*new_index.get(s)?, *counts)))
        .collect();
    let read = match &tallies {
        Some(t) => t.iter().map(|tally| tally.counters.participants).sum(),
        None => participants.len() as u64,
    };
    Results {
        participants,
        tallies,
        aside: r.aside.as_ref().map(|a| a.part(new_index)),
        read,
        absent: left_out.values().map(|c| c.0).sum(),
        skipped: left_out.values().map(|c| c.1).sum(),
        left_out,
        files: r.files.clone(),
        source: r.source,
    }
}
