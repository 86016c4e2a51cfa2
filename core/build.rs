//! Compiles the pinyin dictionary's lookup tables (`src/ime/table.rs`) from
//! `data/ime/dict.txt` into `$OUT_DIR/dict.bin`, which the kiosk embeds and
//! reads in place: no parsing at start, no heap copy, only touched pages read.

// The shared modules carry items only the crate itself uses.
#![allow(dead_code)]

#[path = "src/ime/guard.rs"]
mod guard;
#[path = "src/ime/syllables.rs"]
mod syllables;
#[path = "src/ime/table.rs"]
mod table;

fn main() {
    for input in [
        "build.rs",
        "src/ime/table.rs",
        "src/ime/guard.rs",
        "src/ime/syllables.rs",
        "../data/ime/dict.txt",
        "../data/ime/common_chars.txt",
        "../data/ime/vulgar.txt",
        "../data/ime/lm.bin",
    ] {
        println!("cargo::rerun-if-changed={input}");
    }
    let dict = std::fs::read_to_string("../data/ime/dict.txt").expect("../data/ime/dict.txt");
    let common = std::fs::read_to_string("../data/ime/common_chars.txt")
        .expect("../data/ime/common_chars.txt");
    let tables = table::compile(&dict, &common, guard::Guard::shared());
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("dict.bin"), tables.to_bytes()).expect("write dict.bin");
    let lm = std::fs::read("../data/ime/lm.bin").expect("../data/ime/lm.bin");
    std::fs::write(out.join("lm_map.bin"), lm_map(&lm, &dict, &tables)).expect("write lm_map.bin");
}

/// The word-model id (u16 LE; u16::MAX for none) of every dictionary entry, as
/// `src/ime/lm.rs` would work it out at start: `lm.bin` begins `RKLM`, version 2,
/// word count, pair count and word-list length (u32 LE each), then the words, one per line.
fn lm_map(lm: &[u8], dict: &str, tables: &table::Tables) -> Vec<u8> {
    let u32_at = |at: usize| u32::from_le_bytes(lm[at..at + 4].try_into().expect("4 bytes"));
    assert!(
        lm.len() > 20 && &lm[..4] == b"RKLM" && u32_at(4) == 2,
        "lm.bin header"
    );
    let text_len = u32_at(16) as usize;
    let words = std::str::from_utf8(&lm[20..20 + text_len]).expect("lm.bin words are UTF-8");
    let ids: std::collections::HashMap<&str, u16> = words
        .split('\n')
        .enumerate()
        .map(|(i, w)| (w, i as u16))
        .collect();
    let mut out = Vec::with_capacity(2 * tables.entries.len());
    for e in &tables.entries {
        let word = &dict[e.word as usize..e.word as usize + e.word_len as usize];
        out.extend_from_slice(&ids.get(word).copied().unwrap_or(u16::MAX).to_le_bytes());
    }
    out
}
