//! Waits that setting the wall clock cannot stretch or cut: a release-code wait, the
//! staff lockout, the withdraw lock (#21 item 8). A wait is kept as its end on the
//! wall clock *and* on the boot clock (`CLOCK_BOOTTIME`: monotonic, counts suspend,
//! restarts at boot) with the boot's id. While the machine has not rebooted, the boot
//! clock decides; after a reboot the wall end is used, never for longer than the wait
//! itself (a wall clock set back an hour cannot make a 30 s wait last 61 minutes).

use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, Mutex, OnceLock};

/// A reading of the boot clock: which boot, and milliseconds since it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mono {
    /// Shared, so reading the clock (in a view, every frame) allocates nothing.
    pub boot: Arc<str>,
    pub ms: i64,
}

/// Where the boot clock is read: the system's, or one a test moves by hand.
#[derive(Debug, Clone, Default)]
pub enum BootClock {
    #[default]
    System,
    Fake(Arc<Mutex<Mono>>),
}

fn boot_id() -> Option<Arc<str>> {
    static ID: OnceLock<Option<Arc<str>>> = OnceLock::new();
    ID.get_or_init(|| {
        std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty() && !s.contains(' '))
            .map(Arc::from)
    })
    .clone()
}

fn system_ms() -> Option<i64> {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec we own.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut t) } == 0;
    ok.then(|| t.tv_sec * 1000 + t.tv_nsec / 1_000_000)
}

impl BootClock {
    /// A clock for tests, at 1,000 s into boot `test-boot-1`.
    pub fn fake() -> BootClock {
        BootClock::Fake(Arc::new(Mutex::new(Mono {
            boot: Arc::from("test-boot-1"),
            ms: 1_000_000,
        })))
    }

    pub fn now(&self) -> Option<Mono> {
        match self {
            BootClock::System => Some(Mono {
                boot: boot_id()?,
                ms: system_ms()?,
            }),
            BootClock::Fake(m) => Some(m.lock().unwrap_or_else(|e| e.into_inner()).clone()),
        }
    }

    /// Moves a fake clock on (a system clock is not moved).
    pub fn advance(&self, by: Duration) {
        if let BootClock::Fake(m) = self {
            m.lock().unwrap_or_else(|e| e.into_inner()).ms += by.num_milliseconds();
        }
    }

    /// A fake clock's machine reboots: a new boot id, the clock from 0.
    pub fn reboot(&self) {
        if let BootClock::Fake(m) = self {
            let mut m = m.lock().unwrap_or_else(|e| e.into_inner());
            m.boot = Arc::from(format!("{}+", m.boot));
            m.ms = 0;
        }
    }
}

/// The end of a wait.
#[derive(Debug, Clone)]
pub struct Deadline {
    wall: DateTime<Utc>,
    mono: Option<Mono>,
    /// The longest the wait can still be when only the wall clock is left to go by.
    longest: Duration,
    clock: BootClock,
}

impl PartialEq for Deadline {
    fn eq(&self, other: &Deadline) -> bool {
        self.wall == other.wall && self.mono == other.mono
    }
}

impl Eq for Deadline {}

impl Deadline {
    /// A wait of `length` from `now`.
    pub fn start(now: DateTime<Utc>, length: Duration, clock: &BootClock) -> Deadline {
        Deadline {
            wall: now + length,
            mono: clock.now().map(|m| Mono {
                ms: m.ms + length.num_milliseconds(),
                ..m
            }),
            longest: length,
            clock: clock.clone(),
        }
    }

    /// A wait as stored: its wall end and [`Deadline::mono_text`] (`None` for a wait
    /// stored before waits had one), lasting at most `longest`.
    pub fn stored(
        wall: DateTime<Utc>,
        mono: Option<&str>,
        longest: Duration,
        clock: &BootClock,
    ) -> Deadline {
        let mut parts = mono.unwrap_or("").split(' ');
        let (boot, end, length) = (parts.next(), parts.next(), parts.next());
        let mono = match (boot, end.and_then(|e| e.parse().ok())) {
            (Some(boot), Some(ms)) if !boot.is_empty() => Some(Mono {
                boot: Arc::from(boot),
                ms,
            }),
            _ => None,
        };
        // The wait's own length, when it was stored with one, bounds it after a reboot.
        let longest = length
            .and_then(|l| l.parse().ok())
            .map_or(longest, |l| longest.min(Duration::milliseconds(l)));
        Deadline {
            wall,
            mono,
            longest,
            clock: clock.clone(),
        }
    }

