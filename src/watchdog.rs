//! The systemd watchdog: the kiosk tells systemd it is up (`READY=1`) and keeps saying it
//! is alive (`WATCHDOG=1`) from the UI loop, so a frozen UI is restarted
//! (`packaging/relay-kiosk.service`: `Type=notify`, `WatchdogSec=30`).
//!
//! Both go to `NOTIFY_SOCKET`. The kiosk runs as cage's child, not as the unit's main
//! process, so the unit needs `NotifyAccess=all`. Without `NOTIFY_SOCKET` (a terminal,
//! the tests) nothing is sent and nothing fails.
//!
//! When is the kiosk "ready"? iced 0.14 has no first-frame hook to rely on, so the first
//! clock tick the app handles stands in for it: by then the window is open and the event
//! loop runs `update`, which it only does between frames.

use sd_notify::NotifyState;
use std::sync::atomic::{AtomicBool, Ordering};

static READY_SENT: AtomicBool = AtomicBool::new(false);

/// Called from `App::update` on every clock tick (once a second): `READY=1` the first
/// time, `WATCHDOG=1` every time.
pub fn alive() {
    if !READY_SENT.swap(true, Ordering::Relaxed) {
        ready();
    }
    ping();
}

/// `READY=1`: the kiosk is up.
pub fn ready() {
    send(NotifyState::Ready);
}

/// `WATCHDOG=1`: the UI loop still runs.
pub fn ping() {
    send(NotifyState::Watchdog);
}

fn send(state: NotifyState) {
    // Keep NOTIFY_SOCKET in the environment: the pings go on for as long as the kiosk runs.
    if let Err(e) = sd_notify::notify(false, &[state]) {
        tracing::debug!("sd_notify: {e}");
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::net::UnixDatagram;
    use std::process::Command;
    use std::time::Duration;

    const CHILD: &str = "RELAY_KIOSK_WATCHDOG_TEST_CHILD";

    /// Runs `child_sends_ready_and_pings` in a fresh process of this test binary with
    /// `NOTIFY_SOCKET` set there: changing this process's environment would race with
    /// the other tests (chrono reads `TZ`).
    #[test]
    fn ready_and_watchdog_reach_the_notify_socket() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify.sock");
        let socket = UnixDatagram::bind(&path).unwrap();
        socket
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let status = Command::new(std::env::current_exe().unwrap())
            .args([
                "watchdog::tests::child_sends_ready_and_pings",
                "--exact",
                "--ignored",
                "--test-threads=1",
            ])
            .env(CHILD, "1")
            .env("NOTIFY_SOCKET", &path)
            .output()
            .unwrap()
            .status;
        assert!(status.success());
        let mut got = Vec::new();
        let mut buf = [0u8; 256];
        for _ in 0..3 {
            let n = socket.recv(&mut buf).unwrap();
            got.push(String::from_utf8_lossy(&buf[..n]).trim().to_string());
        }
        assert_eq!(got, ["READY=1", "WATCHDOG=1", "WATCHDOG=1"]);
    }

    #[test]
    #[ignore = "run by ready_and_watchdog_reach_the_notify_socket in its own process"]
    fn child_sends_ready_and_pings() {
        if std::env::var_os(CHILD).is_none() {
            return;
        }
        // READY only once, a ping every time.
        super::alive();
        super::alive();
    }

    #[test]
    fn without_a_notify_socket_nothing_fails() {
        let status = Command::new(std::env::current_exe().unwrap())
            .args([
                "watchdog::tests::child_sends_ready_and_pings",
                "--exact",
                "--ignored",
            ])
            .env(CHILD, "1")
            .env_remove("NOTIFY_SOCKET")
            .output()
            .unwrap()
            .status;
        assert!(status.success());
        // And in this process, whatever its environment.
        super::ping();
    }
}
