//! Suppression against hand-built hierarchies and a property over random ones.

use proptest::prelude::*;

use super::*;
use crate::analyse::{AreaGroup, ClusterGroup, Counters, SchoolGroup, indicators::Indicators};

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
        passed: None,
        levels: None,
        intervals: crate::analyse::indicators::Intervals {
            marks: [None; 4],
            success: None,
            quality: None,
            passed: None,
            levels: [None; 3],
        },
    };
    Group {
        counters,
        figures,
        visibility: Visibility::Shown,
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
            class_letters: classes.iter().map(|c| format!("{c}")).collect(),
            spread: Default::default(),
            spread_municipality: None,
            spread_region: None,
            spread_clusters: Vec::new(),
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
        region: None,
        municipalities: Vec::new(),
        clusters,
        schools: sg,
    }
}

/// The same hierarchy as a region: school `i` belongs to municipality `areas[i]`.
fn region(schools: &[(u64, u8, Vec<u64>)], areas: &[u8]) -> ProcedureAnalysis {
    let mut pa = hierarchy(schools);
    let mut ids: Vec<u8> = areas.to_vec();
    ids.sort_unstable();
    ids.dedup();
    pa.municipalities = ids
        .iter()
        .map(|&m| {
            let members: Vec<usize> = (0..pa.schools.len()).filter(|&i| areas[i] == m).collect();
            let n = members
                .iter()
                .map(|&i| pa.schools[i].group.counters.participants)
                .sum();
            AreaGroup {
                municipality: usize::from(m),
                schools: members,
                group: group(n),
            }
        })
        .collect();
    pa
}

/// The project's one decision, made over one procedure's groups (schools named `s0`, `s1`…,
/// municipalities `m0`…) and applied to them as the whole project's site shows them.
fn apply_procedure(pa: &mut ProcedureAnalysis, min: u64) {
    let schools: Vec<String> = (0..pa.schools.len()).map(|i| format!("s{i}")).collect();
    let municipalities: Vec<String> = (0..8).map(|i| format!("m{i}")).collect();
    let names = Names {
        schools: schools.iter().map(String::as_str).collect(),
        municipalities: municipalities.iter().map(String::as_str).collect(),
    };
    let min = u32::try_from(min).expect("small");
    let suppression = Suppression::of(&names, std::slice::from_ref(pa), min);
    suppression.apply(0, pa, &names, None);
}

/// Hidden so that it cannot be known: a cluster of few schools is hidden, but it is the sum
/// of its schools.
fn concealed(g: &Group) -> bool {
    matches!(
        g.visibility,
        Visibility::Hidden(Hidden::SmallGroup { .. } | Hidden::Complementary)
    )
}

/// A known parent with exactly one concealed child, or a concealed parent whose children are
/// all known (and so add up to it): either way a hidden group can be derived.
fn single_hidden(parent: &Group, children: &[&Group]) -> bool {
    let hidden = children.iter().filter(|g| concealed(g)).count();
    (!concealed(parent) && hidden == 1)
        || (concealed(parent) && hidden == 0 && !children.is_empty())
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
    let hidden: Vec<bool> = pa.schools.iter().map(|s| s.group.hidden()).collect();
    assert_eq!(hidden, [false, true, true, false]);
    assert!(!pa.municipality.hidden());
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
        // Every small group is hidden.
        for s in &pa.schools {
            prop_assert!(s.group.counters.participants >= u64::from(min) || s.group.hidden());
        }
    }
}

proptest! {
    /// In a region, neither a municipality nor a school can be worked out by subtraction:
    /// not from the region and the other municipalities, nor from its municipality.
    #[test]
    fn no_municipality_or_school_of_a_region_can_be_derived(
        schools in prop::collection::vec((1u64..40, 0u8..3, Just(Vec::new()), 0u8..4), 1..14),
        min in 1u32..15,
    ) {
        let plain: Vec<(u64, u8, Vec<u64>)> = schools.iter().map(|s| (s.0, s.1, s.2.clone())).collect();
        let areas: Vec<u8> = schools.iter().map(|s| s.3).collect();
        let mut pa = region(&plain, &areas);
        apply_procedure(&mut pa, u64::from(min));
        let municipalities: Vec<&Group> = pa.municipalities.iter().map(|a| &a.group).collect();
        prop_assert!(!single_hidden(&pa.municipality, &municipalities));
        for a in &pa.municipalities {
            let members: Vec<&Group> = pa.schools.iter().filter(|s| a.schools.contains(&s.school)).map(|s| &s.group).collect();
            prop_assert!(!single_hidden(&a.group, &members));
            prop_assert!(a.group.counters.participants >= u64::from(min) || a.group.hidden());
        }
    }
}

