//! Lending on trust (借走这本 / 还书): a loan records a surname and the last four digits
//! of a phone, erased 90 days after the book comes back; the loan itself stays for the
//! statistics. Copies out never exceed copies; copies never go below zero.

use super::book::{BookId, open_loans, title_of};
use super::{Error, Record, Result, Store, audit, parse_ts, ts};
use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, TimeZone, Utc};
use rusqlite::{OptionalExtension, params};

/// A loan's surname and phone tail are erased this many days after it closes.
pub const ERASE_LOANS_AFTER_DAYS: i64 = 90;
/// "大家都在看": loans counted over this many days.
pub const POPULAR_DAYS: i64 = 90;

const KIOSK: &str = "kiosk";
const HOUSEKEEPING_ACTOR: &str = "housekeeping";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loan {
    pub id: i64,
    pub book_id: BookId,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnOutcome {
    Returned {
        loan: i64,
        title: String,
        overdue_days: u32,
        /// Where the book goes back (`E 架第 2 层`; empty when staff gave no place).
        shelf: String,
    },
    /// No open loan of this book with those digits: recorded as a visitor's 入架 for staff.
    Shelved { visitor_return: i64 },
}

/// Staff only: the identity is shown only on staff pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanOut {
    pub id: i64,
    pub book_id: BookId,
    pub title: String,
    pub surname: String,
    pub phone_tail: String,
    pub lent: DateTime<Utc>,
    pub due: NaiveDate,
    pub overdue_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitorReturn {
    pub id: i64,
    pub book_id: BookId,
    pub title: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BookStats {
    pub lent_this_month: u32,
    /// The ten most borrowed books of all time (title, loans), most first.
    pub top10: Vec<(String, u32)>,
    pub overdue: Vec<LoanOut>,
}

/// The local date of `at` (the station's clock).
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}

fn overdue_days(due: NaiveDate, now: DateTime<Utc>) -> u32 {
    (local_date(now) - due).num_days().max(0) as u32
}

/// Checks a borrower's surname (1–4 characters, no digits or symbols) and phone tail
/// (exactly 4 digits); returns them trimmed.
pub fn validate_borrower(surname: &str, phone_tail: &str) -> Result<(String, String)> {
    let surname = surname.trim();
    let n = surname.chars().count();
    if n == 0 || n > 4 || !surname.chars().all(char::is_alphabetic) {
        return Err(Error::Invalid(
            "请填写姓氏（1 到 4 个字）(surname: 1-4 letters)".into(),
        ));
    }
    let tail = phone_tail.trim();
    if tail.len() != 4 || !tail.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::Invalid(
            "请填写手机号的后 4 位数字 (last 4 digits of a phone)".into(),
        ));
    }
    Ok((surname.to_string(), tail.to_string()))
}

