//! The monthly report's figures (成效显) for any span of time, straight from the store:
//! counts only — no names, phone numbers or wish texts (a published 你说我办 reply is
//! public already and may be quoted). `crate::report` adds the month, the comparisons
//! and the text, CSV and PDF forms.
//!
//! Each thing counts in the span its own time falls in: a session by its start (one
//! crossing midnight counts on the day it started), a loan by its lending, a return by
//! its closing (a loan lent in October and returned in November is a November return), a
//! wish's steps each by its own time. Days and hours are the station's (`tz`).

use super::outage::{self, Outage};
use super::{Result, Store, UNCATEGORISED, parse_ts, ts};
use chrono::{DateTime, NaiveDate, TimeZone, Timelike, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

/// A name and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub name: String,
    pub n: i64,
}

/// A day and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    pub date: NaiveDate,
    pub n: i64,
}

/// Visits: the first touch after the kiosk was idle (screen sessions, not people).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Visits {
    pub total: i64,
    pub by_day: Vec<DayCount>,
    pub by_hour: [i64; 24],
}

/// A charging slot that was out of order in the span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlotOutage {
    pub slot: String,
    /// Faults that were open at some time in the span.
    pub faults: i64,
    /// How long it was out of order within the span.
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Charging {
    /// Sessions started in the span (simulated ones never count).
    pub sessions: i64,
    /// Of those, the ones that have ended.
    pub finished: i64,
    /// The median length of the finished ones.
    pub median_minutes: Option<f64>,
    /// Their total length.
    pub hours: f64,
    pub by_day: Vec<DayCount>,
    pub by_hour: [i64; 24],
    pub slots_out: Vec<SlotOutage>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Reading {
    pub loans: i64,
    pub returns: i64,
    pub lost: i64,
    /// Books put back that were never lent here (入架).
    pub visitor_returns: i64,
    /// Loans still out at the span's end (or now) past their due date.
    pub overdue: i64,
    /// Titles added to the catalogue.
    pub new_books: i64,
    /// The most borrowed titles, most first (five at most).
    pub top_titles: Vec<Count>,
    /// Loans by category, in the catalogue's order.
    pub by_category: Vec<Count>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Wishes {
    pub received: i64,
    pub approved: i64,
    pub claimed: i64,
    pub fulfilled: i64,
    pub declined: i64,
    pub withdrawn: i64,
    /// From approval to fulfilment, for the wishes fulfilled in the span.
    pub median_days_to_fulfil: Option<f64>,
    /// The wishes received, by kind and by occupation (every kind listed, even at 0).
    pub by_kind: Vec<Count>,
    pub by_occupation: Vec<Count>,
}

/// A published 你说我办 reply (public already on the kiosk).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedReply {
    pub kind: String,
    pub reply: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Suggestions {
    pub received: i64,
    pub answered: i64,
    /// Answered in the span and published as 你说我办.
    pub published: i64,
    pub median_days_to_answer: Option<f64>,
    pub replies: Vec<PublishedReply>,
}

/// A seasonal service's notice (夏日送清凉 / 冬日送温暖) in force in the span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeasonalNotice {
    pub category: String,
    pub title: String,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Notices {
    /// Published notices whose dates overlap the span.
    pub in_force: i64,
    pub by_category: Vec<Count>,
    pub seasonal: Vec<SeasonalNotice>,
}

/// Everything the report counts for one span.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Figures {
    pub visits: Visits,
    pub charging: Charging,
    pub reading: Reading,
    pub wishes: Wishes,
    pub suggestions: Suggestions,
    pub notices: Notices,
    /// Amenities 缺货 / 维修中 / 暂停使用 in the span, and for how long.
    pub outages: Vec<Outage>,
}

/// The span `[from, until)` and what is "now" (a span not over yet ends there).
struct Span<'a, Tz: TimeZone> {
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    /// `min(until, now)`: where open faults, outages and loans are judged.
    end: DateTime<Utc>,
    days: Vec<NaiveDate>,
    tz: &'a Tz,
}

