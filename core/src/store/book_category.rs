//! The reading corner's categories (分类): a new store starts with eight (migration
//! V10); staff add, rename and remove them (a category still in use cannot be removed),
//! on the kiosk (图书 › 分类) or with `book category …`.

use super::book::{BookCategory, CATEGORY_MAX_CHARS, CategoryId, NewBook, UNCATEGORISED, bad_text};
use super::{Error, Result, Store, audit};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// A category with how many books are filed under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryUse {
    pub category: BookCategory,
    pub books: usize,
}

/// A name staff may give a category: trimmed, 1–12 characters, not 未分类.
pub(super) fn clean_category(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name == UNCATEGORISED || bad_text(name) {
        return Err(Error::Invalid(format!(
            "分类名“{name}”不能用 (bad category name)"
        )));
    }
    if name.chars().count() > CATEGORY_MAX_CHARS {
        return Err(Error::Invalid(format!(
            "分类名太长，最多 {CATEGORY_MAX_CHARS} 个字 (category name too long)"
        )));
    }
    crate::fonts::check_showable(name, "分类名", "category name")?;
    Ok(name.to_string())
}

fn exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM book_category WHERE name = ?1)",
        [name],
        |r| r.get(0),
    )?)
}

/// Adds `name` at the end of the list, in `conn`'s transaction.
pub(super) fn add_in(conn: &Connection, name: &str) -> Result<CategoryId> {
    if exists(conn, name)? {
        return Err(Error::Invalid(format!(
            "已经有“{name}”这个分类了 (category exists)"
        )));
    }
    conn.execute(
        "INSERT INTO book_category (name, position)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM book_category))",
        [name],
    )?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    /// The categories in display order.
    pub fn book_categories(&self) -> Result<Vec<BookCategory>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name, position FROM book_category ORDER BY position, id")?;
        let rows = stmt.query_map([], |r| {
            Ok(BookCategory {
                id: r.get(0)?,
                name: r.get(1)?,
                position: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The categories in display order, each with its number of books (图书 › 分类).
    pub fn book_categories_in_use(&self) -> Result<Vec<CategoryUse>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, c.name, c.position, count(b.id) FROM book_category c
             LEFT JOIN book b ON b.category_id = c.id
             GROUP BY c.id ORDER BY c.position, c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CategoryUse {
                category: BookCategory {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    position: r.get(2)?,
                },
                books: r.get::<_, i64>(3)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn book_category_add(&mut self, name: &str, now: DateTime<Utc>) -> Result<CategoryId> {
        self.book_category_add_by(name, now, "kiosk")
    }

    /// Adds a category at the end of the list; an existing name is refused.
    pub fn book_category_add_by(
        &mut self,
        name: &str,
        _now: DateTime<Utc>,
        actor: &str,
    ) -> Result<CategoryId> {
        let name = clean_category(name)?;
        let tx = self.write()?;
        let id = add_in(&tx, &name)?;
        audit::log(&tx, actor, "book.category_add", &name)?;
        tx.commit()?;
        Ok(id)
    }

    /// Renames a category; its books follow. Another category's name is refused.
    pub fn book_category_rename(&mut self, id: CategoryId, name: &str, actor: &str) -> Result<()> {
        let name = clean_category(name)?;
        let tx = self.write()?;
        let old: String = tx
            .query_row("SELECT name FROM book_category WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::Invalid(format!("没有分类 {id} (no such category)")))?;
        if old == name {
            return Ok(());
        }
        if exists(&tx, &name)? {
            return Err(Error::Invalid(format!(
                "已经有“{name}”这个分类了 (category exists)"
            )));
        }
        tx.execute(
            "UPDATE book_category SET name = ?2 WHERE id = ?1",
            params![id, name],
        )?;
        audit::log(
            &tx,
            actor,
            "book.category_rename",
            &format!("{old} → {name}"),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a category no book is filed under; one in use is refused with its count.
    pub fn book_category_remove(&mut self, id: CategoryId, actor: &str) -> Result<String> {
        let tx = self.write()?;
        let (name, books): (String, i64) = tx
            .query_row(
                "SELECT c.name, (SELECT count(*) FROM book b WHERE b.category_id = c.id)
                 FROM book_category c WHERE c.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::Invalid(format!("没有分类 {id} (no such category)")))?;
        if books > 0 {
            return Err(Error::Invalid(format!(
                "“{name}”下面还有 {books} 种书，先把它们改到别的分类 (category in use)"
            )));
        }
        tx.execute("DELETE FROM book_category WHERE id = ?1", [id])?;
        audit::log(&tx, actor, "book.category_remove", &name)?;
        tx.commit()?;
        Ok(name)
    }

    /// The category names `books` use that the store does not have yet, in the order
    /// they first appear (what `book import --create-categories` would make).
    pub fn missing_categories(&self, books: &[NewBook]) -> Result<Vec<String>> {
        let mut missing: Vec<String> = Vec::new();
        for name in books.iter().filter_map(|b| b.category.as_deref()) {
            let name = name.trim();
            if name.is_empty() || name == UNCATEGORISED || missing.iter().any(|m| m == name) {
                continue;
            }
            if !exists(self.conn(), name)? {
                missing.push(name.to_string());
            }
        }
        Ok(missing)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::NewBook;
    use crate::store::testing::temp_store;
    use chrono::Utc;

    #[test]
    fn a_new_store_has_categories_to_rename_and_remove_while_unused() {
        let (_dir, mut store) = temp_store();
        let names: Vec<String> = store
            .book_categories()
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(
            names,
            [
                "党建工会",
                "法律维权",
                "健康急救",
                "交通安全",
                "生活技能",
                "文学小说",
                "少儿读物",
                "期刊杂志"
            ]
        );
        let id = store
            .book_category_add_by("菜谱", Utc::now(), "test")
            .unwrap();
        assert!(
            store
                .book_category_add_by(" 菜谱 ", Utc::now(), "test")
                .is_err()
        );
        store.book_category_rename(id, "家常菜谱", "test").unwrap();
        assert!(
            store.book_category_rename(id, "文学小说", "test").is_err(),
            "taken"
        );
        assert!(store.book_category_rename(id, "未分类", "test").is_err());
        store
            .book_add(
                &NewBook {
                    title: "家常菜".into(),
                    category: Some("家常菜谱".into()),
                    ..NewBook::default()
                },
                Utc::now(),
            )
            .unwrap();
        let in_use = store.book_categories_in_use().unwrap();
        let cookery = in_use.iter().find(|c| c.category.id == id).unwrap();
        assert_eq!(
            (cookery.category.name.as_str(), cookery.books),
            ("家常菜谱", 1)
        );
        let err = store
            .book_category_remove(id, "test")
            .unwrap_err()
            .to_string();
        assert!(err.contains("还有 1 种书"), "{err}");
        let unused = in_use.iter().find(|c| c.books == 0).unwrap().category.id;
        assert_eq!(
            store.book_category_remove(unused, "test").unwrap(),
            "党建工会"
        );
        assert_eq!(store.book_categories().unwrap().len(), 8);
    }

    #[test]
    fn missing_categories_are_listed_once_in_file_order() {
        let (_dir, store) = temp_store();
        let book = |c: &str| NewBook {
            title: "书".into(),
            category: Some(c.into()),
            ..NewBook::default()
        };
        let books = [
            book("菜谱"),
            book("文学小说"),
            book(" 菜谱"),
            book("园艺"),
            book(""),
        ];
        assert_eq!(store.missing_categories(&books).unwrap(), ["菜谱", "园艺"]);
    }
}