fn loan_out_row(r: &rusqlite::Row, now: DateTime<Utc>) -> rusqlite::Result<LoanOut> {
    let lent: String = r.get(5)?;
    let due: String = r.get(6)?;
    let due = NaiveDate::parse_from_str(&due, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(LoanOut {
        id: r.get(0)?,
        book_id: r.get(1)?,
        title: r.get(2)?,
        surname: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        phone_tail: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        lent: parse_ts(&lent)?,
        due,
        overdue_days: overdue_days(due, now),
    })
}

impl Store {
    /// Lends a copy on trust, due `due_days` after today. Refused when every copy is out.
    pub fn book_lend(
        &mut self,
        id: BookId,
        surname: &str,
        phone_tail: &str,
        now: DateTime<Utc>,
        due_days: u32,
    ) -> Result<Loan> {
        let (surname, tail) = validate_borrower(surname, phone_tail)?;
        let tx = self.write()?;
        let title = title_of(&tx, id)?;
        let copies: u32 =
            tx.query_row("SELECT copies FROM book WHERE id = ?1", [id], |r| r.get(0))?;
        if open_loans(&tx, id)? >= copies {
            return Err(Error::Invalid(format!(
                "《{title}》都借出去了，暂时没有在架的 (no copy on the shelf)"
            )));
        }
        let due = local_date(now) + Duration::days(i64::from(due_days.max(1)));
        tx.execute(
            "INSERT INTO loan (book_id, surname, phone_tail, lent_at, due)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                surname,
                tail,
                ts(now),
                due.format("%Y-%m-%d").to_string()
            ],
        )?;
        let loan = tx.last_insert_rowid();
        audit::log(&tx, KIOSK, "loan.lend", &format!("#{loan} 《{title}》"))?;
        tx.commit()?;
        Ok(Loan {
            id: loan,
            book_id: id,
            due,
        })
    }

    /// Returns a copy: the open loan of this book with these digits (the oldest if
    /// several) is closed; without one, the book is recorded as put back by a visitor
    /// (入架) for staff to confirm — never refused.
    pub fn book_return(
        &mut self,
        id: BookId,
        phone_tail: &str,
        now: DateTime<Utc>,
    ) -> Result<ReturnOutcome> {
        let tail = phone_tail.trim();
        if tail.len() != 4 || !tail.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::Invalid(
                "请填写借书时留的手机号后 4 位 (last 4 digits of a phone)".into(),
            ));
        }
        let tx = self.write()?;
        let title = title_of(&tx, id)?;
        let open: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, due FROM loan WHERE book_id = ?1 AND phone_tail = ?2
                   AND closed_at IS NULL ORDER BY lent_at, id LIMIT 1",
                params![id, tail],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let outcome = match open {
            Some((loan, due)) => {
                tx.execute(
                    "UPDATE loan SET closed_at = ?2, outcome = 'returned' WHERE id = ?1",
                    params![loan, ts(now)],
                )?;
                audit::log(&tx, KIOSK, "loan.return", &format!("#{loan} 《{title}》"))?;
                let due = NaiveDate::parse_from_str(&due, "%Y-%m-%d").unwrap_or(local_date(now));
                let shelf: String =
                    tx.query_row("SELECT shelf FROM book WHERE id = ?1", [id], |r| r.get(0))?;
                ReturnOutcome::Returned {
                    loan,
                    title,
                    overdue_days: overdue_days(due, now),
                    shelf,
                }
            }
            None => {
                tx.execute(
                    "INSERT INTO visitor_return (book_id, at) VALUES (?1, ?2)",
                    params![id, ts(now)],
                )?;
                let visitor_return = tx.last_insert_rowid();
                audit::log(
                    &tx,
                    KIOSK,
                    "loan.visitor_return",
                    &format!("#{visitor_return} 《{title}》"),
                )?;
                ReturnOutcome::Shelved { visitor_return }
            }
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// Loans not yet returned, overdue first (most overdue first), then by due date.
    pub fn loans_out(&self, now: DateTime<Utc>) -> Result<Vec<LoanOut>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT l.id, l.book_id, b.title, l.surname, l.phone_tail, l.lent_at, l.due
             FROM loan l JOIN book b ON b.id = l.book_id
             WHERE l.closed_at IS NULL ORDER BY l.due, l.lent_at, l.id",
        )?;
        let rows = stmt.query_map([], |r| loan_out_row(r, now))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn loan_mark_returned(&mut self, loan: i64, now: DateTime<Utc>) -> Result<()> {
        self.loan_close(loan, now, "returned", "staff")
    }

    /// The copy is gone: the loan closes as lost and the book has one copy fewer
    /// (never below zero).
    pub fn loan_mark_lost(&mut self, loan: i64, now: DateTime<Utc>) -> Result<()> {
        self.loan_close(loan, now, "lost", "staff")
    }

    /// Closes an open loan as `outcome` ('returned' or 'lost'), as `actor`.
    pub fn loan_close(
        &mut self,
        loan: i64,
        now: DateTime<Utc>,
        outcome: &str,
        actor: &str,
    ) -> Result<()> {
        let tx = self.write()?;
        let found: Option<(BookId, bool)> = tx
            .query_row(
                "SELECT book_id, closed_at IS NULL FROM loan WHERE id = ?1",
                [loan],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((book, open)) = found else {
            return Err(Error::not_found(Record::Loan, format!("#{loan}")));
        };
        if !open {
            return Err(Error::Invalid(format!(
                "借阅记录 #{loan} 已经结束了 (loan already closed)"
            )));
        }
        let title = title_of(&tx, book)?;
        tx.execute(
            "UPDATE loan SET closed_at = ?2, outcome = ?3 WHERE id = ?1",
            params![loan, ts(now), outcome],
        )?;
        if outcome == "lost" {
            tx.execute(
                "UPDATE book SET copies = max(copies - 1, 0), updated_at = ?2 WHERE id = ?1",
                params![book, ts(now)],
            )?;
        }
        audit::log(
            &tx,
            actor,
            &format!("loan.{outcome}"),
            &format!("#{loan} 《{title}》"),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Books visitors put back that were never lent here, oldest first, not yet confirmed.
    pub fn visitor_returns(&self) -> Result<Vec<VisitorReturn>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.id, v.book_id, b.title, v.at FROM visitor_return v
             JOIN book b ON b.id = v.book_id
             WHERE v.confirmed_at IS NULL ORDER BY v.at, v.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(VisitorReturn {
                id: r.get(0)?,
                book_id: r.get(1)?,
                title: r.get(2)?,
                at: parse_ts(&r.get::<_, String>(3)?)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Staff found the visitor's copy on the shelf: the book has one copy more.
    pub fn visitor_return_confirm(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        let tx = self.write()?;
        let found: Option<(BookId, bool)> = tx
            .query_row(
                "SELECT book_id, confirmed_at IS NULL FROM visitor_return WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((book, open)) = found else {
            return Err(Error::not_found(Record::VisitorReturn, format!("#{id}")));
        };
        if !open {
            return Err(Error::Invalid(format!(
                "入架记录 #{id} 已经确认过了 (already confirmed)"
            )));
        }
        let title = title_of(&tx, book)?;
        let copies: u32 = tx.query_row("SELECT copies FROM book WHERE id = ?1", [book], |r| {
            r.get(0)
        })?;
        if copies >= super::book::BOOK_MAX_COPIES {
            return Err(Error::Invalid("数量已到上限 (too many copies)".into()));
        }
        tx.execute(
            "UPDATE visitor_return SET confirmed_at = ?2 WHERE id = ?1",
            params![id, ts(now)],
        )?;
        tx.execute(
            "UPDATE book SET copies = copies + 1, updated_at = ?2 WHERE id = ?1",
            params![book, ts(now)],
        )?;
        audit::log(
            &tx,
            "staff",
            "loan.visitor_return_confirm",
            &format!("#{id} 《{title}》"),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Loans this month (local), the ten most borrowed books, the overdue loans.
    pub fn book_stats(&self, now: DateTime<Utc>) -> Result<BookStats> {
        let today = local_date(now);
        let month_start = today.with_day(1).unwrap_or(today);
        let from = Local
            .from_local_datetime(&month_start.and_hms_opt(0, 0, 0).unwrap_or_default())
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(now);
        let conn = self.conn();
        let lent_this_month: u32 = conn.query_row(
            "SELECT count(*) FROM loan WHERE lent_at >= ?1 AND lent_at <= ?2",
            params![ts(from), ts(now)],
            |r| r.get(0),
        )?;
        let mut stmt = conn.prepare_cached(
            "SELECT b.title, count(*) AS n FROM loan l JOIN book b ON b.id = l.book_id
             GROUP BY l.book_id ORDER BY n DESC, b.title_py, b.id LIMIT 10",
        )?;
        let top10 = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let overdue = self
            .loans_out(now)?
            .into_iter()
            .filter(|l| l.overdue_days > 0)
            .collect();
        Ok(BookStats {
            lent_this_month,
            top10,
            overdue,
        })
    }

    /// The daily task (also run at start): erase the surname and phone tail of loans
    /// closed more than 90 days ago. Returns how many; audited when non-zero.
    pub fn loan_housekeeping(&mut self, now: DateTime<Utc>) -> Result<usize> {
        let before = ts(now - Duration::days(ERASE_LOANS_AFTER_DAYS));
        let tx = self.write()?;
        let erased = tx.execute(
            "UPDATE loan SET surname = NULL, phone_tail = NULL
             WHERE closed_at IS NOT NULL AND closed_at < ?1 AND surname IS NOT NULL",
            [&before],
        )?;
        if erased > 0 {
            audit::log(
                &tx,
                HOUSEKEEPING_ACTOR,
                "loan.housekeeping",
                &format!("删除 {erased} 条借阅的姓氏和手机尾号"),
            )?;
        }
        tx.commit()?;
        Ok(erased)
    }
}

#[cfg(test)]
#[path = "loan_tests.rs"]
mod tests;
