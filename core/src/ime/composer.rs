//! The input state of the IME: raw letters typed so far.

use super::dict::Dictionary;
use super::engine::{self, Candidate};
use super::syllables::segment;

/// Longest raw input accepted, in characters.
pub const MAX_INPUT: usize = 40;

/// Raw pinyin input: letters a-z and apostrophes.
#[derive(Default, Clone, Debug, PartialEq)]
pub struct Composer {
    raw: String,
}

impl Composer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a letter (A-Z is lowercased) or a syllable-separating
    /// apostrophe. Returns false if the character was ignored.
    pub fn push(&mut self, c: char) -> bool {
        if self.raw.len() >= MAX_INPUT {
            return false;
        }
        match c {
            'a'..='z' => self.raw.push(c),
            'A'..='Z' => self.raw.push(c.to_ascii_lowercase()),
            '\'' if !self.raw.is_empty() && !self.raw.ends_with('\'') => self.raw.push(c),
            _ => return false,
        }
        true
    }

    pub fn pop(&mut self) {
        self.raw.pop();
    }

    pub fn clear(&mut self) {
        self.raw.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The input split into syllables, e.g. `kuai'di'xiao'ge`.
    pub fn preedit(&self) -> String {
        let Some(seg) = segment(&self.raw).into_iter().next() else {
            return self.raw.clone();
        };
        let mut out = String::with_capacity(self.raw.len() + seg.tokens.len());
        for t in &seg.tokens {
            if !out.is_empty() {
                out.push('\'');
            }
            out.push_str(&self.raw[t.start..t.end]);
        }
        if self.raw.ends_with('\'') && !out.is_empty() {
            out.push('\'');
        }
        out
    }

    /// Ranked, deduplicated candidates (at most [`engine::MAX_CANDIDATES`]).
    pub fn candidates(&self, dict: &Dictionary) -> Vec<Candidate> {
        engine::candidates(dict, &self.raw)
    }

    /// Commits `candidate` (one returned by `candidates` for the current
    /// input): removes the letters it consumed (and a following apostrophe)
    /// and returns its text.
    pub fn pick(&mut self, candidate: &Candidate) -> String {
        let consumed = candidate.consumed.min(self.raw.len());
        self.raw.drain(..consumed);
        let rest = self.raw.trim_start_matches('\'');
        if rest.len() != self.raw.len() {
            self.raw = rest.to_string();
        }
        candidate.text.clone()
    }
}

/// For the dev command `relay-kiosk ime PINYIN [--json]`: the preedit and
/// the first `n` candidates of `input`, as text or as a JSON object.
pub fn describe(dict: &Dictionary, input: &str, n: usize, json: bool) -> String {
    // A one-shot command: wait for the word model rather than skip it.
    let lm = if std::ptr::eq(dict, Dictionary::shared()) {
        Some(super::lm::Lm::shared())
    } else {
        None
    };
    let mut composer = Composer::new();
    for c in input.chars() {
        composer.push(c);
    }
    let preedit = composer.preedit();
    let cands = engine::candidates_with(dict, lm, composer.raw());
    let cands = &cands[..cands.len().min(n)];
    if json {
        let list: Vec<_> = cands
            .iter()
            .map(|c| serde_json::json!({ "text": c.text, "consumed": c.consumed }))
            .collect();
        let value = serde_json::json!({
            "input": composer.raw(),
            "preedit": preedit,
            "candidates": list,
        });
        return value.to_string();
    }
    let mut out = format!("{preedit}\n");
    for (i, c) in cands.iter().enumerate() {
        let rest = &composer.raw()[c.consumed.min(composer.raw().len())..];
        let rest = rest.trim_start_matches('\'');
        if rest.is_empty() {
            out.push_str(&format!("{:>2}. {}\n", i + 1, c.text));
        } else {
            out.push_str(&format!("{:>2}. {}  (+{rest})\n", i + 1, c.text));
        }
    }
    if cands.is_empty() {
        out.push_str("(no candidates)\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> Composer {
        let mut c = Composer::new();
        for ch in s.chars() {
            c.push(ch);
        }
        c
    }

    #[test]
    fn push_pop_and_preedit() {
        let mut c = typed("NuanShou");
        assert_eq!(c.raw(), "nuanshou");
        assert_eq!(c.preedit(), "nuan'shou");
        assert!(!c.push('1') && !c.push(' ') && !c.push('ü'));
        assert_eq!(typed("kuaidixiaoge").preedit(), "kuai'di'xiao'ge");
        assert_eq!(typed("xi'an").preedit(), "xi'an");
        assert_eq!(typed("xi''").raw(), "xi'");
        assert_eq!(typed("'a").raw(), "a");
        c.pop();
        assert_eq!(c.raw(), "nuansho");
        assert_eq!(c.preedit(), "nuan'sho");
        c.clear();
        assert!(c.is_empty() && c.preedit().is_empty());
        let long = typed(&"a".repeat(50));
        assert_eq!(long.raw().len(), MAX_INPUT);
    }

    #[test]
    fn pick_and_continue() {
        let dict = Dictionary::shared();
        let mut c = typed("kuaidixiaoge");
        let cand = c.candidates(dict);
        let kuaidi = cand.iter().find(|x| x.text == "快递").unwrap().clone();
        assert_eq!(c.pick(&kuaidi), "快递");
        assert_eq!(c.raw(), "xiaoge");
        assert_eq!(c.candidates(dict)[0].text, "小哥");
        let mut c = typed("xi'an");
        let xi = c
            .candidates(dict)
            .into_iter()
            .find(|x| x.text == "西")
            .unwrap();
        c.pick(&xi);
        assert_eq!(c.raw(), "an");
        let all = c.candidates(dict)[0].clone();
        c.pick(&all);
        assert!(c.is_empty());
    }

    #[test]
    fn describe_text_and_json() {
        let dict = Dictionary::shared();
        let text = describe(dict, "xiexienimen", 3, false);
        assert!(text.starts_with("xie'xie'ni'men\n 1. 谢谢你们\n"), "{text}");
        let json: serde_json::Value = serde_json::from_str(&describe(dict, "lv", 2, true)).unwrap();
        assert_eq!(json["preedit"], "lv");
        assert_eq!(json["candidates"][0]["text"], "绿");
        assert_eq!(json["candidates"].as_array().unwrap().len(), 2);
        assert!(describe(dict, "qqq!!", 5, false).contains("q'q'q"));
    }

    #[test]
    fn never_panics() {
        let dict = Dictionary::shared();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let alphabet = b"abcdefghijklmnopqrstuvwxyz'''aeiouvng";
        for _ in 0..300 {
            let mut c = Composer::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 45) as usize;
            for k in 0..len {
                let r = seed.rotate_left(k as u32 * 5) as usize;
                c.push(alphabet[r % alphabet.len()] as char);
            }
            let _ = c.preedit();
            let cands = c.candidates(dict);
            assert!(cands.len() <= crate::ime::MAX_CANDIDATES);
            if let Some(first) = cands.first() {
                assert!(first.consumed <= c.raw().len());
                c.pick(first);
            }
        }
        for raw in [
            "",
            "'",
            "''''",
            "iiiiii",
            "qqq",
            "v",
            "vvv",
            &"zhuang".repeat(7),
        ] {
            let c = typed(raw);
            let _ = (c.preedit(), c.candidates(dict));
        }
    }
}
