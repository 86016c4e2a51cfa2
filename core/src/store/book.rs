//! Books of the reading corner (阅读角) and their staff-managed categories. Loans are in
//! `loan.rs`; the in-memory catalogue and its search in `crate::books`.

pub use super::book_import::ImportSummary;
pub use super::isbn::normalize_isbn;
use super::{Error, Record, Result, Store, audit, ts};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, ToSql, params_from_iter};
use std::path::{Path, PathBuf};

pub type BookId = i64;
pub type CategoryId = i64;

/// What a book without a category is filed under.
pub const UNCATEGORISED: &str = "未分类";
/// Where covers live, inside the data directory.
pub const COVERS_DIR: &str = "covers";
/// Covers are stored at most this tall (and 2/3 of it wide): what the screen needs.
pub const COVER_MAX_HEIGHT: u32 = 480;
pub const BOOK_TITLE_MAX_CHARS: usize = 80;
pub const BOOK_TEXT_MAX_CHARS: usize = 40;
pub const BOOK_SUMMARY_MAX_CHARS: usize = 1000;
pub const BOOK_MAX_COPIES: u32 = 999;
pub const CATEGORY_MAX_CHARS: usize = 12;

/// Who the audit log names for changes made through the plain (kiosk) methods.
const KIOSK: &str = "kiosk";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookCategory {
    pub id: CategoryId,
    pub name: String,
    pub position: i64,
}

/// A book to write: added, or (with `book_set`) the whole record replaced.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewBook {
    pub title: String,
    pub author: String,
    pub publisher: Option<String>,
    pub year: Option<i32>,
    /// As typed: ISBN-10 or -13, hyphens and spaces allowed.
    pub isbn: Option<String>,
    /// A category NAME; it must exist (None = 未分类).
    pub category: Option<String>,
    pub shelf: String,
    pub copies: u32,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    pub id: BookId,
    pub title: String,
    pub author: String,
    pub publisher: Option<String>,
    pub year: Option<i32>,
    /// Always 13 digits once stored.
    pub isbn: Option<String>,
    pub category_id: Option<CategoryId>,
    /// "未分类" when none.
    pub category: String,
    pub shelf: String,
    pub copies: u32,
    /// Open loans; `copies - out` are on the shelf (在架).
    pub out: u32,
    pub summary: String,
    /// Absolute path of the stored, scaled cover.
    pub cover: Option<PathBuf>,
    pub added: NaiveDate,
}

impl Book {
    /// Copies on the shelf (在架).
    pub fn in_shelf(&self) -> u32 {
        self.copies.saturating_sub(self.out)
    }
}

pub(super) fn bad_text(text: &str) -> bool {
    text.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
    })
}

/// A book checked and tidied for writing: trimmed text, ISBN as 13 digits.
pub(crate) struct Checked {
    title: String,
    author: String,
    publisher: Option<String>,
    year: Option<i32>,
    pub(crate) isbn: Option<String>,
    category_id: Option<CategoryId>,
    shelf: String,
    pub(crate) copies: u32,
    summary: String,
}

pub(crate) fn check(conn: &Connection, book: &NewBook) -> Result<Checked> {
    let title = book.title.trim().to_string();
    if title.is_empty() {
        return Err(Error::Invalid("书名不能为空 (title is empty)".into()));
    }
    let line = |name: &str, text: &str, max: usize| -> Result<()> {
        if bad_text(text) {
            return Err(Error::Invalid(format!(
                "{name}里有不能显示的字符或换行 ({name}: control characters)"
            )));
        }
        if text.chars().count() > max {
            return Err(Error::Invalid(format!(
                "{name}太长，最多 {max} 个字 ({name}: too long)"
            )));
        }
        Ok(())
    };
    line("书名", &title, BOOK_TITLE_MAX_CHARS)?;
    let author = book.author.trim().to_string();
    line("作者", &author, BOOK_TEXT_MAX_CHARS)?;
    let publisher = book
        .publisher
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    if let Some(p) = &publisher {
        line("出版社", p, BOOK_TEXT_MAX_CHARS)?;
    }
    let shelf = book.shelf.trim().to_string();
    line("位置", &shelf, BOOK_TEXT_MAX_CHARS)?;
    let summary = book.summary.trim().to_string();
    if summary
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Error::Invalid(
            "简介里有不能显示的字符 (summary: control characters)".into(),
        ));
    }
    if summary.chars().count() > BOOK_SUMMARY_MAX_CHARS {
        return Err(Error::Invalid(format!(
            "简介太长，最多 {BOOK_SUMMARY_MAX_CHARS} 个字 (summary too long)"
        )));
    }
    if let Some(y) = book.year
        && !(1000..=2200).contains(&y)
    {
        return Err(Error::Invalid(format!("年份 {y} 不对 (bad year)")));
    }
    if book.copies > BOOK_MAX_COPIES {
        return Err(Error::Invalid(format!(
            "数量最多 {BOOK_MAX_COPIES} 本 (too many copies)"
        )));
    }
    let isbn = match book.isbn.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(normalize_isbn(raw)?),
    };
    let category_id = match book.category.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(UNCATEGORISED) => None,
        Some(name) => Some(category_id(conn, name)?),
    };
    Ok(Checked {
        title,
        author,
        publisher,
        year: book.year,
        isbn,
        category_id,
        shelf,
        copies: book.copies,
        summary,
    })
}

