//! One suppression decision for every site a project can publish (DESIGN §5).
//!
//! A region project publishes the region's site and each municipality's own site, and
//! anyone may hold them all. So what is hidden is decided once, over the union of every
//! table any of them shows: the region, its municipalities, the region's clusters, each
//! municipality's clusters, every school (which is also its grade: a procedure is written by
//! one grade). The decision is made on the sums that hold between these groups — a parent
//! is the sum of its schools, of its municipalities, of its clusters of one attribute
//! (with the schools that have no value of it), a region's cluster the sum of the same
//! cluster in each municipality — and applied to every site alike.
//!
//! The rule: a group under `min_group` is hidden; then, until nothing changes, no sum may
//! have exactly one hidden term, or the term is the rest's difference: the smallest shown
//! term is hidden too (an only term hides its parent). A cluster of fewer than
//! [`MIN_CLUSTER_SCHOOLS`] schools is not shown, but it is its schools' sum, so for the
//! sums it counts as known unless it was hidden to protect a group.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use super::{Hidden, MIN_CLUSTER_SCHOOLS, Visibility};
use crate::analyse::{Analysis, ProcedureAnalysis};
use crate::model::Project;

/// A group of one procedure by what it is, the same on every site of the project.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GroupKey {
    /// The project's whole area: the region, or the one municipality.
    Top,
    /// A region's municipality, by id.
    Municipality(String),
    /// A cluster of the whole area (`None`) or within one municipality, by attribute and value.
    Cluster(Option<String>, String, String),
    /// A school (and its grade), by id.
    School(String),
}

/// The ids that name a project's groups the same way on every site.
pub struct Names<'a> {
    /// Per school index.
    pub schools: Vec<&'a str>,
    /// Per municipality index (a region project's).
    pub municipalities: Vec<&'a str>,
}

impl<'a> Names<'a> {
    /// The ids of a project's schools and municipalities.
    pub fn of(project: &'a Project) -> Names<'a> {
        Names {
            schools: project.schools.iter().map(|s| s.id.as_str()).collect(),
            municipalities: project
                .municipalities
                .iter()
                .map(|m| m.id.as_str())
                .collect(),
        }
    }
}

/// What is hidden on every site of the project, per procedure; a group it does not name
/// is shown.
#[derive(Debug, Clone, Default)]
pub struct Suppression {
    procedures: Vec<HashMap<GroupKey, Hidden>>,
    min_group: u32,
}

impl Suppression {
    /// Decides, from the analysis of the whole project, what no site of it may show.
    pub fn decide(project: &Project, analysis: &Analysis) -> Suppression {
        Suppression::of(
            &Names::of(project),
            &analysis.procedures,
            project.config.min_group,
        )
    }

    /// The decision over procedures' groups named by `names`.
    pub(super) fn of(
        names: &Names,
        procedures: &[ProcedureAnalysis],
        min_group: u32,
    ) -> Suppression {
        let procedures = procedures
            .par_iter()
            .map(|pa| {
                let mut sums = Sums::of(names, pa);
                sums.decide(min_group);
                sums.hidden()
            })
            .collect();
        Suppression {
            procedures,
            min_group,
        }
    }

    /// Sets every group of procedure `i` of one site as decided: the whole project's site
    /// (`scope` none), or the own site of municipality `scope`, whose area is that
    /// municipality, whose clusters are its own and whose reference is the region.
    pub(super) fn apply(
        &self,
        i: usize,
        pa: &mut ProcedureAnalysis,
        names: &Names,
        scope: Option<&str>,
    ) {
        let set = |g: &mut crate::analyse::Group, key: GroupKey| {
            g.visibility = self.visibility(i, &key, g.counters.participants);
        };
        let owned = scope.map(str::to_string);
        match &owned {
            Some(id) => set(&mut pa.municipality, GroupKey::Municipality(id.clone())),
            None => set(&mut pa.municipality, GroupKey::Top),
        }
        if let Some(region) = &mut pa.region {
            set(region, GroupKey::Top);
        }
        for a in &mut pa.municipalities {
            let id = names
                .municipalities
                .get(a.municipality)
                .copied()
                .unwrap_or_default();
            set(&mut a.group, GroupKey::Municipality(id.to_string()));
        }
        for c in &mut pa.clusters {
            let key = GroupKey::Cluster(owned.clone(), c.attribute.clone(), c.value.clone());
            set(&mut c.group, key);
        }
        for s in &mut pa.schools {
            let id = names.schools.get(s.school).copied().unwrap_or_default();
            set(&mut s.group, GroupKey::School(id.to_string()));
        }
    }

