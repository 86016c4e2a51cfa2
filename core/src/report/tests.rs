//! Every figure of a generated month checked against an independent count: plain SQL on a
//! second connection, bucketing local time with SQLite's own `'+8 hours'` instead of
//! the report's Rust bounds. The month's edges are in it on purpose: sessions crossing
//! midnight into and out of the month, a loan lent in October and returned in November,
//! a fault that began before the month and one still open, a wish approved in October
//! and fulfilled in November, simulated sessions that must not count.

use super::*;
use crate::store::testing::temp_store;
use chrono::{Duration, FixedOffset, NaiveDate};
use rusqlite::{Connection, params};

fn tz() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

/// A UTC time for a local one (+8).
fn at(m: u32, d: u32, h: u32, min: u32) -> String {
    let local = NaiveDate::from_ymd_opt(2026, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap();
    let utc = local - Duration::hours(8);
    format!("{}Z", utc.format("%Y-%m-%dT%H:%M:%S"))
}

/// A small deterministic generator (no clock, no thread RNG).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// October to early December 2026 at a small station, edges included.
fn generate(db: &Connection) {
    let mut r = Lcg(7);
    db.execute_batch(
        "INSERT INTO slot (id, label, connector, position) VALUES
             (1, 'A1', 'usb-c', 1), (2, 'A2', 'lightning', 2), (3, 'B1', 'battery', 3);
         INSERT INTO book (id, title, copies, title_py, title_initials, author_py,
                           author_initials, added_at, updated_at, category_id)
             SELECT v.id, v.t, 2, '', '', '', '', v.added, v.added,
                    (SELECT id FROM book_category WHERE position = v.cat)
             FROM (SELECT 1 AS id, '三体' AS t, '2026-01-05T02:00:00Z' AS added, 6 AS cat
                   UNION ALL SELECT 2, '活着', '2026-11-03T02:00:00Z', 6
                   UNION ALL SELECT 3, '急救手册', '2026-11-20T02:00:00Z', 3
                   UNION ALL SELECT 4, '劳动法问答', '2026-10-10T02:00:00Z', 2
                   UNION ALL SELECT 5, '无分类的书', '2026-10-10T02:00:00Z', 99) v;",
    )
    .unwrap();
    let session = |db: &Connection, slot: i64, start: &str, end: Option<String>, sim: i64| {
        let by = end.as_ref().map(|_| "released");
        db.execute(
            "INSERT INTO charging_session (slot_id, started_at, ended_at, source, ended_by, simulated)
             VALUES (?1, ?2, ?3, 'kiosk', ?4, ?5)",
            params![slot, start, end, by, sim],
        )
        .unwrap();
    };
    for _ in 0..700 {
        let (m, d) = match r.next(3) {
            0 => (10, 1 + r.next(31) as u32),
            1 => (11, 1 + r.next(30) as u32),
            _ => (12, 1 + r.next(5) as u32),
        };
        let start = at(m, d, r.next(24) as u32, r.next(60) as u32);
        let len = 5 + r.next(300) as i64;
        let s = chrono::DateTime::parse_from_rfc3339(&start).unwrap();
        let end = (s + Duration::minutes(len))
            .to_utc()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let slot = 1 + r.next(2) as i64;
        let sim = i64::from(r.next(15) == 0);
        session(db, slot, &start, Some(end), sim);
    }
    // Across midnight into December: November's. Out of October: October's.
    session(db, 1, &at(11, 30, 23, 30), Some(at(12, 1, 1, 0)), 0);
    session(db, 2, &at(10, 31, 23, 50), Some(at(11, 1, 0, 40)), 0);
    // Still charging: started, not finished.
    session(db, 3, &at(11, 29, 9, 0), None, 0);
    // Faults: began in October, repaired 2 November 10:00; and one open since 28 Nov.
    db.execute_batch(&format!(
        "INSERT INTO slot_fault (slot_id, at, source, repaired_at) VALUES
             (2, '{}', 'staff', '{}'), (1, '{}', 'staff', NULL), (1, '{}', 'staff', '{}');
         INSERT INTO slot_fault (slot_id, at, source, simulated) VALUES (3, '{}', 'feed', 1);",
        at(10, 30, 8, 0),
        at(11, 2, 10, 0),
        at(11, 28, 12, 0),
        at(11, 5, 8, 0),
        at(11, 5, 9, 30),
        at(11, 6, 8, 0),
    ))
    .unwrap();
    // Loans: lent in October, returned in November; lent and lost in November; out and
    // overdue at the month's end; due 30 November (overdue on 1 December).
    let loan = |db: &Connection,
                book: i64,
                lent: &str,
                due: &str,
                closed: Option<&str>,
                outcome: Option<&str>| {
        db.execute(
            "INSERT INTO loan (book_id, surname, phone_tail, lent_at, due, closed_at, outcome)
             VALUES (?1, '王', '1234', ?2, ?3, ?4, ?5)",
            params![book, lent, due, closed, outcome],
        )
        .unwrap();
    };
    loan(
        db,
        1,
        &at(10, 20, 9, 0),
        "2026-11-03",
        Some(&at(11, 2, 9, 0)),
        Some("returned"),
    );
    loan(
        db,
        1,
        &at(11, 1, 0, 10),
        "2026-11-15",
        Some(&at(11, 9, 9, 0)),
        Some("returned"),
    );
    loan(
        db,
        1,
        &at(11, 11, 9, 0),
        "2026-11-25",
        Some(&at(12, 2, 9, 0)),
        Some("returned"),
    );
    loan(
        db,
        2,
        &at(11, 12, 9, 0),
        "2026-11-26",
        Some(&at(11, 29, 9, 0)),
        Some("lost"),
    );
    loan(db, 3, &at(11, 20, 9, 0), "2026-11-30", None, None);
    loan(db, 4, &at(11, 21, 9, 0), "2026-12-20", None, None);
    loan(db, 5, &at(11, 30, 23, 59), "2026-12-14", None, None);
    loan(db, 4, &at(12, 1, 0, 1), "2026-12-15", None, None);
    db.execute(
        "INSERT INTO visitor_return (book_id, at) VALUES (2, ?1), (2, ?2)",
        params![at(11, 3, 10, 0), at(10, 3, 10, 0)],
    )
    .unwrap();
    // Wishes: each step at its own time.
    let kinds = ["daily", "work", "education", "health", "hardship", "other"];
    let jobs = ["courier", "rider", "sanitation", "driver", "other"];
    for i in 0..60 {
        let m = 10 + (i % 3) as u32;
        let d = if m == 12 {
            1 + (i % 5) as u32
        } else {
            1 + (i % 28) as u32
        };
        let created = at(m, d, 9, 0);
        let approved = at(m, d.min(27) + 1, 10, 0);
        let later = |days: u32| {
            let t = chrono::DateTime::parse_from_rfc3339(&approved).unwrap()
                + Duration::days(days as i64);
            t.to_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string()
        };
        let (state, approved_at, claimed, fulfilled, closed, reason) = match i % 7 {
            0 => ("pending", None, None, None, None, None),
            1 => ("open", Some(approved.clone()), None, None, None, None),
            2 => (
                "claimed",
                Some(approved.clone()),
                Some(later(2)),
                None,
                None,
                None,
            ),
            3 | 4 => (
                "fulfilled",
                Some(approved.clone()),
                Some(later(1)),
                Some(later(3 + (i % 11) as u32)),
                None,
                None,
            ),
            5 => ("declined", None, None, None, Some(later(1)), Some("重复")),
            _ => ("withdrawn", None, None, None, Some(later(2)), None),
        };
        db.execute(
            "INSERT INTO wish (number, kind, text, surname, occupation, phone, state, created_at,
                 approved_at, claimed_at, fulfilled_at, closed_at, decline_reason)
             VALUES (?1, ?2, '想要一个保温杯', '李', ?3, '13800000000', ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                format!("{}", 100_000 + i),
                kinds[i % 6],
                jobs[i % 5],
                state,
                created,
                approved_at,
                claimed,
                fulfilled,
                closed,
                reason
            ],
        )
        .unwrap();
    }
    for i in 0..30u32 {
        let m = 10 + i % 3;
        let d = if m == 12 { 1 + i % 5 } else { 1 + i % 27 };
        let created = at(m, d, 11, 0);
        let replied = (i % 3 != 0).then(|| at(m, d + 1 + i % 2, 15, 0));
        let published = i64::from(i % 3 == 1);
        db.execute(
            "INSERT INTO suggestion (kind, text, created_at, reply, replied_at, published)
             VALUES ('facility', '希望多一个充电口', ?1, ?2, ?3, ?4)",
            params![
                created,
                replied.as_ref().map(|_| "已加装两个充电口"),
                replied,
                published
            ],
        )
        .unwrap();
    }
    db.execute_batch(&format!(
        "INSERT INTO notice (title, category, starts_at, ends_at, created_at, updated_at, published)
         VALUES ('冬日送温暖：姜茶', 'winter', '{a}', NULL, '{a}', '{a}', 1),
                ('夏日送清凉', 'summer', '{b}', '{c}', '{b}', '{b}', 1),
                ('十月活动', 'event', '{b}', '{d}', '{b}', '{b}', 1),
                ('草稿', 'safety', '{a}', NULL, '{a}', '{a}', 0),
                ('十二月才开始', 'safety', '{e}', NULL, '{e}', '{e}', 1);",
        a = at(11, 15, 0, 0),
        b = at(7, 1, 0, 0),
        c = at(9, 1, 0, 0),
        d = at(11, 1, 0, 0),
        e = at(12, 1, 0, 0),
    ))
    .unwrap();
    for _ in 0..900 {
        let m = 10 + r.next(3) as u32;
        let d = if m == 12 {
            1 + r.next(5)
        } else {
            1 + r.next(30)
        } as u32;
        db.execute(
            "INSERT INTO visit (hour, n) VALUES (?1, ?2)
             ON CONFLICT (hour) DO UPDATE SET n = n + excluded.n",
            params![at(m, d, r.next(24) as u32, 0), 1 + r.next(4) as i64],
        )
        .unwrap();
    }
    // Amenities: the microwave broke on 31 Oct 20:00 and was back 2 Nov 08:00; water ran
    // out twice in November for 3 and 1.5 hours; the fridge was cleaned (not an outage).
    for (key, status, when) in [
        ("microwave", "repair", at(10, 31, 20, 0)),
        ("microwave", "ok", at(11, 2, 8, 0)),
        ("water", "out_of_stock", at(11, 10, 9, 0)),
        ("water", "ok", at(11, 10, 12, 0)),
        ("water", "out_of_stock", at(11, 20, 14, 0)),
        ("water", "ok", at(11, 20, 15, 30)),
        ("fridge", "cleaning", at(11, 21, 9, 0)),
        ("fridge", "ok", at(11, 21, 10, 0)),
    ] {
        db.execute(
            "UPDATE amenity SET status = ?2, updated_at = ?3 WHERE key = ?1",
            params![key, status, when],
        )
        .unwrap();
    }
}

