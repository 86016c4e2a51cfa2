//! The demo station's past: fourteen months, generated the same way on every start, so
//! the monthly report and its comparisons (the month before, the same month last year)
//! show something real on a fresh demo. Summer brings more charging and the fridge runs
//! out of cold drinks; the Spring Festival is quiet; winter has its 冬日送温暖 notices.
//! The recent past stays the demo's own: the last week of sessions (`past_week`), the
//! board's wishes (the last 62 days) and the reading corner's recent loans.

use super::{DemoSlot, DemoSuggestion, DemoWish, demo_suggestion, demo_wish};
use crate::store::{AmenityStatus, Seed, SeedLoan};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};

/// Days of history: the whole of the same month a year ago and the month before it.
pub const HISTORY_DAYS: i64 = 430;
/// `past_week` has the last seven days of sessions.
const SESSIONS_FROM: i64 = 8;
/// The demo's own wishes are from the last 62 days.
const WISHES_FROM: i64 = 66;
/// The demo's own suggestions are from the last five weeks.
const SUGGESTIONS_FROM: i64 = 38;
/// The demo's own loans are from the last 70 days (and 大家都在看 counts 90); earlier
/// ones are back before the demo's start.
const LOANS_FROM: i64 = 91;
const LOANS_BACK_BY: i64 = 72;

/// Visits and sessions over the day: breakfast, lunch and dinner, some at night.
const HOURS: [u32; 24] = [
    1, 1, 0, 0, 0, 1, 3, 6, 7, 4, 4, 9, 12, 9, 4, 3, 4, 8, 10, 8, 5, 4, 3, 2,
];

