//! Suppression of small groups (DESIGN §5), applied between analysis and rendering.
//!
//! A group with fewer than `min_group` participants is not shown. Within every family
//! (municipality → clusters of one attribute, municipality → schools, cluster → schools,
//! school → classes) a published parent never keeps exactly one hidden child, or the
//! child could be worked out by subtraction: the smallest other child is hidden too
//! (and a parent whose only child is hidden is hidden with it).

use crate::analyse::{Analysis, Group, ProcedureAnalysis};

/// Marks every group of every procedure that must not be published.
pub fn apply(analysis: &mut Analysis, min_group: u32) {
    for procedure in &mut analysis.procedures {
        apply_procedure(procedure, u64::from(min_group));
    }
}

fn small(group: &Group, min: u64) -> bool {
    group.counters.participants < min
}

fn apply_procedure(pa: &mut ProcedureAnalysis, min: u64) {
    pa.municipality.suppressed = small(&pa.municipality, min);
    for c in &mut pa.clusters {
        c.group.suppressed = small(&c.group, min);
    }
    for s in &mut pa.schools {
        s.group.suppressed = small(&s.group, min);
        for (_, class) in &mut s.classes {
            class.suppressed = small(class, min);
        }
    }
    // Hiding one group can leave another family with a single hidden child: repeat until stable.
    loop {
        let mut changed = false;
        let mut attributes: Vec<String> = pa.clusters.iter().map(|c| c.attribute.clone()).collect();
        attributes.dedup();
        for attribute in &attributes {
            let mut family: Vec<&mut Group> = pa
                .clusters
                .iter_mut()
                .filter(|c| &c.attribute == attribute)
                .map(|c| &mut c.group)
                .collect();
            changed |= protect(&mut pa.municipality, &mut family);
        }
        {
            let mut family: Vec<&mut Group> = pa.schools.iter_mut().map(|s| &mut s.group).collect();
            changed |= protect(&mut pa.municipality, &mut family);
        }
        for cluster in &mut pa.clusters {
            let mut family: Vec<&mut Group> = pa
                .schools
                .iter_mut()
                .filter(|s| cluster.schools.contains(&s.school))
                .map(|s| &mut s.group)
                .collect();
            changed |= protect(&mut cluster.group, &mut family);
        }
        for s in &mut pa.schools {
            let mut family: Vec<&mut Group> = s.classes.iter_mut().map(|(_, g)| g).collect();
            changed |= protect(&mut s.group, &mut family);
        }
        if !changed {
            break;
        }
    }
}

/// Keeps a hidden child from being derived from a published parent: with one hidden child
/// among several, hides the smallest other child; an only child that is hidden equals its
/// parent, so the parent is hidden too. Returns whether anything changed.
fn protect(parent: &mut Group, children: &mut [&mut Group]) -> bool {
    if parent.suppressed {
        return false;
    }
    let hidden = children.iter().filter(|g| g.suppressed).count();
    if hidden != 1 {
        return false;
    }
    if children.len() == 1 {
        parent.suppressed = true;
        return true;
    }
    let smallest = children
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.suppressed)
        .min_by_key(|(i, g)| (g.counters.participants, *i))
        .map(|(i, _)| i);
    match smallest {
        Some(i) => {
            children[i].suppressed = true;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::analyse::{ClusterGroup, Counters, SchoolGroup, indicators::Indicators};

    fn group(participants: u64) -> Group {
        let counters = Counters {
            participants,
            ..Default::default()
        };
        let figures = Indicators {
            participants,
            enrolled: 0,
            participation: None,
            marks: [None; 4],
            success: None,
            quality: None,
            mean_mark: None,
            mean_primary: None,
            mean_percent: None,
            sou: None,
            confirmation: None,
            tasks: Vec::new(),
            skills: Vec::new(),
            test: None,
        };
        Group {
            counters,
            figures,
            suppressed: false,
        }
    }

    /// A municipality of schools (size, cluster value of one attribute, class sizes); a school
    /// with classes has exactly their participants, as in real data.
    fn hierarchy(schools: &[(u64, u8, Vec<u64>)]) -> ProcedureAnalysis {
        let schools: Vec<(u64, u8, Vec<u64>)> = schools
            .iter()
            .map(|(n, v, classes)| {
                (
                    if classes.is_empty() {
                        *n
                    } else {
                        classes.iter().sum()
                    },
                    *v,
                    classes.clone(),
                )
            })
            .collect();
        let sg: Vec<SchoolGroup> = schools
            .iter()
            .enumerate()
            .map(|(i, (n, _, classes))| SchoolGroup {
                school: i,
                group: group(*n),
                classes: classes
                    .iter()
                    .map(|&c| (format!("{c}"), group(c)))
                    .collect(),
            })
            .collect();
        let clusters = (0..3u8)
            .map(|v| {
                let members: Vec<usize> = schools
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.1 == v)
                    .map(|(i, _)| i)
                    .collect();
                let n = members.iter().map(|&i| schools[i].0).sum();
                ClusterGroup {
                    attribute: "a".into(),
                    value: v.to_string(),
                    schools: members,
                    group: group(n),
                }
            })
            .filter(|c| !c.schools.is_empty())
            .collect();
        ProcedureAnalysis {
            municipality: group(schools.iter().map(|s| s.0).sum()),
            clusters,
            schools: sg,
        }
    }

    fn single_hidden(parent: &Group, children: &[&Group]) -> bool {
        !parent.suppressed && children.iter().filter(|g| g.suppressed).count() == 1
    }

    #[test]
    fn one_small_school_hides_the_next_smallest_too() {
        let mut pa = hierarchy(&[
            (40, 0, vec![]),
            (4, 0, vec![]),
            (25, 0, vec![]),
            (30, 0, vec![]),
        ]);
        apply_procedure(&mut pa, 10);
        let hidden: Vec<bool> = pa.schools.iter().map(|s| s.group.suppressed).collect();
        assert_eq!(hidden, [false, true, true, false]);
        assert!(!pa.municipality.suppressed);
    }

    proptest! {
        /// No published parent ever has exactly one hidden child, in any family.
        #[test]
        fn no_group_can_be_derived_by_subtraction(
            schools in prop::collection::vec((1u64..40, 0u8..3, prop::collection::vec(1u64..25, 0..4)), 1..12),
            min in 1u32..15,
        ) {
            let mut pa = hierarchy(&schools);
            apply_procedure(&mut pa, u64::from(min));
            let all: Vec<&Group> = pa.schools.iter().map(|s| &s.group).collect();
            prop_assert!(!single_hidden(&pa.municipality, &all));
            let clusters: Vec<&Group> = pa.clusters.iter().map(|c| &c.group).collect();
            prop_assert!(!single_hidden(&pa.municipality, &clusters));
            for c in &pa.clusters {
                let members: Vec<&Group> = pa.schools.iter().filter(|s| c.schools.contains(&s.school)).map(|s| &s.group).collect();
                prop_assert!(!single_hidden(&c.group, &members));
            }
            for s in &pa.schools {
                let classes: Vec<&Group> = s.classes.iter().map(|(_, g)| g).collect();
                prop_assert!(!single_hidden(&s.group, &classes));
            }
            // Every small group is hidden.
            for s in &pa.schools {
                for (_, class) in &s.classes {
                    prop_assert!(class.counters.participants >= u64::from(min) || class.suppressed);
                }
                prop_assert!(s.group.counters.participants >= u64::from(min) || s.group.suppressed);
            }
        }
    }
}
