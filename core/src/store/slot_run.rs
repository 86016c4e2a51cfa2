//! A numbered run of slots added in one step — A1–A8 for the phone ports, B1–B2 for the
//! battery bays — as a new station sets itself up: all of the run, or none.

use super::slot::{label_taken, validate_label};
use super::{Connector, Error, Result, Store, audit};
use rusqlite::params;

/// The most slots one run adds.
pub const SLOT_RUN_MAX: usize = 40;

/// The labels of a run of `count` starting at `first`: `A1`, 3 → `A1 A2 A3`; `B` (no
/// number) starts at 1; `C09`, 2 → `C09 C10` (the width is kept while it fits).
pub fn slot_run(first: &str, count: usize) -> Result<Vec<String>> {
    let first = validate_label(first)?;
    if !(1..=SLOT_RUN_MAX).contains(&count) {
        return Err(Error::Invalid(format!(
            "一次最多添加 {SLOT_RUN_MAX} 个充电位 (1..={SLOT_RUN_MAX} slots at once)"
        )));
    }
    let digits = first.len() - first.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, number) = first.split_at(first.len() - digits);
    let start: u64 = if number.is_empty() {
        1
    } else {
        number
            .parse()
            .map_err(|_| Error::Invalid(format!("充电位编号“{first}”的数字太大 (bad number)")))?
    };
    (0..count as u64)
        .map(|i| validate_label(&format!("{prefix}{:0digits$}", start + i)))
        .collect()
}

impl Store {
    /// Adds the run [`slot_run`] names, in order, all in one transaction: a label that
    /// is taken (or too long) refuses the whole run and names it.
    pub fn add_slot_run(
        &mut self,
        first: &str,
        count: usize,
        connector: Connector,
        note: &str,
        fed: bool,
        actor: &str,
    ) -> Result<Vec<String>> {
        let labels = slot_run(first, count)?;
        let note = super::text::clean_note(note, super::SLOT_NOTE_MAX_CHARS, "位置说明", "note")?;
        let tx = self.write()?;
        let taken: Vec<&str> = labels
            .iter()
            .filter_map(|l| match label_taken(&tx, l, None) {
                Ok(true) => Some(Ok(l.as_str())),
                Ok(false) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_>>()?;
        if !taken.is_empty() {
            return Err(Error::Invalid(format!(
                "充电位 {} 已经有了，这一组都没有添加 (slots exist)",
                taken.join("、")
            )));
        }
        for label in &labels {
            tx.execute(
                "INSERT INTO slot (label, connector, note, fed, position)
                 VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM slot))",
                params![label, connector.key(), note, fed],
            )?;
        }
        audit::log(
            &tx,
            actor,
            "slot.add",
            &format!("{} {}", run_name(&labels), connector.key()),
        )?;
        tx.commit()?;
        Ok(labels)
    }
}

/// `A1–A8` for a run, `A1` for one.
pub fn run_name(labels: &[String]) -> String {
    match labels {
        [] => String::new(),
        [one] => one.clone(),
        [first, .., last] => format!("{first}–{last}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::temp_store;

    #[test]
    fn runs_are_numbered_from_the_first_label() {
        assert_eq!(slot_run("a1", 3).unwrap(), ["A1", "A2", "A3"]);
        assert_eq!(slot_run("B", 2).unwrap(), ["B1", "B2"]);
        assert_eq!(slot_run("C09", 2).unwrap(), ["C09", "C10"]);
        assert_eq!(slot_run("D8", 3).unwrap(), ["D8", "D9", "D10"]);
        assert!(slot_run("A1", 0).is_err());
        assert!(slot_run("A1", SLOT_RUN_MAX + 1).is_err());
        assert!(slot_run("ABCDEFG9", 2).is_err(), "ABCDEFG10 is too long");
        assert!(slot_run("A 1", 2).is_err());
        assert_eq!(run_name(&slot_run("A1", 8).unwrap()), "A1–A8");
    }

    #[test]
    fn a_run_is_added_whole_or_not_at_all() {
        let (_dir, mut store) = temp_store();
        let added = store
            .add_slot_run("A1", 8, Connector::UsbC, "前台", false, "test")
            .unwrap();
        assert_eq!(added.len(), 8);
        store
            .add_slot_run("B1", 2, Connector::Battery, "门口", true, "test")
            .unwrap();
        let slots = store.slots().unwrap();
        let labels: Vec<&str> = slots.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "B1", "B2"]
        );
        assert!(slots[8].fed && slots[8].connector == Connector::Battery);
        let err = store
            .add_slot_run("A7", 3, Connector::UsbC, "", false, "test")
            .unwrap_err()
            .to_string();
        assert!(err.contains("A7、A8 已经有了"), "{err}");
        assert_eq!(store.slots().unwrap().len(), 10, "A9 was not added either");
    }
}