    /// Whether every site may show this group of procedure `i`, and why not. A group the
    /// decision never saw (it had no participants then) is judged by its size alone.
    pub fn visibility(&self, i: usize, key: &GroupKey, participants: u64) -> Visibility {
        match self.procedures.get(i).and_then(|hidden| hidden.get(key)) {
            Some(h) => Visibility::Hidden(*h),
            None if participants < u64::from(self.min_group) => {
                Visibility::Hidden(Hidden::SmallGroup {
                    min_group: self.min_group,
                })
            }
            None => Visibility::Shown,
        }
    }
}

/// One group in the sums: its size, its schools (for clusters) and what is decided for it.
struct Term {
    key: GroupKey,
    participants: u64,
    schools: usize,
    hidden: Option<Hidden>,
}

impl Term {
    /// Hidden so that it cannot be known: a cluster of few schools is hidden but known.
    fn concealed(&self) -> bool {
        matches!(
            self.hidden,
            Some(Hidden::SmallGroup { .. } | Hidden::Complementary)
        )
    }
}

/// Every group of one procedure and the sums between them: (parent, terms).
struct Sums {
    terms: Vec<Term>,
    sums: Vec<(usize, Vec<usize>)>,
}

/// A cluster of the whole area as the sums see it: its attribute, value and schools' terms.
struct Cluster<'a> {
    attribute: &'a str,
    value: &'a str,
    schools: Vec<usize>,
}

impl Sums {
    fn of(names: &Names, pa: &ProcedureAnalysis) -> Sums {
        let mut sums = Sums {
            terms: Vec::new(),
            sums: Vec::new(),
        };
        let top = sums.add(GroupKey::Top, pa.municipality.counters.participants, 0);
        let school: BTreeMap<usize, usize> = pa
            .schools
            .iter()
            .map(|s| {
                let key = GroupKey::School(names.schools[s.school].to_string());
                (s.school, sums.add(key, s.group.counters.participants, 1))
            })
            .collect();
        let at = |members: &[usize]| -> Vec<usize> {
            members
                .iter()
                .filter_map(|s| school.get(s).copied())
                .collect()
        };
        let all: Vec<usize> = school.values().copied().collect();
        sums.sum(top, all.clone());
        let mut areas = Vec::new();
        for a in &pa.municipalities {
            let id = names.municipalities[a.municipality].to_string();
            let t = sums.add(
                GroupKey::Municipality(id.clone()),
                a.group.counters.participants,
                0,
            );
            sums.sum(t, at(&a.schools));
            areas.push((t, id, at(&a.schools)));
        }
        sums.sum(top, areas.iter().map(|a| a.0).collect());
        let clusters: Vec<Cluster> = pa
            .clusters
            .iter()
            .map(|c| Cluster {
                attribute: &c.attribute,
                value: &c.value,
                schools: at(&c.schools),
            })
            .collect();
        let whole = sums.clusters(None, top, &all, &clusters);
        // A region's cluster is the sum of the same cluster in each municipality.
        let mut parts = vec![Vec::new(); clusters.len()];
        for (t, id, members) in &areas {
            let own = sums.clusters(Some(id), *t, members, &clusters);
            for (k, part) in own.into_iter().enumerate() {
                parts[k].extend(part);
            }
        }
        for (w, parts) in whole.into_iter().zip(parts) {
            if let Some(w) = w.filter(|_| !parts.is_empty()) {
                sums.sum(w, parts);
            }
        }
        sums
    }

