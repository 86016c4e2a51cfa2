//! The log on stderr: `RUST_LOG` or `relay_kiosk=info,relay_core=info,warn`, never with dependencies'
//! text-shaping and rendering traces (they carry the text on screen, release codes
//! included) whatever level is asked for, and colours only on a terminal.

use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// The level when `RUST_LOG` is not set (or cannot be read).
pub const DEFAULT: &str = "relay_kiosk=info,relay_core=info,warn";

/// Crates that log the text they shape or draw: kept at warnings and errors.
const QUIET: [&str; 13] = [
    "cosmic_text",
    "swash",
    "harfrust",
    "rustybuzz",
    "fontdb",
    "skrifa",
    "read_fonts",
    "ttf_parser",
    "unicode_bidi",
    "iced_graphics",
    "iced_tiny_skia",
    "iced_wgpu",
    "wgpu",
];

/// The filter for `RUST_LOG`'s value `env`.
pub fn filter(env: Option<&str>) -> EnvFilter {
    let base = env
        .and_then(|e| EnvFilter::try_new(e).ok())
        .unwrap_or_else(|| EnvFilter::new(DEFAULT));
    QUIET.iter().fold(base, |f, target| {
        f.add_directive(format!("{target}=warn").parse().expect("a valid directive"))
    })
}

/// Sets up the log for the kiosk and the CLI.
pub fn init() {
    tracing_subscriber::fmt()
        .with_env_filter(filter(std::env::var("RUST_LOG").ok().as_deref()))
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// What a subscriber with `filter(env)` writes for a few events.
    fn logged(env: Option<&str>) -> String {
        let out = Arc::new(Mutex::new(Vec::<u8>::new()));
        let sink = out.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(filter(env))
            .with_ansi(false)
            .with_writer(move || SinkWriter(sink.clone()))
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::trace!(target: "cosmic_text::shape", "shaping 取件码 4821");
            tracing::debug!(target: "iced_graphics::text", "text 4821");
            tracing::warn!(target: "cosmic_text::font", "font fallback failed");
            tracing::debug!(target: "relay_kiosk::app", "kiosk detail");
            tracing::info!(target: "relay_core::feed", "kiosk info");
        });
        String::from_utf8(out.lock().unwrap().clone()).unwrap()
    }

    struct SinkWriter(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for SinkWriter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn text_shaping_traces_stay_out_at_every_level() {
        for env in [
            None,
            Some("trace"),
            Some("debug"),
            Some("cosmic_text=trace,trace"),
        ] {
            let log = logged(env);
            assert!(!log.contains("4821"), "{env:?}: {log}");
            assert!(log.contains("font fallback failed"), "{env:?}: {log}");
            assert!(log.contains("kiosk info"), "{env:?}: {log}");
        }
        assert!(!logged(None).contains("kiosk detail"));
        assert!(logged(Some("trace")).contains("kiosk detail"));
    }
}