fn one(db: &Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |r| r.get(0)).unwrap()
}

const NOV: &str = "'2026-11'";

fn month(col: &str) -> String {
    format!("strftime('%Y-%m', {col}, '+8 hours') = {NOV}")
}

/// The median by SQL: the middle row (or the mean of the middle two) of `values`.
fn sql_median(db: &Connection, values: &str) -> Option<f64> {
    db.query_row(
        &format!(
            "WITH v(x) AS ({values}), n(c) AS (SELECT count(*) FROM v)
             SELECT avg(x) FROM (SELECT x FROM v ORDER BY x
                 LIMIT 2 - (SELECT c FROM n) % 2 OFFSET ((SELECT c FROM n) - 1) / 2)"
        ),
        [],
        |r| r.get(0),
    )
    .unwrap()
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-6,
        (None, None) => true,
        _ => false,
    }
}

fn november() -> (tempfile::TempDir, Store, Connection, Report) {
    let (dir, store) = temp_store();
    let db = Connection::open(dir.path().join(crate::store::DB_FILE)).unwrap();
    generate(&db);
    let now = chrono::DateTime::parse_from_rfc3339(&at(12, 6, 12, 0))
        .unwrap()
        .to_utc();
    let nov = Period::parse_month("2026-11").unwrap();
    let report = Report::compute(&store, "测试站", nov, &tz(), now).unwrap();
    (dir, store, db, report)
}

