//! Book covers: read bounded, checked like notice posters, scaled to what the screen
//! needs and stored as JPEG under `<data-dir>/covers/`, readable by the owner only.

use super::book::{BookId, COVER_MAX_HEIGHT, title_of};
use super::{Error, Result, Store, audit, ts};
use chrono::{DateTime, Utc};
use rusqlite::params;
use std::path::Path;

const KIOSK: &str = "kiosk";

impl Store {
    pub fn book_cover_set(&mut self, id: BookId, file: &Path, now: DateTime<Utc>) -> Result<()> {
        self.book_cover_set_by(id, file, now, KIOSK)
    }

    /// Reads `file` (bounded: a regular file of at most 20 MB), refuses anything but a
    /// JPEG/PNG/WebP picture of at most 40 megapixels, scales it to at most
    /// [`COVER_MAX_HEIGHT`] tall and stores it as JPEG under `<data-dir>/covers/`,
    /// readable by the owner only.
    pub fn book_cover_set_by(
        &mut self,
        id: BookId,
        file: &Path,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        let bytes = crate::files::read_bounded(file, crate::files::IMAGE_MAX_BYTES, "封面")?;
        let jpeg = prepare_cover(&bytes)?;
        let title = title_of(self.conn(), id)?;
        let dir = self.covers_dir();
        std::fs::create_dir_all(&dir).map_err(|e| {
            Error::Invalid(format!(
                "封面目录 {} 建不了 (cannot create: {e})",
                dir.display()
            ))
        })?;
        owner_only_dir(&dir);
        let name = format!("{id}-{}.jpg", now.timestamp());
        let path = dir.join(&name);
        let tmp = dir.join(format!(".{name}.tmp"));
        write_private(&tmp, &jpeg).map_err(|e| {
            Error::Invalid(format!("封面存不下 {} (cannot write: {e})", tmp.display()))
        })?;
        std::fs::rename(&tmp, &path).map_err(|e| {
            Error::Invalid(format!("封面存不下 {} (cannot write: {e})", path.display()))
        })?;
        let tx = self.write()?;
        let old: Option<String> =
            tx.query_row("SELECT cover FROM book WHERE id = ?1", [id], |r| r.get(0))?;
        tx.execute(
            "UPDATE book SET cover = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, name, ts(now)],
        )?;
        audit::log(&tx, actor, "book.cover", &format!("#{id} {title}"))?;
        tx.commit()?;
        if let Some(old) = old.filter(|o| *o != name) {
            let _ = std::fs::remove_file(dir.join(old));
        }
        Ok(())
    }
}

/// Decodes a cover with the same checks as a notice poster (format sniffed, 40
/// megapixels at most from the header before decoding), then scales it to at most
/// [`COVER_MAX_HEIGHT`] tall and re-encodes it as JPEG. Errors are user-facing.
pub fn prepare_cover(bytes: &[u8]) -> crate::store::Result<Vec<u8>> {
    let png = super::prepare_poster(bytes).map_err(|e| e.to_string().replace("海报", "封面"))?;
    let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
        .map_err(|e| format!("封面读不出来 (cannot decode cover: {e})"))?;
    let img = if img.height() > COVER_MAX_HEIGHT || img.width() > COVER_MAX_HEIGHT {
        img.resize(
            COVER_MAX_HEIGHT,
            COVER_MAX_HEIGHT,
            image::imageops::FilterType::Triangle,
        )
    } else {
        img
    };
    let rgb = img.to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&rgb)
        .map_err(|e| format!("封面存不下 (cannot encode cover: {e})"))?;
    Ok(out)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    super::owner_only(path);
    Ok(())
}

fn owner_only_dir(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Err(e) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700)) {
            tracing::warn!("could not make {} private: {e}", path.display());
        }
    }
}
