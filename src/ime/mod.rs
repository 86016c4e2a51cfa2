//! TEMPORARY stand-in with the engine's API while the real engine is being written.
#![allow(dead_code)]

pub struct Dictionary;

impl Dictionary {
    pub fn shared() -> &'static Dictionary {
        static D: Dictionary = Dictionary;
        &D
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub text: String,
    pub consumed: usize,
}

#[derive(Default, Clone, Debug, PartialEq)]
pub struct Composer {
    raw: String,
}

impl Composer {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, c: char) -> bool {
        self.raw.push(c);
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
    pub fn preedit(&self) -> String {
        self.raw.clone()
    }
    pub fn candidates(&self, _dict: &Dictionary) -> Vec<Candidate> {
        match self.raw.as_str() {
            "nuanshou" => vec![Candidate {
                text: "暖手".into(),
                consumed: 8,
            }],
            _ => Vec::new(),
        }
    }
    pub fn pick(&mut self, candidate: &Candidate) -> String {
        self.raw.drain(..candidate.consumed.min(self.raw.len()));
        candidate.text.clone()
    }
}

pub fn describe(_dict: &Dictionary, input: &str, _n: usize, _json: bool) -> String {
    input.to_string()
}
