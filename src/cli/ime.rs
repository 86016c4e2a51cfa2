//! `relay-kiosk ime …`: what the on-screen pinyin keyboard offers; needs no store.

use super::output::CliResult;
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct ImeArgs {
    /// Pinyin letters, without spaces or tones.
    pinyin: String,
    /// How many candidates to show.
    #[arg(long, default_value_t = 10)]
    count: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &ImeArgs, out: &mut dyn Write) -> CliResult {
    let dict = relay_core::ime::Dictionary::shared();
    let text = relay_core::ime::describe(dict, &args.pinyin, args.count, args.json);
    writeln!(out, "{text}")?;
    Ok(())
}
