//! What each indicator means and how it is computed, in the words the methodology
//! page shows. Kept beside the code that computes them, so the two change together.

/// An indicator: its name on the site, its code name in open data, and its definition.
pub struct Definition {
    /// The indicator as the pages name it.
    pub name: &'static str,
    /// Its column in the open data, if any.
    pub column: &'static str,
    /// How it is computed, in Russian.
    pub definition: &'static str,
}

/// Every indicator the methodology page explains.
pub const DEFINITIONS: &[Definition] = &[
    Definition {
        name: "Участников",
        column: "participants",
        definition: "Число участников, выполнявших работу. Отсутствовавшие и строки с ошибками (при bad_rows: skip) не учитываются.",
    },
    Definition {
        name: "Доля от параллели",
        column: "participation",
        definition: "Участники ÷ число обучающихся параллели по данным школы (enrolment) × 100 %.",
    },
    Definition {
        name: "«2», «3», «4», «5»",
        column: "mark2…mark5",
        definition: "Доля участников, получивших отметку, среди получивших отметку. Отметка выставляется по шкале перевода первичного балла процедуры.",
    },
    Definition {
        name: "Успеваемость",
        column: "success",
        definition: "Доля отметок «3», «4» и «5».",
    },
    Definition {
        name: "Качество знаний",
        column: "quality",
        definition: "Доля отметок «4» и «5» — доля качественного массового образования.",
    },
    Definition {
        name: "Средняя отметка",
        column: "mean_mark",
        definition: "Среднее арифметическое отметок, два знака после запятой.",
    },
    Definition {
        name: "Средний первичный балл",
        column: "mean_primary",
        definition: "Среднее арифметическое первичных баллов (сумм баллов за задания).",
    },
    Definition {
        name: "СОУ (степень обученности по В. П. Симонову)",
        column: "sou",
        definition: "(100·n«5» + 64·n«4» + 36·n«3» + 16·n«2») ÷ N, в процентах.",
    },
    Definition {
        name: "Выполнение задания",
        column: "completion",
        definition: "Сумма баллов всех участников за задание ÷ (число участников × максимальный балл задания) × 100 %. Задание, к которому участник не приступал (X, Н, N, «не пройд.», пустая ячейка), оценивается в 0 баллов.",
    },
    Definition {
        name: "Выполнение по группам отметок",
        column: "completion_mark2…completion_mark5",
        definition: "То же среди участников с отметкой «2», «3», «4», «5». Для групп меньше минимального размера не показывается.",
    },
    Definition {
        name: "Достижение умения",
        column: "skills.completion",
        definition: "Сумма баллов за все задания, проверяющие умение ÷ (число участников × сумма максимальных баллов этих заданий) × 100 %.",
    },
    Definition {
        name: "Дефицит",
        column: "deficit",
        definition: "Умение или задание, выполненное ниже порога: для базового уровня — ниже 57 %, для повышенного и высокого — ниже 28,5 %. От 57 до 60 % (от 28,5 до 30 %) — «на границе». Умение оценивается по порогу базового уровня, если среди его заданий есть хотя бы одно базовое.",
    },
    Definition {
        name: "Понизили / подтвердили / повысили",
        column: "lowered, confirmed, raised",
        definition: "Доли участников, у которых отметка за работу ниже, равна или выше отметки за предыдущий период по журналу, среди участников, у которых есть обе отметки.",
    },
    Definition {
        name: "ЕГЭ: средний тестовый балл и уровни",
        column: "test_mean",
        definition: "Среднее тестовых баллов; доли участников ниже минимального балла, от минимального до 60, 61–80, 81–100.",
    },
    Definition {
        name: "Округление",
        column: "",
        definition: "Проценты — до одного знака, средние — до двух знаков, половина округляется от нуля. Все показатели вычисляются из целых счётчиков, поэтому результат не зависит от порядка и числа потоков.",
    },
];
