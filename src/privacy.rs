//! Suppression of small groups (DESIGN §5), applied between analysis and rendering.
//!
//! A group with fewer than `min_group` participants is not shown. Within every family
//! (municipality → clusters of one attribute, municipality → schools, cluster → schools,
//! school → classes) a published parent never keeps exactly one hidden child, or the
//! child could be worked out by subtraction: the smallest other child is hidden too.

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
    // Hiding one child can leave another family with a single hidden child: repeat until stable.
    loop {
        let mut changed = false;
        let parent_published = !pa.municipality.suppressed;
        let mut attributes: Vec<String> = pa.clusters.iter().map(|c| c.attribute.clone()).collect();
        attributes.dedup();
        for attribute in &attributes {
            let mut family: Vec<&mut Group> = pa
                .clusters
                .iter_mut()
                .filter(|c| &c.attribute == attribute)
                .map(|c| &mut c.group)
                .collect();
            changed |= protect(parent_published, &mut family);
        }
        {
            let mut family: Vec<&mut Group> = pa.schools.iter_mut().map(|s| &mut s.group).collect();
            changed |= protect(parent_published, &mut family);
        }
        for ci in 0..pa.clusters.len() {
            let published = !pa.clusters[ci].group.suppressed;
            let members = pa.clusters[ci].schools.clone();
            let mut family: Vec<&mut Group> = pa
                .schools
                .iter_mut()
                .filter(|s| members.contains(&s.school))
                .map(|s| &mut s.group)
                .collect();
            changed |= protect(published, &mut family);
        }
        for s in &mut pa.schools {
            let published = !s.group.suppressed;
            let mut family: Vec<&mut Group> = s.classes.iter_mut().map(|(_, g)| g).collect();
            changed |= protect(published, &mut family);
        }
        if !changed {
            break;
        }
    }
}

/// If a published parent has exactly one hidden child, hides the smallest other child.
/// Returns whether anything changed.
fn protect(parent_published: bool, children: &mut [&mut Group]) -> bool {
    if !parent_published {
        return false;
    }
    let hidden = children.iter().filter(|g| g.suppressed).count();
    if hidden != 1 || children.len() < 2 {
        return false;
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
