//! Warnings about bad feed lines, rate-limited: a feeder that floods garbage must not
//! fill the disk with the log (5 minutes of flooding once wrote 15 GB).

use std::time::{Duration, Instant};

/// At most `burst` warnings per `window`; the rest are counted and the count is logged
/// with the next warning let through.
pub(super) struct LogLimit {
    window: Duration,
    burst: u32,
    started: Option<Instant>,
    logged: u32,
    suppressed: u64,
}

impl LogLimit {
    pub(super) fn new(window: Duration, burst: u32) -> LogLimit {
        LogLimit {
            window,
            burst,
            started: None,
            logged: 0,
            suppressed: 0,
        }
    }

    /// Whether a warning may be logged at `now`, and how many were held back before it.
    pub(super) fn allow(&mut self, now: Instant) -> Option<u64> {
        if self
            .started
            .is_none_or(|at| now.duration_since(at) >= self.window)
        {
            (self.started, self.logged) = (Some(now), 0);
        }
        if self.logged < self.burst {
            self.logged += 1;
            Some(std::mem::take(&mut self.suppressed))
        } else {
            self.suppressed += 1;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_silence_then_the_count() {
        let mut limit = LogLimit::new(Duration::from_secs(10), 3);
        let t0 = Instant::now();
        let allowed: Vec<_> = (0..1000).map(|_| limit.allow(t0)).collect();
        assert_eq!(allowed.iter().filter(|a| a.is_some()).count(), 3);
        assert_eq!(limit.allow(t0 + Duration::from_secs(11)), Some(997));
        assert_eq!(limit.allow(t0 + Duration::from_secs(11)), Some(0));
    }
}
