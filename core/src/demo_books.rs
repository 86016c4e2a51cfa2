//! The demo station's reading corner: `data/demo_books.toml`, compiled in, placed
//! relative to today (books added, loans out with one overdue, loans returned for
//! 大家都在看, a visitor's return for staff to confirm).

use crate::store::{BookSeed, NewBook, SeedLoan};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::Deserialize;

const DEMO_BOOKS: &str = include_str!("../../data/demo_books.toml");
/// Demo loans are due this many days after they were lent (the kiosk's default).
pub(crate) const DEMO_LOAN_DAYS: u32 = 30;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoBooks {
    categories: Vec<String>,
    book: Vec<DemoBook>,
    loan: Vec<DemoLoan>,
    visitor_return: Vec<DemoVisit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoBook {
    title: String,
    author: String,
    publisher: Option<String>,
    year: Option<i32>,
    isbn: Option<String>,
    category: String,
    shelf: String,
    copies: u32,
    days_ago: i64,
    summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoLoan {
    title: String,
    surname: String,
    phone_tail: String,
    days_ago: i64,
    returned_days_ago: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoVisit {
    title: String,
    days_ago: i64,
}

/// The demo reading corner as of `now`.
pub fn seed<Tz: TimeZone>(now: &DateTime<Tz>) -> crate::store::Result<BookSeed> {
    let file: DemoBooks =
        toml::from_str(DEMO_BOOKS).map_err(|e| format!("data/demo_books.toml: {e}"))?;
    let now = now.with_timezone(&Utc);
    // Spread within the day so the same day's events keep their order.
    let ago = |days: i64, k: usize| now - Duration::days(days) - Duration::minutes(7 + k as i64);
    let index = |title: &str| {
        file.book
            .iter()
            .position(|b| b.title == title)
            .ok_or_else(|| format!("data/demo_books.toml: no book 《{title}》"))
    };
    let books = file
        .book
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let book = NewBook {
                title: b.title.clone(),
                author: b.author.clone(),
                publisher: b.publisher.clone(),
                year: b.year,
                isbn: b.isbn.clone(),
                category: Some(b.category.clone()),
                shelf: b.shelf.clone(),
                copies: b.copies,
                summary: b.summary.clone(),
            };
            (book, ago(b.days_ago, k))
        })
        .collect();
    let mut loans = Vec::new();
    for (k, l) in file.loan.iter().enumerate() {
        if l.returned_days_ago.is_some_and(|r| r >= l.days_ago) {
            return Err(format!(
                "data/demo_books.toml: 《{}》 returned before it was lent",
                l.title
            )
            .into());
        }
        loans.push(SeedLoan {
            book: index(&l.title)?,
            surname: l.surname.clone(),
            phone_tail: l.phone_tail.clone(),
            lent: ago(l.days_ago, k),
            due_days: DEMO_LOAN_DAYS,
            returned: l.returned_days_ago.map(|r| ago(r, k)),
        });
    }
    let visitor_returns = file
        .visitor_return
        .iter()
        .enumerate()
        .map(|(k, v)| Ok((index(&v.title)?, ago(v.days_ago, k))))
        .collect::<crate::store::Result<_>>()?;
    Ok(BookSeed {
        categories: file.categories,
        books,
        loans,
        visitor_returns,
    })
}
