//! The demo station: `data/demo.toml` and its posters, compiled into the binary so the
//! kiosk shows a living station from any working directory.

use crate::import::NoticeSpec;
use crate::season::Season;
use crate::store::{
    AmenityStatus, Connector, Occupation, Seed, Store, Suggestion, SuggestionKind, Wish, WishKind,
    WishState,
};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::Deserialize;

mod history;

const DEMO: &str = include_str!("../../data/demo.toml");
const POSTERS: [(&str, &[u8]); 3] = [
    (
        "posters/winter.png",
        include_bytes!("../../data/posters/winter.png"),
    ),
    (
        "posters/summer.png",
        include_bytes!("../../data/posters/summer.png"),
    ),
    (
        "posters/health.png",
        include_bytes!("../../data/posters/health.png"),
    ),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFile {
    amenity: Vec<DemoAmenity>,
    notice: Vec<toml::Table>,
    slot: Vec<DemoSlot>,
    #[serde(default)]
    wish: Vec<DemoWish>,
    #[serde(default)]
    suggestion: Vec<DemoSuggestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoWish {
    state: String,
    kind: String,
    text: String,
    surname: String,
    occupation: String,
    phone: String,
    days_ago: i64,
    hour: Option<u32>,
    done_days_ago: Option<i64>,
    donor: Option<String>,
    donor_phone: Option<String>,
    thanks: Option<String>,
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSuggestion {
    kind: String,
    text: String,
    phone: Option<String>,
    days_ago: i64,
    reply: Option<String>,
    reply_days_ago: Option<i64>,
    #[serde(default)]
    published: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSlot {
    label: String,
    connector: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    fed: bool,
    charging_mins: Option<i64>,
    fault: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAmenity {
    name: String,
    status: String,
    #[serde(default)]
    note: String,
}

fn poster(name: &str) -> crate::store::Result<Vec<u8>> {
    POSTERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| bytes.to_vec())
        .ok_or_else(|| format!("demo poster {name} missing").into())
}

/// The demo station's name (a real station sets its own on the staff screen).
pub const DEMO_STATION: &str = "万里街道户外职工爱心接力站";

/// Loads the demo notices and amenity states relative to `now`, in one transaction.
pub fn load<Tz: TimeZone>(store: &mut Store, now: &DateTime<Tz>) -> crate::store::Result<usize> {
    let file: DemoFile = toml::from_str(DEMO).map_err(|e| format!("data/demo.toml: {e}"))?;
    let today = now.naive_local().date();
    let current = Season::of(today);
    let mut specs = Vec::with_capacity(file.notice.len());
    for mut table in file.notice {
        let season_key = table.remove("season");
        let season_key = season_key.as_ref().and_then(|v| v.as_str());
        let season = match season_key {
            Some("summer") => Some(Season::Summer),
            Some("winter") => Some(Season::Winter),
            _ => None,
        };
        let mut spec: NoticeSpec = table
            .try_into()
            .map_err(|e| format!("data/demo.toml: {e}"))?;
        if let Some(season) = season
            && let Some((first, last)) = season.last_run(today)
        {
            let mut last_run = spec.clone();
            last_run.from = Some(first.to_string());
            last_run.until = Some(last.to_string());
            if season != current {
                spec = last_run;
            } else if spec.category.as_deref() == season_key {
                // The same service a year ago, for the report's comparison.
                specs.push(last_run);
            }
        }
        specs.push(spec);
    }
    let notices = crate::import::to_notices(&specs, now, &poster)?;
    let amenities = file
        .amenity
        .iter()
        .map(|a| {
            AmenityStatus::parse(&a.status)
                .map(|s| (a.name.clone(), s, a.note.clone()))
                .ok_or_else(|| format!("data/demo.toml: bad status {}", a.status))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut seed = Seed {
        amenities,
        notices,
        station_name: Some(DEMO_STATION.into()),
        ..Seed::default()
    };
    let utc = now.with_timezone(&Utc);
    for s in &file.slot {
        let connector = Connector::parse(&s.connector)
            .ok_or_else(|| format!("data/demo.toml: bad connector {}", s.connector))?;
        seed.slots
            .push((s.label.clone(), connector, s.note.clone(), s.fed));
        if let Some(mins) = s.charging_mins {
            seed.sessions
                .push((s.label.clone(), utc - Duration::minutes(mins), None));
        }
        if let Some(note) = &s.fault {
            seed.faults.push((s.label.clone(), note.clone()));
        }
    }
    seed.sessions.extend(past_week(&file.slot, now));
    for (i, w) in file.wish.iter().enumerate() {
        let wish =
            demo_wish(i, w, now).map_err(|e| format!("data/demo.toml, wish {}: {e}", i + 1))?;
        seed.wishes.push(wish);
    }
    for (i, s) in file.suggestion.iter().enumerate() {
        let suggestion = demo_suggestion(i, s, now)
            .map_err(|e| format!("data/demo.toml, suggestion {}: {e}", i + 1))?;
        seed.suggestions.push(suggestion);
    }
    seed.books = crate::demo_books::seed(now)?;
    history::extend(
        &mut seed,
        &file.slot,
        file.wish.len(),
        file.suggestion.len(),
        now,
    )?;
    store.seed(&seed, "demo").map_err(|e| e.to_string())?;
    // The history is as old as a real store's: what the daily tasks erase (phone numbers,
    // borrowers) is gone, by the same code.
    let utc = now.with_timezone(&Utc);
    store.wish_housekeeping(utc).map_err(|e| e.to_string())?;
    store.loan_housekeeping(utc).map_err(|e| e.to_string())?;
    Ok(seed.notices.len())
}

/// `days` days before `now`'s local date at local `hour` (with a few minutes of
/// spread), in UTC; never after `now`.
fn days_ago<Tz: TimeZone>(
    now: &DateTime<Tz>,
    days: i64,
    hour: u32,
    i: usize,
) -> crate::store::Result<DateTime<Utc>> {
    let date = now.naive_local().date() - Duration::days(days);
    let minute = ((i * 23) % 60) as u32;
    let at = date
        .and_hms_opt(hour.min(23), minute, 0)
        .and_then(|t| now.timezone().from_local_datetime(&t).earliest())
        .ok_or_else(|| format!("no such time: {days} days ago at {hour}:00"))?
        .with_timezone(&Utc);
    Ok(at.min(now.with_timezone(&Utc) - Duration::minutes(5 + i as i64)))
}

/// Six digits fixed by position, spread so neighbours do not look alike.
fn demo_number(i: usize) -> String {
    format!("{}", 200_000 + (i * 7919 + 4211) % 400_000)
}

/// A wish as it stands, its times placed relative to `now`: left `days_ago`, approved
/// the next morning (or halfway to the next step), claimed halfway to fulfilment,
/// closed `done_days_ago` (archived: 30 days after fulfilment).
fn demo_wish<Tz: TimeZone>(
    i: usize,
    w: &DemoWish,
    now: &DateTime<Tz>,
) -> crate::store::Result<Wish> {
    let state = WishState::parse(&w.state).ok_or_else(|| format!("bad state {}", w.state))?;
    let kind = WishKind::parse(&w.kind).ok_or_else(|| format!("bad kind {}", w.kind))?;
    let occupation = Occupation::parse(&w.occupation)
        .ok_or_else(|| format!("bad occupation {}", w.occupation))?;
    let created = days_ago(
        now,
        w.days_ago,
        w.hour.unwrap_or(8 + (i as u32 * 5) % 13),
        i,
    )?;
    let done = match (state, w.done_days_ago) {
        (WishState::Pending | WishState::Open, None) => None,
        (WishState::Pending | WishState::Open, Some(_)) => {
            return Err("done_days_ago is for wishes that moved on".into());
        }
        (_, None) => return Err(format!("a {} wish needs done_days_ago", w.state).into()),
        (_, Some(d)) => Some(days_ago(now, d, 10 + (i as u32 * 3) % 10, i)?),
    };
    if done.is_some_and(|d| d <= created) {
        return Err("done_days_ago must be after days_ago".into());
    }
    let utc_now = now.with_timezone(&Utc);
    let next = done.unwrap_or(utc_now);
    let approved = (created + Duration::hours(20)).min(created + (next - created) / 2);
    let moved_on = !matches!(
        state,
        WishState::Pending | WishState::Declined | WishState::Withdrawn
    );
    let (claimed, fulfilled, closed) = match state {
        WishState::Claimed => (done, None, None),
        WishState::Fulfilled => (Some(approved + (next - approved) / 2), done, None),
        WishState::Archived => {
            let archived =
                next + Duration::days(crate::store::ARCHIVE_AFTER_DAYS) + Duration::hours(14);
            if archived > utc_now {
                return Err("an archived wish was fulfilled over 30 days ago".into());
            }
            (Some(approved + (next - approved) / 2), done, Some(archived))
        }
        WishState::Declined | WishState::Withdrawn => (None, None, done),
        WishState::Pending | WishState::Open => (None, None, None),
    };
    Ok(Wish {
        id: 0,
        // Fixed numbers, so the demo (and its snapshots) are the same on every start.
        number: demo_number(i),
        kind,
        text: w.text.clone(),
        surname: w.surname.clone(),
        occupation,
        phone: Some(w.phone.clone()),
        state,
        created_at: created,
        approved_at: moved_on.then_some(approved),
        claimed_at: claimed,
        fulfilled_at: fulfilled,
        closed_at: closed,
        decline_reason: w.reason.clone(),
        donor: w.donor.clone(),
        donor_phone: w.donor_phone.clone(),
        thanks: w.thanks.clone(),
        has_photo: false,
        // The demo's health wishes were written to be shared.
        text_public: true,
    })
}

fn demo_suggestion<Tz: TimeZone>(
    i: usize,
    s: &DemoSuggestion,
    now: &DateTime<Tz>,
) -> crate::store::Result<Suggestion> {
    let kind = SuggestionKind::parse(&s.kind).ok_or_else(|| format!("bad kind {}", s.kind))?;
    let created = days_ago(now, s.days_ago, 9 + (i as u32 * 7) % 12, i)?;
    let replied_at = match (&s.reply, s.reply_days_ago) {
        (Some(_), Some(d)) => Some(days_ago(now, d, 16, i)?),
        (None, None) => None,
        _ => return Err("reply and reply_days_ago go together".into()),
    };
    if replied_at.is_some_and(|r| r <= created) {
        return Err("reply_days_ago must be after days_ago".into());
    }
    Ok(Suggestion {
        id: 0,
        kind,
        text: s.text.clone(),
        phone: s.phone.clone(),
        created_at: created,
        reply: s.reply.clone(),
        replied_at,
        published: s.published,
        // Fixed, as the wishes' are.
        number: Some(format!("{}", 610_000 + 37 * i)),
    })
}

/// A plausible week of finished sessions: busy at breakfast, lunch and dinner.
fn past_week<Tz: TimeZone>(
    slots: &[DemoSlot],
    now: &DateTime<Tz>,
) -> Vec<(String, DateTime<Utc>, Option<DateTime<Utc>>)> {
    const HOURS: [u32; 12] = [7, 8, 11, 11, 12, 12, 13, 17, 18, 18, 19, 22];
    let phones: Vec<&DemoSlot> = slots.iter().filter(|s| s.connector != "battery").collect();
    let mut sessions = Vec::new();
    if phones.is_empty() {
        return sessions;
    }
    let today = now.naive_local().date();
    let mut i = 0usize;
    for day in 1..=7 {
        let date = today - Duration::days(day);
        for (k, &hour) in HOURS.iter().enumerate() {
            if (day as usize + k).is_multiple_of(5) {
                continue; // not every hour every day
            }
            let minute = ((i * 17) % 50) as u32;
            let Some(start) = date
                .and_hms_opt(hour, minute, 0)
                .and_then(|t| now.timezone().from_local_datetime(&t).earliest())
            else {
                continue;
            };
            let start = start.with_timezone(&Utc);
            let length = Duration::minutes(25 + ((i * 13) % 70) as i64);
            sessions.push((
                phones[i % phones.len()].label.clone(),
                start,
                Some(start + length),
            ));
            i += 1;
        }
    }
    sessions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NoticeState;
    use chrono::FixedOffset;

    #[test]
    fn demo_is_alive_in_any_season() {
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        for (month, seasonal) in [(12, "冬日送温暖"), (7, "夏日送清凉"), (4, "")] {
            let (_dir, mut store) = crate::store::testing::temp_store();
            let now = tz.with_ymd_and_hms(2026, month, 15, 11, 0, 0).unwrap();
            let n = load(&mut store, &now).unwrap();
            assert!(n >= 12);
            let in_force = store.notices_in_force(&now).unwrap();
            assert!(in_force.len() >= 6, "month {month}: {}", in_force.len());
            // Seasonal notices show only in their season.
            for notice in store.notices().unwrap() {
                if matches!(notice.category.zh(), "冬日送温暖" | "夏日送清凉")
                    && notice.category.zh() != seasonal
                {
                    assert_ne!(notice.state(&now), NoticeState::InForce, "{}", notice.title);
                }
            }
            assert!(store.setting("initialized").unwrap().is_some());
            assert_eq!(store.slots().unwrap().len(), 10);
            assert!(store.median_session(now.to_utc(), 10).unwrap().is_some());
            assert!(!store.amenities().unwrap()[1].status.is_ok());
            demo_wishes_and_suggestions(&mut store, now.to_utc());
            demo_reading_corner(&mut store, now.to_utc());
        }
    }

    /// About 80 books in every category, loans out with one overdue, a visitor's return.
    fn demo_reading_corner(store: &mut Store, now: DateTime<Utc>) {
        let catalog = crate::books::Catalog::load(store, now).unwrap();
        assert!((75..=90).contains(&catalog.len()), "{}", catalog.len());
        let cats = catalog.categories();
        assert_eq!(cats.len(), 8, "every book has a category");
        assert!(cats.iter().all(|c| c.books >= 5), "{cats:?}");
        assert_eq!(cats[0].name, "党建工会");
        assert_eq!(store.loans_out(now).unwrap().len(), 5);
        assert_eq!(store.book_stats(now).unwrap().overdue.len(), 1);
        assert_eq!(catalog.totals().overdue, 1);
        assert_eq!(store.visitor_returns().unwrap().len(), 1);
        assert_eq!(catalog.card(catalog.popular(1)[0]).unwrap().title, "三体");
        assert_eq!(
            catalog.card(catalog.search("hlm")[0]).unwrap().title,
            "红楼梦"
        );
        assert_eq!(
            catalog.card(catalog.search("changan")[0]).unwrap().title,
            "长安的荔枝"
        );
        assert_eq!(store.loan_housekeeping(now).unwrap(), 0);
        assert!(store.revisions().unwrap().books > 0);
    }

    /// Every state is there, consistent with the lifecycle the store enforces.
    fn demo_wishes_and_suggestions(store: &mut Store, now: DateTime<Utc>) {
        use crate::store::WishFilter;
        let all = store.wishes(&WishFilter::default()).unwrap();
        // The board's wishes are the last 62 days'; older ones are the history's, all
        // dealt with (and their phone numbers erased after 90 days, as the daily task does).
        let (wishes, past): (Vec<_>, Vec<_>) = all
            .into_iter()
            .partition(|w| w.created_at > now - Duration::days(62));
        assert!(wishes.len() >= 25, "{}", wishes.len());
        assert!(past.len() >= 50, "{}", past.len());
        for w in &past {
            assert!(
                matches!(
                    w.state,
                    WishState::Archived | WishState::Declined | WishState::Withdrawn
                ),
                "{}",
                w.text
            );
            assert!(w.closed_at.is_some_and(|c| c < now), "{}", w.text);
            let erased = w.closed_at.unwrap() < now - Duration::days(90);
            assert_eq!(w.phone.is_none(), erased, "{}", w.text);
        }
        let count = |s: WishState| wishes.iter().filter(|w| w.state == s).count();
        assert!((3..=4).contains(&count(WishState::Pending)));
        assert_eq!(count(WishState::Claimed), 2);
        assert_eq!(count(WishState::Declined), 1);
        assert_eq!(count(WishState::Withdrawn), 1);
        assert_eq!(count(WishState::Archived), 1);
        assert!(count(WishState::Open) >= 5);
        assert!(count(WishState::Fulfilled) >= 5);
        assert_eq!(
            store.wishes_for_staff().unwrap(),
            (count(WishState::Pending), 2)
        );
        for w in &wishes {
            assert!(w.created_at < now, "{}", w.text);
            assert!(w.created_at > now - Duration::days(62), "{}", w.text);
            let steps = [w.approved_at, w.claimed_at, w.fulfilled_at, w.closed_at];
            let mut last = w.created_at;
            for t in steps.into_iter().flatten() {
                assert!(t >= last && t <= now, "{}: times in order", w.text);
                last = t;
            }
            assert_eq!(w.number.len(), crate::store::NUMBER_DIGITS);
            assert!(w.phone.is_some());
            if w.state.is_public() && w.state != WishState::Open {
                assert!(w.donor_phone.is_some(), "{}", w.text);
            }
        }
        // The daily task finds nothing to do on a fresh demo.
        assert_eq!(store.wish_housekeeping(now).unwrap(), (0, 0));
        let suggestions = store.suggestions().unwrap();
        assert!(suggestions.len() >= 8);
        assert!(store.published_suggestions().unwrap().len() >= 3);
        assert!(
            suggestions
                .iter()
                .any(|s| s.reply.is_some() && !s.published)
        );
        assert!((2..=4).contains(&store.unanswered_suggestions().unwrap()));
        let revisions = store.revisions().unwrap();
        assert!(revisions.wishes > 0 && revisions.suggestions > 0);
    }

    #[test]
    fn several_wishes_were_fulfilled_this_year_in_december() {
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let (_dir, mut store) = crate::store::testing::temp_store();
        let now = tz.with_ymd_and_hms(2026, 12, 15, 11, 0, 0).unwrap();
        load(&mut store, &now).unwrap();
        let n = store.wishes_fulfilled_this_year(now.to_utc()).unwrap();
        assert!(n >= 8, "{n}");
        let board = store.public_wishes().unwrap();
        assert_eq!(board[0].state, WishState::Open);
        assert!(board.iter().all(|w| w.state.is_public()));
    }
}
