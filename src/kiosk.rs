//! Opening the kiosk: data directory, config, store, demo data on first start, and the
//! fullscreen window.

use crate::app::App;
use crate::theme;
use chrono::Local;
use relay_core::config::Config;
use relay_core::feed::{FEED_SOCKET, FeedServer};
use relay_core::store::{self, DB_FILE, Opened, Store, backup};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Why the kiosk could not start; said on stderr (and in the journal) by `main`.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("无法创建数据目录 {} (cannot create data dir): {source}", dir.display())]
    DataDir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("找不到用户数据目录，请用 --data-dir 指定 (no home directory; pass --data-dir)")]
    NoHome,
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error("窗口无法打开 (window error): {0}")]
    Window(#[from] iced::Error),
    #[error("窗口大小应写成 1280x800，而不是 {0}")]
    WindowSize(String),
    #[error(
        "另一个终端程序已经在用数据目录 {}，这一个不再启动 (another kiosk is running on this data directory)",
        dir.display()
    )]
    AlreadyRunning { dir: PathBuf },
}

/// The file a running kiosk holds locked for as long as it runs (the store's own lock is
/// shared with the CLI; this one is the kiosk's alone).
pub const KIOSK_LOCK_FILE: &str = "relay-kiosk.kiosk.lock";

/// Claims the data directory for this kiosk: a second one on the same directory (a unit
/// started twice, a desktop shortcut beside the service) would fight it for the feed
/// socket and the window, so it refuses to start and says why. The claim ends with the
/// process, however it ends (an advisory lock, released by the kernel).
pub fn claim_data_dir(dir: &Path) -> Result<std::fs::File, StartError> {
    let path = dir.join(KIOSK_LOCK_FILE);
    let file = relay_core::files::open_lock_file(&path).map_err(|source| StartError::DataDir {
        dir: path.clone(),
        source,
    })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StartError::AlreadyRunning {
            dir: dir.to_path_buf(),
        }),
        Err(std::fs::TryLockError::Error(source)) => Err(StartError::DataDir { dir: path, source }),
    }
}

/// The data directory: `--data-dir`, `RELAY_KIOSK_DATA_DIR`, or the user data directory.
/// Created (mode 0700: it holds phone numbers) if missing.
pub fn data_dir(explicit: Option<PathBuf>) -> Result<PathBuf, StartError> {
    use std::os::unix::fs::DirBuilderExt;
    let dir = data_dir_path(explicit)?;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .map_err(|source| StartError::DataDir {
            dir: dir.clone(),
            source,
        })?;
    Ok(dir)
}

/// Where the data directory is, without creating it (for `doctor`).
pub fn data_dir_path(explicit: Option<PathBuf>) -> Result<PathBuf, StartError> {
    match explicit {
        Some(dir) => Ok(dir),
        None => directories::ProjectDirs::from("cn", "wanli", "relay-kiosk")
            .map(|p| p.data_dir().to_path_buf())
            .ok_or(StartError::NoHome),
    }
}

/// Opens the store (checked; a damaged one is recovered from the newest good backup,
/// see `store::open_checked`) and, the first time, loads the demo station (unless
/// `no_demo`). The lock in [`Opened`] is held for as long as the kiosk runs.
pub fn open_store(dir: &Path, no_demo: bool) -> store::Result<Opened> {
    let mut opened = store::open_checked(dir, Local::now())?;
    if let Some(r) = &opened.recovery {
        tracing::error!("{}", r.message());
    }
    let store = &mut opened.store;
    if store.setting("initialized")?.is_none() {
        let empty = store.notices()?.is_empty();
        if !no_demo && empty {
            let n = relay_core::demo::load(store, &Local::now())?;
            tracing::info!("first start: loaded the demo station ({n} notices)");
        } else {
            store.set_setting("initialized", &Local::now().to_rfc3339())?;
        }
    }
    Ok(opened)
}

/// [`open_store`], or, when the store can be neither opened nor recovered, an empty
/// store in memory that tells staff so: the kiosk shows its screens rather than
/// restarting in a loop with a blank screen. Starts the backups when the store is real.
/// The lock (held until the kiosk ends) keeps the CLI from swapping the store under it.
pub fn open_store_or_memory(
    dir: &Path,
    no_demo: bool,
) -> store::Result<(Store, Option<store::StoreLock>)> {
    match open_store(dir, no_demo) {
        Ok(Opened { store, lock, .. }) => {
            start_backups(dir);
            Ok((store, Some(lock)))
        }
        Err(e) => {
            let cause = store::cause_of(dir, &e);
            let path = dir.join(DB_FILE);
            // What it has is shown, read-only, rather than an empty station: phones in
            // slots, the notices, the PIN.
            if cause != store::Cause::Damaged && path.exists() {
                let why = store::Recovery::read_only(cause, &e.to_string(), Local::now());
                match Store::open_read_only(&path, why) {
                    Ok(store) => {
                        tracing::error!(
                            "the store cannot be written ({}: {e}); showing it read-only",
                            cause.zh()
                        );
                        return Ok((store, None));
                    }
                    Err(ro) => tracing::error!("the store cannot be read either: {ro}"),
                }
            }
            tracing::error!(
                "the store cannot be used ({}), running in memory: {e}",
                cause.zh()
            );
            let (store, _) = store::in_memory_because(&e.to_string(), Some(cause), Local::now())?;
            Ok((store, None))
        }
    }
}