impl<Tz: TimeZone> Span<'_, Tz> {
    fn params(&self) -> [String; 2] {
        [ts(self.from), ts(self.until)]
    }

    /// Where `at` falls: its day's index and its hour, in the station's time.
    fn place(&self, at: DateTime<Utc>) -> Option<(usize, usize)> {
        let local = at.with_timezone(self.tz);
        let day = self.days.binary_search(&local.date_naive()).ok()?;
        Some((day, local.hour() as usize))
    }

    fn by_day(&self, counts: &[i64]) -> Vec<DayCount> {
        self.days
            .iter()
            .zip(counts)
            .map(|(&date, &n)| DayCount { date, n })
            .collect()
    }
}

/// The middle value (the mean of the middle two for an even count).
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

fn hours(from: DateTime<Utc>, until: DateTime<Utc>) -> f64 {
    (until - from).num_seconds().max(0) as f64 / 3600.0
}

fn days(from: DateTime<Utc>, until: DateTime<Utc>) -> f64 {
    (until - from).num_seconds().max(0) as f64 / 86_400.0
}

fn count(conn: &Connection, sql: &str, span: &[String; 2]) -> Result<i64> {
    Ok(conn.query_row(sql, params![span[0], span[1]], |r| r.get(0))?)
}

/// `(name, n)` rows of a `GROUP BY`.
fn counts(conn: &Connection, sql: &str, span: &[String; 2]) -> Result<Vec<Count>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![span[0], span[1]], |r| {
        Ok(Count {
            name: r.get(0)?,
            n: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A start and, if it happened, an end.
type TimePair = (DateTime<Utc>, Option<DateTime<Utc>>);

/// Pairs of stored times (the second may be NULL); rows that cannot be read are skipped
/// and logged, as every list does.
fn time_pairs(
    conn: &Connection,
    sql: &str,
    span: &[String; 2],
    what: &str,
) -> Result<Vec<TimePair>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![span[0], span[1]], |r| {
        Ok((
            parse_ts(&r.get::<_, String>(0)?)?,
            r.get::<_, Option<String>>(1)?
                .as_deref()
                .map(parse_ts)
                .transpose()?,
        ))
    })?;
    Ok(super::time::decoded(rows, what)?)
}

/// Every key with its count, in the given order; keys the rows lack count 0.
fn every(keys: &[(&str, &str)], rows: Vec<Count>) -> Vec<Count> {
    keys.iter()
        .map(|&(key, zh)| Count {
            name: zh.to_string(),
            n: rows.iter().find(|c| c.name == key).map_or(0, |c| c.n),
        })
        .collect()
}

impl Store {
    /// The figures for `[from, until)`; `now` ends a span that is not over yet.
    pub fn figures<Tz: TimeZone>(
        &self,
        from: DateTime<Tz>,
        until: DateTime<Tz>,
        now: DateTime<Utc>,
    ) -> Result<Figures> {
        let tz = from.timezone();
        let first = from.date_naive();
        let last = (until.clone() - chrono::Duration::nanoseconds(1)).date_naive();
        let span = Span {
            from: from.to_utc(),
            until: until.to_utc(),
            end: until.to_utc().min(now).max(from.to_utc()),
            days: first.iter_days().take_while(|d| *d <= last).collect(),
            tz: &tz,
        };
        let conn = self.conn();
        Ok(Figures {
            visits: visits(conn, &span)?,
            charging: charging(conn, &span)?,
            reading: reading(conn, &span)?,
            wishes: wishes(conn, &span)?,
            suggestions: suggestions(conn, &span)?,
            notices: notices(conn, &span)?,
            outages: outage::outages(conn, span.from, span.end)?,
        })
    }

    /// When the store's history starts: the earliest visit, session, loan, wish or
    /// suggestion (`None`: nothing happened yet). A comparison needs history there.
    pub fn first_activity(&self) -> Result<Option<DateTime<Utc>>> {
        let text: Option<String> = self.conn().query_row(
            "SELECT min(t) FROM (
                 SELECT min(hour) AS t FROM visit
                 UNION ALL SELECT min(started_at) FROM charging_session WHERE simulated = 0
                 UNION ALL SELECT min(lent_at) FROM loan
                 UNION ALL SELECT min(created_at) FROM wish
                 UNION ALL SELECT min(created_at) FROM suggestion)",
            [],
            |r| r.get(0),
        )?;
        Ok(text.as_deref().and_then(super::time::stored))
    }
}