    fn add(&mut self, key: GroupKey, participants: u64, schools: usize) -> usize {
        self.terms.push(Term {
            key,
            participants,
            schools,
            hidden: None,
        });
        self.terms.len() - 1
    }

    fn sum(&mut self, parent: usize, terms: Vec<usize>) {
        if !terms.is_empty() {
            self.sums.push((parent, terms));
        }
    }

    /// The clusters of one level — the whole area (`scope` none) or one municipality —
    /// under `parent`, whose schools' terms are `members`: each cluster is the sum of its
    /// schools, and the clusters of one attribute, with the members that have no value of
    /// it, add up to the parent. Returns each cluster's term, none where it has no school.
    fn clusters(
        &mut self,
        scope: Option<&str>,
        parent: usize,
        members: &[usize],
        clusters: &[Cluster],
    ) -> Vec<Option<usize>> {
        let inside: HashSet<usize> = members.iter().copied().collect();
        let mut by_attribute: BTreeMap<&str, (Vec<usize>, HashSet<usize>)> = BTreeMap::new();
        let mut out = Vec::with_capacity(clusters.len());
        for c in clusters {
            let schools: Vec<usize> = c
                .schools
                .iter()
                .copied()
                .filter(|t| inside.contains(t))
                .collect();
            if schools.is_empty() {
                out.push(None);
                continue;
            }
            let participants = schools.iter().map(|&t| self.terms[t].participants).sum();
            let key = GroupKey::Cluster(
                scope.map(str::to_string),
                c.attribute.into(),
                c.value.into(),
            );
            let t = self.add(key, participants, schools.len());
            let (terms, covered) = by_attribute.entry(c.attribute).or_default();
            terms.push(t);
            covered.extend(&schools);
            self.sum(t, schools);
            out.push(Some(t));
        }
        for (terms, covered) in by_attribute.into_values() {
            let rest = members.iter().copied().filter(|t| !covered.contains(t));
            self.sum(parent, terms.into_iter().chain(rest).collect());
        }
        out
    }

    /// Small groups, clusters of few schools, then complements until every sum is safe.
    fn decide(&mut self, min_group: u32) {
        let min = u64::from(min_group);
        for t in &mut self.terms {
            let cluster = matches!(t.key, GroupKey::Cluster(..));
            if t.participants < min {
                t.hidden = Some(Hidden::SmallGroup { min_group });
            } else if cluster && t.schools < MIN_CLUSTER_SCHOOLS {
                t.hidden = Some(Hidden::FewSchools {
                    min: MIN_CLUSTER_SCHOOLS,
                });
            }
        }
        loop {
            let mut changed = false;
            for k in 0..self.sums.len() {
                changed |= self.protect(k);
            }
            if !changed {
                break;
            }
        }
    }

    /// Keeps one sum from giving away a concealed term: with exactly one concealed term and
    /// the parent known, or a concealed parent and every term known, the smallest known
    /// term is hidden too; an only term that is concealed conceals its parent.
    fn protect(&mut self, k: usize) -> bool {
        let (parent, terms) = (self.sums[k].0, &self.sums[k].1);
        let concealed = terms.iter().filter(|&&t| self.terms[t].concealed()).count();
        let parent_concealed = self.terms[parent].concealed();
        let exposed = if parent_concealed {
            concealed == 0
        } else {
            concealed == 1
        };
        if !exposed || terms.is_empty() {
            return false;
        }
        if !parent_concealed && terms.len() == 1 {
            self.terms[parent].hidden = Some(Hidden::Complementary);
            return true;
        }
        let smallest = terms
            .iter()
            .copied()
            .filter(|&t| !self.terms[t].concealed())
            .min_by_key(|&t| (self.terms[t].participants, t));
        match smallest {
            Some(t) => {
                self.terms[t].hidden = Some(Hidden::Complementary);
                true
            }
            None => false,
        }
    }

    fn hidden(self) -> HashMap<GroupKey, Hidden> {
        self.terms
            .into_iter()
            .filter_map(|t| Some((t.key, t.hidden?)))
            .collect()
    }
}
