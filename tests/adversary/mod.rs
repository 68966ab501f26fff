//! An adversary who holds every site of one project (the region's and its municipalities'
//! own) and knows only what they publish: the open data's `marks.csv` of each, and which
//! school belongs to which municipality and cluster (the schools' pages say so). It writes
//! down every sum it knows to hold — a parent group is the sum of its schools, of its
//! municipalities, of its clusters of one attribute, a region's cluster the sum of the
//! same cluster in each municipality — and solves them: an equation with one unknown
//! group gives that group, which then counts as known, until nothing new comes out.
//! What it finds of a group under `min_group` is a leak.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

/// Which site a `marks.csv` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteKind {
    /// The whole project's site: a region's, or a one-municipality project's.
    Whole,
    /// One municipality's own site (`oko build --municipality ID`).
    Municipality(String),
}

/// A published group of one procedure.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// The region (or the one municipality of a one-municipality project).
    Top,
    /// A region's municipality, by id.
    Municipality(String),
    /// A cluster `attribute=value`: of the whole project, or within one municipality.
    Cluster(Option<String>, String),
    /// A school, by id.
    School(String),
}

/// A school as the public knows it: its municipality and its clusters (`attribute=value`).
#[derive(Debug, Clone)]
pub struct Member {
    pub municipality: Option<String>,
    pub clusters: Vec<String>,
}

/// Participants and the marks' counts: the additive figures the adversary solves for.
pub type Counts = [i64; 5];

/// What the adversary worked out.
#[derive(Debug, Default)]
pub struct Findings {
    /// Groups hidden on every site but derived from the sums: (procedure, group, counts).
    pub derived: Vec<(String, Key, Counts)>,
    /// Groups that two sites publish with different counts: (procedure, group, a, b).
    pub conflicts: Vec<(String, Key, Counts, Counts)>,
    /// Groups published with fewer than `min_group` participants.
    pub small_published: Vec<(String, Key, i64)>,
    /// Groups one site shows and another hides: (procedure, group).
    pub mismatched: Vec<(String, Key)>,
}

impl Findings {
    /// The derived groups smaller than `min_group`: what must never be found.
    pub fn leaks(&self, min_group: i64) -> Vec<&(String, Key, Counts)> {
        self.derived
            .iter()
            .filter(|(_, _, c)| c[0] > 0 && c[0] < min_group)
            .collect()
    }
}

/// What one procedure's groups are known to be: published counts, or only that they exist.
#[derive(Default)]
struct Known {
    values: BTreeMap<Key, Counts>,
    exists: BTreeSet<Key>,
    hidden: BTreeSet<Key>,
}

/// Reads every site's `marks.csv`, writes the sums, solves them.
pub fn attack(
    sites: &[(SiteKind, String)],
    members: &BTreeMap<String, Member>,
    min_group: i64,
) -> Findings {
    let mut findings = Findings::default();
    let mut procedures: BTreeMap<String, Known> = BTreeMap::new();
    for (kind, csv) in sites {
        read_site(kind, csv, min_group, &mut procedures, &mut findings);
    }
    for (procedure, known) in &mut procedures {
        for key in known
            .hidden
            .iter()
            .filter(|k| known.values.contains_key(*k))
        {
            findings.mismatched.push((procedure.clone(), key.clone()));
        }
        let equations = equations(&known.exists, members);
        solve(procedure, known, &equations, &mut findings);
    }
    findings
}

fn read_site(
    kind: &SiteKind,
    csv: &str,
    min_group: i64,
    procedures: &mut BTreeMap<String, Known>,
    findings: &mut Findings,
) {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("marks.csv header")
        .iter()
        .map(str::to_string)
        .collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("marks.csv has no column {name}"))
    };
    let [
        procedure,
        level,
        school,
        cluster,
        municipality,
        suppressed,
        participants,
    ] = [
        "procedure",
        "level",
        "school",
        "cluster",
        "municipality",
        "suppressed",
        "participants",
    ]
    .map(column);
    let marks = ["n2", "n3", "n4", "n5"].map(column);
    for record in reader.records() {
        let r = record.expect("marks.csv row");
        let key = match (&r[level], kind) {
            ("region", _) => Key::Top,
            ("municipality", SiteKind::Whole) if r[municipality].is_empty() => Key::Top,
            ("municipality", SiteKind::Whole) => Key::Municipality(r[municipality].to_string()),
            ("municipality", SiteKind::Municipality(m)) => Key::Municipality(m.clone()),
            ("cluster", SiteKind::Whole) => Key::Cluster(None, r[cluster].to_string()),
            ("cluster", SiteKind::Municipality(m)) => {
                Key::Cluster(Some(m.clone()), r[cluster].to_string())
            }
            ("school", _) => Key::School(r[school].to_string()),
            _ => continue, // a grade repeats its school's row
        };
        let known = procedures.entry(r[procedure].to_string()).or_default();
        known.exists.insert(key.clone());
        if &r[suppressed] == "1" {
            known.hidden.insert(key);
            continue;
        }
        let number = |i: usize| r[i].parse::<i64>().unwrap_or(0);
        let counts = [
            number(participants),
            number(marks[0]),
            number(marks[1]),
            number(marks[2]),
            number(marks[3]),
        ];
        if counts[0] < min_group {
            findings
                .small_published
                .push((r[procedure].to_string(), key.clone(), counts[0]));
        }
        if let Some(&other) = known.values.get(&key) {
            if other != counts {
                findings
                    .conflicts
                    .push((r[procedure].to_string(), key, other, counts));
            }
            continue;
        }
        known.values.insert(key, counts);
    }
}