fn visits<Tz: TimeZone>(conn: &Connection, span: &Span<'_, Tz>) -> Result<Visits> {
    let mut by_day = vec![0; span.days.len()];
    let mut by_hour = [0; 24];
    let mut total = 0;
    let mut stmt =
        conn.prepare_cached("SELECT hour, n FROM visit WHERE hour >= ?1 AND hour < ?2")?;
    let rows = stmt.query_map(span.params(), |r| {
        Ok((parse_ts(&r.get::<_, String>(0)?)?, r.get::<_, i64>(1)?))
    })?;
    for (hour, n) in super::time::decoded(rows, "visits")? {
        if let Some((day, h)) = span.place(hour) {
            by_day[day] += n;
            by_hour[h] += n;
            total += n;
        }
    }
    Ok(Visits {
        total,
        by_day: span.by_day(&by_day),
        by_hour,
    })
}

fn charging<Tz: TimeZone>(conn: &Connection, span: &Span<'_, Tz>) -> Result<Charging> {
    let sessions = time_pairs(
        conn,
        "SELECT started_at, ended_at FROM charging_session
         WHERE simulated = 0 AND started_at >= ?1 AND started_at < ?2",
        &span.params(),
        "charging sessions",
    )?;
    let mut by_day = vec![0; span.days.len()];
    let mut by_hour = [0; 24];
    let mut lengths = Vec::new();
    for (start, end) in &sessions {
        if let Some((day, h)) = span.place(*start) {
            by_day[day] += 1;
            by_hour[h] += 1;
        }
        if let Some(end) = end {
            lengths.push((*end - *start).num_seconds().max(0) as f64 / 60.0);
        }
    }
    let mut slots_out: Vec<SlotOutage> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT s.label, f.at, f.repaired_at FROM slot_fault f JOIN slot s ON s.id = f.slot_id
         WHERE f.simulated = 0 AND f.at < ?2 AND (f.repaired_at IS NULL OR f.repaired_at > ?1)
         ORDER BY s.position, s.label, f.at",
    )?;
    let rows = stmt.query_map([ts(span.from), ts(span.end)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            parse_ts(&r.get::<_, String>(1)?)?,
            r.get::<_, Option<String>>(2)?
                .as_deref()
                .map(parse_ts)
                .transpose()?,
        ))
    })?;
    for (slot, at, repaired) in super::time::decoded(rows, "slot faults")? {
        let h = hours(
            at.max(span.from),
            repaired.unwrap_or(span.end).min(span.end),
        );
        match slots_out.iter_mut().find(|s| s.slot == slot) {
            Some(s) => {
                s.faults += 1;
                s.hours += h;
            }
            None => slots_out.push(SlotOutage {
                slot,
                faults: 1,
                hours: h,
            }),
        }
    }
    Ok(Charging {
        sessions: sessions.len() as i64,
        finished: lengths.len() as i64,
        // `+ 0.0`: an empty sum is −0.0, printed "-0.0".
        hours: lengths.iter().sum::<f64>() / 60.0 + 0.0,
        median_minutes: median(&mut lengths),
        by_day: span.by_day(&by_day),
        by_hour,
        slots_out,
    })
}

