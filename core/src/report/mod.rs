//! The station's monthly report (成效显): the figures of a month or any run of days
//! (`store::figures`), the headline numbers compared with the period before and the same
//! period a year earlier, and the report's forms — plain text, JSON, CSV files and PDF —
//! all made from the one `Report`, so they cannot disagree.

pub mod csv;
pub mod export;
pub mod palette;
pub mod pdf;
mod period;
pub mod text;

pub use period::{MAX_DAYS, Period};

use crate::store::{Figures, Result, Store};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::Serialize;

/// The numbers at the top of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Headline {
    pub visits: i64,
    pub charging_sessions: i64,
    pub loans: i64,
    pub wishes_fulfilled: i64,
    pub suggestions_answered: i64,
}

impl Headline {
    pub fn of(f: &Figures) -> Headline {
        Headline {
            visits: f.visits.total,
            charging_sessions: f.charging.sessions,
            loans: f.reading.loans,
            wishes_fulfilled: f.wishes.fulfilled,
            suggestions_answered: f.suggestions.answered,
        }
    }

    /// Each number with its name (Chinese, English) and unit, in the report's order.
    pub fn items(&self) -> [(&'static str, &'static str, &'static str, i64); 5] {
        [
            ("来访", "Visits", "人次", self.visits),
            (
                "手机充电",
                "Charging sessions",
                "次",
                self.charging_sessions,
            ),
            ("图书借阅", "Loans", "本次", self.loans),
            (
                "微心愿圆梦",
                "Wishes fulfilled",
                "个",
                self.wishes_fulfilled,
            ),
            (
                "建议答复",
                "Suggestions answered",
                "条",
                self.suggestions_answered,
            ),
        ]
    }
}

/// A period compared with, and its headline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compared {
    pub period: Period,
    pub label: String,
    pub headline: Headline,
}

/// One report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub station: String,
    pub period: Period,
    pub label: String,
    pub generated_at: DateTime<Utc>,
    /// The same moment on the station's clock.
    pub as_of: NaiveDateTime,
    /// False while the period is not over: its figures run to `generated_at`.
    pub complete: bool,
    pub headline: Headline,
    /// The period before (`None`: the store has no history that far back).
    pub previous: Option<Compared>,
    /// The same period a year earlier, where there is history.
    pub year_before: Option<Compared>,
    pub figures: Figures,
}

impl Report {
    /// The report of `period` for the station called `station`, in the station's time
    /// zone `tz`, as of `now`.
    pub fn compute<Tz: TimeZone>(
        store: &Store,
        station: &str,
        period: Period,
        tz: &Tz,
        now: DateTime<Utc>,
    ) -> Result<Report> {
        let (from, until) = period.bounds(tz);
        let complete = until.to_utc() <= now;
        let figures = store.figures(from, until, now)?;
        let history = store.first_activity()?;
        let compared = |p: Period| -> Result<Option<Compared>> {
            let (from, until) = p.bounds(tz);
            // Only where the store was already keeping history.
            if history.is_none_or(|first| first >= until.to_utc()) {
                return Ok(None);
            }
            Ok(Some(Compared {
                period: p,
                label: p.label(),
                headline: Headline::of(&store.figures(from, until, now)?),
            }))
        };
        Ok(Report {
            station: station.to_string(),
            period,
            label: period.label(),
            generated_at: now,
            as_of: now.with_timezone(tz).naive_local(),
            complete,
            headline: Headline::of(&figures),
            previous: compared(period.previous())?,
            year_before: compared(period.year_before())?,
            figures,
        })
    }

    /// The report's title: 万里街道户外职工爱心接力站 2026年11月服务报告.
    pub fn title(&self) -> String {
        format!("{} {}服务报告", self.station, self.label)
    }
}

/// A change in words: `+12%`, `−3%`, `持平`, or `—` when there is nothing to compare.
pub fn change(now: i64, before: Option<i64>) -> String {
    match before {
        None => "—".into(),
        Some(b) if b == now => "持平".into(),
        Some(0) => format!("+{now}"),
        Some(b) => {
            let pct = ((now - b) as f64 / b as f64 * 100.0).round() as i64;
            if pct >= 0 {
                format!("+{pct}%")
            } else {
                format!("−{}%", -pct)
            }
        }
    }
}

/// Hours shown to one decimal (`12.5`), a count as a whole number.
pub fn hours(h: f64) -> String {
    format!("{h:.1}")
}

/// Days to one decimal, or `—` when nothing was measured.
pub fn days(d: Option<f64>) -> String {
    d.map_or("—".into(), |d| format!("{d:.1}"))
}

#[cfg(test)]
mod tests;
