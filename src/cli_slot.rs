//! `relay-kiosk slot …`: charging slots from the command line, and the feed simulator.

use crate::cli::{SlotCommand, io, local};
use crate::config::Config;
use crate::feed::FEED_SOCKET;
use crate::store::{Connector, FeedState, SlotChange, Store};
use chrono::{Local, Utc};
use serde_json::json;
use std::io::Write;
use std::path::Path;

const ACTOR: &str = "cli";

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
) -> Result<(), String> {
    let now = Utc::now();
    let limit = config.charging_limit();
    let e = |e: crate::store::Error| e.to_string();
    match command {
        SlotCommand::Add {
            label,
            connector: c,
            note,
            fed,
        } => {
            store
                .add_slot(&label, connector(&c)?, &note, fed, ACTOR)
                .map_err(e)?;
            writeln!(out, "已添加充电位 {}", label.trim().to_uppercase()).map_err(io)
        }
        SlotCommand::List { json } => {
            let slots = store.slots().map_err(e)?;
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
                                crate::store::SlotState::Fault { note } => Some(note.clone()),
                                _ => None,
                            },
                        })
                    })
                    .collect();
                let text = serde_json::to_string_pretty(&items).map_err(|e| e.to_string())?;
                writeln!(out, "{text}").map_err(io)
            } else {
                if slots.is_empty() {
                    writeln!(out, "还没有充电位。用 relay-kiosk slot add 添加。").map_err(io)?;
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
                    )
                    .map_err(io)?;
                }
                Ok(())
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
            store.update_slot(&label, &change, ACTOR).map_err(e)?;
            writeln!(out, "已更新充电位 {}", label.trim().to_uppercase()).map_err(io)
        }
        SlotCommand::Remove { label } => {
            store.remove_slot(&label, ACTOR).map_err(e)?;
            writeln!(out, "已删除充电位 {}", label.trim().to_uppercase()).map_err(io)
        }
        SlotCommand::Release { label } => {
            store
                .force_release_slot(&label, now, limit, ACTOR)
                .map_err(e)?;
            writeln!(out, "已释放充电位 {}", label.trim().to_uppercase()).map_err(io)
        }
        SlotCommand::Fault { label, note } => {
            store.set_slot_fault(&label, &note, now, ACTOR).map_err(e)?;
            writeln!(out, "已标记故障：{}（{note}）", label.trim().to_uppercase()).map_err(io)
        }
        SlotCommand::Repair { label } => {
            store.repair_slot(&label, now, ACTOR).map_err(e)?;
            writeln!(out, "已修复：{}", label.trim().to_uppercase()).map_err(io)
        }
        SlotCommand::Simulate { count, interval_ms } => {
            simulate(store, &dir.join(FEED_SOCKET), count, interval_ms, out)
        }
    }
}

/// Plays a charging cabinet: each fed slot goes free → charging → full → free, with
/// the odd fault, one line at a time.
fn simulate(
    store: &Store,
    socket: &Path,
    count: Option<u64>,
    interval_ms: u64,
    out: &mut dyn Write,
) -> Result<(), String> {
    let labels: Vec<String> = store
        .slots()
        .map_err(|e| e.to_string())?
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
        writeln!(stream, "{line}").map_err(|e| format!("终端断开了 (feed closed): {e}"))?;
        writeln!(out, "{line}").map_err(io)?;
        n += 1;
        if count.is_none_or(|c| n < c) {
            std::thread::sleep(std::time::Duration::from_millis(interval_ms));
        }
    }
    Ok(())
}
