//! What the public screens show, read from the store: amenities and the notices in
//! force, with each poster decoded once into an image handle kept here (never built
//! in `view`; see iced issue #2659).

use crate::config::MEDIAN_MIN_SESSIONS;
use crate::store::{self, Amenity, Notice, Slot, SlotState, Store};
use chrono::{DateTime, Duration, TimeZone, Utc};
use iced::widget::image;
use std::collections::HashMap;

/// Posters are shown at most this wide or high on the kiosk.
const POSTER_MAX: u32 = 900;

#[derive(Debug, Default)]
pub struct Board {
    pub amenities: Vec<Amenity>,
    /// In force now, in display order.
    pub notices: Vec<Notice>,
    pub slots: Vec<Slot>,
    /// The median session of the last 30 days, once there is enough history.
    pub median_session: Option<Duration>,
    posters: HashMap<i64, (DateTime<Utc>, image::Handle)>,
}

impl Board {
    pub fn load<Tz: TimeZone>(store: &Store, now: &DateTime<Tz>) -> store::Result<Board> {
        let mut board = Board::default();
        board.refresh(store, now)?;
        Ok(board)
    }

    /// Re-reads the store; decodes only posters that are new or changed.
    pub fn refresh<Tz: TimeZone>(
        &mut self,
        store: &Store,
        now: &DateTime<Tz>,
    ) -> store::Result<()> {
        self.amenities = store.amenities()?;
        self.notices = store.notices_in_force(now)?;
        self.slots = store.slots()?;
        self.median_session = store.median_session(now.to_utc(), MEDIAN_MIN_SESSIONS)?;
        let mut posters = HashMap::with_capacity(self.notices.len());
        for notice in self.notices.iter().filter(|n| n.has_poster) {
            let cached = self
                .posters
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
        self.posters = posters;
        Ok(())
    }

    pub fn poster(&self, id: i64) -> Option<&image::Handle> {
        self.posters.get(&id).map(|(_, h)| h)
    }

    /// Free slots and all slots at `now`.
    pub fn slots_free(&self, now: DateTime<Utc>, limit: Duration) -> (usize, usize) {
        let free = self
            .slots
            .iter()
            .filter(|s| s.state(now, limit).is_free())
            .count();
        (free, self.slots.len())
    }

    /// When the first busy slot is expected to free up: its start plus the median
    /// session (or `fallback` while history is thin). Faulty and locked slots don't count.
    pub fn next_free(
        &self,
        now: DateTime<Utc>,
        limit: Duration,
        fallback: Duration,
    ) -> Option<DateTime<Utc>> {
        let typical = self.median_session.unwrap_or(fallback);
        self.slots
            .iter()
            .filter_map(|s| match s.state(now, limit) {
                SlotState::Charging { since }
                | SlotState::Full { since }
                | SlotState::Overtime { since } => Some(since + typical),
                _ => None,
            })
            .min()
    }

    /// How many amenities are working, and how many there are.
    pub fn amenities_ok(&self) -> (usize, usize) {
        let ok = self.amenities.iter().filter(|a| a.status.is_ok()).count();
        (ok, self.amenities.len())
    }
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
