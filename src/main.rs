use clap::Parser;
use relay_kiosk::{cli, kiosk};
use std::process::ExitCode;

fn main() -> ExitCode {
    relay_kiosk::logging::init();
    let args = cli::Cli::parse();
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
