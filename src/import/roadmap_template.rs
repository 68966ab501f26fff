//! The standard measures of a roadmap, one list per owner, as the seeds lay them out:
//! a region's from ОК-1656/03 § 2 (regional methodological support, targeted professional
//! development, support of schools with low results, evaluation of effectiveness), a
//! municipality's from § 3 and the Вольск regulation § 4 (plans of the methodological
//! service, ШНОР support, courses on the deficits, monitoring), a school's from § 4 and the
//! Якутия model (the five stages). Deadlines count from the date of the results.

use crate::model::{Due, Owner, Stage};

/// One standard measure.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    pub stage: Stage,
    pub title: &'static str,
    pub participants: &'static str,
    pub responsible: &'static str,
    pub result: &'static str,
    pub document: &'static str,
    pub due: Due,
    /// Whether the measure works on the deficits themselves (its `addresses:` lists them).
    pub addresses: bool,
}

const fn measure(
    stage: Stage,
    [title, participants, responsible, result, document]: [&'static str; 5],
    due: Due,
    addresses: bool,
) -> Measure {
    Measure {
        stage,
        title,
        participants,
        responsible,
        result,
        document,
        due,
        addresses,
    }
}

const SCHOOL: [Measure; 6] = [
    measure(
        Stage::Analytical,
        [
            "Анализ результатов в разрезе каждого класса, обучающегося и задания",
            "Учителя-предметники, классные руководители",
            "Руководители школьных методических объединений",
            "Перечень несформированных умений по классам и обучающимся",
            "Протоколы анализа по классам",
        ],
        Due::Days(14),
        true,
    ),
    measure(
        Stage::Analytical,
        [
            "Анализ результатов по школе: выявление дефицитов, сравнение с муниципалитетом и регионом",
            "Школьные методические объединения",
            "Заместитель руководителя по учебно-воспитательной работе",
            "Перечень дефицитов школы",
            "Аналитическая справка",
        ],
        Due::Days(21),
        false,
    ),
    measure(
        Stage::Organisational,
        [
            "Внесение изменений в рабочие программы по учебному предмету с учётом дефицитов",
            "Учителя-предметники, школьные методические объединения",
            "Руководители школьных методических объединений",
            "Рабочие программы с темами и заданиями на несформированные умения",
            "Протокол педагогического совета",
        ],
        Due::Days(30),
        false,
    ),
    measure(
        Stage::Training,
        [
            "Учебные занятия на формирование несформированных умений, в том числе по индивидуальным маршрутам",
            "Учителя-предметники",
            "Заместитель руководителя по учебно-воспитательной работе",
            "Занятия по дефицитным умениям проведены",
            "Технологические карты занятий",
        ],
        Due::EndOfSchoolYear,
        true,
    ),
    measure(
        Stage::Evaluative,
        [
            "Внесение изменений в положение о внутренней системе оценки качества образования",
            "Заместитель руководителя по учебно-воспитательной работе, руководители ШМО",
            "Руководитель образовательной организации",
            "Текущая и промежуточная оценка включает несформированные умения",
            "Приказ",
        ],
        Due::FirstOfOctober,
        false,
    ),
    measure(
        Stage::Reflective,
        [
            "Анализ эффективности принятых мер и корректировка дорожной карты",
            "Руководитель образовательной организации, заместители, руководители ШМО",
            "Руководитель образовательной организации",
            "Выводы о результатах мер; скорректированная дорожная карта",
            "Аналитическая справка",
        ],
        Due::Reflection,
        false,
    ),
];

const MUNICIPALITY: [Measure; 6] = [
    measure(
        Stage::Analytical,
        [
            "Анализ результатов по школам муниципалитета: дефициты, школы с низкими результатами, признаки необъективности",
            "Муниципальная методическая служба, руководители школ",
            "Специалист органа управления образованием, ответственный за оценку качества",
            "Перечень дефицитов муниципалитета и школ, нуждающихся в поддержке",
            "Аналитическая справка по муниципалитету",
        ],
        Due::Days(21),
        true,
    ),
    measure(
        Stage::Organisational,
        [
            "Корректировка плана муниципальной методической службы: мероприятия по методике преподавания предметов с дефицитами",
            "Муниципальная методическая служба, муниципальные методические объединения",
            "Руководитель муниципальной методической службы",
            "План методической службы включает мероприятия по выявленным дефицитам",
            "План работы методической службы",
        ],
        Due::Days(30),
        false,
    ),
    measure(
        Stage::Organisational,
        [
            "Сопровождение школ с низкими образовательными результатами: наставничество, адресная методическая помощь",
            "Руководители школ с низкими результатами, школы-наставники",
            "Руководитель органа управления образованием",
            "У каждой школы с низкими результатами есть наставник и план помощи",
            "Приказ органа управления образованием",
        ],
        Due::Days(30),
        false,
    ),
    measure(
        Stage::Training,
        [
            "Адресное повышение квалификации учителей по выявленным дефицитам",
            "Учителя-предметники школ с дефицитами",
            "Руководитель муниципальной методической службы",
            "Учителя прошли курсы и практикумы по дефицитным умениям",
            "План-график курсов, списки слушателей",
        ],
        Due::EndOfSchoolYear,
        true,
    ),
    measure(
        Stage::Evaluative,
        [
            "Мониторинг выполнения дорожных карт школ и результатов текущего контроля по дефицитам",
            "Руководители школ",
            "Специалист органа управления образованием, ответственный за оценку качества",
            "Сведения о выполнении мероприятий школ",
            "Справка о мониторинге",
        ],
        Due::EndOfSchoolYear,
        false,
    ),
    measure(
        Stage::Reflective,
        [
            "Оценка эффективности принятых мер и корректировка дорожной карты муниципалитета",
            "Муниципальная методическая служба",
            "Руководитель органа управления образованием",
            "Выводы о результатах мер; скорректированная дорожная карта",
            "Аналитическая справка",
        ],
        Due::Reflection,
        false,
    ),
];

const REGION: [Measure; 6] = [
    measure(
        Stage::Analytical,
        [
            "Анализ результатов по муниципалитетам и школам региона: дефициты, школы с низкими результатами, признаки необъективности",
            "Региональный центр оценки качества образования",
            "Орган исполнительной власти субъекта в сфере образования",
            "Перечень дефицитов региона и муниципалитетов",
            "Аналитический отчёт по региону",
        ],
        Due::Days(21),
        true,
    ),
    measure(
        Stage::Organisational,
        [
            "Региональная методическая поддержка: планы региональных методических объединений по предметам с дефицитами",
            "Институт развития образования, региональные методические объединения",
            "Руководитель института развития образования",
            "Планы методических объединений включают мероприятия по выявленным дефицитам",
            "Планы работы методических объединений",
        ],
        Due::Days(30),
        false,
    ),
    measure(
        Stage::Organisational,
        [
            "Поддержка школ с низкими образовательными результатами и управленческих проектов муниципалитетов",
            "Органы управления образованием муниципалитетов, школы с низкими результатами",
            "Орган исполнительной власти субъекта в сфере образования",
            "Программы помощи школам с низкими результатами согласованы с муниципалитетами",
            "Приказ министерства",
        ],
        Due::Days(30),
        false,
    ),
    measure(
        Stage::Training,
        [
            "Адресное повышение квалификации управленческих и педагогических работников по выявленным дефицитам",
            "Руководители и учителя школ с дефицитами",
            "Руководитель института развития образования",
            "Слушатели прошли курсы по дефицитным умениям",
            "План-график курсов, списки слушателей",
        ],
        Due::EndOfSchoolYear,
        true,
    ),
    measure(
        Stage::Evaluative,
        [
            "Анализ результативности повышения квалификации; корректировка дополнительных профессиональных программ",
            "Институт развития образования",
            "Руководитель института развития образования",
            "Программы курсов скорректированы по итогам анализа",
            "Аналитическая справка",
        ],
        Due::EndOfSchoolYear,
        false,
    ),
    measure(
        Stage::Reflective,
        [
            "Оценка эффективности принятых мер и корректировка региональной дорожной карты",
            "Региональный центр оценки качества образования, институт развития образования",
            "Орган исполнительной власти субъекта в сфере образования",
            "Выводы о результатах мер; скорректированная дорожная карта",
            "Аналитический отчёт",
        ],
        Due::Reflection,
        false,
    ),
];

/// The standard measures for a roadmap of `owner`; `region` says whether the whole area is
/// a region (its measures are then the region's, not a municipality's).
pub fn measures(owner: &Owner, region: bool) -> &'static [Measure] {
    match owner {
        Owner::School(_) => &SCHOOL,
        Owner::Area(_) => &MUNICIPALITY,
        Owner::Municipality if region => &REGION,
        Owner::Municipality => &MUNICIPALITY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn deadlines_follow_the_seeds() {
        let results = d(2025, 4, 15);
        assert_eq!(Due::Days(14).date(results), d(2025, 4, 29));
        assert_eq!(Due::Days(21).date(results), d(2025, 5, 6));
        assert_eq!(Due::Days(30).date(results), d(2025, 5, 15));
        assert_eq!(Due::EndOfSchoolYear.date(results), d(2025, 5, 31));
        assert_eq!(Due::FirstOfOctober.date(results), d(2025, 10, 1));
        assert_eq!(Due::Reflection.date(results), d(2025, 12, 25));
        // Results in the autumn: the end of this school year, the next 1 October.
        let autumn = d(2024, 10, 10);
        assert_eq!(Due::EndOfSchoolYear.date(autumn), d(2025, 5, 31));
        assert_eq!(Due::FirstOfOctober.date(autumn), d(2025, 10, 1));
        // Results on 31 May: the end of the next school year, not the same day.
        assert_eq!(Due::EndOfSchoolYear.date(d(2025, 5, 31)), d(2026, 5, 31));
    }

    #[test]
    fn each_owner_has_its_own_roles_and_every_stage() {
        let school = Owner::School("s".into());
        let area = Owner::Area("a".into());
        for (list, own, foreign) in [
            (
                measures(&school, false),
                "Заместитель руководителя",
                "органа управления",
            ),
            (
                measures(&area, true),
                "органа управления образованием",
                "Заместитель руководителя",
            ),
            (
                measures(&Owner::Municipality, false),
                "органа управления образованием",
                "педагогического совета",
            ),
            (
                measures(&Owner::Municipality, true),
                "субъекта в сфере образования",
                "Заместитель руководителя",
            ),
        ] {
            let text: String = list
                .iter()
                .map(|m| {
                    format!(
                        "{} {} {} {}",
                        m.title, m.participants, m.responsible, m.document
                    )
                })
                .collect();
            assert!(text.contains(own), "{own}");
            assert!(!text.contains(foreign), "{foreign} in {text}");
            for stage in [
                Stage::Analytical,
                Stage::Organisational,
                Stage::Training,
                Stage::Evaluative,
                Stage::Reflective,
            ] {
                assert!(list.iter().any(|m| m.stage == stage), "{stage:?}");
            }
            assert!(list.iter().any(|m| m.addresses));
        }
    }
}
