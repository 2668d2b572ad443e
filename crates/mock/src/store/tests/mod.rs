//! The store's tests: reads, writes, the cache and the database agreeing; group commit and
//! migrations in their own files.

mod commit;
mod migration;

use apig_core::account::Account;
use apig_core::gateway::Gateway;
use apig_core::lifecycle::CreationSpeed;

use super::{Store, StoreError};

pub(super) fn store() -> Store {
    Store::open(":memory:").expect("open")
}

pub(super) fn unreachable_seed() -> Account {
    let mut a = Account::default_seed();
    a.gateway_quota = 999;
    a
}

/// A Basic gateway bought through the core in the default seed's roomy cn-north-4 subnet.
pub(super) fn bought(account: &mut Account, gateways: &[Gateway], name: &str) -> Gateway {
    use apig_core::account::ids;
    use apig_core::validate::{Draft, validate};
    let region = account.region("cn-north-4").expect("region").clone();
    let draft = Draft {
        instance_name: name.to_owned(),
        vpc_id: ids::CN4_VPC_MAIN.to_owned(),
        subnet_id: ids::CN4_SUBNET_ROOMY.to_owned(),
        spec_id: "BASIC".to_owned(),
        ..Draft::prefilled(account, &region, gateways)
    };
    let plan = validate(&draft, account, gateways, 1).expect("valid");
    apig_core::plan::apply_plan(account, &plan).expect("applies");
    plan.to_gateway(0, CreationSpeed::Instant, None)
}

pub(super) fn all_of(s: &Store, key: &str) -> (Account, Option<CreationSpeed>) {
    s.read(key, unreachable_seed, 0, |snap| {
        Ok::<_, StoreError>((snap.account.clone(), snap.speed))
    })
    .expect("read")
}

pub(super) const SHARED_ID: &str = "0123456789abcdef0123456789abcdef";

/// Buys `name` in account `key` under [`SHARED_ID`].
pub(super) fn buy_shared(s: &Store, key: &str, name: &'static str) {
    s.write(key, Account::default_seed, 0, move |snap| {
        let mut gateway = bought(&mut snap.account, &snap.gateways, name);
        gateway.id = SHARED_ID.parse().expect("id");
        snap.gateways.push(gateway);
        Ok::<_, StoreError>(())
    })
    .expect("buy");
}

pub(super) fn names(s: &Store, key: &str) -> Vec<String> {
    s.read(key, unreachable_seed, 0, |snap| {
        Ok::<_, StoreError>(
            snap.gateways
                .iter()
                .map(|g| g.name.as_str().to_owned())
                .collect(),
        )
    })
    .expect("read")
}

#[test]
fn seed_is_written_only_by_a_write() {
    let s = store();
    let seen = s
        .read("k", Account::default_seed, 0, |snap| {
            Ok::<_, StoreError>(snap.account.gateway_quota)
        })
        .expect("read");
    assert_eq!(seen, 5);
    s.write("k", Account::default_seed, 0, |snap| {
        snap.account.gateway_quota = 7;
        snap.speed = Some(CreationSpeed::Instant);
        Ok::<_, StoreError>(())
    })
    .expect("write");
    let (quota, speed) = s
        .read("k", unreachable_seed, 0, |snap| {
            Ok::<_, StoreError>((snap.account.gateway_quota, snap.speed))
        })
        .expect("read");
    assert_eq!((quota, speed), (7, Some(CreationSpeed::Instant)));
    assert_eq!(s.integrity_check().expect("check"), "ok");
}

#[test]
fn a_failed_change_writes_nothing() {
    let s = store();
    let result = s.write("k", Account::default_seed, 0, |snap| {
        snap.account.gateway_quota = 1;
        Err::<(), _>(StoreError::Poisoned)
    });
    assert!(result.is_err());
    let quota = s
        .read("k", Account::default_seed, 0, |snap| {
            Ok::<_, StoreError>(snap.account.gateway_quota)
        })
        .expect("read");
    assert_eq!(quota, 5);
}

