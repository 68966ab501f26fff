//! Where clusters differ most: for each school attribute, the procedure of the latest
//! school year with the widest gap between its published clusters.

use serde::Serialize;

use crate::analyse::{Analysis, Group};
use crate::model::{Procedure, Project};
use crate::text::Fixed;

/// The widest gap for one attribute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub attribute: String,
    pub procedure: usize,
    pub high: (String, Fixed),
    pub low: (String, Fixed),
    /// Difference in points (tenths).
    pub gap: Fixed,
}

/// The figure clusters are compared by: quality, or the mean test score for ЕГЭ.
pub fn headline(procedure: &Procedure, group: &Group) -> Option<Fixed> {
    if procedure.kind.uses_test_scores() {
        group.figures.test?.mean
    } else {
        group.figures.quality
    }
}

pub fn widest_gaps(project: &Project, analysis: &Analysis, attributes: &[String]) -> Vec<Gap> {
    let Some(latest) = project.latest_school_year() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for attribute in attributes {
        let mut best: Option<Gap> = None;
        for (i, p) in project
            .procedures
            .iter()
            .enumerate()
            .filter(|(_, p)| p.school_year == latest)
        {
            let values: Vec<(String, Fixed)> = analysis.procedures[i]
                .clusters
                .iter()
                .filter(|c| &c.attribute == attribute && !c.group.suppressed)
                .filter_map(|c| Some((c.value.clone(), headline(p, &c.group)?)))
                .collect();
            let (Some(high), Some(low)) = (
                values.iter().max_by_key(|v| v.1.scaled),
                values.iter().min_by_key(|v| v.1.scaled),
            ) else {
                continue;
            };
            if values.len() < 2 {
                continue;
            }
            // Both are percentages (one decimal) or both means (two decimals): compare alike.
            let gap = Fixed {
                scaled: high.1.scaled - low.1.scaled,
                decimals: high.1.decimals,
            };
            if best.as_ref().is_none_or(|b| gap.as_f64() > b.gap.as_f64()) {
                best = Some(Gap {
                    attribute: attribute.clone(),
                    procedure: i,
                    high: high.clone(),
                    low: low.clone(),
                    gap,
                });
            }
        }
        out.extend(best);
    }
    out
}
