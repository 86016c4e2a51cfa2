//! The staff CLI on the same store as the kiosk; safe while the kiosk runs (SQLite WAL
//! with a busy timeout; the kiosk notices changes within a couple of seconds).
//!
//! One file per command group, each with its `…Command` enum and a `run`; this file
//! only names the groups and dispatches to them. What the groups share (the error
//! type, the audit actor, time and JSON output) lives in `output.rs`, so no group
//! imports this file. To add a group (books, wishes, suggestions): write
//! `cli/<group>.rs` with its `Subcommand` enum and `run`, then add a `mod` line, a
//! variant to `Command` and an arm to `dispatch`.

mod amenity;
mod backup;
mod book;
mod doctor;
mod ime;
mod notice;
mod output;
mod report;
mod slot;
mod staff;
mod station;
mod suggestion;
mod wish;

pub use amenity::AmenityCommand;
pub use backup::BackupCommand;
pub use book::{BookCommand, BookFields, CategoryCommand};
pub use doctor::DoctorArgs;
pub use ime::ImeArgs;
pub use notice::{AddArgs, NoticeCommand};
pub use output::{CliError, CliResult};
pub use report::ReportArgs;
pub use slot::SlotCommand;
pub use staff::StaffCommand;
pub use station::StationCommand;
pub use suggestion::SuggestionCommand;
pub use wish::WishCommand;

use chrono::Local;
use clap::Subcommand;
use relay_core::config::Config;
use std::io::Write;
use std::path::{Path, PathBuf};

// The whole command line (`relay-kiosk --help`). Its doc comments are the help text, and
// the man pages in packaging/man/ are made from them (tests/packaging.rs checks they match).
/// 户外职工爱心接力站 触摸屏终端 — the kiosk of a 24-hour rest station for outdoor workers.
///
/// Without a command it opens the kiosk fullscreen; the commands manage the same store.
#[derive(Debug, clap::Parser)]
#[command(name = "relay-kiosk", version)]
pub struct Cli {
    /// Where the store and config.toml live (default: the user data directory).
    #[arg(long, global = true, env = "RELAY_KIOSK_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Start with an empty station instead of the demo data (first start only).
    #[arg(long)]
    pub no_demo: bool,
    /// Open in a window of this size instead of fullscreen, e.g. 1280x800 or 1080x1920.
    #[arg(long, value_name = "WxH", value_parser = crate::kiosk::parse_size)]
    pub windowed: Option<(f32, f32)>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Notices (通知): add, list, remove, import.
    #[command(subcommand)]
    Notice(NoticeCommand),
    /// Amenities (服务设施): list, set status.
    #[command(subcommand)]
    Amenity(AmenityCommand),
    /// Staff (工作人员): set the kiosk PIN.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// This station (本站信息): its name and the line under it on the home screen.
    #[command(subcommand)]
    Station(StationCommand),
    /// Charging slots (充电位): add, list, set, remove, release, fault, repair, simulate.
    #[command(subcommand)]
    Slot(SlotCommand),
    /// Micro-wishes (微心愿): add, list, show, approve, decline, claim, unclaim, fulfil,
    /// withdraw, export, housekeeping.
    #[command(subcommand)]
    Wish(WishCommand),
    /// Books of the reading corner (阅读角): add, list, show, set, remove, search, cover,
    /// import, category, loans.
    #[command(subcommand)]
    Book(BookCommand),
    /// Suggestions (意见建议): add, list, reply, publish.
    #[command(subcommand)]
    Suggestion(SuggestionCommand),
    /// Backups (备份) in <data-dir>/backups/: now, list, verify, restore FILE, export DIR.
    #[command(subcommand)]
    Backup(BackupCommand),
    /// The monthly report (月度报告, 成效显): text, --json, --csv DIR, --pdf FILE.
    Report(ReportArgs),
    /// Show what the on-screen pinyin keyboard offers for some letters, e.g. `ime kuaidixiaoge`.
    Ime(ImeArgs),
    /// Check this station PC (体检): data directory, store, disk, clock, PIN, display.
    /// Exits non-zero when something needs fixing.
    Doctor(DoctorArgs),
}

/// Runs one command on the store in `dir`. A reader that stops reading our output
/// (`relay-kiosk notice list | head`) is not an error: the command ends quietly.
pub fn run(command: Command, dir: &Path) -> CliResult {
    match dispatch(command, dir, &mut std::io::stdout().lock()) {
        Err(e) if e.is_broken_pipe() => Ok(()),
        other => other,
    }
}

fn dispatch(command: Command, dir: &Path, out: &mut dyn Write) -> CliResult {
    if let Command::Ime(args) = &command {
        // Needs no store.
        return ime::run(args, out);
    }
    if let Command::Doctor(args) = &command {
        // Looks at the data directory as it is: opens nothing for writing first.
        return doctor::run(args, dir, out);
    }
    if let Command::Backup(c) = command {
        // Opens the store itself, if at all (restore must not hold it open).
        return backup::run(c, dir, out);
    }
    let mut store = output::open_store(dir)?;
    let now = Local::now();
    match command {
        Command::Notice(c) => notice::run(c, &mut store, &now, out),
        Command::Amenity(c) => amenity::run(c, &mut store, out),
        Command::Staff(c) => staff::run(c, &mut store, out),
        Command::Station(c) => {
            let config = Config::load_or_create(dir)?;
            station::run(c, &mut store, &config, out)
        }
        Command::Slot(c) => {
            let config = Config::load_or_create(dir)?;
            slot::run(c, &mut store, &config, dir, out)
        }
        Command::Wish(c) => wish::run(c, &mut store, &now, out),
        Command::Report(args) => {
            let config = Config::load_or_create(dir)?;
            report::run(args, &store, &config, out)
        }
        Command::Suggestion(c) => suggestion::run(c, &mut store, &now, out),
        Command::Book(c) => book::run(c, &mut store, &now, out),
        Command::Ime(_) | Command::Doctor(_) | Command::Backup(_) => Ok(()),
    }
}
