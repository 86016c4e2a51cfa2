//! What the public screens show, read from the store on the store thread: amenities,
//! the notices in force (with each poster decoded once into an image handle kept here,
//! never built in `view`; see iced issue #2659) and the charging slots.
//!
//! The kiosk asks every second what changed ([`Board::changes`]), and only the parts
//! whose revision counter moved are read again; notices also when the minute turns,
//! since their schedules depend on the time.

use chrono::{DateTime, Duration, Local, Utc};
use iced::widget::image;
use relay_core::books::Catalog;
use relay_core::config::MEDIAN_MIN_SESSIONS;
use relay_core::store::{
    self, Amenity, Notice, Revisions, Slot, SlotState, Station, Store, Suggestion, Wish,
};
use std::collections::HashMap;
use std::sync::Arc;

/// Posters are shown at most this wide or high on the kiosk.
const POSTER_MAX: u32 = 900;

type Posters = HashMap<i64, (DateTime<Utc>, image::Handle)>;

/// Free and all slots, `(free, total)`, of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Free {
    /// Phone charging ports (every connector but 电瓶).
    pub phones: (usize, usize),
    /// Battery bays (电瓶).
    pub batteries: (usize, usize),
}

#[derive(Debug, Default)]
pub struct Board {
    pub amenities: Vec<Amenity>,
    /// In force now, in display order.
    pub notices: Vec<Notice>,
    pub slots: Vec<Slot>,
    /// The median session of the last 30 days, once there is enough history.
    pub median_session: Option<Duration>,
    /// The public wish board: 待认领, 已认领, 已实现.
    pub wishes: Vec<Wish>,
    /// "今年已实现 N 个微心愿".
    pub wishes_fulfilled_this_year: usize,
    /// Published suggestions with the station's replies (你说我办).
    pub suggestions: Vec<Suggestion>,
    /// What waits for staff: wishes to review, claimed wishes to fulfil, suggestions
    /// without a reply.
    pub staff_queue: StaffQueue,
    /// The reading corner's books (阅读角), searched in memory; read again whenever a
    /// book, a category or a loan changes, so a CLI import shows at once. `None` until
    /// the first read.
    pub catalog: Option<Arc<Catalog>>,
    /// The station's name and line as staff set them (read with the notices).
    pub station: Station,
    /// The parts whose last read failed: each shows a calm 暂时无法显示 card (see
    /// [`crate::widget::unavailable`]) while the rest of the screen works.
    pub unavailable: Changed,
    posters: Posters,
    /// What was read, per topic; `None` until the first read.
    seen: Option<Revisions>,
    /// The local minute (minutes since the epoch) the notices were chosen at.
    notices_minute: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StaffQueue {
    pub wishes_to_review: usize,
    pub wishes_claimed: usize,
    pub suggestions_unanswered: usize,
}

impl StaffQueue {
    pub fn wishes(&self) -> usize {
        self.wishes_to_review + self.wishes_claimed
    }
}

/// Wishes and suggestions as the board shows them.
#[derive(Debug, Clone)]
struct WishesAndSuggestions {
    wishes: Vec<Wish>,
    fulfilled: usize,
    suggestions: Vec<Suggestion>,
    queue: StaffQueue,
}

/// The parts that changed, read on the store thread.
#[derive(Debug, Clone)]
pub struct Update {
    revisions: Revisions,
    amenities: Option<Vec<Amenity>>,
    notices: Option<(Vec<Notice>, Posters, i64, Station)>,
    slots: Option<(Vec<Slot>, Option<Duration>)>,
    wishes_and_suggestions: Option<WishesAndSuggestions>,
    books: Option<Arc<Catalog>>,
    /// The parts that could not be read this time.
    failed: Changed,
}

/// Which parts an update replaced (or, as [`Board::unavailable`], which failed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changed {
    pub amenities: bool,
    pub notices: bool,
    pub slots: bool,
    /// Wishes or suggestions.
    pub wishes_and_suggestions: bool,
    /// Books, categories or loans.
    pub books: bool,
}

