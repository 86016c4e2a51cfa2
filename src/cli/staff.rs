//! `relay-kiosk staff …`: the kiosk's staff PIN.

use super::output::{ACTOR, CliResult};
use clap::Subcommand;
use relay_core::store::Store;
use std::io::{BufRead, IsTerminal, Write};

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Set the staff PIN (6–8 digits). Reads it from stdin when stdin is not a terminal.
    SetPin,
}

pub fn run(command: StaffCommand, store: &mut Store, out: &mut dyn Write) -> CliResult {
    match command {
        StaffCommand::SetPin => set_pin(store, out),
    }
}

fn set_pin(store: &mut Store, out: &mut dyn Write) -> CliResult {
    let pin = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("新的工作人员 PIN（6–8 位数字）: ")?;
        relay_core::store::validate_pin(first.trim())?;
        let second = rpassword::prompt_password("再输入一次: ")?;
        if first.trim() != second.trim() {
            return Err("两次输入的 PIN 不一样，没有修改 (PINs differ)".into());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line
    };
    store.set_staff_pin(pin.trim(), ACTOR)?;
    writeln!(out, "工作人员 PIN 已设置 (staff PIN set)")?;
    Ok(())
}