#[test]
fn every_figure_matches_an_independent_count() {
    let (_dir, _store, db, r) = november();
    let f = &r.figures;
    assert!(r.complete);
    let sessions = format!(
        "FROM charging_session WHERE simulated = 0 AND {}",
        month("started_at")
    );
    assert_eq!(
        f.charging.sessions,
        one(&db, &format!("SELECT count(*) {sessions}"))
    );
    assert!(f.charging.sessions > 150, "{}", f.charging.sessions);
    assert_eq!(
        f.charging.finished,
        one(
            &db,
            &format!("SELECT count(*) {sessions} AND ended_at IS NOT NULL")
        )
    );
    assert_eq!(
        f.charging.finished + 1,
        f.charging.sessions,
        "one still charging"
    );
    let lengths = format!(
        "SELECT (julianday(ended_at) - julianday(started_at)) * 1440 {sessions} AND ended_at IS NOT NULL"
    );
    assert!(close(f.charging.median_minutes, sql_median(&db, &lengths)));
    let total: f64 = db
        .query_row(
            &format!("WITH t(x) AS ({lengths}) SELECT sum(x) / 60 FROM t"),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        (f.charging.hours - total).abs() < 0.01,
        "{} {total}",
        f.charging.hours
    );
    // By day and by hour of the station's clock.
    for d in &f.charging.by_day {
        let n = one(
            &db,
            &format!(
                "SELECT count(*) FROM charging_session WHERE simulated = 0 AND date(started_at, '+8 hours') = '{}'",
                d.date
            ),
        );
        assert_eq!(d.n, n, "{}", d.date);
    }
    assert_eq!(f.charging.by_day.len(), 30);
    assert_eq!(f.charging.by_day[29].date.to_string(), "2026-11-30");
    for h in 0..24 {
        let n = one(
            &db,
            &format!(
                "SELECT count(*) {sessions} AND CAST(strftime('%H', started_at, '+8 hours') AS INTEGER) = {h}"
            ),
        );
        assert_eq!(f.charging.by_hour[h], n, "hour {h}");
    }
    // Visits.
    assert_eq!(
        f.visits.total,
        one(
            &db,
            &format!("SELECT sum(n) FROM visit WHERE {}", month("hour"))
        )
    );
    assert_eq!(
        f.visits.by_day.iter().map(|d| d.n).sum::<i64>(),
        f.visits.total
    );
    assert_eq!(f.visits.by_hour.iter().sum::<i64>(), f.visits.total);
    let v7 = one(
        &db,
        &format!(
            "SELECT sum(n) FROM visit WHERE {} AND strftime('%H', hour, '+8 hours') = '07'",
            month("hour")
        ),
    );
    assert_eq!(f.visits.by_hour[7], v7);

    // Slots out of order: B1's simulated fault never counts; A2's October fault counts
    // from 1 November 00:00 to 2 November 10:00 (34 h); A1's open one from 28 Nov 12:00
    // to the month's end (60 h) and its short one 1.5 h.
    let out: Vec<(&str, i64, String)> = f
        .charging
        .slots_out
        .iter()
        .map(|s| (s.slot.as_str(), s.faults, format!("{:.1}", s.hours)))
        .collect();
    assert_eq!(out, [("A1", 2, "61.5".into()), ("A2", 1, "34.0".into())]);

    // Reading.
    let b = &f.reading;
    assert_eq!(
        b.loans,
        one(
            &db,
            &format!("SELECT count(*) FROM loan WHERE {}", month("lent_at"))
        )
    );
    assert_eq!(b.loans, 6);
    assert_eq!(b.returns, 2, "the October loan returned in November counts");
    assert_eq!(b.lost, 1);
    assert_eq!(b.visitor_returns, 1);
    assert_eq!(
        b.overdue, 2,
        "due 25 Nov, back 2 Dec; due 30 Nov, still out on 1 Dec"
    );
    assert_eq!(b.new_books, 2);
    assert_eq!(b.top_titles[0].name, "三体");
    assert_eq!(b.top_titles[0].n, 2);
    assert_eq!(b.by_category.iter().map(|c| c.n).sum::<i64>(), b.loans);
    assert_eq!(
        b.by_category.last().unwrap().name,
        crate::store::UNCATEGORISED
    );
    assert_eq!(
        b.by_category
            .iter()
            .find(|c| c.name == "文学小说")
            .unwrap()
            .n,
        3
    );

    // Wishes, each step by its own time.
    let w = &f.wishes;
    for (got, col, state) in [
        (w.received, "created_at", ""),
        (w.approved, "approved_at", ""),
        (w.claimed, "claimed_at", ""),
        (w.fulfilled, "fulfilled_at", ""),
        (w.declined, "closed_at", " AND state = 'declined'"),
        (w.withdrawn, "closed_at", " AND state = 'withdrawn'"),
    ] {
        let n = one(
            &db,
            &format!("SELECT count(*) FROM wish WHERE {}{state}", month(col)),
        );
        assert_eq!(got, n, "{col}{state}");
    }
    assert!(w.fulfilled > 0 && w.declined > 0 && w.withdrawn > 0);
    let waits = format!(
        "SELECT julianday(fulfilled_at) - julianday(approved_at) FROM wish WHERE {}",
        month("fulfilled_at")
    );
    assert!(close(w.median_days_to_fulfil, sql_median(&db, &waits)));
    for c in &w.by_kind {
        let key = crate::store::WishKind::parse(&c.name).unwrap().key();
        let n = one(
            &db,
            &format!(
                "SELECT count(*) FROM wish WHERE kind = '{key}' AND {}",
                month("created_at")
            ),
        );
        assert_eq!(c.n, n, "{}", c.name);
    }
    assert_eq!(w.by_kind.len(), 6);
    assert_eq!(w.by_occupation.iter().map(|c| c.n).sum::<i64>(), w.received);

    // Suggestions.
    let g = &f.suggestions;
    assert_eq!(
        g.received,
        one(
            &db,
            &format!(
                "SELECT count(*) FROM suggestion WHERE {}",
                month("created_at")
            )
        )
    );
    assert_eq!(
        g.answered,
        one(
            &db,
            &format!(
                "SELECT count(*) FROM suggestion WHERE {}",
                month("replied_at")
            )
        )
    );
    assert_eq!(
        g.published,
        one(
            &db,
            &format!(
                "SELECT count(*) FROM suggestion WHERE published = 1 AND {}",
                month("replied_at")
            )
        )
    );
    let answer = format!(
        "SELECT julianday(replied_at) - julianday(created_at) FROM suggestion WHERE {}",
        month("replied_at")
    );
    assert!(close(g.median_days_to_answer, sql_median(&db, &answer)));
    assert_eq!(g.replies.len() as i64, g.published.min(10));
    assert_eq!(g.replies[0].kind, "设施");

    // Notices: the winter one, the event ending 1 Nov 00:00 is not in November, the
    // draft and December's are not; summer's ended in August.
    assert_eq!(f.notices.in_force, 1);
    assert_eq!(f.notices.seasonal.len(), 1);
    assert_eq!(f.notices.seasonal[0].category, "冬日送温暖");

    // Amenities: repair 1 Nov 00:00–2 Nov 08:00 (32 h, from before the month), water out
    // twice (4.5 h); cleaning is not an outage.
    let out: Vec<(&str, &str, i64, String)> = f
        .outages
        .iter()
        .map(|o| {
            (
                o.amenity.as_str(),
                o.status.as_str(),
                o.times,
                format!("{:.1}", o.hours),
            )
        })
        .collect();
    assert_eq!(
        out,
        [
            ("直饮水", "缺货", 2, "4.5".into()),
            ("微波炉热饭", "维修中", 1, "32.0".into())
        ]
    );
}

