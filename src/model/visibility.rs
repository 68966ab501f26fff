//! Whether an audience sees a figure, and why not: the type both `analyse` (which carries
//! a visibility with every group) and `privacy` (which decides it) name, kept beneath both.

/// Why a figure is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hidden {
    /// The group has fewer participants than the smallest published group.
    SmallGroup {
        /// `min_group` of `oko.yaml`.
        min_group: u32,
    },
    /// Shown, it would let a hidden group be worked out by subtraction.
    Complementary,
    /// A cluster of fewer schools than this is those schools by name.
    FewSchools {
        /// The smallest published cluster, in schools.
        min: usize,
    },
}

impl Hidden {
    /// The reason in words, for the page.
    pub fn reason(&self) -> String {
        match self {
            Hidden::SmallGroup { min_group } => format!("менее {min_group} участников"),
            Hidden::Complementary => {
                "скрыто, чтобы нельзя было вычислить данные малой группы".to_string()
            }
            Hidden::FewSchools { min } => {
                format!(
                    "в кластере меньше {min} школ: его показатели были бы показателями отдельных школ"
                )
            }
        }
    }
}

/// Whether an audience sees a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Visibility {
    /// Shown as it is.
    #[default]
    Shown,
    /// Shown to the internal audience although the group is small.
    Tentative,
    /// Not shown, for this reason.
    Hidden(Hidden),
}

/// The words beside a small group's figures in the internal build.
pub const TENTATIVE: &str = "малая группа — выводы ориентировочные";

impl Visibility {
    /// Whether the figure is hidden.
    pub fn hidden(&self) -> bool {
        matches!(self, Visibility::Hidden(_))
    }

    /// The reason it is hidden, or the tentative note; empty when shown as it is.
    pub fn note(&self) -> String {
        match self {
            Visibility::Shown => String::new(),
            Visibility::Tentative => TENTATIVE.to_string(),
            Visibility::Hidden(h) => h.reason(),
        }
    }

    /// The stricter of two: a figure made from two groups is hidden if either is.
    pub(crate) fn and(self, other: Visibility) -> Visibility {
        match (self, other) {
            (Visibility::Hidden(h), _) | (_, Visibility::Hidden(h)) => Visibility::Hidden(h),
            (Visibility::Tentative, _) | (_, Visibility::Tentative) => Visibility::Tentative,
            _ => Visibility::Shown,
        }
    }
}