/// Takes a backup now and every night at 03:00 local time, on a thread of its own with
/// its own connection (an online backup: the kiosk keeps writing meanwhile).
pub fn start_backups(dir: &Path) {
    let path = dir.join(DB_FILE);
    let spawned = std::thread::Builder::new()
        .name("backup".into())
        .spawn(move || {
            let store = match Store::open(&path) {
                Ok(store) => store,
                Err(e) => {
                    tracing::error!("backups are off: cannot open the store: {e}");
                    return;
                }
            };
            let take = |why: &str| {
                let started = std::time::Instant::now();
                match store.backup(Local::now()) {
                    Ok(b) => tracing::info!(
                        "{why} backup {} ({} KB, {} ms)",
                        b.path.display(),
                        b.bytes.div_ceil(1024),
                        started.elapsed().as_millis()
                    ),
                    Err(e) => tracing::error!("{why} backup failed: {e}"),
                }
            };
            take("start-up");
            let mut last = backup::nightly_taken_at_start(Local::now());
            loop {
                // Checked every minute against the wall clock, so a clock that jumps
                // neither skips a night nor takes two.
                std::thread::sleep(std::time::Duration::from_secs(60));
                let now = Local::now();
                if backup::nightly_due(now, last) {
                    last = Some(now.date_naive());
                    take("nightly");
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!("backups are off: no thread: {e}");
    }
}

pub fn run(dir: &Path, no_demo: bool, windowed: Option<(f32, f32)>) -> Result<(), StartError> {
    // The pinyin dictionary and word model load beside the store and the window.
    let _claim = claim_data_dir(dir)?;
    relay_core::ime::preload();
    let config = Config::load_or_create(dir)?;
    let (store, _lock) = open_store_or_memory(dir, no_demo)?;
    tracing::info!("kiosk on {}", dir.join(DB_FILE).display());
    // The hardware feed runs beside the UI for as long as the kiosk does; without it
    // the kiosk still works (manual claims only).
    let _feed = match FeedServer::start(&dir.join(FEED_SOCKET), &dir.join(DB_FILE)) {
        Ok(server) => {
            if !config.feed_group.is_empty()
                && let Err(e) = relay_core::feed::share_with_group(dir, &config.feed_group)
            {
                tracing::error!("slot feed: {e}");
            }
            Some(server)
        }
        Err(e) => {
            tracing::warn!("slot feed not available: {e}");
            None
        }
    };
    theme::install_fonts();
    let app = Mutex::new(Some(App::boot(store, config, Local::now())));
    let window = iced::window::Settings {
        size: windowed.map_or(iced::Size::new(1920.0, 1080.0), |(w, h)| {
            iced::Size::new(w, h)
        }),
        fullscreen: windowed.is_none(),
        decorations: windowed.is_some(),
        resizable: windowed.is_some(),
        exit_on_close_request: false,
        ..Default::default()
    };
    let fullscreen = windowed.is_none();
    iced::application(
        move || {
            let app = app
                .lock()
                .ok()
                .and_then(|mut a| a.take())
                .expect("the kiosk boots once");
            (app, fit_to_screen(fullscreen))
        },
        App::update,
        App::view,
    )
    .title(App::title)
    .subscription(App::subscription)
    .theme(App::theme)
    .window(window)
    .default_font(theme::FONT)
    .run()?;
    Ok(())
}

/// Parses `1280x800`.
pub fn parse_size(text: &str) -> Result<(f32, f32), StartError> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| StartError::WindowSize(text.to_string()))?;
    let parse = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (320..=8000).contains(v))
            .map(|v| v as f32)
            .ok_or_else(|| StartError::WindowSize(text.to_string()))
    };
    Ok((parse(w)?, parse(h)?))
}