fn reading<Tz: TimeZone>(conn: &Connection, span: &Span<'_, Tz>) -> Result<Reading> {
    let p = span.params();
    let end_date = span.end.with_timezone(span.tz).date_naive().to_string();
    let overdue = conn.query_row(
        "SELECT count(*) FROM loan
         WHERE lent_at < ?1 AND (closed_at IS NULL OR closed_at >= ?1) AND due < ?2",
        params![ts(span.end), end_date],
        |r| r.get(0),
    )?;
    let by_category = counts(
        conn,
        "SELECT c.name, count(l.id) FROM book_category c
         LEFT JOIN book b ON b.category_id = c.id
         LEFT JOIN loan l ON l.book_id = b.id AND l.lent_at >= ?1 AND l.lent_at < ?2
         GROUP BY c.id ORDER BY c.position, c.id",
        &p,
    )?;
    let uncategorised = count(
        conn,
        "SELECT count(*) FROM loan l JOIN book b ON b.id = l.book_id
         WHERE b.category_id IS NULL AND l.lent_at >= ?1 AND l.lent_at < ?2",
        &p,
    )?;
    let mut by_category = by_category;
    if uncategorised > 0 {
        by_category.push(Count {
            name: UNCATEGORISED.into(),
            n: uncategorised,
        });
    }
    Ok(Reading {
        loans: count(
            conn,
            "SELECT count(*) FROM loan WHERE lent_at >= ?1 AND lent_at < ?2",
            &p,
        )?,
        returns: count(
            conn,
            "SELECT count(*) FROM loan
             WHERE outcome = 'returned' AND closed_at >= ?1 AND closed_at < ?2",
            &p,
        )?,
        lost: count(
            conn,
            "SELECT count(*) FROM loan WHERE outcome = 'lost' AND closed_at >= ?1 AND closed_at < ?2",
            &p,
        )?,
        visitor_returns: count(
            conn,
            "SELECT count(*) FROM visitor_return WHERE at >= ?1 AND at < ?2",
            &p,
        )?,
        overdue,
        new_books: count(
            conn,
            "SELECT count(*) FROM book WHERE added_at >= ?1 AND added_at < ?2",
            &p,
        )?,
        top_titles: counts(
            conn,
            "SELECT b.title, count(*) AS n FROM loan l JOIN book b ON b.id = l.book_id
             WHERE l.lent_at >= ?1 AND l.lent_at < ?2
             GROUP BY b.id ORDER BY n DESC, b.title LIMIT 5",
            &p,
        )?,
        by_category,
    })
}

fn wishes<Tz: TimeZone>(conn: &Connection, span: &Span<'_, Tz>) -> Result<Wishes> {
    use super::{Occupation, WishKind};
    let p = span.params();
    // `column` is one of this function's own names, never input.
    let at = |column: &str, state: Option<&str>| -> Result<i64> {
        let sql = format!(
            "SELECT count(*) FROM wish
             WHERE {column} >= ?1 AND {column} < ?2 AND (?3 IS NULL OR state = ?3)"
        );
        Ok(conn.query_row(&sql, params![p[0], p[1], state], |r| r.get(0))?)
    };
    let mut waits: Vec<f64> = time_pairs(
        conn,
        "SELECT approved_at, fulfilled_at FROM wish
         WHERE fulfilled_at >= ?1 AND fulfilled_at < ?2 AND approved_at IS NOT NULL",
        &p,
        "wishes",
    )?
    .into_iter()
    .filter_map(|(approved, fulfilled)| Some(days(approved, fulfilled?)))
    .collect();
    let kinds: Vec<(&str, &str)> = WishKind::ALL.iter().map(|k| (k.key(), k.zh())).collect();
    let occupations: Vec<(&str, &str)> =
        Occupation::ALL.iter().map(|o| (o.key(), o.zh())).collect();
    Ok(Wishes {
        received: at("created_at", None)?,
        approved: at("approved_at", None)?,
        claimed: at("claimed_at", None)?,
        fulfilled: at("fulfilled_at", None)?,
        declined: at("closed_at", Some("declined"))?,
        withdrawn: at("closed_at", Some("withdrawn"))?,
        median_days_to_fulfil: median(&mut waits),
        by_kind: every(
            &kinds,
            counts(
                conn,
                "SELECT kind, count(*) FROM wish WHERE created_at >= ?1 AND created_at < ?2
                 GROUP BY kind",
                &p,
            )?,
        ),
        by_occupation: every(
            &occupations,
            counts(
                conn,
                "SELECT occupation, count(*) FROM wish WHERE created_at >= ?1 AND created_at < ?2
                 GROUP BY occupation",
                &p,
            )?,
        ),
    })
}

