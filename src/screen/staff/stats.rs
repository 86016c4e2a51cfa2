//! Staff: statistics (使用统计): today's charging sessions and their average length,
//! the busiest hours of the last 7 days as a bar chart, slots with repeated faults, and
//! the reading corner (books lent this month, the top 10, loans overdue).
//! Read on the store thread when the page opens and whenever the slots change.

use crate::screen::Env;
use crate::screen::Failure;
use crate::text::staff::stats as t;
use crate::theme::{self, BOLD, Element, Ui};
use crate::widget::chart::HourChart;
use chrono::{DateTime, Duration, Local, Timelike, Utc};
use iced::widget::{canvas, column, container, row, text};
use iced::{Length, Task};
use relay_core::store::Store;

/// The figures, read on the store thread (the chart, with its drawing cache, is made
/// from them on the UI thread).
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub today_sessions: usize,
    pub today_average_mins: Option<i64>,
    /// Sessions started in each local hour over the last 7 days.
    pub by_hour: [u32; 24],
    /// Slots with two or more faults in the last 30 days.
    pub repeated_faults: Vec<(String, i64)>,
    pub books: BookFigures,
}

/// The reading corner's figures: books lent this month, the 10 most borrowed, and the
/// loans overdue (title and days).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BookFigures {
    pub lent_this_month: u32,
    pub top10: Vec<(String, u32)>,
    pub overdue: Vec<(String, u32)>,
}

impl Stats {
    pub fn load(store: &Store, now: DateTime<Utc>) -> relay_core::store::Result<Stats> {
        let local = now.with_timezone(&Local);
        let midnight = local
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .and_then(|start| start.and_local_timezone(Local).earliest())
            .map_or(now - Duration::hours(24), |start| start.to_utc());
        let today = store.sessions_between(midnight, now + Duration::seconds(1))?;
        let lengths: Vec<i64> = today
            .iter()
            .filter_map(|s| {
                s.ended_at
                    .map(|end| (end - s.started_at).num_minutes().max(0))
            })
            .collect();
        let mut by_hour = [0u32; 24];
        for s in store.sessions_between(now - Duration::days(7), now)? {
            by_hour[s.started_at.with_timezone(&Local).hour() as usize] += 1;
        }
        Ok(Stats {
            today_sessions: today.len(),
            today_average_mins: (!lengths.is_empty())
                .then(|| lengths.iter().sum::<i64>() / lengths.len() as i64),
            by_hour,
            repeated_faults: store.repeated_faults(now - Duration::days(30), 2)?,
            books: {
                let b = store.book_stats(now)?;
                BookFigures {
                    lent_this_month: b.lent_this_month,
                    top10: b.top10,
                    overdue: b
                        .overdue
                        .iter()
                        .map(|l| (l.title.clone(), l.overdue_days))
                        .collect(),
                }
            },
        })
    }
}

#[derive(Debug, Default)]
pub struct State {
    stats: Option<Result<(Stats, HourChart), Failure>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Loaded(Result<Stats, Failure>),
}

impl State {
    pub fn open(env: Env<'_>) -> (State, Task<Message>) {
        (State::default(), Self::load(env))
    }

    pub fn load(env: Env<'_>) -> Task<Message> {
        let now = env.utc;
        let job = move |store: &mut Store| Stats::load(store, now);
        Task::perform(env.store.run(job), |r| {
            Message::Loaded(r.map_err(Failure::new))
        })
    }

    pub fn update(&mut self, message: Message) {
        let Message::Loaded(result) = message;
        self.stats = Some(result.map(|stats| {
            let chart = HourChart::new(stats.by_hour);
            (stats, chart)
        }));
    }

    pub fn view<'a>(&'a self, ui: &Ui) -> Element<'a, Message> {
        let stats = match &self.stats {
            None => return text(t::LOADING).size(ui.body()).into(),
            Some(Err(e)) => return text(t::load_failed(e.zh())).size(ui.body()).into(),
            Some(Ok((stats, chart))) => (stats, chart),
        };
        let (stats, chart) = stats;
        let average = stats.today_average_mins.map_or("—".to_string(), t::minutes);
        let busiest: Vec<String> = chart
            .busiest_ranges(3)
            .into_iter()
            .map(|(from, until)| t::hours(from, until))
            .collect();
        let figures = row![
            figure(ui, t::TODAY_SESSIONS, t::sessions(stats.today_sessions)),
            figure(ui, t::TODAY_AVERAGE, average),
            figure(
                ui,
                t::BUSIEST,
                if busiest.is_empty() {
                    "—".into()
                } else {
                    busiest.join(t::LIST_SEPARATOR)
                }
            ),
        ]
        .spacing(ui.gap());
        let faults: Element<'a, Message> = if stats.repeated_faults.is_empty() {
            text(t::NO_REPEATED_FAULTS).size(ui.body()).into()
        } else {
            text(t::repeated_faults(
                &stats
                    .repeated_faults
                    .iter()
                    .map(|(label, n)| t::faults_of(label, *n))
                    .collect::<Vec<_>>()
                    .join(t::LIST_SEPARATOR),
            ))
            .size(ui.label())
            .font(BOLD)
            .into()
        };
        let b = &stats.books;
        let books = row![
            figure(ui, t::LENT_THIS_MONTH, t::books(b.lent_this_month)),
            figure(ui, t::OVERDUE, t::books(b.overdue.len() as u32)),
        ]
        .spacing(ui.gap());
        let top = if b.top10.is_empty() {
            t::NO_LOANS_YET.to_string()
        } else {
            b.top10
                .iter()
                .map(|(title, n)| t::borrowed(title, *n))
                .collect::<Vec<_>>()
                .join(t::LIST_SEPARATOR)
        };
        let mut lines = column![text(format!("{}：{top}", t::TOP10)).size(ui.body())];
        if !b.overdue.is_empty() {
            lines = lines.push(
                text(
                    b.overdue
                        .iter()
                        .map(|(title, days)| t::overdue_of(title, *days))
                        .collect::<Vec<_>>()
                        .join(t::LIST_SEPARATOR),
                )
                .size(ui.body())
                .font(BOLD),
            );
        }
        column![
            figures,
            books,
            lines.spacing(theme::LINE_GAP),
            text(t::CHART_TITLE).size(ui.label()).font(BOLD),
            container(canvas(chart).width(Length::Fill).height(Length::Fill))
                .padding(ui.gap())
                .height(Length::Fill)
                .style(theme::card),
            faults,
        ]
        .spacing(ui.gap())
        .into()
    }
}

fn figure<'a>(ui: &Ui, label: &'a str, value: String) -> Element<'a, Message> {
    container(
        column![
            text(label).size(ui.body()).style(theme::muted),
            text(value).size(ui.heading()).font(BOLD),
        ]
        .spacing(theme::BADGE_PAD),
    )
    .padding(ui.gap())
    .width(Length::Fill)
    .style(theme::card)
    .into()
}
