//! The staff CLI on the same store as the kiosk; safe while the kiosk runs (SQLite WAL
//! with a busy timeout; the kiosk notices changes within a couple of seconds).

use crate::config::Config;
use crate::import::{self, NoticeSpec};
use crate::store::{AmenityStatus, DB_FILE, Notice, Store};
use chrono::{DateTime, Local, Utc};
use clap::{Args, Subcommand};
use serde_json::json;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Who the audit log names for CLI changes.
const ACTOR: &str = "cli";

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
    /// Charging slots (充电位): add, list, set, remove, release, fault, repair, simulate.
    #[command(subcommand)]
    Slot(SlotCommand),
    /// Show what the on-screen pinyin keyboard offers for some letters, e.g. `ime kuaidixiaoge`.
    Ime {
        pinyin: String,
        /// How many candidates to show.
        #[arg(long, default_value_t = 10)]
        count: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SlotCommand {
    /// Add a slot, e.g. `slot add A9 --connector usb-c --note 靠窗`.
    Add {
        label: String,
        /// usb-c, lightning, micro-usb, wireless, battery.
        #[arg(long)]
        connector: String,
        /// Where it is, shown on its card.
        #[arg(long, default_value = "")]
        note: String,
        /// A hardware feed reports this slot (see the README's feed protocol).
        #[arg(long)]
        fed: bool,
    },
    /// List slots and their state now.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change a slot's label, connector, note or whether it is fed.
    Set {
        label: String,
        #[arg(long = "label", value_name = "NEW_LABEL")]
        new_label: Option<String>,
        #[arg(long)]
        connector: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        fed: Option<bool>,
    },
    /// Remove a slot and its history (refused while it is in use).
    Remove { label: String },
    /// End a slot's session and lift a wrong-code lock (staff force-release).
    Release { label: String },
    /// Mark a slot faulty, with a note shown on its card.
    Fault { label: String, note: String },
    /// Mark a faulty slot repaired.
    Repair { label: String },
    /// Drive the feed socket with plausible traffic for the fed slots (a demo cabinet).
    Simulate {
        /// Stop after this many lines (default: run until stopped).
        #[arg(long)]
        count: Option<u64>,
        /// Milliseconds between lines.
        #[arg(long, default_value_t = 1500)]
        interval_ms: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum NoticeCommand {
    /// Add a notice.
    Add(AddArgs),
    /// List the notices in force now (all of them with --all).
    List {
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Remove a notice by id.
    Remove { id: i64 },
    /// Import notices from a TOML ([[notice]] tables) or JSON (a list) file: all or nothing.
    Import { file: PathBuf },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    title: String,
    #[arg(long, default_value = "")]
    body: String,
    /// summer, winter, holiday, safety, service, event (or 夏日送清凉 …); default service.
    #[arg(long)]
    category: Option<String>,
    /// Start: YYYY-MM-DD or "YYYY-MM-DD HH:MM" local time (or today, today+N); default now.
    #[arg(long)]
    from: Option<String>,
    /// End (exclusive); a date alone means through that day. Default: no end.
    #[arg(long)]
    until: Option<String>,
    /// Days of the week, 1 = Monday: 1-5, 6,7.
    #[arg(long)]
    weekdays: Option<String>,
    /// Daily hours: 08:00-20:00, or 22:00-06:00 past midnight.
    #[arg(long)]
    hours: Option<String>,
    /// Show before all others.
    #[arg(long)]
    pin: bool,
    /// Higher shows first (-100..=100).
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    priority: i64,
    /// A PNG, JPEG or WebP image.
    #[arg(long)]
    poster: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum AmenityCommand {
    /// List amenities and their status.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Set an amenity's status: NAME is water, fridge, microwave, medicine, toilet, rest
    /// (or 直饮水 …); STATUS is ok, paused, out_of_stock, cleaning, repair (or 正常 …).
    Set {
        name: String,
        status: String,
        /// A short note shown under the status (e.g. 下午补货).
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Set the staff PIN (4–8 digits). Reads it from stdin when stdin is not a terminal.
    SetPin,
}

pub fn run(command: Command, dir: &Path) -> Result<(), String> {
    if let Command::Ime {
        pinyin,
        count,
        json,
    } = &command
    {
        // Needs no store.
        let text = crate::ime::describe(crate::ime::Dictionary::shared(), pinyin, *count, *json);
        return writeln!(std::io::stdout().lock(), "{text}").map_err(io);
    }
    let mut store = Store::open(&dir.join(DB_FILE)).map_err(|e| e.to_string())?;
    let now = Local::now();
    let out = &mut std::io::stdout().lock();
    let result = match command {
        Command::Notice(c) => notice(c, &mut store, &now, out),
        Command::Amenity(c) => amenity(c, &mut store, out),
        Command::Staff(StaffCommand::SetPin) => set_pin(&mut store, out),
        Command::Ime { .. } => Ok(()),
        Command::Slot(c) => {
            let config = Config::load_or_create(dir)?;
            crate::cli_slot::run(c, &mut store, &config, dir, out)
        }
    };
    match result {
        // `relay-kiosk notice list | head`: the reader left; not an error.
        Err(e) if e == BROKEN_PIPE => Ok(()),
        other => other,
    }
}

const BROKEN_PIPE: &str = "broken pipe";

fn notice(
    command: NoticeCommand,
    store: &mut Store,
    now: &DateTime<Local>,
    out: &mut dyn Write,
) -> Result<(), String> {
    match command {
        NoticeCommand::Add(a) => {
            let spec = NoticeSpec {
                title: a.title,
                body: a.body,
                category: a.category,
                from: a.from,
                until: a.until,
                weekdays: a.weekdays,
                hours: a.hours,
                pinned: a.pin,
                priority: a.priority,
                poster: a.poster.map(|p| p.to_string_lossy().into_owned()),
            };
            let cwd = std::env::current_dir().unwrap_or_default();
            let notice = spec.to_notice(now, &import::posters_from_dir(&cwd))?;
            let id = store
                .add_notice(&notice, ACTOR)
                .map_err(|e| e.to_string())?;
            let added = store.notice(id).map_err(|e| e.to_string())?;
            writeln!(
                out,
                "已添加通知 #{id}：{}（{}）",
                added.title,
                added.state(now).zh()
            )
            .map_err(io)
        }
        NoticeCommand::List { all, json } => {
            let list = if all {
                store.notices()
            } else {
                store.notices_in_force(now)
            }
            .map_err(|e| e.to_string())?;
            if json {
                let items: Vec<_> = list.iter().map(|n| notice_json(n, now)).collect();
                let text = serde_json::to_string_pretty(&items).map_err(|e| e.to_string())?;
                writeln!(out, "{text}").map_err(io)
            } else {
                if list.is_empty() {
                    writeln!(out, "没有通知。 (no notices)").map_err(io)?;
                }
                for n in &list {
                    writeln!(
                        out,
                        "#{:<4} [{}] {}{} — {}\n      {}",
                        n.id,
                        n.state(now).zh(),
                        if n.pinned { "【置顶】" } else { "" },
                        n.title,
                        n.category.zh(),
                        n.schedule.describe_zh(&Local),
                    )
                    .map_err(io)?;
                }
                Ok(())
            }
        }
        NoticeCommand::Remove { id } => {
            store.remove_notice(id, ACTOR).map_err(|e| e.to_string())?;
            writeln!(out, "已删除通知 #{id}").map_err(io)
        }
        NoticeCommand::Import { file } => {
            let specs = import::read_specs(&file)?;
            let base = file.parent().unwrap_or(Path::new("."));
            let notices = import::to_notices(&specs, now, &import::posters_from_dir(base))?;
            let ids = store
                .add_notices(&notices, ACTOR)
                .map_err(|e| e.to_string())?;
            writeln!(
                out,
                "已导入 {} 条通知 (imported): #{}",
                ids.len(),
                join_ids(&ids)
            )
            .map_err(io)
        }
    }
}

fn join_ids(ids: &[i64]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", #")
}

pub(crate) fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn notice_json(n: &Notice, now: &DateTime<Local>) -> serde_json::Value {
    json!({
        "id": n.id,
        "title": n.title,
        "body": n.body,
        "category": n.category.key(),
        "category_zh": n.category.zh(),
        "from": local(n.schedule.starts_at),
        "until": n.schedule.ends_at.map(local),
        "weekdays": n.schedule.weekdays.to_spec(),
        "hours": n.schedule.window.map(|w| w.to_spec()),
        "pinned": n.pinned,
        "priority": n.priority,
        "published": n.published,
        "state": format!("{:?}", n.state(now)).to_lowercase(),
        "has_poster": n.has_poster,
    })
}

fn amenity(command: AmenityCommand, store: &mut Store, out: &mut dyn Write) -> Result<(), String> {
    match command {
        AmenityCommand::List { json } => {
            let list = store.amenities().map_err(|e| e.to_string())?;
            if json {
                let items: Vec<_> = list
                    .iter()
                    .map(|a| {
                        json!({
                            "key": a.key,
                            "name_zh": a.name_zh,
                            "name_en": a.name_en,
                            "status": a.status.key(),
                            "status_zh": a.status.zh(),
                            "note": a.note,
                            "updated_at": local(a.updated_at),
                        })
                    })
                    .collect();
                let text = serde_json::to_string_pretty(&items).map_err(|e| e.to_string())?;
                writeln!(out, "{text}").map_err(io)
            } else {
                for a in &list {
                    writeln!(
                        out,
                        "{:<10} {:<6}\t{}{}",
                        a.key,
                        a.name_zh,
                        a.status.zh(),
                        if a.note.is_empty() {
                            String::new()
                        } else {
                            format!("（{}）", a.note)
                        }
                    )
                    .map_err(io)?;
                }
                Ok(())
            }
        }
        AmenityCommand::Set { name, status, note } => {
            let parsed = AmenityStatus::parse(&status).ok_or_else(|| {
                let known: Vec<String> = AmenityStatus::ALL
                    .iter()
                    .map(|s| format!("{} ({})", s.key(), s.zh()))
                    .collect();
                format!(
                    "未知的状态“{status}”，可选：{} (unknown status)",
                    known.join(", ")
                )
            })?;
            store
                .set_amenity_status(&name, parsed, &note, ACTOR)
                .map_err(|e| e.to_string())?;
            writeln!(out, "已更新：{name} → {}", parsed.zh()).map_err(io)
        }
    }
}

fn set_pin(store: &mut Store, out: &mut dyn Write) -> Result<(), String> {
    let pin = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("新的工作人员 PIN（4–8 位数字）: ").map_err(io)?;
        crate::store::validate_pin(first.trim())?;
        let second = rpassword::prompt_password("再输入一次: ").map_err(io)?;
        if first.trim() != second.trim() {
            return Err("两次输入的 PIN 不一样，没有修改 (PINs differ)".into());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(io)?;
        line
    };
    store
        .set_staff_pin(pin.trim(), ACTOR)
        .map_err(|e| e.to_string())?;
    writeln!(out, "工作人员 PIN 已设置 (staff PIN set)").map_err(io)
}

pub(crate) fn io(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return BROKEN_PIPE.into();
    }
    format!("输入输出错误 (I/O error): {e}")
}