    /// The boot clock's end, as stored beside the wall end: `<boot id> <ms> <length ms>`.
    pub fn mono_text(&self) -> Option<String> {
        self.mono
            .as_ref()
            .map(|m| format!("{} {} {}", m.boot, m.ms, self.longest.num_milliseconds()))
    }

    /// The wall end, as stored.
    pub fn wall(&self) -> DateTime<Utc> {
        self.wall
    }

    /// The same wait, read with `clock`.
    pub fn with_clock(self, clock: &BootClock) -> Deadline {
        Deadline {
            clock: clock.clone(),
            ..self
        }
    }

    /// How long the wait still lasts at `now` (the wall clock), `None` once it is over.
    pub fn left(&self, now: DateTime<Utc>) -> Option<Duration> {
        let left = match (&self.mono, self.clock.now()) {
            (Some(end), Some(at)) if end.boot == at.boot => Duration::milliseconds(end.ms - at.ms),
            _ => self.wall - now,
        };
        let left = left.min(self.longest);
        (left > Duration::zero()).then_some(left)
    }

    /// Whole seconds left, rounded up (a wait of 0.2 s is 1 s).
    pub fn secs_left(&self, now: DateTime<Utc>) -> i64 {
        self.left(now)
            .map_or(0, |l| (l.num_milliseconds() + 999) / 1000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000 + s, 0).unwrap()
    }

    #[test]
    fn the_boot_clock_decides_while_the_machine_runs() {
        let clock = BootClock::fake();
        let d = Deadline::start(t(0), Duration::seconds(30), &clock);
        // The wall clock set back an hour: still 30 s, not 61 minutes.
        assert_eq!(d.left(t(-3600)), Some(Duration::seconds(30)));
        // Set ahead a day: not over.
        assert_eq!(d.left(t(86_400)), Some(Duration::seconds(30)));
        clock.advance(Duration::seconds(20));
        assert_eq!(d.secs_left(t(-3600)), 10);
        clock.advance(Duration::seconds(10));
        assert_eq!(d.left(t(-3600)), None);
    }

    #[test]
    fn stored_and_read_back_it_is_the_same_wait() {
        let clock = BootClock::fake();
        let d = Deadline::start(t(0), Duration::minutes(5), &clock);
        let back = Deadline::stored(
            d.wall(),
            d.mono_text().as_deref(),
            Duration::minutes(5),
            &clock,
        );
        assert_eq!(back, d);
        clock.advance(Duration::minutes(1));
        assert_eq!(back.left(t(-7200)), Some(Duration::minutes(4)));
        // Read back as a longer kind of wait, it keeps its own length after a reboot.
        let long = Deadline::stored(
            d.wall(),
            d.mono_text().as_deref(),
            Duration::hours(1),
            &clock,
        );
        clock.reboot();
        assert_eq!(long.left(t(-7200)), Some(Duration::minutes(5)));
    }

    #[test]
    fn after_a_reboot_the_wall_clock_goes_but_never_past_the_wait() {
        let clock = BootClock::fake();
        let d = Deadline::start(t(0), Duration::minutes(5), &clock);
        clock.reboot();
        assert_eq!(d.left(t(60)), Some(Duration::minutes(4)));
        // Set back an hour across the reboot: at most the wait itself.
        assert_eq!(d.left(t(-3600)), Some(Duration::minutes(5)));
        assert_eq!(d.left(t(300)), None);
        // A wait stored before there was a boot clock: the same rule.
        let old = Deadline::stored(t(30), None, Duration::seconds(30), &clock);
        assert_eq!(old.left(t(-3600)), Some(Duration::seconds(30)));
        assert_eq!(old.left(t(10)), Some(Duration::seconds(20)));
    }

    #[test]
    fn the_system_boot_clock_reads() {
        let a = BootClock::System
            .now()
            .expect("CLOCK_BOOTTIME and boot_id on Linux");
        let b = BootClock::System.now().unwrap();
        assert_eq!(a.boot, b.boot);
        assert!(b.ms >= a.ms && a.ms > 0);
    }
}
