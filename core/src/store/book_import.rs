//! `book import`'s store side: every row in one transaction, or none.

use super::book::{BOOK_MAX_COPIES, NewBook, check, id_by_isbn, insert};
use super::book_category::{add_in, clean_category};
use super::{Error, Result, Store, audit, ts};
use chrono::{DateTime, Utc};
use rusqlite::params;

/// What `book_import` did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// New books.
    pub added: usize,
    /// Rows whose ISBN was already in the store (or earlier in the file): copies added.
    pub merged: usize,
    /// Copies in all rows.
    pub copies: u64,
    /// Categories the file named that were made for it (with `create_categories`).
    pub created: Vec<String>,
}

/// How `book_import_with` imports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Check and count, then roll back.
    pub dry_run: bool,
    /// Make the categories the file names that the store does not have (in the same
    /// transaction); without it such a row is refused.
    pub create_categories: bool,
}

impl Store {
    /// Adds every book in one transaction, or none: the first bad row's error (with its
    /// 1-based position) is returned and nothing is written. A book whose ISBN is
    /// already in the store (or earlier in `books`) adds its copies to that book. With
    /// `dry_run` everything is checked and counted, then rolled back.
    pub fn book_import(
        &mut self,
        books: &[NewBook],
        now: DateTime<Utc>,
        actor: &str,
        dry_run: bool,
    ) -> std::result::Result<ImportSummary, Vec<(usize, Error)>> {
        let options = ImportOptions {
            dry_run,
            create_categories: false,
        };
        self.book_import_with(books, now, actor, options)
    }

    /// [`Store::book_import`], optionally making the categories the file names first.
    pub fn book_import_with(
        &mut self,
        books: &[NewBook],
        now: DateTime<Utc>,
        actor: &str,
        options: ImportOptions,
    ) -> std::result::Result<ImportSummary, Vec<(usize, Error)>> {
        let ImportOptions {
            dry_run,
            create_categories,
        } = options;
        let mut summary = ImportSummary::default();
        if create_categories {
            let missing = self.missing_categories(books).map_err(|e| vec![(0, e)])?;
            // Checked before the transaction starts, so a bad name is the file's error.
            for name in &missing {
                clean_category(name).map_err(|e| vec![(0, e)])?;
            }
            summary.created = missing;
        }
        let tx = self.write().map_err(|e| vec![(0, e)])?;
        for name in &summary.created {
            add_in(&tx, name).map_err(|e| vec![(0, e)])?;
        }
        let mut errors = Vec::new();
        for (i, book) in books.iter().enumerate() {
            let row = (|| -> Result<()> {
                let b = check(&tx, book)?;
                summary.copies += u64::from(b.copies);
                if let Some(isbn) = &b.isbn
                    && let Some(id) = id_by_isbn(&tx, isbn)?
                {
                    let copies: u32 =
                        tx.query_row("SELECT copies FROM book WHERE id = ?1", [id], |r| r.get(0))?;
                    if copies + b.copies > BOOK_MAX_COPIES {
                        return Err(Error::Invalid(format!(
                            "数量加起来超过 {BOOK_MAX_COPIES} 本 (too many copies)"
                        )));
                    }
                    tx.execute(
                        "UPDATE book SET copies = copies + ?2, updated_at = ?3 WHERE id = ?1",
                        params![id, b.copies, ts(now)],
                    )?;
                    summary.merged += 1;
                } else {
                    insert(&tx, &b, now)?;
                    summary.added += 1;
                }
                Ok(())
            })();
            if let Err(e) = row {
                errors.push((i + 1, e));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if dry_run {
            return Ok(summary);
        }
        audit::log(
            &tx,
            actor,
            "book.import",
            &format!(
                "新书 {} 种，合并 {} 行，共 {} 本{}",
                summary.added,
                summary.merged,
                summary.copies,
                if summary.created.is_empty() {
                    String::new()
                } else {
                    format!("，新建分类 {}", summary.created.join("、"))
                }
            ),
        )
        .and_then(|()| Ok(tx.commit()?))
        .map_err(|e| vec![(0, e)])?;
        Ok(summary)
    }
}
