//! Which grade a procedure speaks of: the work's own, or its pupils' where they differ.

use super::Procedure;

impl Procedure {
    /// The grade the pupils were in when they wrote the work.
    pub fn grade_of_pupils(&self) -> u8 {
        self.pupils_grade.unwrap_or(self.grade)
    }

    /// The pupils' grade where it is not the work's.
    fn other_pupils_grade(&self) -> Option<u8> {
        self.pupils_grade.filter(|&g| g != self.grade)
    }

    /// The grade as pages name it: «4 класс», or «работа 4 класса, писали 5 классы» where
    /// the pupils were a grade further than the work.
    pub fn grade_label(&self) -> String {
        match self.other_pupils_grade() {
            Some(pupils) => format!("работа {} класса, писали {pupils} классы", self.grade),
            None => format!("{} класс", self.grade),
        }
    }

    /// Why the figures name another grade than the work's, where they do.
    pub fn pupils_note(&self) -> Option<String> {
        let pupils = self.other_pupils_grade()?;
        Some(format!(
            "Работу {} класса писали учащиеся {pupils} классов ({} учебный год): численность \
             параллели, классы и сравнение с теми же учениками через год — по {pupils} классам.",
            self.grade, self.school_year
        ))
    }
}
