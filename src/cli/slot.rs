//! `relay-kiosk slot …`: charging slots from the command line, and the feed simulator.

use super::output::{ACTOR, CliError, CliResult, local, print_json, printable};
use chrono::{Duration, Local, Utc};
use clap::Subcommand;
use relay_core::config::Config;
use relay_core::feed::FEED_SOCKET;
use relay_core::store::{Connector, FeedState, SlotChange, SlotState, Store};
use serde_json::json;
use std::io::Write;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration as StdDuration, Instant};

#[derive(Debug, Subcommand)]
pub enum SlotCommand {
    /// Add a slot, e.g. `slot add A9 --connector usb-c --note 靠窗`.
    Add {
        /// The label on the slot, e.g. A9 (the first of a run with --count).
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
        /// Add a numbered run from LABEL: `slot add A1 --count 8` adds A1–A8, all or none.
        #[arg(long, default_value_t = 1)]
        count: usize,
    },
    /// List slots and their state now.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change a slot's label, connector, note or whether it is fed.
    Set {
        /// The slot's label now.
        label: String,
        /// A new label.
        #[arg(long = "label", value_name = "NEW_LABEL")]
        new_label: Option<String>,
        /// usb-c, lightning, micro-usb, wireless, battery.
        #[arg(long)]
        connector: Option<String>,
        /// Where it is, shown on its card (empty to clear).
        #[arg(long)]
        note: Option<String>,
        /// true: a hardware feed reports this slot; false: the kiosk alone.
        #[arg(long)]
        fed: Option<bool>,
    },
    /// Remove a slot and its history (refused while it is in use).
    Remove {
        /// The slot's label.
        label: String,
    },
    /// End a slot's session and lift a wrong-code lock (staff force-release).
    Release {
        /// The slot's label.
        label: String,
    },
    /// Mark a slot faulty, with a note shown on its card.
    Fault {
        /// The slot's label.
        label: String,
        /// What is wrong, shown on its card (e.g. 接口松动).
        note: String,
    },
    /// Mark a faulty slot repaired.
    Repair {
        /// The slot's label.
        label: String,
    },
    /// Drive the feed socket with plausible traffic for the fed slots (a demo cabinet).
    /// Only free slots are driven, never one a person uses; on stopping (after
    /// --count reports or --duration seconds) every slot it drove is free again and
    /// none of it stays in the history. Ctrl-C is not caught: the next run (even
    /// `--count 0`) first finishes what an interrupted one left behind.
    Simulate {
        /// Stop after this many reports (default: run until --duration or stopped).
        #[arg(long)]
        count: Option<u64>,
        /// Stop after this many seconds.
        #[arg(long, value_name = "SECS")]
        duration: Option<u64>,
        /// Milliseconds between lines.
        #[arg(long, default_value_t = 1500)]
        interval_ms: u64,
    },
}

