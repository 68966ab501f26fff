//! The kinds of bad cell a result row can have, by their stable codes: what `load` reports
//! row by row, the summary here counts by kind.

/// What each kind of bad cell means, for a summary line of many such rows.
pub fn bad_row_kind(code: &str) -> Option<&'static str> {
    Some(match code {
        "score-negative" => "отрицательный балл за задание",
        "score-above-max" => "балл за задание больше максимума",
        "score-not-a-number" => "в ячейке задания не балл",
        "total-out-of-range" => "сумма баллов вне допустимого диапазона",
        "total-mismatch" => "сумма баллов не равна сумме баллов за задания",
        "total-missing" => "нет суммы баллов при заполненных заданиях",
        "total-not-a-number" => "в ячейке суммы не число",
        "mark-disagrees-with-scale" => "отметка не совпадает со шкалой",
        "mark-invalid" => "не отметка",
        "test-score-invalid" => "не тестовый балл",
        "medal-invalid" => "не медаль",
        "participant-missing" => "нет кода участника",
        "answers-invalid" => "строка ответов ГИА не сходится с планом",
        _ => return None,
    })
}