#[test]
fn the_month_before_is_compared_and_a_year_without_history_is_not() {
    let (_dir, _store, db, r) = november();
    let prev = r.previous.as_ref().expect("October has history");
    assert_eq!(prev.label, "2026年10月");
    let oct = |col: &str| format!("strftime('%Y-%m', {col}, '+8 hours') = '2026-10'");
    assert_eq!(
        prev.headline.charging_sessions,
        one(
            &db,
            &format!(
                "SELECT count(*) FROM charging_session WHERE simulated = 0 AND {}",
                oct("started_at")
            )
        )
    );
    assert_eq!(
        prev.headline.visits,
        one(
            &db,
            &format!("SELECT sum(n) FROM visit WHERE {}", oct("hour"))
        )
    );
    assert_eq!(prev.headline.loans, 1);
    assert!(r.year_before.is_none(), "nothing was kept in 2025");
    assert_eq!(change(110, Some(100)), "+10%");
    assert_eq!(change(90, Some(100)), "−10%");
    assert_eq!(change(5, Some(5)), "持平");
    assert_eq!(change(5, None), "—");
    assert_eq!(change(3, Some(0)), "+3");
}

#[test]
fn text_json_and_csv_say_the_same() {
    let (_dir, _store, _db, r) = november();
    let text = text::render(&r);
    assert!(text.starts_with("测试站 2026年11月服务报告"));
    let json: serde_json::Value = serde_json::to_value(&r).unwrap();
    let tables = csv::tables(&r);
    let headline = String::from_utf8(tables[0].bytes()).unwrap();
    assert!(headline.starts_with('\u{feff}'), "a BOM for Excel");
    for (zh, _, unit, n) in r.headline.items() {
        assert!(
            text.contains(&format!("{zh}：{n} {unit}")),
            "{zh} in the text"
        );
        assert!(headline.contains(&format!("{zh},{n},")), "{zh} in the CSV");
    }
    assert_eq!(
        json["headline"]["charging_sessions"],
        r.figures.charging.sessions
    );
    assert_eq!(
        json["figures"]["wishes"]["fulfilled"],
        r.figures.wishes.fulfilled
    );
    let daily = String::from_utf8(tables[1].bytes()).unwrap();
    assert_eq!(daily.lines().count(), 31);
    let first = &r.figures;
    assert!(daily.contains(&format!(
        "2026-11-01,{},{}\r",
        first.visits.by_day[0].n, first.charging.by_day[0].n
    )));
    assert!(text.contains(&format!("开始充电：{} 次", first.charging.sessions)));
    // Counts only: no surname, phone or wish text anywhere.
    for form in [text, json.to_string(), headline] {
        assert!(!form.contains("13800000000") && !form.contains("保温杯") && !form.contains('李'));
    }
    let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
    let unique: std::collections::BTreeSet<&&str> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "one file per table");
}

