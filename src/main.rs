use clap::Parser;
use relay_kiosk::{cli, kiosk};
use std::path::PathBuf;
use std::process::ExitCode;

/// 户外职工爱心接力站 触摸屏终端 — the kiosk of a 24-hour rest station for outdoor workers.
/// Without a command it opens the kiosk fullscreen; the commands manage the same store.
#[derive(Debug, Parser)]
#[command(name = "relay-kiosk", version)]
struct Cli {
    /// Where the store and config.toml live (default: the user data directory).
    #[arg(long, global = true, env = "RELAY_KIOSK_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Start with an empty station instead of the demo data (first start only).
    #[arg(long)]
    no_demo: bool,
    /// Open in a window of this size instead of fullscreen, e.g. 1280x800 or 1080x1920.
    #[arg(long, value_name = "WxH", value_parser = kiosk::parse_size)]
    windowed: Option<(f32, f32)>,
    #[command(subcommand)]
    command: Option<cli::Command>,
}

fn main() -> ExitCode {
    relay_kiosk::logging::init();
    let args = Cli::parse();
    // `doctor` looks at the data directory as it is; everything else creates it.
    let dir = if matches!(args.command, Some(cli::Command::Doctor(_))) {
        kiosk::data_dir_path(args.data_dir)
    } else {
        kiosk::data_dir(args.data_dir)
    };
    let result = dir
        .map_err(cli::CliError::from)
        .and_then(|dir| match args.command {
            Some(command) => cli::run(command, &dir),
            None => Ok(kiosk::run(&dir, args.no_demo, args.windowed)?),
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误 (error): {e}");
            ExitCode::FAILURE
        }
    }
}
