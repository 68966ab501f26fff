//! Where clusters differ most: for each school attribute, the procedure of the latest
//! school year with the widest gap between its published clusters.

use serde::Serialize;

use crate::analyse::{Group, ProcedureAnalysis};
use crate::model::{Procedure, Project};
use crate::text::Fixed;

/// The widest gap for one attribute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The school attribute.
    pub attribute: String,
    /// The procedure the gap is widest in.
    pub procedure: usize,
    /// The cluster with the highest figure, and the figure.
    pub high: (String, Fixed),
    /// The cluster with the lowest figure, and the figure.
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

/// One cluster's headline figure in one procedure.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    /// The cluster's attribute value.
    pub value: String,
    /// Quality, or the mean test score for ЕГЭ.
    pub figure: Fixed,
}

/// The clusters of one attribute in each procedure of the latest school year.
#[derive(Debug, Clone, PartialEq)]
pub struct Headlines {
    /// The school attribute.
    pub attribute: String,
    /// (procedure, its clusters' headline figures).
    pub procedures: Vec<(usize, Vec<Headline>)>,
}

/// Headline figures of every cluster of every attribute in the latest school year.
pub fn headlines(project: &Project, analysis: &[ProcedureAnalysis]) -> Vec<Headlines> {
    let attributes = project.cluster_attributes();
    let latest = project.latest_school_year();
    attributes
        .into_iter()
        .map(|attribute| {
            let procedures = project
                .procedures
                .iter()
                .enumerate()
                .filter(|(_, p)| Some(p.school_year.as_str()) == latest)
                .map(|(i, p)| {
                    let values = analysis[i]
                        .clusters
                        .iter()
                        .filter(|c| c.attribute == attribute)
                        .filter_map(|c| {
                            Some(Headline {
                                value: c.value.clone(),
                                figure: headline(p, &c.group)?,
                            })
                        })
                        .collect();
                    (i, values)
                })
                .collect();
            Headlines {
                attribute,
                procedures,
            }
        })
        .collect()
}

/// For each attribute, the procedure whose clusters differ most, among the clusters
/// `shown(attribute, procedure, value)` lets through.
pub fn widest_gaps(headlines: &[Headlines], shown: impl Fn(&str, usize, &str) -> bool) -> Vec<Gap> {
    let mut out = Vec::new();
    for h in headlines {
        let attribute = &h.attribute;
        let mut best: Option<Gap> = None;
        for (i, all) in &h.procedures {
            let values: Vec<(String, Fixed)> = all
                .iter()
                .filter(|c| shown(attribute, *i, &c.value))
                .map(|c| (c.value.clone(), c.figure))
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
                    procedure: *i,
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
