//! `relay-kiosk slot …`: charging slots from the command line, and the feed simulator.

use super::output::{ACTOR, CliResult, local, print_json};
use crate::config::Config;
use crate::feed::FEED_SOCKET;
use crate::store::{Connector, FeedState, SlotChange, SlotState, Store};
use chrono::{Local, Utc};
use clap::Subcommand;
use serde_json::json;
use std::io::Write;
use std::path::Path;

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

fn connector(text: &str) -> Result<Connector, String> {
    Connector::parse(text).ok_or_else(|| {
        let known: Vec<&str> = Connector::ALL.iter().map(|c| c.key()).collect();
        format!(
            "未知的接口“{text}”，可选：{} (unknown connector)",
            known.join(", ")
        )
    })
}

pub fn run(
    command: SlotCommand,
    store: &mut Store,
    config: &Config,
    dir: &Path,
    out: &mut dyn Write,
) -> CliResult {
    let now = Utc::now();
    let limit = config.charging_limit();
    match command {
        SlotCommand::Add {
            label,
            connector: c,
            note,
            fed,
        } => {
            store.add_slot(&label, connector(&c)?, &note, fed, ACTOR)?;
            writeln!(out, "已添加充电位 {}", label.trim().to_uppercase())?;
        }
        SlotCommand::List { json } => {
            let slots = store.slots()?;
            if json {
                let items: Vec<_> = slots
                    .iter()
                    .map(|s| {
                        let state = s.state(now, limit);
                        json!({
                            "label": s.label,
                            "connector": s.connector.key(),
                            "note": s.note,
                            "fed": s.fed,
                            "state": state.key(),
                            "state_zh": state.zh(),
                            "since": state.since().map(local),
                            "minutes": state.since().map(|t| (now - t).num_minutes()),
                            "fault_note": match &state {
                                SlotState::Fault { note } => Some(note.clone()),
                                _ => None,
                            },
                        })
                    })
                    .collect();
                return print_json(out, &items);
            }
            if slots.is_empty() {
                writeln!(out, "还没有充电位。用 relay-kiosk slot add 添加。")?;
            }
            for s in &slots {
                let state = s.state(now, limit);
                let minutes = state
                    .since()
                    .map(|t| format!(" {} 分钟", (now - t).num_minutes()))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{:<4} {:<14} {}{}{}  {}",
                    s.label,
                    s.connector.zh(),
                    state.zh(),
                    minutes,
                    if s.fed { " [设备上报]" } else { "" },
                    s.note
                )?;
            }
        }
        SlotCommand::Set {
            label,
            new_label,
            connector: c,
            note,
            fed,
        } => {
            let change = SlotChange {
                label: new_label,
                connector: c.as_deref().map(connector).transpose()?,
                note,
                fed,
            };
            store.update_slot(&label, &change, ACTOR)?;
            writeln!(out, "已更新充电位 {}", label.trim().to_uppercase())?;
        }
        SlotCommand::Remove { label } => {
            store.remove_slot(&label, ACTOR)?;
            writeln!(out, "已删除充电位 {}", label.trim().to_uppercase())?;
        }
        SlotCommand::Release { label } => {
            store.force_release_slot(&label, now, limit, ACTOR)?;
            writeln!(out, "已释放充电位 {}", label.trim().to_uppercase())?;
        }
        SlotCommand::Fault { label, note } => {
            store.set_slot_fault(&label, &note, now, ACTOR)?;
            writeln!(out, "已标记故障：{}（{note}）", label.trim().to_uppercase())?;
        }
        SlotCommand::Repair { label } => {
            store.repair_slot(&label, now, ACTOR)?;
            writeln!(out, "已修复：{}", label.trim().to_uppercase())?;
        }
        SlotCommand::Simulate { count, interval_ms } => {
            return simulate(store, &dir.join(FEED_SOCKET), count, interval_ms, out);
        }
    }
    Ok(())
}

/// Plays a charging cabinet: each fed slot goes free → charging → full → free, with
/// the odd fault, one line at a time.
fn simulate(
    store: &Store,
    socket: &Path,
    count: Option<u64>,
    interval_ms: u64,
    out: &mut dyn Write,
) -> CliResult {
    let labels: Vec<String> = store
        .slots()?
        .into_iter()
        .filter(|s| s.fed)
        .map(|s| s.label)
        .collect();
    if labels.is_empty() {
        return Err(
            "没有接入硬件上报的充电位：先用 relay-kiosk slot set A1 --fed true (no fed slots)"
                .into(),
        );
    }
    let mut stream = std::os::unix::net::UnixStream::connect(socket).map_err(|e| {
        format!(
            "连不上 {}：终端是否在运行？(cannot connect to the kiosk's feed socket: {e})",
            socket.display()
        )
    })?;
    let mut states = vec![FeedState::Free; labels.len()];
    let mut n = 0u64;
    while count.is_none_or(|c| n < c) {
        let i = (n as usize * 7 + n as usize / labels.len()) % labels.len();
        let next = match states[i] {
            FeedState::Free => FeedState::Charging,
            FeedState::Charging => FeedState::Full,
            FeedState::Full if n % 11 == 10 => FeedState::Fault,
            FeedState::Full | FeedState::Fault => FeedState::Free,
        };
        states[i] = next;
        let note = if next == FeedState::Fault {
            "过热保护"
        } else {
            ""
        };
        let line = json!({
            "slot": labels[i],
            "state": next.key(),
            "at": Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            "note": note,
        })
        .to_string();
        // The kiosk going away is an error worth a message, not a quiet broken pipe.
        writeln!(stream, "{line}").map_err(|e| format!("终端断开了 (feed closed): {e}"))?;
        writeln!(out, "{line}")?;
        n += 1;
        if count.is_none_or(|c| n < c) {
            std::thread::sleep(std::time::Duration::from_millis(interval_ms));
        }
    }
    Ok(())
}