#[test]
fn a_municipality_whose_only_school_is_hidden_is_hidden_and_so_is_a_second_one() {
    // Municipality 0: schools of 40 and 25; municipality 1: one school of 4; municipality 2: 30.
    let mut pa = region(
        &[
            (40, 0, vec![]),
            (25, 0, vec![]),
            (4, 0, vec![]),
            (30, 0, vec![]),
        ],
        &[0, 0, 1, 2],
    );
    apply_procedure(&mut pa, 10);
    let v: Vec<Visibility> = pa
        .municipalities
        .iter()
        .map(|a| a.group.visibility)
        .collect();
    assert_eq!(
        v[1],
        Visibility::Hidden(Hidden::SmallGroup { min_group: 10 })
    );
    // The region minus the others would give municipality 1: the smallest other goes too.
    assert_eq!(v[2], Visibility::Hidden(Hidden::Complementary));
    assert_eq!(v[0], Visibility::Shown);
    assert!(!pa.municipality.hidden());
}

#[test]
fn a_hidden_group_carries_its_reason() {
    let mut pa = hierarchy(&[(40, 0, vec![]), (4, 0, vec![]), (25, 0, vec![])]);
    apply_procedure(&mut pa, 10);
    let reasons: Vec<Visibility> = pa.schools.iter().map(|s| s.group.visibility).collect();
    assert_eq!(
        reasons,
        [
            Visibility::Shown,
            Visibility::Hidden(Hidden::SmallGroup { min_group: 10 }),
            Visibility::Hidden(Hidden::Complementary),
        ]
    );
    assert_eq!(reasons[1].note(), "менее 10 участников");
    assert!(reasons[2].note().contains("вычислить данные малой группы"));
}

/// Class groups of the schools of [`hierarchy`], by class size.
fn class_groups(schools: &[(u64, u8, Vec<u64>)]) -> ClassGroups {
    schools
        .iter()
        .enumerate()
        .map(|(i, (_, _, classes))| {
            let groups = classes.iter().map(|&c| (format!("{c}"), group(c)));
            (i, groups.collect())
        })
        .collect()
}

#[test]
fn the_internal_audience_hides_nothing_and_marks_small_groups() {
    let schools = [(40, 0, vec![30, 10]), (4, 1, vec![4]), (25, 0, vec![])];
    let mut pa = hierarchy(&schools);
    mark_small(&mut pa, 10);
    let classes = super::classes(Audience::Internal, 10, || {
        Ok::<_, std::convert::Infallible>(class_groups(&schools))
    })
    .expect("made");
    let all: Vec<&Group> = pa
        .schools
        .iter()
        .map(|s| &s.group)
        .chain(classes.values().flatten().map(|(_, g)| g))
        .collect();
    assert_eq!(all.len(), 6);
    assert!(all.iter().all(|g| !g.hidden()));
    assert_eq!(pa.schools[1].group.visibility, Visibility::Tentative);
    assert_eq!(
        pa.schools[1].group.visibility.note(),
        crate::model::visibility::TENTATIVE
    );
    assert_eq!(classes[&1][0].1.visibility, Visibility::Tentative);
    // A class of exactly min_group is not small.
    assert_eq!(classes[&0][1].1.visibility, Visibility::Shown);
}

/// Public figures stop at the grade: no class group is shown, nor even made.
#[test]
fn the_public_sees_no_class_and_none_is_made() {
    let classes = super::classes(Audience::Public, 10, || -> Result<_, ()> {
        panic!("class groups made for the public")
    })
    .expect("none");
    assert!(classes.is_empty());
}

#[test]
fn a_figure_made_from_two_groups_takes_the_stricter_visibility() {
    let hidden = Visibility::Hidden(Hidden::Complementary);
    assert_eq!(Visibility::Shown.and(hidden), hidden);
    assert_eq!(
        Visibility::Tentative.and(Visibility::Shown),
        Visibility::Tentative
    );
    assert_eq!(Visibility::Shown.and(Visibility::Shown), Visibility::Shown);
}
