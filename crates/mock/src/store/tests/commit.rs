//! Group commit: every write kept, a failed write rolled back alone, early copies used only
//! while current, a panicking change answered.

use std::sync::{Arc, Mutex};

use apig_core::account::Account;

use super::super::commit::{Copied, Job};
use super::super::{Snapshot, Store, StoreError};
use super::{bought, store, unreachable_seed};

type Slot<T> = Arc<Mutex<Option<Result<T, StoreError>>>>;

/// A job whose result lands in a slot the test reads.
fn slot_job<T: Send + 'static>(
    key: &str,
    seed: impl FnOnce() -> Account + Send + 'static,
    copied: Option<Copied>,
    change: impl FnOnce(&mut Snapshot) -> Result<T, StoreError> + Send + 'static,
) -> (Job, Slot<T>) {
    let slot = Arc::new(Mutex::new(None));
    let answer = Arc::clone(&slot);
    let job = Store::job(key, seed, 0, copied, change, move |r| {
        *answer.lock().unwrap() = Some(r);
    });
    (job, slot)
}

#[test]
fn concurrent_writes_are_all_kept() {
    let s = Arc::new(store());
    s.write("k", Account::default_seed, 0, |snap| {
        snap.account.gateway_quota = 0;
        Ok::<_, StoreError>(())
    })
    .expect("write");
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let s = Arc::clone(&s);
            std::thread::spawn(move || {
                for _ in 0..25 {
                    s.write("k", unreachable_seed, 0, |snap| {
                        snap.account.gateway_quota += 1;
                        Ok::<_, StoreError>(())
                    })
                    .expect("write");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("thread");
    }
    let inner = s.lock().expect("lock");
    let fresh = Store::load(&inner.connection, "k", unreachable_seed)
        .expect("load")
        .snapshot;
    assert_eq!(
        fresh.account.gateway_quota, 200,
        "every increment was committed"
    );
}

#[test]
fn in_a_group_a_failed_save_rolls_back_only_its_own_write() {
    let s = store();
    let mut inner = s.lock().expect("lock");
    let (first, first_slot) = slot_job("k", Account::default_seed, None, |snap| {
        let gateway = bought(&mut snap.account, &snap.gateways, "gw-one");
        snap.gateways.push(gateway);
        Ok::<_, StoreError>(())
    });
    // The same name again under another ID: the unique index refuses the insert.
    let (second, second_slot) = slot_job("k", unreachable_seed, None, |snap| {
        let mut copy = snap.gateways[0].clone();
        copy.id = "0123456789abcdef0123456789abcdef".parse().expect("id");
        snap.account.gateway_quota = 99;
        snap.gateways.push(copy);
        Ok::<_, StoreError>(())
    });
    // Changes nothing: the account row stays as the first and second writes left it.
    let (third, third_slot) = slot_job("k", unreachable_seed, None, |snap| {
        Ok::<_, StoreError>(snap.gateways.len())
    });
    s.commit_group(&mut inner, vec![first, second, third]);
    assert!(matches!(first_slot.lock().unwrap().take(), Some(Ok(()))));
    assert!(matches!(
        second_slot.lock().unwrap().take(),
        Some(Err(StoreError::Duplicate(_)))
    ));
    assert!(
        matches!(third_slot.lock().unwrap().take(), Some(Ok(1))),
        "the third write saw the first one's gateway and not the second's"
    );
    let fresh = Store::load(&inner.connection, "k", unreachable_seed)
        .expect("load")
        .snapshot;
    assert_eq!(
        fresh.account.gateway_quota, 5,
        "the second write's account change is gone"
    );
    assert_eq!(fresh.gateways.len(), 1);
    assert_eq!(fresh.gateways[0].name.as_str(), "gw-one");
    assert_eq!(
        s.cache.lock().unwrap()["k"].snapshot.account,
        fresh.account,
        "the cache holds what was committed"
    );
    assert_eq!(
        s.cache.lock().unwrap()["k"].snapshot.gateways,
        fresh.gateways
    );
}

#[test]
fn a_writers_early_copy_is_used_only_while_its_account_is_the_latest() {
    let s = store();
    let quota_plus_one = |snap: &mut Snapshot| {
        snap.account.gateway_quota += 1;
        Ok::<_, StoreError>(snap.account.gateway_quota)
    };
    s.write("k", Account::default_seed, 0, |snap| {
        snap.account.gateway_quota = 1;
        Ok::<_, StoreError>(())
    })
    .expect("write");
    let run = |copied: Option<Copied>| {
        let (job, slot) = slot_job("k", unreachable_seed, copied, quota_plus_one);
        let mut inner = s.lock().expect("lock");
        drop(s.commit_group(&mut inner, vec![job]));
        slot.lock().unwrap().take().expect("delivered").expect("ok")
    };
    // A copy of the latest entry is what the change works on (marked here to tell).
    let latest = s.cache_entry("k").expect("cache").expect("entry");
    let mut marked = latest.snapshot.clone();
    marked.account.gateway_quota = 40;
    assert_eq!(run(Some((latest, marked))), 41);
    // A copy of an entry another write has replaced since is not used.
    let stale = s.cache_entry("k").expect("cache").expect("entry");
    let stale_copy = stale.snapshot.clone();
    assert_eq!(run(None), 42);
    assert_eq!(
        run(Some((stale, stale_copy))),
        43,
        "built on 42, not on the copy's 41"
    );
}

#[test]
fn a_change_that_panics_leaves_later_writes_an_answer_not_a_hang() {
    let s = Arc::new(store());
    let leader = Arc::clone(&s);
    let panicked = std::thread::spawn(move || {
        leader.write(
            "k",
            Account::default_seed,
            0,
            |_| -> Result<(), StoreError> { panic!("a bug in a change") },
        )
    })
    .join();
    assert!(panicked.is_err(), "the panic reached its writer");
    let (answer, result) = std::sync::mpsc::channel();
    let later = Arc::clone(&s);
    std::thread::spawn(move || {
        let _ =
            answer.send(later.write("k", Account::default_seed, 0, |_| Ok::<_, StoreError>(())));
    });
    let later = result
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the next write is answered (a new leader ran it)");
    assert!(
        matches!(&later, Err(StoreError::NotCommitted(why)) if why.contains("poisoned")),
        "{later:?}"
    );
}