fn connector(text: &str) -> Result<Connector, CliError> {
    Connector::parse(text).ok_or_else(|| {
        let known: Vec<&str> = Connector::ALL.iter().map(|c| c.key()).collect();
        format!(
            "未知的接口“{text}”，可选：{} (unknown connector)",
            known.join(", ")
        )
        .into()
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
            count,
        } => {
            if count == 1 {
                store.add_slot(&label, connector(&c)?, &note, fed, ACTOR)?;
                writeln!(out, "已添加充电位 {}", label.trim().to_uppercase())?;
            } else {
                let added = store.add_slot_run(&label, count, connector(&c)?, &note, fed, ACTOR)?;
                let run = relay_core::store::run_name(&added);
                writeln!(out, "已添加充电位 {run}，共 {} 个", added.len())?;
            }
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
                // Never a negative time, even when the clock was set back.
                let minutes = state
                    .since()
                    .map(|t| format!(" {} 分钟", (now - t).num_minutes().max(0)))
                    .unwrap_or_default();
                let fault = match &state {
                    SlotState::Fault { note } if !note.is_empty() => {
                        format!("（{}）", printable(note))
                    }
                    _ => String::new(),
                };
                writeln!(
                    out,
                    "{:<4} {:<14} {}{fault}{}{}  {}",
                    printable(&s.label),
                    s.connector.zh(),
                    state.zh(),
                    minutes,
                    if s.fed { " [设备上报]" } else { "" },
                    printable(&s.note)
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
            writeln!(
                out,
                "已标记故障：{}（{}）",
                printable(&label.trim().to_uppercase()),
                printable(note.trim())
            )?;
        }
        SlotCommand::Repair { label } => {
            store.repair_slot(&label, now, ACTOR)?;
            writeln!(out, "已修复：{}", label.trim().to_uppercase())?;
        }
        SlotCommand::Simulate {
            count,
            duration,
            interval_ms,
        } => {
            let stop = Stop {
                count,
                until: duration.map(|s| Instant::now() + StdDuration::from_secs(s)),
            };
            return simulate(store, &dir.join(FEED_SOCKET), stop, interval_ms, limit, out);
        }
    }
    Ok(())
}

/// When `slot simulate` stops.
struct Stop {
    count: Option<u64>,
    until: Option<Instant>,
}

impl Stop {
    fn go_on(&self, sent: u64) -> bool {
        self.count.is_none_or(|c| sent < c) && self.until.is_none_or(|u| Instant::now() < u)
    }
}

/// One report line as the simulator sends it: marked `"sim": true`.
fn sim_line(label: &str, state: FeedState) -> String {
    json!({
        "slot": label,
        "state": state.key(),
        "at": Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        "note": if state == FeedState::Fault { "过热保护" } else { "" },
        "sim": true,
    })
    .to_string()
}

/// Plays a charging cabinet: each fed slot that is free goes charging → full → free,
/// with the odd fault, one line at a time, marked as simulated. Before each report it
/// reads the slot from the store and leaves alone any slot a person (or a real feed)
/// uses. When it stops, it reports every slot it drove free again, so the kiosk and
/// the history are as it found them.
/// How many of its intervals `slot simulate` without `--duration` waits for a fed slot
/// to come free before it gives up (30 s at the default 1.5 s).
const SIMULATE_WAIT_TURNS: u32 = 20;

fn simulate(
    store: &mut Store,
    socket: &Path,
    stop: Stop,
    interval_ms: u64,
    limit: Duration,
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
    let mut stream = UnixStream::connect(socket).map_err(|e| {
        format!(
            "连不上 {}：终端是否在运行？(cannot connect to the kiosk's feed socket: {e})",
            socket.display()
        )
    })?;
    // What this run has last reported for each slot; `None`: not driving it. Slots
    // an interrupted run left occupied are ours to finish.
    let leftovers = store.simulated_slots()?;
    let mut driving: Vec<Option<FeedState>> = labels
        .iter()
        .map(|l| leftovers.contains(l).then_some(FeedState::Full))
        .collect();
    let pause = StdDuration::from_millis(interval_ms);
    let (mut sent, mut turn, mut idle) = (0u64, 0usize, 0usize);
    let mut failed = None;
    // Since when no fed slot has been free to drive (said once, given up after a while).
    let mut waiting: Option<Instant> = None;
    let wait_max = pause * SIMULATE_WAIT_TURNS;
    while stop.go_on(sent) {
        let i = (turn * 7 + turn / labels.len()) % labels.len();
        turn += 1;
        // A slot removed meanwhile is simply left alone.
        let next = next_report(store, &labels[i], driving[i], turn, limit).unwrap_or_else(|e| {
            eprintln!("{}：{e}", labels[i]);
            None
        });
        let Some(next) = next else {
            if driving[i].take().is_some() {
                eprintln!(
                    "{}：有人在用，模拟器不再碰它 (taken over by real use)",
                    labels[i]
                );
            }
            idle += 1;
            if idle >= labels.len() {
                // Nothing free to drive: wait for a slot to come free, saying so, and
                // not for ever.
                idle = 0;
                let since = *waiting.get_or_insert_with(|| {
                    eprintln!(
                        "没有空闲的上报充电位可以模拟，等它们空出来（最多 {:.0} 秒）(no free fed slot; waiting)",
                        wait_max.as_secs_f32()
                    );
                    Instant::now()
                });
                // With --duration the run lasts as long as asked; with --count alone
                // (or neither) it does not wait for ever.
                if stop.until.is_none() && since.elapsed() >= wait_max {
                    failed = Some(
                        format!(
                            "{:.0} 秒内没有空闲的上报充电位，模拟停下了 (no free fed slot)",
                            wait_max.as_secs_f32()
                        )
                        .into(),
                    );
                    break;
                }
                std::thread::sleep(pause);
            }
            continue;
        };
        idle = 0;
        waiting = None;
        let line = sim_line(&labels[i], next);
        // The kiosk going away is an error worth a message, not a quiet broken pipe.
        if let Err(e) = report(&mut stream, &line) {
            failed = Some(format!("终端断开了 (feed closed): {e}").into());
            break;
        }
        driving[i] = Some(next);
        sent += 1;
        // A reader that went away (`| head`) still gets the slots restored.
        if let Err(e) = writeln!(out, "{line}") {
            failed = Some(CliError::from(e));
            break;
        }
        if stop.go_on(sent) {
            std::thread::sleep(pause);
        }
    }
    let restored = restore(store, &mut stream, &labels, &driving, out)?;
    match failed {
        Some(e) => Err(e),
        None if restored => Ok(()),
        None => {
            Err("模拟结束，但终端没有及时把充电位还原为空闲 (slots not restored in time)".into())
        }
    }
}

/// The next report for a slot, or `None` if the simulator must leave it alone.
fn next_report(
    store: &Store,
    label: &str,
    last: Option<FeedState>,
    turn: usize,
    limit: Duration,
) -> Result<Option<FeedState>, CliError> {
    let slot = store.slot(label)?;
    let ours = match last {
        // Not ours yet: only a free slot.
        None => slot.state(Utc::now(), limit).is_free(),
        // Ours until a real session, a staff fault or a lock takes it over.
        Some(_) => {
            slot.session.as_ref().is_none_or(|s| s.simulated)
                && slot.fault.is_none()
                && !slot.locked
        }
    };
    Ok(ours.then_some(match last {
        None | Some(FeedState::Free) => FeedState::Charging,
        Some(FeedState::Charging) => FeedState::Full,
        Some(FeedState::Full) if turn.is_multiple_of(3) => FeedState::Fault,
        Some(FeedState::Full | FeedState::Fault) => FeedState::Free,
    }))
}

/// Sends one report and waits for the feed's reply (`ok` or `error: …`, said on
/// stderr), so the next report is decided on what the store now holds.
fn report(stream: &mut UnixStream, line: &str) -> std::io::Result<()> {
    use std::io::Read;
    writeln!(stream, "{line}")?;
    stream.set_read_timeout(Some(StdDuration::from_secs(30)))?;
    // One byte at a time: nothing past the reply is taken off the socket.
    let mut reply = Vec::new();
    let mut byte = [0u8];
    while stream.read(&mut byte)? == 1 && byte[0] != b'\n' {
        reply.push(byte[0]);
    }
    let reply = String::from_utf8_lossy(&reply);
    match reply.trim() {
        "ok" => Ok(()),
        "" => Err(std::io::ErrorKind::UnexpectedEof.into()),
        other => {
            eprintln!("{other}");
            Ok(())
        }
    }
}

/// Reports free every slot this run drove and left occupied, through the feed like
/// its other reports, then waits up to five seconds for the store to show none of the
/// simulator's sessions or faults; what the kiosk did not apply (it has gone) is
/// written straight into the store. `false` if some slot still could not be restored.
fn restore(
    store: &mut Store,
    stream: &mut UnixStream,
    labels: &[String],
    driving: &[Option<FeedState>],
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let mut feed_gone = false;
    for (label, last) in labels.iter().zip(driving) {
        if last.is_none_or(|s| s == FeedState::Free) {
            continue;
        }
        let line = sim_line(label, FeedState::Free);
        if !feed_gone && report(stream, &line).is_err() {
            feed_gone = true; // applied from the store below
        }
        let _ = writeln!(out, "{line}"); // the reader may be gone; restoring matters more
    }
    let start = Instant::now();
    loop {
        let left = store.simulated_slots()?;
        if !left.iter().any(|l| labels.contains(l)) {
            return Ok(true);
        }
        if feed_gone || start.elapsed() > StdDuration::from_secs(5) {
            // The kiosk did not apply them: write them straight into the store.
            for label in left.iter().filter(|l| labels.contains(l)) {
                if let Err(e) = store.apply_report(label, FeedState::Free, "", Utc::now(), true) {
                    eprintln!("{label}：{e}");
                }
            }
            let left = store.simulated_slots()?;
            if left.iter().any(|l| labels.contains(l)) {
                eprintln!("还没还原：{} (still simulated)", left.join(", "));
                return Ok(false);
            }
            return Ok(true);
        }
        std::thread::sleep(StdDuration::from_millis(20));
    }
}
