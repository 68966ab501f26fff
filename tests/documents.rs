//! Decisions recording roadmap measures: kind, number, date and a file under
//! `data/documents/` or an address; listed on /documents/; every mistake is one error that
//! names the roadmap file and the measure, and nothing is written.

mod common;

use common::{Fixture, PROCEDURE};

fn roadmap(document: &str) -> String {
    format!(
        "id: rm\nowner: municipality\ntitle: \"Дорожная карта\"\nmeasures:\n\
         \x20 - {{ id: \"1\", stage: аналитический, title: \"Анализ\", deadline: 2025-05-20, status: done, document: {document} }}\n\
         \x20 - {{ id: \"2\", stage: обучающий, title: \"Курсы\", deadline: 2025-10-01, status: planned, document: \"Удостоверения\", addresses: [ {{ procedure: {PROCEDURE}, skill: \"1.1\" }} ] }}\n\
         \x20 - {{ id: \"3\", stage: рефлексивный, title: \"Совещание\", deadline: 2025-06-20, status: done, document: {{ kind: протокол, number: \"4\", date: 2025-06-20, url: \"https://uo.example.ru/protokol-4.pdf\" }} }}\n"
    )
}

const ORDER: &str = "{ kind: приказ, number: \"45-од\", date: 2025-05-12, title: \"Об анализе результатов ВПР\", file: prikaz-45.pdf }";

#[test]
fn decisions_are_listed_newest_first_and_their_files_published() {
    let f = Fixture::new();
    f.write("data/roadmaps/rm.yaml", &roadmap(ORDER));
    f.write_bytes("data/documents/prikaz-45.pdf", b"%PDF-1.4 test\n");
    f.build(&[]).assert_ok();
    let page = std::fs::read_to_string(f.path("public/documents/index.html")).expect("page");
    let protocol = page
        .find("Протокол № 4 от 20.06.2025")
        .expect("the protocol");
    let order = page
        .find("Приказ № 45-од от 12.05.2025 «Об анализе результатов ВПР»")
        .expect("the order");
    assert!(protocol < order, "newest first");
    assert!(page.contains("<a href=\"../documents/files/prikaz-45.pdf\">"));
    assert!(page.contains("<a href=\"https://uo.example.ru/protokol-4.pdf\">"));
    assert!(
        !page.contains("Удостоверения"),
        "a plain title is not a decision"
    );
    assert_eq!(
        std::fs::read(f.path("public/documents/files/prikaz-45.pdf")).expect("file"),
        b"%PDF-1.4 test\n"
    );
    let rm = std::fs::read_to_string(f.path("public/roadmaps/rm/index.html")).expect("roadmap");
    assert!(rm.contains("<a href=\"../../documents/files/prikaz-45.pdf\">Приказ № 45-од"));
    assert!(rm.contains("data-label=\"Документ\">Удостоверения</td>"));
}

fn fails(document: &str, parts: &[&str]) {
    let f = Fixture::new();
    f.write("data/roadmaps/rm.yaml", &roadmap(document));
    f.write_bytes("data/documents/prikaz-45.pdf", b"%PDF-1.4 test\n");
    f.write_bytes("outside.pdf", b"%PDF-1.4 test\n");
    let mut all = vec!["data/roadmaps/rm.yaml"];
    all.extend_from_slice(parts);
    f.check().assert_data_error(&all).assert_errors(1);
    f.build(&[]).assert_data_error(&all).assert_errors(1);
    assert!(!f.path("public").exists(), "nothing is written");
}

#[test]
fn a_missing_file_is_named_with_what_to_do() {
    fails(
        &ORDER.replace("prikaz-45.pdf", "prikaz-46.pdf"),
        &[
            "мероприятие 1",
            "нет файла data/documents/prikaz-46.pdf",
            "url",
        ],
    );
}

#[test]
fn a_file_outside_the_documents_folder_is_refused() {
    fails(
        &ORDER.replace("prikaz-45.pdf", "../../outside.pdf"),
        &["мероприятие 1", "должен лежать в data/documents/"],
    );
}

#[test]
fn a_file_and_an_address_at_once_are_refused() {
    fails(
        &ORDER.replace(" }", ", url: \"https://uo.example.ru/p.pdf\" }"),
        &["мероприятие 1", "и file, и url"],
    );
}

#[test]
fn an_address_that_is_not_a_web_address_is_refused() {
    fails(
        "{ kind: приказ, number: \"1\", url: \"C:/Документы/приказ.pdf\" }",
        &["мероприятие 1", "не адрес http(s)://"],
    );
}

#[test]
fn a_misspelt_key_names_the_keys_there_are() {
    fails(
        "{ kind: приказ, nomer: \"1\" }",
        &["document", "unknown field `nomer`", "number"],
    );
}

#[test]
fn a_decision_without_a_kind_is_refused() {
    fails(
        "{ kind: \"\", number: \"1\" }",
        &["мероприятие 1", "не указан вид"],
    );
}
