//! The demo station's reading corner, written inside `Store::seed`'s transaction.

use super::book::{self, NewBook};
use super::{Error, Result, ts};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, params};

/// A loan as it stands in the demo.
#[derive(Debug, Clone)]
pub struct SeedLoan {
    /// Index into [`BookSeed::books`].
    pub book: usize,
    pub surname: String,
    pub phone_tail: String,
    pub lent: DateTime<Utc>,
    pub due_days: u32,
    /// None: still out.
    pub returned: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default)]
pub struct BookSeed {
    /// Category names in display order.
    pub categories: Vec<String>,
    /// Books and when each was added.
    pub books: Vec<(NewBook, DateTime<Utc>)>,
    pub loans: Vec<SeedLoan>,
    /// Index into `books` and when a visitor put it back (入架, to confirm).
    pub visitor_returns: Vec<(usize, DateTime<Utc>)>,
}

pub(crate) fn write(tx: &Connection, seed: &BookSeed) -> Result<()> {
    for (i, name) in seed.categories.iter().enumerate() {
        tx.execute(
            // A new store starts with its categories (migration V10): the seed's
            // order wins, names it shares are kept.
            "INSERT INTO book_category (name, position) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET position = excluded.position",
            params![name, i as i64 + 1],
        )?;
    }
    let mut ids = Vec::with_capacity(seed.books.len());
    for (i, (b, added)) in seed.books.iter().enumerate() {
        let checked = book::check(tx, b).map_err(|e| match e {
            Error::Invalid(msg) => Error::Invalid(format!("第 {} 本书：{msg}", i + 1)),
            e => e,
        })?;
        ids.push(book::insert(tx, &checked, *added)?);
    }
    let id_of = |i: usize| {
        ids.get(i)
            .copied()
            .ok_or_else(|| Error::Invalid(format!("没有第 {} 本书 (no such demo book)", i + 1)))
    };
    for loan in &seed.loans {
        let id = id_of(loan.book)?;
        let due = super::local_date(loan.lent) + Duration::days(i64::from(loan.due_days));
        tx.execute(
            "INSERT INTO loan (book_id, surname, phone_tail, lent_at, due, closed_at, outcome)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, CASE WHEN ?6 IS NULL THEN NULL ELSE 'returned' END)",
            params![
                id,
                loan.surname,
                loan.phone_tail,
                ts(loan.lent),
                due.format("%Y-%m-%d").to_string(),
                loan.returned.map(ts)
            ],
        )?;
        let (copies, out): (u32, u32) = tx.query_row(
            "SELECT copies, (SELECT count(*) FROM loan WHERE book_id = ?1 AND closed_at IS NULL)
             FROM book WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if out > copies {
            return Err(Error::Invalid(format!(
                "演示借阅超过了第 {} 本书的本数 (demo loans exceed copies)",
                loan.book + 1
            )));
        }
    }
    for (book, at) in &seed.visitor_returns {
        tx.execute(
            "INSERT INTO visitor_return (book_id, at) VALUES (?1, ?2)",
            params![id_of(*book)?, ts(*at)],
        )?;
    }
    Ok(())
}
