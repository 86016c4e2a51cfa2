//! Reading a file someone named (a poster, a photo, an import file) without trusting it:
//! only a regular file, only up to a size, refused in milliseconds otherwise — never
//! `/dev/zero` read until memory runs out, never a FIFO that hangs.

use std::io::Read;
use std::path::Path;

/// Posters and photos: at most this many bytes.
pub const IMAGE_MAX_BYTES: u64 = 20 * 1024 * 1024;
/// Notice import files: at most this many bytes.
pub const IMPORT_MAX_BYTES: u64 = 5 * 1024 * 1024;

/// Reads `path` if it is a regular file of at most `max` bytes. `what` names it in the
/// message (海报, 照片, 文件).
pub fn read_bounded(path: &Path, max: u64, what: &str) -> crate::store::Result<Vec<u8>> {
    let shown = path.display();
    let meta =
        std::fs::metadata(path).map_err(|e| format!("读不到{what} {shown} (cannot read: {e})"))?;
    if !meta.is_file() {
        return Err(format!(
            "{what} {shown} 不是普通文件（是目录、设备或管道）(not a regular file)"
        )
        .into());
    }
    if meta.len() > max {
        return Err(too_big(what, &shown.to_string(), max).into());
    }
    let file = std::fs::File::open(path)
        .map_err(|e| format!("读不到{what} {shown} (cannot read: {e})"))?;
    // The file may grow while it is read: never more than `max` and one byte.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("读不到{what} {shown} (cannot read: {e})"))?;
    if bytes.len() as u64 > max {
        return Err(too_big(what, &shown.to_string(), max).into());
    }
    Ok(bytes)
}

fn too_big(what: &str, shown: &str, max: u64) -> String {
    format!(
        "{what} {shown} 太大了，最多 {} MB (file too large)",
        max / (1024 * 1024)
    )
}

/// Tells the kernel that `data` — a large table compiled into the binary (a font, the
/// pinyin dictionary) — is read at random, so a page read from disk does not bring its
/// neighbours in with it (readahead). It does not stop fault-around: once the binary is
/// in the page cache, touching one byte still maps the cached pages around it (32 pages,
/// 128 KiB, measured on Linux 6.18 with and without this advice), which is why the fonts
/// keep the glyphs drawn together (assets/fonts/README.md). Only whole pages inside
/// `data` are advised; failure changes nothing.
pub fn advise_random_access(data: &'static [u8]) {
    const PAGE: usize = 4096;
    let start = (data.as_ptr() as usize).next_multiple_of(PAGE);
    let end = (data.as_ptr() as usize + data.len()) / PAGE * PAGE;
    if end > start {
        // SAFETY: the range lies inside a live, immutable static; MADV_RANDOM changes
        // only the kernel's paging heuristics, never the contents.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_RANDOM);
        }
    }
}

/// Free bytes for an unprivileged user on the file system holding `path` (statvfs).
pub fn free_bytes(path: &Path) -> std::io::Result<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    // SAFETY: `c_path` is a valid NUL-terminated string and `stat` a writable
    // statvfs that the call fills in; nothing else is touched.
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::statvfs(c_path.as_ptr(), &mut stat) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    #[allow(clippy::unnecessary_cast)] // the field types differ between targets
    let (blocks, block_size) = (stat.f_bavail as u64, stat.f_frsize as u64);
    Ok(blocks.saturating_mul(block_size))
}

/// Opens (creating, 0600) a file that is only ever locked (`flock`), never written: the
/// store's, the kiosk's and the backups' lock files.
pub fn open_lock_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_of_bounded_size() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("a.png");
        std::fs::write(&ok, b"12345").unwrap();
        assert_eq!(read_bounded(&ok, 10, "海报").unwrap(), b"12345");
        let e = read_bounded(&ok, 4, "海报").unwrap_err();
        assert!(e.to_string().contains("太大了"), "{e}");
        let e = read_bounded(dir.path(), 10, "海报").unwrap_err();
        assert!(e.to_string().contains("不是普通文件"), "{e}");
        let e = read_bounded(Path::new("/dev/zero"), 10, "海报").unwrap_err();
        assert!(e.to_string().contains("不是普通文件"), "{e}");
        let e = read_bounded(&dir.path().join("missing"), 10, "海报").unwrap_err();
        assert!(e.to_string().contains("读不到"), "{e}");
        // A huge sparse file is refused by its size, without reading it.
        let big = dir.path().join("big.png");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(4 * 1024 * 1024 * 1024)
            .unwrap();
        let started = std::time::Instant::now();
        let e = read_bounded(&big, IMAGE_MAX_BYTES, "海报").unwrap_err();
        assert!(e.to_string().contains("最多 20 MB"), "{e}");
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }
}
