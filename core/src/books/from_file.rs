//! A spreadsheet of books from a file into the store, as `book import` and the kiosk's
//! 图书 › 从U盘导入 both do it: read, check every row, then write all or none. And where
//! the kiosk looks for such files: the USB sticks mounted under `config.import_dirs`.

use super::import::{self, Sheet};
use crate::store::{Error, ImportOptions, ImportSummary, Store};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// How deep under a mount point the kiosk looks (`/media/station/STICK/图书/books.xlsx`).
const FIND_DEPTH: usize = 4;
/// At most this many files are offered.
pub const FIND_MAX: usize = 200;

/// What a file would add (or added).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// `XLSX`, `CSV GBK`, …
    pub format: String,
    pub rows: usize,
    pub summary: ImportSummary,
}

/// Reads `path` and imports it; with `options.dry_run` only checks and counts. A file
/// that cannot be read or has bad rows is `Ok(Err(sentences))` — every problem, with its
/// row number — and nothing is written; `Err` is the store failing.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    now: DateTime<Utc>,
    actor: &str,
    options: ImportOptions,
) -> crate::store::Result<Result<Imported, Vec<String>>> {
    let sheet = match import::read(path) {
        Ok(sheet) => sheet,
        Err(problems) => return Ok(Err(problems)),
    };
    let books: Vec<_> = sheet.rows.iter().map(|(_, b)| b.clone()).collect();
    match store.book_import_with(&books, now, actor, options) {
        Ok(summary) => Ok(Ok(Imported {
            format: sheet.format,
            rows: books.len(),
            summary,
        })),
        Err(errors) => Ok(Err(row_errors(&sheet, errors))),
    }
}

/// The store's errors for `sheet`'s rows as sentences: `第 3 行：…`.
pub fn row_errors(sheet: &Sheet, errors: Vec<(usize, Error)>) -> Vec<String> {
    super::bounds::listed(
        errors
            .into_iter()
            .map(|(i, e)| match sheet.rows.get(i.wrapping_sub(1)) {
                Some((line, _)) => format!("第 {line} 行：{e}"),
                None => e.to_string(),
            })
            .collect(),
    )
}

/// A spreadsheet found on a stick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Its name, and the folder it is in below the mount point, for the screen.
    pub name: String,
    pub folder: String,
    pub bytes: u64,
}

fn is_sheet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xls", "csv"].contains(&e.to_ascii_lowercase().as_str()))
}

/// The spreadsheets (.xlsx .csv, and .xls to be told to save it as .xlsx) under `roots`, newest first; hidden files
/// and folders (`.Trash-1000`) are skipped, symbolic links are not followed.
pub fn find_sheets(roots: &[PathBuf]) -> Vec<Found> {
    let mut found = Vec::new();
    for root in roots {
        walk(root, root, 0, &mut found);
    }
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.path.cmp(&b.0.path)));
    found.into_iter().take(FIND_MAX).map(|(f, _)| f).collect()
}

fn walk(root: &Path, dir: &Path, depth: usize, out: &mut Vec<(Found, std::time::SystemTime)>) {
    if depth > FIND_DEPTH || out.len() >= FIND_MAX * 4 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            walk(root, &path, depth + 1, out);
        } else if kind.is_file() && is_sheet(&path) {
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            let folder = path
                .parent()
                .and_then(|p| p.strip_prefix(root).ok())
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            let modified = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
            out.push((
                Found {
                    path,
                    name,
                    folder,
                    bytes: meta.len(),
                },
                modified,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::temp_store;

    #[test]
    fn sheets_are_found_on_a_stick_but_not_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        let stick = dir.path().join("station").join("KINGSTON");
        std::fs::create_dir_all(stick.join("图书")).unwrap();
        std::fs::create_dir_all(stick.join(".Trash-1000")).unwrap();
        std::fs::write(stick.join("图书").join("捐书.xlsx"), b"x").unwrap();
        std::fs::write(stick.join("名单.CSV"), b"x").unwrap();
        std::fs::write(stick.join("照片.jpg"), b"x").unwrap();
        std::fs::write(stick.join(".Trash-1000").join("old.csv"), b"x").unwrap();
        std::fs::write(stick.join(".~lock.csv"), b"x").unwrap();
        let found = find_sheets(&[dir.path().to_path_buf(), dir.path().join("missing")]);
        let mut names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["名单.CSV", "捐书.xlsx"]);
        let book = found.iter().find(|f| f.name == "捐书.xlsx").unwrap();
        assert_eq!(book.folder, "station/KINGSTON/图书");
    }

    #[test]
    fn a_file_is_previewed_then_imported_whole() {
        let (dir, mut store) = temp_store();
        let path = dir.path().join("books.csv");
        std::fs::write(&path, "书名,分类\n家常菜,菜谱\n骆驼祥子,文学小说\n").unwrap();
        let preview = ImportOptions {
            dry_run: true,
            create_categories: true,
        };
        let seen = import_file(&mut store, &path, Utc::now(), "test", preview)
            .unwrap()
            .unwrap();
        assert_eq!((seen.rows, seen.summary.added), (2, 2));
        assert_eq!(seen.summary.created, ["菜谱"]);
        assert!(
            store.books().unwrap().is_empty(),
            "a preview writes nothing"
        );
        let done = ImportOptions {
            dry_run: false,
            ..preview
        };
        import_file(&mut store, &path, Utc::now(), "test", done)
            .unwrap()
            .unwrap();
        assert_eq!(store.books().unwrap().len(), 2);
        std::fs::write(&path, "书名,数量\n好书,1\n坏书,三本\n").unwrap();
        let problems = import_file(&mut store, &path, Utc::now(), "test", done)
            .unwrap()
            .unwrap_err();
        assert!(
            problems.iter().any(|p| p.contains("第 3 行")),
            "{problems:?}"
        );
        assert_eq!(store.books().unwrap().len(), 2, "nothing more");
    }
}
