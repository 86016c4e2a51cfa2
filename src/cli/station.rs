//! `relay-kiosk station …`: the station's name and the line under it on the home
//! screen — what staff set on the kiosk under 工作人员 › 本站信息.

use super::output::{ACTOR, CliResult};
use chrono::Utc;
use clap::Subcommand;
use relay_core::config::Config;
use relay_core::store::Store;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum StationCommand {
    /// What the screens show: the name (staff's, else config.toml's) and the line.
    Show,
    /// Set the name (up to 20 characters) and the line under it (up to 30; leave it
    /// out for the kiosk's own, 24 小时开放 · 喝水 · 热饭 · 充电 · 歇脚).
    Set {
        /// The station's name on the home screen, up to 20 characters.
        name: String,
        /// The line under the name, up to 30 characters (empty: the kiosk's own).
        #[arg(long, default_value = "")]
        line: String,
    },
}

pub fn run(
    command: StationCommand,
    store: &mut Store,
    config: &Config,
    out: &mut dyn Write,
) -> CliResult {
    match command {
        StationCommand::Show => {
            let station = store.station()?;
            match &station.name {
                Some(name) => writeln!(out, "站名：{name}")?,
                None => writeln!(
                    out,
                    "站名：{}（来自 config.toml；还没有在屏幕上设置）",
                    config.station_name
                )?,
            }
            match &station.line {
                Some(line) => writeln!(out, "介绍：{line}")?,
                None => writeln!(out, "介绍：（默认）24 小时开放 · 喝水 · 热饭 · 充电 · 歇脚")?,
            }
        }
        StationCommand::Set { name, line } => {
            let station = store.set_station(&name, &line, Utc::now(), ACTOR)?;
            writeln!(
                out,
                "已保存站名：{}{}",
                station.name.unwrap_or_default(),
                station.line.map(|l| format!("（{l}）")).unwrap_or_default()
            )?;
        }
    }
    Ok(())
}