#[test]
fn a_failed_change_leaves_the_cached_account_as_committed() {
    let s = store();
    let quota = |s: &Store| {
        s.read("k", unreachable_seed, 0, |snap| {
            Ok::<_, StoreError>(snap.account.gateway_quota)
        })
        .expect("read")
    };
    s.write("k", Account::default_seed, 0, |snap| {
        snap.account.gateway_quota = 4;
        Ok::<_, StoreError>(())
    })
    .expect("write");
    assert_eq!(quota(&s), 4, "a committed write is what the next read sees");
    let result = s.write("k", unreachable_seed, 0, |snap| {
        snap.account.gateway_quota = 1;
        Err::<(), _>(StoreError::Poisoned)
    });
    assert!(result.is_err());
    assert_eq!(quota(&s), 4, "the failed change did not reach the cache");
    // The database agrees with the cache: a fresh read of the file, not of the cache.
    let inner = s.lock().expect("lock");
    let fresh = Store::load(&inner.connection, "k", unreachable_seed)
        .expect("load")
        .snapshot;
    assert_eq!(fresh.account.gateway_quota, 4);
}

#[test]
fn the_database_survives_a_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db.sqlite3");
    let path = path.to_str().expect("utf-8");
    Store::open(path)
        .expect("open")
        .write("k", Account::default_seed, 0, |snap| {
            snap.account.gateway_quota = 3;
            Ok::<_, StoreError>(())
        })
        .expect("write");
    let quota = Store::open(path)
        .expect("reopen")
        .read("k", Account::default_seed, 0, |snap| {
            Ok::<_, StoreError>(snap.account.gateway_quota)
        })
        .expect("read");
    assert_eq!(quota, 3);
}

#[test]
fn a_write_rewrites_only_what_changed_and_regions_survive_a_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db.sqlite3");
    let path = path.to_str().expect("utf-8");
    let s = Store::open(path).expect("open");
    s.write("k", Account::default_seed, 0, |_| Ok::<_, StoreError>(()))
        .expect("first write stores the seed");
    assert!(
        Account::default_seed().regions.len() > 1,
        "the seed has several regions"
    );
    let changes = |s: &Store| s.lock().expect("lock").connection.total_changes();
    let before = changes(&s);
    s.write("k", unreachable_seed, 0, |snap| {
        let gateway = bought(&mut snap.account, &snap.gateways, "gw-one");
        snap.gateways.push(gateway);
        Ok::<_, StoreError>(())
    })
    .expect("buy");
    assert_eq!(
        changes(&s) - before,
        2,
        "a purchase writes its gateway row and its region's row, not the head or other regions"
    );
    let bought_account = all_of(&s, "k").0;
    // Fewer regions: the rows past the end go.
    s.write("k", unreachable_seed, 0, |snap| {
        snap.account.regions.truncate(1);
        Ok::<_, StoreError>(())
    })
    .expect("shrink");
    let shrunk = all_of(&s, "k").0;
    assert_eq!(shrunk.regions.len(), 1);
    assert_eq!(shrunk.regions[0], bought_account.regions[0]);
    drop(s);
    let reopened = Store::open(path).expect("reopen");
    assert_eq!(all_of(&reopened, "k").0, shrunk);
    let rows: i64 = reopened
        .lock()
        .expect("lock")
        .connection
        .query_row("SELECT count(*) FROM account_regions", [], |row| row.get(0))
        .expect("count");
    assert_eq!(rows, 1);
}

#[test]
fn two_accounts_hold_the_same_gateway_id_independently() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db.sqlite3");
    let path = path.to_str().expect("utf-8");
    let s = Store::open(path).expect("open");
    buy_shared(&s, "a", "gw-of-a");
    buy_shared(&s, "b", "gw-of-b");
    // An update in one account leaves the other's row alone.
    s.write("a", unreachable_seed, 0, |snap| {
        snap.gateways[0].name = "gw-renamed".parse().expect("name");
        Ok::<_, StoreError>(())
    })
    .expect("rename");
    // A delete in one account leaves the other's row alone.
    s.write("b", unreachable_seed, 0, |snap| {
        snap.gateways.clear();
        Ok::<_, StoreError>(())
    })
    .expect("delete");
    drop(s);
    let reopened = Store::open(path).expect("reopen");
    assert_eq!(names(&reopened, "a"), ["gw-renamed"]);
    assert!(names(&reopened, "b").is_empty());
    buy_shared(&reopened, "b", "gw-again");
    assert_eq!(names(&reopened, "b"), ["gw-again"]);
    assert_eq!(names(&reopened, "a"), ["gw-renamed"]);
}