#[test]
fn the_pdf_is_small_chinese_and_says_the_headline() {
    let (_dir, _store, _db, r) = november();
    let pages = pdf::pages(&r);
    assert!((2..=4).contains(&pages.len()), "{} pages", pages.len());
    let texts: Vec<&str> = pages.iter().flat_map(|p| p.texts()).collect();
    assert!(texts.contains(&"测试站"));
    assert!(texts.contains(&"2026年11月服务报告"));
    for (_, _, _, n) in r.headline.items() {
        assert!(texts.contains(&n.to_string().as_str()), "{n} in the boxes");
    }
    // Nothing drawn off the page.
    for page in &pages {
        for op in &page.ops {
            if let pdf::canvas::Op::Text {
                x,
                y,
                size,
                bold,
                text,
                ..
            } = op
            {
                let right = x + pdf::canvas::width(text, *size, *bold);
                assert!(
                    *x >= 0.0 && right <= pdf::canvas::PAGE_W + 0.5,
                    "{text} at {x}..{right}"
                );
                assert!(*y > 0.0 && *y < pdf::canvas::PAGE_H, "{text} at y {y}");
            }
        }
    }
    let bytes = pdf::write(&r).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        bytes.len() < 1_000_000,
        "{} bytes: the font is subset",
        bytes.len()
    );
    if let Ok(out) = std::env::var("REPORT_PDF_OUT") {
        std::fs::write(out, &bytes).unwrap();
    }
    // Read back as a reader would, where poppler's pdftotext is installed.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.pdf");
    std::fs::write(&file, &bytes).unwrap();
    match std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("测试站"), "{text}");
            assert!(text.contains("2026年11月服务报告"));
            assert!(text.contains(&r.headline.charging_sessions.to_string()));
            assert!(text.contains("每日来访与充电"));
        }
        _ => {
            println!("pdftotext is not installed (poppler-utils): the PDF's text was not read back")
        }
    }
}