impl Changed {
    pub fn any(self) -> bool {
        self.amenities || self.notices || self.slots || self.wishes_and_suggestions || self.books
    }
}

fn minute_of(now: DateTime<Local>) -> i64 {
    now.timestamp().div_euclid(60)
}

impl Board {
    /// A job for the store thread: reads what changed since this board was read (all
    /// of it the first time). `None` when nothing did.
    pub fn changes(
        &self,
        now: DateTime<Local>,
    ) -> impl FnOnce(&mut Store) -> store::Result<Option<Update>> + Send + 'static {
        self.changes_with(now, true)
    }

    /// [`Board::changes`]; without the reading corner's catalogue when `books` is false
    /// (it stays unread, so the next call reads it).
    fn changes_with(
        &self,
        now: DateTime<Local>,
        books: bool,
    ) -> impl FnOnce(&mut Store) -> store::Result<Option<Update>> + Send + 'static {
        let seen = self.seen;
        let minute = minute_of(now);
        let notices_due = minute != self.notices_minute;
        let posters = self.posters.clone();
        let was_failing = self.unavailable;
        move |store| {
            let revisions = match store.revisions() {
                Ok(r) => r,
                // Not even what changed can be read: every part shows the calm card
                // (logged once), and all are read again once the store answers.
                Err(e) => {
                    let all = Changed {
                        amenities: true,
                        notices: true,
                        slots: true,
                        wishes_and_suggestions: true,
                        books: true,
                    };
                    if was_failing == all {
                        return Ok(None);
                    }
                    tracing::error!("the store could not say what changed: {e}");
                    return Ok(Some(Update {
                        revisions: seen.unwrap_or_default(),
                        amenities: None,
                        notices: None,
                        slots: None,
                        wishes_and_suggestions: None,
                        books: None,
                        failed: all,
                    }));
                }
            };
            let stale = |old: Option<i64>, new: i64| old != Some(new);
            let mut update = Update {
                revisions,
                amenities: None,
                notices: None,
                slots: None,
                wishes_and_suggestions: None,
                books: None,
                failed: Changed::default(),
            };
            // Each part loads on its own: one that fails is logged (once, until it
            // reads again) and tried again on the next tick, while the others show.
            let failed = |part: &str, was: bool, e: store::Error| {
                if was {
                    tracing::debug!("{part} still cannot be read: {e}");
                } else {
                    tracing::error!("{part} could not be read: {e}");
                }
                true
            };
            if was_failing.amenities || stale(seen.map(|s| s.amenities), revisions.amenities) {
                match store.amenities() {
                    Ok(list) => update.amenities = Some(list),
                    Err(e) => {
                        update.failed.amenities = failed("amenities", was_failing.amenities, e)
                    }
                }
            }
            if was_failing.notices
                || notices_due
                || stale(seen.map(|s| s.notices), revisions.notices)
            {
                match read_notices(store, now, posters) {
                    Ok((list, posters, station)) => {
                        update.notices = Some((list, posters, minute, station))
                    }
                    Err(e) => update.failed.notices = failed("notices", was_failing.notices, e),
                }
            }
            if was_failing.slots || stale(seen.map(|s| s.slots), revisions.slots) {
                let slots = store.slots().and_then(|list| {
                    Ok((
                        list,
                        store.median_session(now.to_utc(), MEDIAN_MIN_SESSIONS)?,
                    ))
                });
                match slots {
                    Ok(s) => update.slots = Some(s),
                    Err(e) => update.failed.slots = failed("slots", was_failing.slots, e),
                }
            }
            // The yearly count and the staff queue depend on wishes and suggestions
            // both; the minute turning also catches the new year.
            if was_failing.wishes_and_suggestions
                || notices_due
                || stale(seen.map(|s| s.wishes), revisions.wishes)
                || stale(seen.map(|s| s.suggestions), revisions.suggestions)
            {
                match read_wishes_and_suggestions(store, now) {
                    Ok(v) => update.wishes_and_suggestions = Some(v),
                    Err(e) => {
                        update.failed.wishes_and_suggestions =
                            failed("wishes", was_failing.wishes_and_suggestions, e)
                    }
                }
            }
            if books && (was_failing.books || stale(seen.map(|s| s.books), revisions.books)) {
                match Catalog::load(store, now.to_utc()) {
                    Ok(catalog) => {
                        update.books = Some(Arc::new(catalog));
                        // Loading 100k books fills the connection's page cache and
                        // leaves megabytes of freed scratch space in the allocator;
                        // hand both back to the system.
                        if let Err(e) = store.release_memory() {
                            tracing::warn!("could not shrink the store's cache: {e}");
                        }
                        // SAFETY: malloc_trim only releases free memory.
                        #[cfg(target_env = "gnu")]
                        unsafe {
                            libc::malloc_trim(0);
                        }
                    }
                    Err(e) => update.failed.books = failed("books", was_failing.books, e),
                }
            }
            let nothing = update.amenities.is_none()
                && update.notices.is_none()
                && update.slots.is_none()
                && update.wishes_and_suggestions.is_none()
                && update.books.is_none()
                && update.failed == was_failing;
            Ok((!nothing || seen.is_none()).then_some(update))
        }
    }

    /// Takes in what [`Board::changes`] read and says which parts moved.
    pub fn apply(&mut self, update: Update) -> Changed {
        let mut seen = self.seen.unwrap_or(Revisions {
            amenities: -1,
            notices: -1,
            slots: -1,
            wishes: -1,
            suggestions: -1,
            books: -1,
        });
        let mut changed = Changed::default();
        // A part that starts or stops failing changes what the screen shows.
        let failed = update.failed;
        let was = self.unavailable;
        changed.amenities |= failed.amenities != was.amenities;
        changed.notices |= failed.notices != was.notices;
        changed.slots |= failed.slots != was.slots;
        changed.wishes_and_suggestions |=
            failed.wishes_and_suggestions != was.wishes_and_suggestions;
        changed.books |= failed.books != was.books;
        self.unavailable = failed;
        if let Some(list) = update.amenities {
            self.amenities = list;
            seen.amenities = update.revisions.amenities;
            changed.amenities = true;
        }
        if let Some((list, posters, minute, station)) = update.notices {
            changed.notices |= list != self.notices || station != self.station;
            self.station = station;
            self.notices = list;
            self.posters = posters;
            self.notices_minute = minute;
            seen.notices = update.revisions.notices;
        }
        if let Some((list, median)) = update.slots {
            self.slots = list;
            self.median_session = median;
            seen.slots = update.revisions.slots;
            changed.slots = true;
        }
        if let Some(v) = update.wishes_and_suggestions {
            changed.wishes_and_suggestions |= v.wishes != self.wishes
                || v.suggestions != self.suggestions
                || v.queue != self.staff_queue
                || v.fulfilled != self.wishes_fulfilled_this_year;
            self.wishes = v.wishes;
            self.wishes_fulfilled_this_year = v.fulfilled;
            self.suggestions = v.suggestions;
            self.staff_queue = v.queue;
            seen.wishes = update.revisions.wishes;
            seen.suggestions = update.revisions.suggestions;
        }
        if let Some(catalog) = update.books {
            self.catalog = Some(catalog);
            seen.books = update.revisions.books;
            changed.books = true;
        }
        self.seen = Some(seen);
        changed
    }

    /// Reads everything now, on the calling thread: for start-up, before the window
    /// opens, and for tests.
    pub fn load(store: &mut Store, now: DateTime<Local>) -> store::Result<Board> {
        let mut board = Board::default();
        if let Some(update) = board.changes(now)(store)? {
            board.apply(update);
        }
        Ok(board)
    }

    /// [`Board::load`] without the reading corner's catalogue, for the kiosk's start:
    /// with 100,000 books it takes ~150 ms, which would delay the first frame. The
    /// first clock tick reads it on the store thread (the reading corner says
    /// 正在整理书架… until then).
    pub fn load_for_start(store: &mut Store, now: DateTime<Local>) -> store::Result<Board> {
        let mut board = Board::default();
        if let Some(update) = board.changes_with(now, false)(store)? {
            board.apply(update);
        }
        Ok(board)
    }

    /// The reading corner's catalogue; empty until it is read.
    pub fn catalog(&self) -> Option<&Catalog> {
        self.catalog.as_deref()
    }

    /// The station's name: staff's, else `config.toml`'s.
    pub fn station_name<'a>(&'a self, config: &'a relay_core::config::Config) -> &'a str {
        self.station.name.as_deref().unwrap_or(&config.station_name)
    }

    pub fn poster(&self, id: i64) -> Option<&image::Handle> {
        self.posters.get(&id).map(|(_, h)| h)
    }

    /// Free slots and all slots at `now`, phone ports and battery bays apart: a phone
    /// owner must never count an 电瓶 bay as a free charger.
    pub fn slots_free(&self, now: DateTime<Utc>, limit: Duration) -> Free {
        let mut free = Free::default();
        for s in &self.slots {
            let count = if s.connector == relay_core::store::Connector::Battery {
                &mut free.batteries
            } else {
                &mut free.phones
            };
            count.1 += 1;
            if s.state(now, limit).is_free() {
                count.0 += 1;
            }
        }
        free
    }

    /// When the first busy slot is expected to free up: its start plus the median
    /// session (or `fallback` while history is thin). Faulty, locked and overdue slots
    /// don't count.
    pub fn next_free(
        &self,
        now: DateTime<Utc>,
        limit: Duration,
        fallback: Duration,
    ) -> Option<DateTime<Utc>> {
        let typical = self.median_session.unwrap_or(fallback);
        self.slots
            .iter()
            // An overdue session says nothing about when it ends: it never makes the
            // screen promise 马上会有空位.
            .filter_map(|s| match s.state(now, limit) {
                SlotState::Charging { since } | SlotState::Full { since } => Some(since + typical),
                _ => None,
            })
            .min()
    }
}