/// A number in [0, 1) fixed by its arguments (splitmix64).
fn noise(a: i64, b: i64) -> f64 {
    let mut z = (a as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((b as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9))
        .wrapping_add(0x94D0_49BB_1331_11EB);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

/// How busy a day is: summer heat doubles the charging, the Spring Festival empties
/// the city, weekends are a little quieter.
fn demand(date: NaiveDate) -> f64 {
    let month = match date.month() {
        7 | 8 => 1.8,
        6 | 9 => 1.4,
        12 | 1 => 1.15,
        2 => 0.75,
        _ => 1.0,
    };
    let weekend = if date.weekday().number_from_monday() >= 6 {
        0.9
    } else {
        1.0
    };
    month * weekend
}

/// An hour of the day drawn from [`HOURS`].
fn hour_of_day(u: f64) -> u32 {
    let total: u32 = HOURS.iter().sum();
    let mut pick = (u * total as f64) as u32;
    for (h, &w) in HOURS.iter().enumerate() {
        if pick < w {
            return h as u32;
        }
        pick -= w;
    }
    12
}

fn local<Tz: TimeZone>(
    now: &DateTime<Tz>,
    date: NaiveDate,
    hour: u32,
    minute: u32,
) -> Option<DateTime<Utc>> {
    let t = date.and_hms_opt(hour, minute, 0)?;
    Some(
        now.timezone()
            .from_local_datetime(&t)
            .earliest()?
            .with_timezone(&Utc),
    )
}

/// Adds the history to `seed` (after the demo's own contents are in it).
pub(super) fn extend<Tz: TimeZone>(
    seed: &mut Seed,
    slots: &[DemoSlot],
    wishes_before: usize,
    suggestions_before: usize,
    now: &DateTime<Tz>,
) -> crate::store::Result<()> {
    let faults = repairs(slots, now);
    sessions(seed, slots, &faults, now);
    seed.repairs = faults;
    visits(seed, now);
    outages(seed, now);
    loans(seed, now);
    for (j, w) in past_wishes().iter().enumerate() {
        let i = wishes_before + j;
        let wish = demo_wish(i, w, now).map_err(|e| format!("demo history, wish {j}: {e}"))?;
        seed.wishes.push(wish);
    }
    for (j, s) in past_suggestions().iter().enumerate() {
        let suggestion = demo_suggestion(suggestions_before + j, s, now)
            .map_err(|e| format!("demo history, suggestion {j}: {e}"))?;
        seed.suggestions.push(suggestion);
    }
    Ok(())
}

/// Repaired faults: about one a month on a phone slot, fixed within two days.
fn repairs<Tz: TimeZone>(
    slots: &[DemoSlot],
    now: &DateTime<Tz>,
) -> Vec<(String, String, DateTime<Utc>, DateTime<Utc>)> {
    const NOTES: [&str; 4] = ["接口松动", "充电线损坏", "插上不充电", "指示灯不亮"];
    let phones: Vec<&DemoSlot> = slots
        .iter()
        .filter(|s| s.connector != "battery" && s.fault.is_none())
        .collect();
    let today = now.naive_local().date();
    let mut out = Vec::new();
    if phones.is_empty() {
        return out;
    }
    let mut day = HISTORY_DAYS - 9;
    let mut k = 0i64;
    while day > SESSIONS_FROM + 3 {
        let slot = phones[(noise(k, 1) * phones.len() as f64) as usize];
        let date = today - Duration::days(day);
        if let Some(at) = local(now, date, 9 + (k % 10) as u32, (k * 13 % 60) as u32) {
            let hours = 3 + (noise(k, 2) * 45.0) as i64;
            out.push((
                slot.label.clone(),
                NOTES[k as usize % NOTES.len()].to_string(),
                at,
                at + Duration::hours(hours),
            ));
        }
        day -= 24 + (noise(k, 3) * 14.0) as i64;
        k += 1;
    }
    out
}

/// Finished sessions from `HISTORY_DAYS` ago to the week `past_week` fills: phones at
/// meal times for half an hour to two hours, e-bike batteries for two to four hours, no
/// slot used twice at once or while it was broken.
fn sessions<Tz: TimeZone>(
    seed: &mut Seed,
    slots: &[DemoSlot],
    faults: &[(String, String, DateTime<Utc>, DateTime<Utc>)],
    now: &DateTime<Tz>,
) {
    let today = now.naive_local().date();
    let mut free: Vec<DateTime<Utc>> = vec![DateTime::<Utc>::MIN_UTC; slots.len()];
    let broken = |label: &str, from: DateTime<Utc>, until: DateTime<Utc>| {
        faults
            .iter()
            .any(|(l, _, at, fixed)| l == label && from < *fixed && *at < until)
    };
    for day in (SESSIONS_FROM..=HISTORY_DAYS).rev() {
        let date = today - Duration::days(day);
        let d = demand(date);
        let phones = (11.0 * d * (0.8 + 0.4 * noise(day, 10))).round() as i64;
        let batteries = (2.0 * d * (0.6 + 0.8 * noise(day, 11))).round() as i64;
        let mut starts: Vec<(DateTime<Utc>, bool, i64)> = Vec::new();
        for n in 0..phones + batteries {
            let hour = hour_of_day(noise(day, 100 + n));
            let minute = (noise(day, 200 + n) * 60.0) as u32;
            if let Some(at) = local(now, date, hour, minute) {
                starts.push((at, n >= phones, n));
            }
        }
        starts.sort();
        for (start, battery, n) in starts {
            let minutes = if battery {
                120 + (noise(day, 300 + n) * 120.0) as i64
            } else {
                25 + (noise(day, 300 + n) * 70.0) as i64
            };
            let end = start + Duration::minutes(minutes);
            let first = (noise(day, 400 + n) * slots.len() as f64) as usize;
            let slot = (0..slots.len())
                .map(|k| (first + k) % slots.len())
                .find(|&s| {
                    (slots[s].connector == "battery") == battery
                        && free[s] <= start
                        && !broken(&slots[s].label, start, end)
                });
            if let Some(s) = slot {
                free[s] = end + Duration::minutes(3);
                seed.sessions
                    .push((slots[s].label.clone(), start, Some(end)));
            }
        }
    }
}

/// Visits (screen sessions) per hour, from `HISTORY_DAYS` ago to the hour before now:
/// about three for each phone charged, more when it is hot or cold outside.
fn visits<Tz: TimeZone>(seed: &mut Seed, now: &DateTime<Tz>) {
    let today = now.naive_local().date();
    let total: u32 = HOURS.iter().sum();
    for day in (0..=HISTORY_DAYS).rev() {
        let date = today - Duration::days(day);
        let weather = match date.month() {
            12 | 1 => 1.2,
            _ => 1.0,
        };
        let per_day = 38.0 * demand(date) * weather * (0.85 + 0.3 * noise(day, 20));
        for (hour, &w) in HOURS.iter().enumerate() {
            let hour = hour as u32;
            if day == 0 && hour >= now.naive_local().hour() {
                break;
            }
            let n = (per_day * w as f64 / total as f64
                * (0.6 + 0.8 * noise(day, 500 + hour as i64)))
            .round() as i64;
            if n > 0
                && let Some(at) = local(now, date, hour, 0)
            {
                seed.visits.push((at, n));
            }
        }
    }
}

/// Amenities out of order: the fridge emptied on hot afternoons, the water dispenser
/// waiting for a new bottle, the microwave repaired once, the rest area closed for a
/// morning's disinfection, the medicine kit restocked.
fn outages<Tz: TimeZone>(seed: &mut Seed, now: &DateTime<Tz>) {
    let today = now.naive_local().date();
    let mut add = |name: &str, status: AmenityStatus, day: i64, hour: u32, hours: i64| {
        if let Some(at) = local(now, today - Duration::days(day), hour, 10) {
            seed.amenity_changes.push((name.into(), status, at));
            seed.amenity_changes.push((
                name.into(),
                AmenityStatus::Ok,
                at + Duration::hours(hours),
            ));
        }
    };
    for day in (SESSIONS_FROM..=HISTORY_DAYS).rev() {
        let date = today - Duration::days(day);
        if matches!(date.month(), 6..=9) && noise(day, 30) < 0.25 {
            add("fridge", AmenityStatus::OutOfStock, day, 14, 2 + day % 3);
        }
        if noise(day, 31) < 0.04 {
            add(
                "water",
                AmenityStatus::OutOfStock,
                day,
                8 + (day % 9) as u32,
                1 + day % 2,
            );
        }
        if noise(day, 32) < 0.015 {
            add("medicine", AmenityStatus::OutOfStock, day, 10, 20);
        }
    }
    add("microwave", AmenityStatus::Repair, 250, 12, 50);
    add("rest", AmenityStatus::Paused, 180, 7, 4);
    add("rest", AmenityStatus::Paused, 40, 7, 4);
}

/// Loans of the books that were on the shelves, two or three a week, more in winter
/// when the reading corner is warm; every one came back, no copy lent twice at once.
/// (`load` then runs the daily task that erases old borrowers.)
fn loans<Tz: TimeZone>(seed: &mut Seed, now: &DateTime<Tz>) {
    const SURNAMES: [&str; 12] = [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
    ];
    let today = now.naive_local().date();
    let books = &seed.books.books;
    let mut out: Vec<Vec<DateTime<Utc>>> = books.iter().map(|_| Vec::new()).collect();
    let mut loans = Vec::new();
    for day in (LOANS_FROM..=HISTORY_DAYS).rev() {
        let date = today - Duration::days(day);
        let chance = match date.month() {
            12 | 1 | 2 => 0.55,
            7 | 8 => 0.35,
            _ => 0.45,
        };
        if noise(day, 40) >= chance {
            continue;
        }
        let Some(lent) = local(now, date, 11 + (day % 9) as u32, (day * 7 % 60) as u32) else {
            continue;
        };
        let keep = (4 + (noise(day, 41) * 20.0) as i64).min(day - LOANS_BACK_BY);
        let back = lent + Duration::days(keep);
        // Any book on the shelf with a copy free, equally likely.
        let free: Vec<usize> = (0..books.len())
            .filter(|&b| {
                let (book, added) = &books[b];
                *added < lent - Duration::days(1)
                    && out[b].iter().filter(|&&until| until > lent).count() < book.copies as usize
            })
            .collect();
        let book = free
            .get((noise(day, 42) * free.len() as f64) as usize)
            .copied();
        if let Some(b) = book {
            out[b].push(back);
            loans.push(SeedLoan {
                book: b,
                surname: SURNAMES[day as usize % SURNAMES.len()].into(),
                phone_tail: format!("{:04}", (day * 7919) % 10_000),
                lent,
                due_days: crate::demo_books::DEMO_LOAN_DAYS,
                returned: Some(back),
            });
        }
    }
    seed.books.loans.extend(loans);
}

/// A wish about every five days: most fulfilled (and archived), some declined or
/// withdrawn. (`load` then runs the daily task that erases old phone numbers.)
fn past_wishes() -> Vec<DemoWish> {
    const WISHES: [(&str, &str); 16] = [
        ("daily", "想要一个保温饭盒，中午饭菜不容易凉"),
        ("daily", "想要一个大容量充电宝，送单时手机经常没电"),
        ("daily", "想要一把结实的雨伞"),
        ("daily", "想要一个保温杯，冬天喝口热水"),
        ("work", "想要一件反光背心，夜里送单更安全"),
        ("work", "想要一个结实的手机支架，导航看得清"),
        ("work", "想要一套分体雨衣，雨天送件不湿身"),
        ("work", "想要一个新头盔，旧的带子坏了"),
        ("education", "想给上小学的孩子要几本课外书"),
        ("education", "想学用手机做表格，有没有人教"),
        ("education", "想给上初中的女儿要一本英汉词典"),
        ("health", "想要一副护膝，天冷膝盖疼"),
        ("health", "想要一支护手霜，手冻裂了"),
        ("health", "想请医生量量血压，最近总头晕"),
        ("hardship", "孩子下学期的学费还差一些，想了解帮扶政策"),
        ("hardship", "老家房子漏雨，想问问有没有补助"),
    ];
    const OCCUPATIONS: [&str; 5] = ["rider", "courier", "sanitation", "driver", "rider"];
    const SURNAMES: [&str; 10] = ["马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁"];
    const DONORS: [Option<&str>; 5] = [
        Some("党员志愿者小陈"),
        Some("街道团委"),
        None,
        Some("爱心企业志愿者"),
        Some("社区居民王阿姨"),
    ];
    let mut out = Vec::new();
    let mut day = HISTORY_DAYS - 2;
    let mut k = 0i64;
    while day >= WISHES_FROM {
        let (kind, text) = WISHES[(noise(k, 50) * WISHES.len() as f64) as usize];
        let fate = noise(k, 51);
        let (state, done, reason) = if fate < 0.12 {
            let reason = ["不属于微心愿范围", "重复"][k as usize % 2];
            ("declined", day - 1, Some(reason))
        } else if fate < 0.22 {
            ("withdrawn", day - 3 - k % 5, None)
        } else {
            // Fulfilled within a month, archived 30 days later (before today).
            (
                "archived",
                (day - 4 - (noise(k, 52) * 22.0) as i64).max(32),
                None,
            )
        };
        let donor = DONORS[k as usize % DONORS.len()].filter(|_| state == "archived");
        out.push(DemoWish {
            state: state.into(),
            kind: kind.into(),
            text: text.into(),
            surname: SURNAMES[k as usize % SURNAMES.len()].into(),
            occupation: OCCUPATIONS[k as usize % OCCUPATIONS.len()].into(),
            phone: format!("139{:08}", (k * 48_271 + 1_234_567) % 100_000_000),
            days_ago: day,
            hour: None,
            done_days_ago: Some(done),
            donor: donor.map(String::from),
            donor_phone: donor.map(|_| format!("137{:08}", (k * 69_621 + 7_654_321) % 100_000_000)),
            thanks: (state == "archived" && k % 3 == 0).then(|| "谢谢站里，谢谢好心人！".into()),
            reason: reason.map(String::from),
        });
        day -= 3 + (noise(k, 53) * 5.0) as i64;
        k += 1;
    }
    out
}

/// A suggestion about every ten days, each answered within the week.
fn past_suggestions() -> Vec<DemoSuggestion> {
    const SUGGESTIONS: [(&str, &str, &str); 8] = [
        (
            "facility",
            "微波炉前排队太长，能不能再加一台",
            "已向街道申请，第二台微波炉已经装好。",
        ),
        (
            "facility",
            "休息区的椅子太硬，能不能换几把软的",
            "已换上四把带靠垫的椅子。",
        ),
        (
            "service",
            "夜里十二点以后能不能有热水",
            "直饮机已改为全天供应热水。",
        ),
        (
            "service",
            "希望多进一些武侠小说",
            "已补充一套金庸作品，放在 C 架。",
        ),
        ("safety", "门口台阶下雨天很滑", "已铺防滑垫，并贴了提醒。"),
        ("safety", "充电柜旁边的插线板有点松", "电工已检修更换。"),
        (
            "other",
            "能不能帮忙代收快递",
            "站里地方有限，暂时不能代收，谢谢理解。",
        ),
        (
            "facility",
            "夏天空调能不能早点开",
            "高温天空调从早上 8 点开始开。",
        ),
    ];
    let mut out = Vec::new();
    let mut day = HISTORY_DAYS - 5;
    let mut k = 0i64;
    while day >= SUGGESTIONS_FROM {
        let (kind, text, reply) = SUGGESTIONS[k as usize % SUGGESTIONS.len()];
        out.push(DemoSuggestion {
            kind: kind.into(),
            text: text.into(),
            phone: None,
            days_ago: day,
            reply: Some(reply.into()),
            reply_days_ago: Some(day - 1 - k % 5),
            published: false,
        });
        day -= 7 + (noise(k, 60) * 7.0) as i64;
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::report::{Period, Report};
    use crate::store::testing::temp_store;
    use chrono::{Datelike, FixedOffset, TimeZone};

    /// On a fresh demo every month of the last thirteen has something to report, with
    /// the seasons where they belong, and last month compares with the month before
    /// and the same month a year ago.
    #[test]
    fn a_fresh_demo_has_thirteen_months_to_report() {
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let now = tz.with_ymd_and_hms(2026, 12, 7, 21, 0, 0).unwrap();
        let (dir, mut store) = temp_store();
        let started = std::time::Instant::now();
        super::super::load(&mut store, &now).unwrap();
        println!("demo with history loaded in {:?}", started.elapsed());
        let report = |y, m| {
            let period = Period::month(y, m).unwrap();
            Report::compute(&store, "站", period, &tz, now.to_utc()).unwrap()
        };
        let mut charging = std::collections::BTreeMap::new();
        for back in 1..=13 {
            let month = now
                .date_naive()
                .checked_sub_months(chrono::Months::new(back))
                .unwrap();
            let r = report(month.year(), month.month());
            let f = &r.figures;
            let when = r.label.clone();
            assert!(f.visits.total > 600, "{when}: {}", f.visits.total);
            assert!(f.charging.sessions > 200, "{when}: {}", f.charging.sessions);
            assert!(f.reading.loans >= 3, "{when}: {}", f.reading.loans);
            assert!(f.reading.returns >= 2, "{when}: {}", f.reading.returns);
            assert!(f.wishes.received >= 3, "{when}: {}", f.wishes.received);
            assert!(f.wishes.fulfilled >= 1, "{when}: {}", f.wishes.fulfilled);
            assert!(f.suggestions.received >= 1, "{when}");
            assert!(f.suggestions.answered >= 1, "{when}");
            assert!(f.visits.by_hour[12] > f.visits.by_hour[3], "{when}");
            charging.insert((month.year(), month.month()), f.charging.sessions);
            let seasonal: Vec<&str> = f
                .notices
                .seasonal
                .iter()
                .map(|n| n.category.as_str())
                .collect();
            match month.month() {
                12 | 1 | 2 => assert!(seasonal.contains(&"冬日送温暖"), "{when}: {seasonal:?}"),
                6..=9 => assert!(seasonal.contains(&"夏日送清凉"), "{when}: {seasonal:?}"),
                _ => assert!(seasonal.is_empty(), "{when}: {seasonal:?}"),
            }
            if matches!(month.month(), 7 | 8) {
                assert!(
                    f.outages.iter().any(|o| o.amenity == "冰箱"),
                    "{when}: {:?}",
                    f.outages
                );
            }
        }
        // Summer is the busy season, the Spring Festival the quiet one.
        assert!(
            charging[&(2026, 8)] as f64 > 1.4 * charging[&(2026, 4)] as f64,
            "{charging:?}"
        );
        assert!(charging[&(2026, 2)] < charging[&(2026, 4)], "{charging:?}");
        let last = report(2026, 11);
        assert!(last.complete);
        assert!(last.previous.is_some() && last.year_before.is_some());
        let a_year_ago = last.year_before.unwrap().headline;
        assert!(a_year_ago.visits > 0 && a_year_ago.charging_sessions > 0);
        // Who borrowed is erased 90 days after the return, as on a real store; the
        // recent loans keep it.
        drop(store);
        let db = rusqlite::Connection::open(dir.path().join(crate::store::DB_FILE)).unwrap();
        let limit = crate::store::ts(now.to_utc() - chrono::Duration::days(90));
        let count = |sql: &str| -> i64 { db.query_row(sql, [&limit], |r| r.get(0)).unwrap() };
        assert!(count("SELECT count(*) FROM loan WHERE closed_at < ?1") > 100);
        assert_eq!(
            count("SELECT count(*) FROM loan WHERE closed_at < ?1 AND surname IS NOT NULL"),
            0
        );
        assert!(
            count("SELECT count(*) FROM loan WHERE closed_at >= ?1 AND surname IS NOT NULL") > 10
        );
    }
}
