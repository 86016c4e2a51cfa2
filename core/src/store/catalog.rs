//! What `crate::books::Catalog` reads: every book's searchable fields and counts, by
//! id, streamed row by row (no `Vec<Book>` of 100k summaries).

use super::book::{BookId, CategoryId};
use super::loan::{POPULAR_DAYS, local_date};
use super::{Result, Store, ts};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashMap;

/// One book as the catalogue needs it (borrowed from the row being read).
#[derive(Debug)]
pub struct CatalogRow<'a> {
    pub id: BookId,
    pub title: &'a str,
    pub author: &'a str,
    pub title_py: &'a str,
    pub title_initials: &'a str,
    pub author_py: &'a str,
    pub author_initials: &'a str,
    pub isbn: Option<&'a str>,
    pub category_id: Option<CategoryId>,
    pub copies: u32,
    /// Open loans.
    pub out: u32,
    /// Loans in the last 90 days.
    pub borrows: u32,
    /// File name under the covers directory.
    pub cover: Option<&'a str>,
    pub added: NaiveDate,
}

impl Store {
    /// Calls `f` with every book in id order. Returns the number
    /// of overdue loans.
    pub fn catalog_rows(
        &self,
        now: DateTime<Utc>,
        mut f: impl FnMut(CatalogRow<'_>),
    ) -> Result<u32> {
        let conn = self.conn();
        let mut out: HashMap<BookId, u32> = HashMap::new();
        {
            let mut stmt = conn.prepare_cached(
                "SELECT book_id, count(*) FROM loan WHERE closed_at IS NULL GROUP BY book_id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                out.insert(r.get(0)?, r.get(1)?);
            }
        }
        let mut borrows: HashMap<BookId, u32> = HashMap::new();
        {
            let mut stmt = conn.prepare_cached(
                "SELECT book_id, count(*) FROM loan WHERE lent_at >= ?1 GROUP BY book_id",
            )?;
            let mut rows = stmt.query([ts(now - Duration::days(POPULAR_DAYS))])?;
            while let Some(r) = rows.next()? {
                borrows.insert(r.get(0)?, r.get(1)?);
            }
        }
        let today = local_date(now).format("%Y-%m-%d").to_string();
        let overdue: u32 = conn.query_row(
            "SELECT count(*) FROM loan WHERE closed_at IS NULL AND due < ?1",
            [today],
            |r| r.get(0),
        )?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, title, author, title_py, title_initials, author_py, author_initials,
                    isbn, category_id, copies, cover, added_at
             FROM book ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: BookId = r.get(0)?;
            let added = super::parse_ts(text(r, 11)?)?;
            f(CatalogRow {
                id,
                title: text(r, 1)?,
                author: text(r, 2)?,
                title_py: text(r, 3)?,
                title_initials: text(r, 4)?,
                author_py: text(r, 5)?,
                author_initials: text(r, 6)?,
                isbn: text_or_null(r, 7)?,
                category_id: r.get(8)?,
                copies: r.get(9)?,
                out: out.get(&id).copied().unwrap_or(0),
                borrows: borrows.get(&id).copied().unwrap_or(0),
                cover: text_or_null(r, 10)?,
                added: local_date(added),
            });
        }
        Ok(overdue)
    }
}

fn text<'a>(r: &'a rusqlite::Row, i: usize) -> rusqlite::Result<&'a str> {
    Ok(r.get_ref(i)?.as_str()?)
}

fn text_or_null<'a>(r: &'a rusqlite::Row, i: usize) -> rusqlite::Result<Option<&'a str>> {
    Ok(r.get_ref(i)?.as_str_or_null()?)
}
