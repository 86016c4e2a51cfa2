use super::*;
use crate::store::NewBook;
use crate::store::book::tests::{t, with_categories};
use crate::store::testing::temp_store;

fn book(store: &mut Store, title: &str, copies: u32) -> BookId {
    let b = NewBook {
        title: title.into(),
        author: "路遥".into(),
        copies,
        ..NewBook::default()
    };
    store.book_add(&b, t(0)).unwrap()
}

#[test]
fn lend_and_return_never_beyond_copies() {
    let (_dir, mut store) = temp_store();
    with_categories(&mut store);
    let id = book(&mut store, "平凡的世界", 2);
    let a = store.book_lend(id, "王", "1234", t(0), 30).unwrap();
    assert_eq!(a.due, local_date(t(0)) + Duration::days(30));
    store.book_lend(id, "李", "5678", t(0), 30).unwrap();
    let e = store.book_lend(id, "张", "0000", t(0), 30).unwrap_err();
    assert!(e.to_string().contains("都借出去了"), "{e}");
    assert_eq!(store.book(id).unwrap().out, 2);
    assert_eq!(store.book(id).unwrap().in_shelf(), 0);
    // Copies cannot drop below the copies out.
    let mut fewer = NewBook {
        title: "平凡的世界".into(),
        copies: 1,
        ..NewBook::default()
    };
    assert!(store.book_set(id, &fewer, t(1)).is_err());
    fewer.copies = 3;
    store.book_set(id, &fewer, t(1)).unwrap();
    // Returned with the same digits, 5 days late.
    match store.book_return(id, "1234", t(35)).unwrap() {
        ReturnOutcome::Returned {
            loan,
            title,
            overdue_days,
            shelf,
        } => {
            assert_eq!(shelf, store.book(id).unwrap().shelf, "where it goes back");
            assert_eq!(loan, a.id);
            assert_eq!(title, "平凡的世界");
            assert_eq!(overdue_days, 5);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.book(id).unwrap().out, 1);
    assert!(store.book_remove(id, t(36)).is_err(), "a copy is still out");
}

#[test]
fn bad_borrowers_are_refused() {
    let (_dir, mut store) = temp_store();
    let id = book(&mut store, "骆驼祥子", 1);
    for (surname, tail) in [
        ("", "1234"),
        ("王", "123"),
        ("王", "12a4"),
        ("欧阳大大力", "1234"),
        ("王1", "1234"),
    ] {
        assert!(
            store.book_lend(id, surname, tail, t(0), 30).is_err(),
            "{surname} {tail}"
        );
    }
    assert!(store.book_return(id, "12", t(0)).is_err());
    assert_eq!(store.book(id).unwrap().out, 0);
    assert!(matches!(
        store.book_lend(999, "王", "1234", t(0), 30),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn a_return_without_a_loan_is_shelved_for_staff() {
    let (_dir, mut store) = temp_store();
    let id = book(&mut store, "骆驼祥子", 1);
    store.book_lend(id, "王", "1234", t(0), 30).unwrap();
    // Wrong digits: not refused, recorded as a visitor's 入架; the loan stays open.
    let ReturnOutcome::Shelved { visitor_return } = store.book_return(id, "9999", t(1)).unwrap()
    else {
        panic!("expected a visitor return");
    };
    assert_eq!(store.book(id).unwrap().out, 1);
    let list = store.visitor_returns().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].id, list[0].title.as_str()),
        (visitor_return, "骆驼祥子")
    );
    store.visitor_return_confirm(visitor_return, t(2)).unwrap();
    assert_eq!(store.book(id).unwrap().copies, 2);
    assert!(store.visitor_returns().unwrap().is_empty());
    assert!(
        store.visitor_return_confirm(visitor_return, t(2)).is_err(),
        "only once"
    );
}

#[test]
fn lost_and_marked_returned_by_staff_never_negative() {
    let (_dir, mut store) = temp_store();
    let id = book(&mut store, "活着", 1);
    let a = store.book_lend(id, "赵", "4321", t(0), 30).unwrap();
    let out = store.loans_out(t(40)).unwrap();
    assert_eq!(out.len(), 1);
    assert_eq!(
        (out[0].surname.as_str(), out[0].phone_tail.as_str()),
        ("赵", "4321")
    );
    assert_eq!(out[0].overdue_days, 10);
    assert_eq!(store.book_stats(t(40)).unwrap().overdue.len(), 1);
    store.loan_mark_lost(a.id, t(41)).unwrap();
    let b = store.book(id).unwrap();
    assert_eq!((b.copies, b.out), (0, 0));
    assert!(
        store.loan_mark_lost(a.id, t(42)).is_err(),
        "closed loans stay closed"
    );
    assert!(
        store.book_lend(id, "赵", "4321", t(42), 30).is_err(),
        "no copy left"
    );
    assert_eq!(store.book(id).unwrap().copies, 0);
    let mut again = NewBook {
        title: "活着".into(),
        copies: 1,
        ..NewBook::default()
    };
    store.book_set(id, &again, t(43)).unwrap();
    let c = store.book_lend(id, "钱", "1111", t(43), 30).unwrap();
    store.loan_mark_returned(c.id, t(44)).unwrap();
    again.copies = 0;
    store.book_set(id, &again, t(45)).unwrap();
    assert!(store.loans_out(t(45)).unwrap().is_empty());
}

#[test]
fn identity_is_erased_90_days_after_return_and_counts_stay() {
    let (_dir, mut store) = temp_store();
    let id = book(&mut store, "围城", 3);
    let a = store.book_lend(id, "孙", "2468", t(0), 30).unwrap();
    let open = store.book_lend(id, "周", "1357", t(0), 30).unwrap();
    store.book_return(id, "2468", t(10)).unwrap();
    assert_eq!(store.loan_housekeeping(t(10 + 89)).unwrap(), 0);
    assert_eq!(store.loan_housekeeping(t(10 + 91)).unwrap(), 1);
    assert_eq!(store.loan_housekeeping(t(10 + 92)).unwrap(), 0);
    let (surname, tail): (Option<String>, Option<String>) = store
        .conn
        .query_row(
            "SELECT surname, phone_tail FROM loan WHERE id = ?1",
            [a.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((surname, tail), (None, None));
    // The open loan keeps its identity (it is needed to return the book).
    let out = store.loans_out(t(102)).unwrap();
    assert_eq!((out[0].id, out[0].surname.as_str()), (open.id, "周"));
    let stats = store.book_stats(t(0)).unwrap();
    assert_eq!(stats.top10, vec![("围城".to_string(), 2)]);
    assert!(
        store
            .audit_log(5)
            .unwrap()
            .iter()
            .any(|e| e.action == "loan.housekeeping")
    );
}

#[test]
fn concurrent_lenders_never_overlend() {
    let (dir, mut store) = temp_store();
    let id = book(&mut store, "三体", 3);
    let path = dir.path().join(crate::store::DB_FILE);
    let handles: Vec<_> = (0..6)
        .map(|k| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                s.book_lend(id, "王", &format!("{:04}", k), t(0), 30)
                    .is_ok()
            })
        })
        .collect();
    let lent = handles
        .into_iter()
        .map(|h| h.join().unwrap())
        .filter(|&ok| ok)
        .count();
    assert_eq!(lent, 3, "exactly the copies there are");
    assert_eq!(store.book(id).unwrap().out, 3);
}
