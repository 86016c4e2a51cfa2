//! A look at the store's write-ahead log before SQLite replays it (#21 item 11). SQLite
//! silently stops at the first frame it cannot verify and drops the rest: a scrambled
//! header or a damaged frame in the middle lost acknowledged notices with no word. The
//! store checkpoints after every commit (`wal_autocheckpoint = 1`, see `Store::setup`),
//! so what a damaged log held is normally in the main file already; this check finds the
//! damage so staff are told, and the log is kept aside for a technician.
//!
//! The format (sqlite.org/fileformat2.html#walformat): a 32-byte header — magic
//! 0x377f0682/3 (the low bit: checksums big-endian), version, page size, checkpoint
//! sequence, two salts, a checksum of the first 24 bytes — then frames of a 24-byte header
//! (page number, database size for a commit frame, the salts, a cumulative checksum) and
//! one page each.

use std::path::Path;

/// What the log looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wal {
    /// None, empty, or every frame SQLite will read is whole (a torn frame at the very end
    /// is a transaction a power cut interrupted: it was never reported saved).
    Clean,
    /// Frames SQLite would drop though whole frames of the same log follow them, or a
    /// header that cannot be read in front of frames: changes may be lost.
    Damaged(String),
}

const HEADER: usize = 32;
const FRAME_HEADER: usize = 24;

fn be(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `s`.
fn checksum(data: &[u8], big_endian: bool, mut s: (u32, u32)) -> (u32, u32) {
    for pair in data.chunks_exact(8) {
        let word = |w: &[u8]| {
            let w = [w[0], w[1], w[2], w[3]];
            if big_endian {
                u32::from_be_bytes(w)
            } else {
                u32::from_le_bytes(w)
            }
        };
        s.0 = s.0.wrapping_add(word(&pair[..4])).wrapping_add(s.1);
        s.1 = s.1.wrapping_add(word(&pair[4..])).wrapping_add(s.0);
    }
    s
}

/// Checks the log at `path` (the store's `-wal`); a missing one is clean.
pub fn check(path: &Path) -> Wal {
    match std::fs::read(path) {
        Ok(bytes) => check_bytes(&bytes),
        Err(_) => Wal::Clean,
    }
}

pub fn check_bytes(b: &[u8]) -> Wal {
    if b.len() < HEADER {
        return if b.iter().all(|&x| x == 0) {
            Wal::Clean
        } else {
            Wal::Damaged(format!(
                "日志只有 {} 字节，头部不完整 (short WAL header)",
                b.len()
            ))
        };
    }
    let magic = be(b, 0);
    let page = be(b, 8) as usize;
    let header_ok =
        (magic & !1) == 0x377f_0682 && page.is_power_of_two() && (512..=65536).contains(&page) && {
            let big = magic & 1 == 1;
            checksum(&b[..24], big, (0, 0)) == (be(b, 24), be(b, 28))
        };
    if !header_ok {
        // A header never written whole before any frame is a log that holds nothing.
        return if b.len() > HEADER && b[HEADER..].iter().any(|&x| x != 0) {
            Wal::Damaged("日志头部已损坏，其中的改动 SQLite 会全部丢弃 (WAL header damaged)".into())
        } else {
            Wal::Clean
        };
    }
    let big = magic & 1 == 1;
    let salts = (be(b, 16), be(b, 20));
    let frame = FRAME_HEADER + page;
    let mut sum = (be(b, 24), be(b, 28));
    let mut at = HEADER;
    let mut good = 0usize;
    while at + frame <= b.len() {
        let h = &b[at..at + FRAME_HEADER];
        if (be(h, 8), be(h, 12)) != salts {
            // Frames of an older generation of the log: where this one ends.
            return Wal::Clean;
        }
        let s = checksum(&h[..8], big, sum);
        let s = checksum(&b[at + FRAME_HEADER..at + frame], big, s);
        if s != (be(h, 16), be(h, 20)) {
            // The last frame torn by a power cut is normal; one with frames of the same
            // log after it is damage.
            let later = (at + frame..)
                .step_by(frame)
                .take_while(|&f| f + FRAME_HEADER <= b.len())
                .filter(|&f| (be(b, f + 8), be(b, f + 12)) == salts)
                .count();
            return if later == 0 {
                Wal::Clean
            } else {
                Wal::Damaged(format!(
                    "日志第 {} 帧已损坏，其后 {later} 帧会被丢弃 (WAL frame {} damaged, {later} after it dropped)",
                    good + 1,
                    good + 1
                ))
            };
        }
        sum = s;
        good += 1;
        at += frame;
    }
    Wal::Clean
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// A real log with `n` commits, taken while its connection is open (as after kill -9).
    fn live_wal(n: usize) -> (tempfile::TempDir, Vec<u8>, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
             CREATE TABLE t (x TEXT);",
        )
        .unwrap();
        for i in 0..n {
            conn.execute("INSERT INTO t VALUES (?1)", [format!("row {i}")])
                .unwrap();
        }
        let wal = std::fs::read(dir.path().join("s.sqlite3-wal")).unwrap();
        (dir, wal, conn)
    }

    #[test]
    fn a_whole_log_and_a_torn_end_are_clean() {
        let (_d, wal, _c) = live_wal(3);
        assert_eq!(check_bytes(&wal), Wal::Clean);
        assert_eq!(check_bytes(&[]), Wal::Clean);
        // The last frame flipped: a transaction a power cut interrupted looks the same.
        let mut torn = wal.clone();
        let last = torn.len() - 10;
        torn[last] ^= 0xff;
        assert_eq!(check_bytes(&torn), Wal::Clean);
        // Cut off mid-frame: the same.
        assert_eq!(check_bytes(&wal[..wal.len() - 100]), Wal::Clean);
    }

    #[test]
    fn a_scrambled_header_or_a_damaged_middle_frame_is_damage() {
        let (_d, wal, _c) = live_wal(3);
        let mut header = wal.clone();
        header[16..24].copy_from_slice(b"scramble");
        assert!(matches!(check_bytes(&header), Wal::Damaged(_)));
        let page = be(&wal, 8) as usize;
        let mut middle = wal.clone();
        middle[HEADER + FRAME_HEADER + 40] ^= 0x55;
        match check_bytes(&middle) {
            Wal::Damaged(why) => assert!(why.contains("第 1 帧"), "{why}"),
            other => panic!("{other:?} ({page} byte pages)"),
        }
    }
}
