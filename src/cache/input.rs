//! The inputs a page can be built from, by names that stay valid from one build to the
//! next: what the cache stores beside each page and compares on the next build. `render`
//! records them as a page reads; the cache owns their kinds, so it names nothing above it.

use serde::{Deserialize, Serialize};

use crate::model::Owner;

/// One input a page read, by a name that stays valid from one build to the next.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Input {
    /// One procedure's definition, results and every figure made from them alone; a
    /// procedure that does not exist (yet) is an input too.
    Procedure(String),
    /// Every procedure: pages that list or scan them.
    Procedures,
    /// The procedures a school (by id) has results in: its overview lists them, and a work
    /// it did not write leaves the page as it was.
    Works(String),
    /// The roadmaps as written.
    Roadmaps,
    /// One roadmap (by id) as written, with its progress and effects: these change with
    /// the results it is judged on, so a page showing other roadmaps does not depend on them.
    Progress(String),
    /// The series over the years a procedure belongs to.
    Series(String),
    /// The procedure the same cohort wrote a grade earlier.
    Cohort(String),
    /// Objectivity signs of a school (by id) in a procedure.
    Signs(String, String),
    /// How many schools show each sign in a procedure.
    SignCounts(String),
    /// The objectivity risk list.
    Risks,
    /// The summaries of the school years.
    Years,
    /// Deficits and the measures addressing them, of the area, a region's municipality or
    /// a school.
    Coverage(Owner),
    /// The deadline control of the latest year's procedures.
    Deadlines,
    /// Where clusters differ most.
    Gaps,
    /// ШНОР and ШНСУ lists.
    Support,
    /// Breadth of choice of the area, a region's municipality or a school.
    Choice(Owner),
    /// Whether the area has exams by choice at all: every page links the choice page or
    /// not by it, and must not be rendered again for a change in the choice itself.
    HasChoice,
    /// The change since the year before, of the municipality (`None`) or a school, in a
    /// procedure.
    Change(String, Option<String>),
    /// The «as of» date itself, on pages that count overdue measures by it. The build date
    /// every page's footer shows is not an input: it is stamped after rendering (see
    /// `render::stamp`).
    AsOf,
}
