//! One module per screen, each with its own `State`, `Message`, `update -> Action` and
//! `view`. Screens never reach into each other; the app routes messages and performs
//! their actions.

pub mod attract;
pub mod charging;
pub mod home;
pub mod notices;
pub mod reading;
pub mod staff;
pub mod suggestion_form;
pub mod wish_form;
pub mod wishes;

use crate::board::Board;
use chrono::{DateTime, NaiveDateTime, Utc};
use iced::Task;
use relay_core::config::Config;
use relay_core::season::Season;
use relay_core::store::Worker;
use std::convert::Infallible;

/// What every view may read: the time, the store's read model and the settings.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// Local wall-clock time.
    pub now: NaiveDateTime,
    /// The same moment in UTC.
    pub utc: DateTime<Utc>,
    pub board: &'a Board,
    pub config: &'a Config,
    pub season: Season,
    pub elder: bool,
}

/// What a screen's `update` may use: the store thread (never the store itself, so
/// `update` cannot wait on the disk), the time, the board and the settings.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    pub store: &'a Worker,
    /// Now, in UTC.
    pub utc: DateTime<Utc>,
    pub board: &'a Board,
    pub config: &'a Config,
}

pub use crate::widget::Typed;

/// What a screen's `update` asks of the app. `E` carries what only that screen asks
/// (the wish board's 我要许愿, staff's 退出); screens that ask nothing more leave it out.
pub enum Action<M, E = Infallible> {
    None,
    GoHome,
    /// Store work to run off the UI thread; its answer comes back as the screen's message.
    Run(Task<M>),
    /// The store changed: refresh what the public screens show.
    Changed,
    /// Both: run this and refresh.
    RunAndRefresh(Task<M>),
    Screen(E),
}

/// A store error as a screen's message carries it (messages are `Clone`), with the
/// sentence `text::error` has for it, worked out once so a view only borrows it.
#[derive(Debug, Clone)]
pub struct Failure {
    error: std::sync::Arc<relay_core::store::Error>,
    words: std::sync::Arc<str>,
}

impl Failure {
    pub fn new(error: relay_core::store::Error) -> Failure {
        Failure {
            words: crate::text::error::zh(&error).into(),
            error: std::sync::Arc::new(error),
        }
    }

    /// What it says to a person at the kiosk.
    pub fn zh(&self) -> &str {
        &self.words
    }
}

impl std::ops::Deref for Failure {
    type Target = relay_core::store::Error;

    fn deref(&self) -> &relay_core::store::Error {
        &self.error
    }
}

impl Eq for Failure {}

/// The same failure, or one that says the same (messages compare in tests).
impl PartialEq for Failure {
    fn eq(&self, other: &Failure) -> bool {
        std::sync::Arc::ptr_eq(&self.error, &other.error) || self.words == other.words
    }
}