/// On a bare X server (no window manager) "fullscreen" is not honoured and the window
/// keeps its 1920×1080: take the size of the screen the window is on instead.
fn fit_to_screen(fullscreen: bool) -> iced::Task<crate::app::Message> {
    use iced::window;
    if !fullscreen {
        return iced::Task::none();
    }
    window::oldest().and_then(|id| {
        window::monitor_size(id).and_then(move |size| {
            tracing::info!("screen {}x{}", size.width, size.height);
            iced::Task::batch([
                window::move_to(id, iced::Point::ORIGIN),
                window::resize(id, size),
            ])
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 21 item 13: a second kiosk on the same data directory refuses to start and
    /// says why; once the first is gone, the directory can be claimed again.
    #[test]
    fn a_second_kiosk_on_one_data_directory_refuses_to_start() {
        let dir = tempfile::tempdir().unwrap();
        let first = claim_data_dir(dir.path()).unwrap();
        let second = claim_data_dir(dir.path()).unwrap_err();
        assert!(matches!(second, StartError::AlreadyRunning { .. }));
        assert!(
            second
                .to_string()
                .contains("另一个终端程序已经在用数据目录")
        );
        drop(first);
        assert!(claim_data_dir(dir.path()).is_ok());
    }

    #[test]
    fn a_damaged_store_starts_from_its_backup_not_the_demo() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join(DB_FILE), b"").unwrap();
        let opened = open_store(d, false).unwrap();
        assert!(opened.recovery.is_some());
        assert!(opened.store.notices().unwrap().is_empty(), "no demo");
        assert!(opened.store.recovery_note().unwrap().is_some());
        // A missing store is a new station: the demo.
        let fresh = tempfile::tempdir().unwrap();
        let opened = open_store(fresh.path(), false).unwrap();
        assert!(!opened.store.notices().unwrap().is_empty());
    }

    #[test]
    fn a_store_that_cannot_be_opened_runs_in_memory_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        // A lock file that cannot be opened: nothing can be done on disk.
        std::fs::create_dir(dir.path().join(store::LOCK_FILE)).unwrap();
        let (store, lock) = open_store_or_memory(dir.path(), false).unwrap();
        assert!(lock.is_none());
        assert_eq!(store.data_dir(), None);
        let note = store.recovery_note().unwrap().unwrap();
        assert!(note.unsaved);
        assert!(
            note.message().contains("改动不会保存"),
            "{}",
            note.message()
        );
        assert!(store.notices().unwrap().is_empty(), "no demo");
        assert!(store.backup(Local::now()).is_err());
    }

    /// #21 item 7: a store from a newer version (a downgraded package) started an empty
    /// station: no notices, no charging tile, 未设置 PIN. It is shown read-only, with the
    /// cause, and the PIN still works.
    #[test]
    fn a_store_from_a_newer_version_is_shown_read_only_with_the_cause() {
        use chrono::Utc;
        let dir = tempfile::tempdir().unwrap();
        {
            let mut s = Store::open(&dir.path().join(DB_FILE)).unwrap();
            relay_core::demo::load(&mut s, &Local::now()).unwrap();
            s.set_staff_pin("246813", "test").unwrap();
            s.set_setting("initialized", "yes").unwrap();
        }
        let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let (mut store, _lock) = open_store_or_memory(dir.path(), false).unwrap();
        assert!(
            !store.notices().unwrap().is_empty(),
            "the notices are shown"
        );
        assert!(!store.slots().unwrap().is_empty(), "and the slots");
        let note = store.recovery_note().unwrap().expect("staff are told");
        assert_eq!(note.cause, Some(store::Cause::NewerSchema));
        assert!(note.read_only && !note.unsaved);
        assert!(note.message().contains("版本更新"), "{}", note.message());
        // Writes are refused in words; the PIN is checked, wrong ones still lock.
        let e = store.set_setting("x", "y").unwrap_err();
        assert!(e.to_string().contains("只能"), "{e}");
        let now = Utc::now();
        assert_eq!(
            store.check_staff_pin("246813", now).unwrap(),
            store::PinCheck::Accepted
        );
        for _ in 0..5 {
            store.check_staff_pin("000000", now).unwrap();
        }
        assert!(store.staff_locked_until(now).unwrap().is_some());
        // Nothing was written: the file is as it was.
        let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 99);
    }

    #[test]
    fn the_cause_of_a_store_that_cannot_be_opened_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let e = store::Error::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            None,
        ));
        assert_eq!(store::cause_of(dir.path(), &e), store::Cause::Permission);
        let e = store::Error::Invalid("Read-only file system (os error 30)".into());
        assert_eq!(store::cause_of(dir.path(), &e), store::Cause::Permission);
        let e = store::Error::Invalid("file is not a database".into());
        assert_eq!(store::cause_of(dir.path(), &e), store::Cause::Damaged);
    }
}
