//! `relay-kiosk report`: the station's monthly report (成效显) as text, JSON, CSV files or
//! a PDF, from `relay_core::report` (the kiosk's 月度报告 page will show the same).

use super::output::CliResult;
use chrono::{Local, Months};
use relay_core::config::Config;
use relay_core::report::{Period, Report, csv, export, pdf, text};
use relay_core::store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The monthly report (月度报告): visits, charging, reading, wishes, suggestions,
/// notices and amenity outages, compared with the period before and a year earlier.
/// Counts only: no names, phone numbers or wish texts.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The month, e.g. 2026-11 (default: last month).
    #[arg(long, conflicts_with_all = ["from", "until"])]
    pub month: Option<String>,
    /// The first day of a range instead of a month, e.g. 2026-11-03.
    #[arg(long, requires = "until")]
    pub from: Option<String>,
    /// The last day of the range (included).
    #[arg(long, requires = "from")]
    pub until: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also write one CSV file per table into DIR (UTF-8 with BOM, for Excel).
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
    /// Also write the report as an A4 PDF with charts.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
}

fn period(args: &ReportArgs) -> Result<Period, String> {
    match (&args.month, &args.from, &args.until) {
        (Some(m), _, _) => Period::parse_month(m),
        (None, Some(f), Some(u)) => Period::range(Period::parse_date(f)?, Period::parse_date(u)?),
        _ => {
            let today = Local::now().date_naive();
            let last_month = today.checked_sub_months(Months::new(1)).unwrap_or(today);
            Ok(Period::month_of(last_month))
        }
    }
}

pub fn run(args: ReportArgs, store: &Store, config: &Config, out: &mut dyn Write) -> CliResult {
    let period = period(&args)?;
    let station = store
        .station()?
        .name
        .unwrap_or_else(|| config.station_name.clone());
    let report = Report::compute(store, &station, period, &Local, chrono::Utc::now())?;
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", text::render(&report))?;
    }
    if let Some(dir) = &args.csv {
        let files: Vec<(String, Vec<u8>)> = csv::tables(&report)
            .iter()
            .map(|t| (t.name.to_string(), t.bytes()))
            .collect();
        export::write_folder(dir, &files, &|p: &Path| relay_core::files::free_bytes(p))
            .map_err(|e| e.to_string())?;
        eprintln!("已写入 {} 个 CSV 文件 → {}", files.len(), dir.display());
    }
    if let Some(file) = &args.pdf {
        let bytes = pdf::write(&report).map_err(|e| e.to_string())?;
        write_file(file, &bytes)?;
        eprintln!(
            "已写入 PDF（{} KB）→ {}",
            bytes.len().div_ceil(1024),
            file.display()
        );
    }
    Ok(())
}

/// Writes `bytes` to `path` whole: a temporary file beside it, synced, then renamed.
fn write_file(path: &Path, bytes: &[u8]) -> CliResult {
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} 不是文件名 (not a file name)", path.display()))?;
    let tmp = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let written = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("不能写入 {}：{e} (could not write)", path.display()).into());
    }
    Ok(())
}
