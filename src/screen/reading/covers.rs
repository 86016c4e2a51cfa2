//! Cover pictures: each decoded once, off the UI thread (a bounded read of the scaled
//! file the store keeps), and kept as an image handle; only for the cards a view may
//! show. A book without one gets a generated cover (see `shelf::cover`).

use super::Message;
use crate::screen::Env;
use iced::Task;
use iced::widget::image::Handle;
use relay_core::books::Catalog;
use relay_core::store::BookId;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Covers are shown at most this wide or high.
const COVER_MAX: u32 = 600;

#[derive(Debug, Default)]
pub struct Covers {
    /// Per book: the file asked for and, once decoded, its handle (`None` while
    /// decoding, or when the file could not be read: the generated cover shows).
    asked: HashMap<BookId, (PathBuf, Option<Handle>)>,
}

impl Covers {
    pub fn get(&self, id: BookId) -> Option<&Handle> {
        self.asked.get(&id).and_then(|(_, h)| h.as_ref())
    }

    /// Starts decoding those of `ids` with a cover not yet asked for (or changed).
    pub fn fetch(&mut self, ids: &[BookId], catalog: &Catalog, env: Env<'_>) -> Task<Message> {
        let mut tasks = Vec::new();
        for &id in ids {
            let Some(path) = catalog.cover_path(id) else {
                continue;
            };
            if self.asked.get(&id).is_some_and(|(p, _)| *p == path) {
                continue;
            }
            self.asked.insert(id, (path.clone(), None));
            let job = move |_: &mut relay_core::store::Store| Ok(decode(&path));
            tasks.push(Task::perform(env.store.run(job), move |r| {
                Message::Cover(id, r.ok().flatten())
            }));
        }
        Task::batch(tasks)
    }

    pub fn decoded(&mut self, id: BookId, handle: Option<Handle>) {
        if let Some((_, slot)) = self.asked.get_mut(&id) {
            *slot = handle;
        }
    }
}

/// Reads and decodes a cover; a missing or broken file is logged, never a panic.
fn decode(path: &Path) -> Option<Handle> {
    let bytes =
        match relay_core::files::read_bounded(path, relay_core::files::IMAGE_MAX_BYTES, "封面") {
            Ok(bytes) => bytes,
            Err(e) => {
                tracing::warn!("cover {} could not be read: {e}", path.display());
                return None;
            }
        };
    match ::image::load_from_memory(&bytes) {
        Ok(img) => {
            let img = if img.width() > COVER_MAX || img.height() > COVER_MAX {
                img.resize(
                    COVER_MAX,
                    COVER_MAX,
                    ::image::imageops::FilterType::Triangle,
                )
            } else {
                img
            };
            let rgba = img.to_rgba8();
            Some(Handle::from_rgba(
                rgba.width(),
                rgba.height(),
                rgba.into_raw(),
            ))
        }
        Err(e) => {
            tracing::warn!("cover {} could not be decoded: {e}", path.display());
            None
        }
    }
}