/// The schools a group is made of.
fn schools_of(key: &Key, schools: &[(&String, &Member)]) -> BTreeSet<String> {
    schools
        .iter()
        .filter(|(_, m)| match key {
            Key::Top => true,
            Key::Municipality(id) => m.municipality.as_ref() == Some(id),
            Key::Cluster(None, c) => m.clusters.contains(c),
            Key::Cluster(Some(id), c) => {
                m.municipality.as_ref() == Some(id) && m.clusters.contains(c)
            }
            Key::School(_) => false,
        })
        .map(|(id, _)| (*id).clone())
        .collect()
}

/// Every sum that holds among the groups that exist: a parent and a set of its children
/// that together hold exactly its schools, once each.
fn equations(exists: &BTreeSet<Key>, members: &BTreeMap<String, Member>) -> Vec<(Key, Vec<Key>)> {
    let schools: Vec<(&String, &Member)> = members
        .iter()
        .filter(|(id, _)| exists.contains(&Key::School((*id).clone())))
        .collect();
    let sets: BTreeMap<&Key, BTreeSet<String>> = exists
        .iter()
        .map(|k| {
            let set = match k {
                Key::School(id) => BTreeSet::from([id.clone()]),
                other => schools_of(other, &schools),
            };
            (k, set)
        })
        .collect();
    let attribute = |c: &str| {
        c.split_once('=')
            .map_or(c.to_string(), |(a, _)| a.to_string())
    };
    let mut out = Vec::new();
    for parent in exists.iter().filter(|k| !matches!(k, Key::School(_))) {
        // Candidate families: schools; municipalities; clusters of one attribute at the
        // parent's level; a region cluster's parts in the municipalities.
        let mut families: BTreeMap<String, Vec<Key>> = BTreeMap::new();
        for child in exists {
            let family = match (parent, child) {
                (_, Key::School(_)) => "schools".to_string(),
                (Key::Top, Key::Municipality(_)) => "municipalities".to_string(),
                (Key::Top, Key::Cluster(None, c)) => format!("clusters {}", attribute(c)),
                (Key::Municipality(m), Key::Cluster(Some(cm), c)) if m == cm => {
                    format!("clusters {}", attribute(c))
                }
                (Key::Cluster(None, pc), Key::Cluster(Some(_), c)) if pc == c => {
                    "parts".to_string()
                }
                _ => continue,
            };
            families.entry(family).or_default().push(child.clone());
        }
        let whole = &sets[parent];
        for children in families.into_values() {
            let children: Vec<Key> = children
                .into_iter()
                .filter(|c| !sets[c].is_empty() && sets[c].is_subset(whole))
                .collect();
            let total: usize = children.iter().map(|c| sets[c].len()).sum();
            let union: BTreeSet<&String> = children.iter().flat_map(|c| &sets[c]).collect();
            if !children.is_empty() && total == whole.len() && union.len() == whole.len() {
                out.push((parent.clone(), children));
            }
        }
    }
    out
}

fn solve(
    procedure: &str,
    known: &mut Known,
    equations: &[(Key, Vec<Key>)],
    findings: &mut Findings,
) {
    loop {
        let mut progress = false;
        for (parent, children) in equations {
            let unknown: Vec<&Key> = std::iter::once(parent)
                .chain(children)
                .filter(|k| !known.values.contains_key(*k))
                .collect();
            let [one] = unknown[..] else { continue };
            let sum = |keys: &mut dyn Iterator<Item = &Key>| {
                keys.fold([0i64; 5], |mut acc, k| {
                    for (a, v) in acc.iter_mut().zip(known.values[k]) {
                        *a += v;
                    }
                    acc
                })
            };
            let value = if one == parent {
                sum(&mut children.iter())
            } else {
                let rest = sum(&mut children.iter().filter(|c| *c != one));
                let whole = known.values[parent];
                std::array::from_fn(|i| whole[i] - rest[i])
            };
            findings
                .derived
                .push((procedure.to_string(), one.clone(), value));
            known.values.insert(one.clone(), value);
            progress = true;
        }
        if !progress {
            break;
        }
    }
}