fn suggestions<Tz: TimeZone>(conn: &Connection, span: &Span<'_, Tz>) -> Result<Suggestions> {
    let p = span.params();
    let mut waits: Vec<f64> = time_pairs(
        conn,
        "SELECT created_at, replied_at FROM suggestion
         WHERE replied_at >= ?1 AND replied_at < ?2",
        &p,
        "suggestions",
    )?
    .into_iter()
    .filter_map(|(created, replied)| Some(days(created, replied?)))
    .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT kind, reply FROM suggestion
         WHERE published = 1 AND replied_at >= ?1 AND replied_at < ?2
         ORDER BY replied_at, id LIMIT 10",
    )?;
    let replies = stmt
        .query_map(params![p[0], p[1]], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|(kind, reply)| PublishedReply {
            kind: super::SuggestionKind::parse(&kind).map_or(kind, |k| k.zh().to_string()),
            reply,
        })
        .collect();
    Ok(Suggestions {
        received: count(
            conn,
            "SELECT count(*) FROM suggestion WHERE created_at >= ?1 AND created_at < ?2",
            &p,
        )?,
        answered: waits.len() as i64,
        published: count(
            conn,
            "SELECT count(*) FROM suggestion
             WHERE published = 1 AND replied_at >= ?1 AND replied_at < ?2",
            &p,
        )?,
        median_days_to_answer: median(&mut waits),
        replies,
    })
}

fn notices<Tz: TimeZone>(conn: &Connection, span: &Span<'_, Tz>) -> Result<Notices> {
    use super::Category;
    let mut stmt = conn.prepare_cached(
        "SELECT category, title, starts_at, ends_at FROM notice
         WHERE published = 1 AND starts_at < ?2 AND (ends_at IS NULL OR ends_at > ?1)
         ORDER BY starts_at, id",
    )?;
    let rows = stmt.query_map(span.params(), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            parse_ts(&r.get::<_, String>(2)?)?,
            r.get::<_, Option<String>>(3)?
                .as_deref()
                .map(parse_ts)
                .transpose()?,
        ))
    })?;
    let rows = super::time::decoded(rows, "notices")?;
    let local = |at: DateTime<Utc>| at.with_timezone(span.tz).date_naive();
    let seasonal = rows
        .iter()
        .filter(|(c, ..)| matches!(c.as_str(), "summer" | "winter"))
        .map(|(c, title, from, until)| SeasonalNotice {
            category: Category::parse(c).map_or(c.clone(), |c| c.zh().to_string()),
            title: title.clone(),
            from: local(*from),
            // The last day it shows (an end at midnight ends the day before).
            until: until.map(|u| local(u - chrono::Duration::seconds(1))),
        })
        .collect();
    let categories: Vec<(&str, &str)> = Category::ALL.iter().map(|c| (c.key(), c.zh())).collect();
    let mut by_category: Vec<Count> = Vec::new();
    for (c, ..) in &rows {
        match by_category.iter_mut().find(|k| &k.name == c) {
            Some(k) => k.n += 1,
            None => by_category.push(Count {
                name: c.clone(),
                n: 1,
            }),
        }
    }
    Ok(Notices {
        in_force: rows.len() as i64,
        by_category: every(&categories, by_category),
        seasonal,
    })
}
