//! `oko serve`: a local preview on 127.0.0.1 that rebuilds when the project changes and
//! reloads open pages. The site is served from memory; nothing is written to disk.
//!
//! 1. Build in memory (the same stages as `build`, into memory).
//! 2. Watch `oko.yaml`, `data/`, `content/` and `themes/`; after a change settles, rebuild.
//! 3. Pages carry a small script that asks `/__oko/version` every second and reloads when
//!    it changes. A failed rebuild shows its errors instead of the site until it is fixed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::NaiveDate;
use notify::{RecursiveMode, Watcher};
use tiny_http::{Header, Response, Server};

use crate::config::Audience;
use crate::diag::OkoError;
use crate::render::theme::escape_html;
use crate::site;

/// What the server currently serves.
#[derive(Default)]
struct State {
    files: HashMap<String, Vec<u8>>,
    /// Bumped on every rebuild, successful or not.
    version: u64,
    /// The errors of the last build, if it failed.
    error: Option<String>,
}

fn rebuild(root: &Path, audience: Option<Audience>, as_of: NaiveDate, state: &RwLock<State>) {
    let result = site::in_memory(root, audience, as_of);
    let mut s = state.write().unwrap_or_else(|e| e.into_inner());
    s.version += 1;
    match result {
        Ok((_, files)) => {
            s.files = files.into_iter().map(|o| (o.path, o.bytes)).collect();
            s.error = None;
            eprintln!("Сайт пересобран ({} файлов).", s.files.len());
        }
        Err(e) => {
            let text = match &e {
                OkoError::Data(d) => d
                    .errors()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => other.to_string(),
            };
            eprintln!("Сборка не удалась:\n{text}");
            s.error = Some(text);
        }
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// The site path a URL asks for: `/` → `index.html`, `/schools/` → `schools/index.html`.
fn site_path(url: &str) -> String {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

const RELOAD: &str = "<script>(function(){var v=\"VERSION\";setInterval(function(){fetch(\"/__oko/version\").then(function(r){return r.text()}).then(function(t){if(t!==v)location.reload()}).catch(function(){})},1000)})();</script>";

fn respond(state: &RwLock<State>, url: &str) -> (u16, &'static str, Vec<u8>) {
    let s = state.read().unwrap_or_else(|e| e.into_inner());
    if url.starts_with("/__oko/version") {
        return (
            200,
            "text/plain; charset=utf-8",
            s.version.to_string().into_bytes(),
        );
    }
    let reload = RELOAD.replace("VERSION", &s.version.to_string());
    if let Some(error) = &s.error {
        let page = format!(
            "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Ошибка сборки</title></head><body><h1>Сборка не удалась</h1><p>Исправьте данные — страница обновится сама.</p><pre>{}</pre>{reload}</body></html>",
            escape_html(error)
        );
        return (500, "text/html; charset=utf-8", page.into_bytes());
    }
    let path = site_path(url);
    let (status, path) = if s.files.contains_key(&path) {
        (200, path)
    } else {
        (404, "404.html".to_string())
    };
    let Some(bytes) = s.files.get(&path) else {
        return (
            404,
            "text/plain; charset=utf-8",
            "Не найдено".as_bytes().to_vec(),
        );
    };
    let kind = content_type(&path);
    if kind.starts_with("text/html") {
        let html = String::from_utf8_lossy(bytes).replace("</body>", &format!("{reload}</body>"));
        return (status, kind, html.into_bytes());
    }
    (status, kind, bytes.clone())
}

/// Serves the project on 127.0.0.1:`port` (0: any free port) until the process is stopped.
pub fn serve(
    root: &Path,
    port: u16,
    audience: Option<Audience>,
    as_of: NaiveDate,
) -> Result<(), OkoError> {
    let state = Arc::new(RwLock::new(State::default()));
    rebuild(root, audience, as_of, &state);

    let (tx, rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.send(());
        }
    })
    .map_err(|e| OkoError::Usage(format!("не удалось следить за файлами: {e}")))?;
    for dir in ["data", "content", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| {
                    OkoError::Usage(format!("не удалось следить за {}: {e}", path.display()))
                })?;
        }
    }
    let config: PathBuf = root.join("oko.yaml");
    if config.exists() {
        let _ = watcher.watch(&config, RecursiveMode::NonRecursive);
    }
    {
        let (root, state) = (root.to_path_buf(), Arc::clone(&state));
        std::thread::spawn(move || {
            while rx.recv().is_ok() {
                // Let a burst of changes (an editor saving, a folder copied) settle first.
                while rx.recv_timeout(Duration::from_millis(200)).is_ok() {}
                rebuild(&root, audience, as_of, &state);
            }
        });
    }

    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| OkoError::Usage(format!("не удалось открыть порт {port}: {e}")))?;
    let address = server
        .server_addr()
        .to_ip()
        .map(|a| a.to_string())
        .unwrap_or_else(|| format!("127.0.0.1:{port}"));
    eprintln!("Сайт: http://{address}/ (остановить — Ctrl+C)");
    for request in server.incoming_requests() {
        let (status, kind, body) = respond(&state, request.url());
        let mut response = Response::from_data(body).with_status_code(status);
        if let Ok(h) = Header::from_bytes(&b"Content-Type"[..], kind.as_bytes()) {
            response = response.with_header(h);
        }
        let _ = request.respond(response);
    }
    drop(watcher);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_site_files() {
        assert_eq!(site_path("/"), "index.html");
        assert_eq!(site_path("/schools/"), "schools/index.html");
        assert_eq!(site_path("/static/style.css?v=2"), "static/style.css");
        assert_eq!(site_path("/search/index.html?q=лицей"), "search/index.html");
    }

    #[test]
    fn pages_get_the_reload_script_and_errors_replace_the_site() {
        let state = RwLock::new(State::default());
        state.write().expect("lock").files.insert(
            "index.html".into(),
            b"<html><body>hi</body></html>".to_vec(),
        );
        let (status, kind, body) = respond(&state, "/");
        assert_eq!((status, kind), (200, "text/html; charset=utf-8"));
        assert!(
            String::from_utf8(body)
                .expect("utf-8")
                .contains("/__oko/version")
        );
        assert_eq!(respond(&state, "/nowhere/").0, 404);
        state.write().expect("lock").error = Some("ошибка: <строка 3>".into());
        let (status, _, body) = respond(&state, "/");
        assert_eq!(status, 500);
        assert!(
            String::from_utf8(body)
                .expect("utf-8")
                .contains("&lt;строка 3&gt;")
        );
    }
}