fn category_id(conn: &Connection, name: &str) -> Result<CategoryId> {
    conn.query_row(
        "SELECT id FROM book_category WHERE name = ?1",
        [name],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        Error::Invalid(format!(
            "没有“{name}”这个分类，请先添加分类 (no such category)"
        ))
    })
}

const BOOK_COLUMNS: &str = "b.id, b.title, b.author, b.publisher, b.year, b.isbn, b.category_id,
    coalesce(c.name, '未分类'), b.shelf, b.copies,
    (SELECT count(*) FROM loan l WHERE l.book_id = b.id AND l.closed_at IS NULL),
    b.summary, b.cover, b.added_at";

fn book_from_row(r: &Row, covers: &Path) -> rusqlite::Result<Book> {
    let added: String = r.get(13)?;
    let added = super::parse_ts(&added)?
        .with_timezone(&chrono::Local)
        .date_naive();
    let cover: Option<String> = r.get(12)?;
    Ok(Book {
        id: r.get(0)?,
        title: r.get(1)?,
        author: r.get(2)?,
        publisher: r.get(3)?,
        year: r.get(4)?,
        isbn: r.get(5)?,
        category_id: r.get(6)?,
        category: r.get(7)?,
        shelf: r.get(8)?,
        copies: r.get(9)?,
        out: r.get(10)?,
        summary: r.get(11)?,
        cover: cover.map(|c| covers.join(c)),
        added,
    })
}

pub(crate) fn insert(tx: &Connection, b: &Checked, now: DateTime<Utc>) -> Result<BookId> {
    write(
        tx,
        "INSERT INTO book (title, author, publisher, year, isbn, category_id, shelf, copies,
            summary, title_py, title_initials, author_py, author_initials, added_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        b,
        now,
        None,
    )?;
    Ok(tx.last_insert_rowid())
}

/// Writes a checked book's columns with its pinyin search keys, as ?1–?14 of `sql` (the
/// time last), and `id` as ?15.
fn write(
    tx: &Connection,
    sql: &str,
    b: &Checked,
    now: DateTime<Utc>,
    id: Option<BookId>,
) -> Result<()> {
    let (title_py, title_initials) = crate::books::pinyin::of(&b.title);
    let (author_py, author_initials) = crate::books::pinyin::of(&b.author);
    let now = ts(now);
    let mut values: Vec<&dyn ToSql> = vec![
        &b.title,
        &b.author,
        &b.publisher,
        &b.year,
        &b.isbn,
        &b.category_id,
        &b.shelf,
        &b.copies,
        &b.summary,
        &title_py,
        &title_initials,
        &author_py,
        &author_initials,
        &now,
    ];
    if let Some(id) = &id {
        values.push(id);
    }
    tx.execute(sql, params_from_iter(values))?;
    Ok(())
}

pub(crate) fn id_by_isbn(conn: &Connection, isbn: &str) -> Result<Option<BookId>> {
    Ok(conn
        .query_row("SELECT id FROM book WHERE isbn = ?1", [isbn], |r| r.get(0))
        .optional()?)
}

pub(crate) fn open_loans(conn: &Connection, id: BookId) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM loan WHERE book_id = ?1 AND closed_at IS NULL",
        [id],
        |r| r.get(0),
    )?)
}

