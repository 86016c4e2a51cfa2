//! The demo station: `data/demo.toml` and its posters, compiled into the binary so the
//! kiosk shows a living station from any working directory.

use crate::import::NoticeSpec;
use crate::season::Season;
use crate::store::{AmenityStatus, Connector, Seed, Store};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::Deserialize;

const DEMO: &str = include_str!("../data/demo.toml");
const POSTERS: [(&str, &[u8]); 3] = [
    (
        "posters/winter.png",
        include_bytes!("../data/posters/winter.png"),
    ),
    (
        "posters/summer.png",
        include_bytes!("../data/posters/summer.png"),
    ),
    (
        "posters/health.png",
        include_bytes!("../data/posters/health.png"),
    ),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFile {
    amenity: Vec<DemoAmenity>,
    notice: Vec<toml::Table>,
    slot: Vec<DemoSlot>,
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

fn poster(name: &str) -> Result<Vec<u8>, String> {
    POSTERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| bytes.to_vec())
        .ok_or_else(|| format!("demo poster {name} missing"))
}

/// Loads the demo notices and amenity states relative to `now`, in one transaction.
pub fn load<Tz: TimeZone>(store: &mut Store, now: &DateTime<Tz>) -> Result<usize, String> {
    let file: DemoFile = toml::from_str(DEMO).map_err(|e| format!("data/demo.toml: {e}"))?;
    let today = now.naive_local().date();
    let current = Season::of(today);
    let mut specs = Vec::with_capacity(file.notice.len());
    for mut table in file.notice {
        let season = match table.remove("season").as_ref().and_then(|v| v.as_str()) {
            Some("summer") => Some(Season::Summer),
            Some("winter") => Some(Season::Winter),
            _ => None,
        };
        let mut spec: NoticeSpec = table
            .try_into()
            .map_err(|e| format!("data/demo.toml: {e}"))?;
        if let Some(season) = season.filter(|&s| s != current)
            && let Some((first, last)) = season.last_run(today)
        {
            spec.from = Some(first.to_string());
            spec.until = Some(last.to_string());
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
    store.seed(&seed, "demo").map_err(|e| e.to_string())?;
    Ok(seed.notices.len())
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
        }
    }
}