fn read_wishes_and_suggestions(
    store: &Store,
    now: DateTime<Local>,
) -> store::Result<WishesAndSuggestions> {
    let (wishes_to_review, wishes_claimed) = store.wishes_for_staff()?;
    Ok(WishesAndSuggestions {
        wishes: store.public_wishes()?,
        fulfilled: store.wishes_fulfilled_this_year(now.to_utc())?,
        suggestions: store.published_suggestions()?,
        queue: StaffQueue {
            wishes_to_review,
            wishes_claimed,
            suggestions_unanswered: store.unanswered_suggestions()?,
        },
    })
}

/// The notices in force and their posters; decodes only posters that are new or changed.
fn read_notices(
    store: &Store,
    now: DateTime<Local>,
    mut cache: Posters,
) -> store::Result<(Vec<Notice>, Posters, Station)> {
    let notices = store.notices_in_force(&now)?;
    let station = store.station()?;
    let mut posters = HashMap::with_capacity(notices.len());
    for notice in notices.iter().filter(|n| n.has_poster) {
        let cached = cache
            .remove(&notice.id)
            .filter(|(at, _)| *at == notice.updated_at);
        let handle = match cached {
            Some((_, handle)) => Some(handle),
            None => store
                .notice_poster(notice.id)?
                .and_then(|bytes| decode(&bytes)),
        };
        if let Some(handle) = handle {
            posters.insert(notice.id, (notice.updated_at, handle));
        }
    }
    Ok((notices, posters, station))
}

/// Decodes a poster to RGBA once. A broken poster is skipped (logged), never a panic.
fn decode(bytes: &[u8]) -> Option<image::Handle> {
    match ::image::load_from_memory(bytes) {
        Ok(img) => {
            let img = if img.width() > POSTER_MAX || img.height() > POSTER_MAX {
                img.resize(
                    POSTER_MAX,
                    POSTER_MAX,
                    ::image::imageops::FilterType::Triangle,
                )
            } else {
                img
            };
            let rgba = img.to_rgba8();
            Some(image::Handle::from_rgba(
                rgba.width(),
                rgba.height(),
                rgba.into_raw(),
            ))
        }
        Err(e) => {
            tracing::warn!("poster could not be decoded: {e}");
            None
        }
    }
}

#[cfg(test)]
#[path = "board_tests.rs"]
mod tests;