pub(crate) fn title_of(conn: &Connection, id: BookId) -> Result<String> {
    conn.query_row("SELECT title FROM book WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(Record::Book, format!("#{id}")))
}

impl Store {
    /// The directory covers are stored in: `covers/` next to the database.
    pub fn covers_dir(&self) -> PathBuf {
        self.conn
            .path()
            .map(Path::new)
            .and_then(Path::parent)
            .map(|d| d.join(COVERS_DIR))
            .unwrap_or_else(|| PathBuf::from(COVERS_DIR))
    }

    pub fn book_add(&mut self, book: &NewBook, now: DateTime<Utc>) -> Result<BookId> {
        self.book_add_by(book, now, KIOSK)
    }

    /// Adds a book; a book with the same ISBN is refused (staff add copies with `set`).
    pub fn book_add_by(
        &mut self,
        book: &NewBook,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<BookId> {
        let tx = self.write()?;
        let checked = check(&tx, book)?;
        if let Some(isbn) = &checked.isbn
            && let Some(other) = id_by_isbn(&tx, isbn)?
        {
            return Err(Error::Invalid(format!(
                "ISBN {isbn} 已经登记过了（图书 #{other}），要加本数请修改那本书 (ISBN already in the catalogue)"
            )));
        }
        let id = insert(&tx, &checked, now)?;
        audit::log(&tx, actor, "book.add", &format!("#{id} {}", checked.title))?;
        tx.commit()?;
        Ok(id)
    }

    pub fn book_set(&mut self, id: BookId, book: &NewBook, now: DateTime<Utc>) -> Result<()> {
        self.book_set_by(id, book, now, KIOSK)
    }

    /// Replaces the whole record (the cover stays). Copies may not drop below the
    /// copies out on loan.
    pub fn book_set_by(
        &mut self,
        id: BookId,
        book: &NewBook,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        let tx = self.write()?;
        title_of(&tx, id)?;
        let b = check(&tx, book)?;
        if let Some(isbn) = &b.isbn
            && let Some(other) = id_by_isbn(&tx, isbn)?.filter(|&o| o != id)
        {
            return Err(Error::Invalid(format!(
                "ISBN {isbn} 已经是图书 #{other} 的了 (ISBN belongs to another book)"
            )));
        }
        let out = open_loans(&tx, id)?;
        if b.copies < out {
            return Err(Error::Invalid(format!(
                "有 {out} 本借出未还，数量不能少于 {out} (copies below loans out)"
            )));
        }
        write(
            &tx,
            "UPDATE book SET title = ?1, author = ?2, publisher = ?3, year = ?4, isbn = ?5,
                category_id = ?6, shelf = ?7, copies = ?8, summary = ?9, title_py = ?10,
                title_initials = ?11, author_py = ?12, author_initials = ?13, updated_at = ?14
             WHERE id = ?15",
            &b,
            now,
            Some(id),
        )?;
        audit::log(&tx, actor, "book.set", &format!("#{id} {}", b.title))?;
        tx.commit()?;
        Ok(())
    }

    pub fn book_remove(&mut self, id: BookId, now: DateTime<Utc>) -> Result<()> {
        self.book_remove_by(id, now, KIOSK)
    }

    /// Removes a book and its loan history; refused while a copy is out.
    pub fn book_remove_by(&mut self, id: BookId, _now: DateTime<Utc>, actor: &str) -> Result<()> {
        let tx = self.write()?;
        let title = title_of(&tx, id)?;
        let out = open_loans(&tx, id)?;
        if out > 0 {
            return Err(Error::Invalid(format!(
                "《{title}》还有 {out} 本借出未还，不能删除 (copies are out on loan)"
            )));
        }
        let cover: Option<String> =
            tx.query_row("SELECT cover FROM book WHERE id = ?1", [id], |r| r.get(0))?;
        tx.execute("DELETE FROM book WHERE id = ?1", [id])?;
        audit::log(&tx, actor, "book.remove", &format!("#{id} {title}"))?;
        tx.commit()?;
        if let Some(cover) = cover {
            let _ = std::fs::remove_file(self.covers_dir().join(cover));
        }
        Ok(())
    }

    pub fn book(&self, id: BookId) -> Result<Book> {
        let covers = self.covers_dir();
        self.conn()
            .query_row(
                &format!(
                    "SELECT {BOOK_COLUMNS} FROM book b
                     LEFT JOIN book_category c ON c.id = b.category_id WHERE b.id = ?1"
                ),
                [id],
                |r| book_from_row(r, &covers),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(Record::Book, format!("#{id}")))
    }

    /// The book with this ISBN (any accepted spelling); an invalid ISBN is an error.
    pub fn book_by_isbn(&self, isbn: &str) -> Result<Option<Book>> {
        let isbn = normalize_isbn(isbn)?;
        match id_by_isbn(self.conn(), &isbn)? {
            Some(id) => Ok(Some(self.book(id)?)),
            None => Ok(None),
        }
    }

    /// Every book, by id (for `book list` and exports; the kiosk uses `Catalog`).
    pub fn books(&self) -> Result<Vec<Book>> {
        let covers = self.covers_dir();
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {BOOK_COLUMNS} FROM book b
             LEFT JOIN book_category c ON c.id = b.category_id ORDER BY b.id"
        ))?;
        let rows = stmt.query_map([], |r| book_from_row(r, &covers))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many books there are.
    pub fn books_count(&self) -> Result<usize> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM book", [], |r| r.get::<_, i64>(0))?
            as usize)
    }
}

#[cfg(test)]
#[path = "book_tests.rs"]
pub(crate) mod tests;
