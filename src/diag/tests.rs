use super::*;

#[test]
fn a_full_disk_says_what_the_build_needs_and_what_is_free() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("public");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join("index.html"), vec![b'x'; 3 << 20]).expect("write");
    let staged = dir.path().join("public.oko-tmp-77/schools/index.html");
    let e = OkoError::io(
        &staged,
        std::io::Error::from(std::io::ErrorKind::StorageFull),
    );
    let text = e.to_string();
    assert!(
        text.starts_with(&format!(
            "{}: на диске нет места: сборке нужно место на вторую копию сайта — около 3 МБ, \
             столько же, сколько прошлый сайт (прошлая остаётся до конца сборки); свободно ",
            staged.display()
        )),
        "{text}"
    );
    assert!(
        text.contains(" МБ — освободите место или укажите --out на другом диске ("),
        "{text}"
    );
}

#[test]
fn an_os_error_is_in_russian_with_the_remedy_and_the_system_words_after() {
    let e = OkoError::io(
        "public",
        std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem),
    );
    assert_eq!(
        e.to_string(),
        "public: диск или папка только для чтения: укажите другую папку параметром --out \
         или подключите диск для записи (read-only filesystem or storage medium)"
    );
}
