//! Files of older store versions open migrated, their data intact.

use apig_core::account::Account;
use apig_core::lifecycle::CreationSpeed;
use rusqlite::{Connection, params};

use super::super::rows::{head_json, insert_gateway, put_region, to_json};
use super::super::schema::STORE_VERSION;
use super::super::{Store, StoreError};
use super::{all_of, bought, names, unreachable_seed};

#[test]
fn a_version_1_file_is_migrated_to_one_row_per_region() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db.sqlite3");
    let path = path.to_str().expect("utf-8");
    let mut account = Account::default_seed();
    account.gateway_quota = 3;
    {
        let v1 = Connection::open(path).expect("create");
        v1.execute_batch(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE accounts (account_key TEXT PRIMARY KEY, json TEXT NOT NULL, speed TEXT);
             INSERT INTO meta VALUES ('store_version', '1');",
        )
        .expect("v1 schema");
        v1.execute(
            "INSERT INTO accounts VALUES ('k', ?1, 'instant'), ('bad', '{\"schema', NULL)",
            params![serde_json::to_string(&account).expect("json")],
        )
        .expect("v1 row");
    }
    let s = Store::open(path).expect("open migrates");
    assert_eq!(
        all_of(&s, "k"),
        (account.clone(), Some(CreationSpeed::Instant))
    );
    let unreadable = s.read("bad", unreachable_seed, 0, |_| Ok::<_, StoreError>(()));
    assert!(
        matches!(unreadable, Err(StoreError::Corrupt { .. })),
        "an unreadable row stays unreadable, it is not replaced: {unreadable:?}"
    );
    let inner = s.lock().expect("lock");
    let version: String = inner
        .connection
        .query_row(
            "SELECT value FROM meta WHERE key = 'store_version'",
            [],
            |r| r.get(0),
        )
        .expect("version");
    assert_eq!(version, STORE_VERSION.to_string());
    let (head, rows): (String, i64) = inner
        .connection
        .query_row(
            "SELECT json, (SELECT count(*) FROM account_regions WHERE account_key = 'k')
             FROM accounts WHERE account_key = 'k'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("rows");
    assert!(head.contains("\"regions\":[]"), "{head}");
    assert_eq!(usize::try_from(rows).expect("count"), account.regions.len());
}

#[test]
fn a_version_2_file_is_migrated_keeping_its_gateways() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db.sqlite3");
    let path = path.to_str().expect("utf-8");
    let mut account = Account::default_seed();
    let gateway = bought(&mut account, &[], "gw-kept");
    {
        let v2 = Connection::open(path).expect("create");
        v2.execute_batch(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE accounts (account_key TEXT PRIMARY KEY, json TEXT NOT NULL, speed TEXT);
             CREATE TABLE account_regions (account_key TEXT NOT NULL, position INTEGER NOT NULL,
                 json TEXT NOT NULL, PRIMARY KEY (account_key, position)) WITHOUT ROWID;
             CREATE TABLE gateways (id TEXT PRIMARY KEY, account_key TEXT NOT NULL,
                 project_id TEXT NOT NULL, name TEXT NOT NULL, created_ms INTEGER NOT NULL,
                 json TEXT NOT NULL);
             CREATE UNIQUE INDEX gateways_name ON gateways (account_key, project_id, name);
             CREATE INDEX gateways_by_account ON gateways (account_key, created_ms);
             INSERT INTO meta VALUES ('store_version', '2');",
        )
        .expect("v2 schema");
        let mut head = account.clone();
        v2.execute(
            "INSERT INTO accounts VALUES ('a', ?1, NULL)",
            params![head_json(&mut head).expect("head")],
        )
        .expect("account");
        for (position, region) in account.regions.iter().enumerate() {
            put_region(
                &v2,
                "a",
                position,
                &to_json("region", region).expect("json"),
            )
            .expect("region");
        }
        insert_gateway(
            &v2,
            "a",
            &gateway,
            &to_json("gateway", &gateway).expect("json"),
        )
        .expect("gateway");
    }
    let s = Store::open(path).expect("open migrates");
    assert_eq!(names(&s, "a"), ["gw-kept"]);
    assert_eq!(all_of(&s, "a").0, account);
    let version: String = s
        .lock()
        .expect("lock")
        .connection
        .query_row(
            "SELECT value FROM meta WHERE key = 'store_version'",
            [],
            |r| r.get(0),
        )
        .expect("version");
    assert_eq!(version, STORE_VERSION.to_string());
    // Another account may now take the same ID.
    s.write("b", Account::default_seed, 0, move |snap| {
        snap.gateways.push(gateway);
        Ok::<_, StoreError>(())
    })
    .expect("same ID in another account");
    assert_eq!(names(&s, "b"), ["gw-kept"]);
    assert_eq!(s.integrity_check().expect("check"), "ok");
}

#[test]
fn a_version_3_file_gets_the_ports_and_features_of_each_gateway() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db.sqlite3");
    let path = path.to_str().expect("utf-8");
    let mut account = Account::default_seed();
    let gateway = bought(&mut account, &[], "gw-v3");
    let id = gateway.id.to_string();
    {
        let s = Store::open(path).expect("create");
        let seeded = account.clone();
        s.write(
            "a",
            move || seeded,
            0,
            move |snap| {
                snap.gateways.push(gateway);
                Ok::<_, StoreError>(())
            },
        )
        .expect("write");
    }
    {
        // What a version 3 build wrote: the gateway's JSON without the two lists.
        let v3 = Connection::open(path).expect("reopen");
        let json: String = v3
            .query_row(
                "SELECT json FROM gateways WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .expect("row");
        let mut value: serde_json::Value = serde_json::from_str(&json).expect("json");
        let object = value.as_object_mut().expect("object");
        assert!(object.remove("ingress_ports").is_some());
        assert!(object.remove("features").is_some());
        v3.execute(
            "UPDATE gateways SET json = ?2 WHERE id = ?1",
            params![id, value.to_string()],
        )
        .expect("old row");
        v3.execute(
            "UPDATE meta SET value = '3' WHERE key = 'store_version'",
            [],
        )
        .expect("old version");
    }
    let s = Store::open(path).expect("open migrates");
    let (version, json): (String, String) = {
        let inner = s.lock().expect("lock");
        let version = inner
            .connection
            .query_row(
                "SELECT value FROM meta WHERE key = 'store_version'",
                [],
                |r| r.get(0),
            )
            .expect("version");
        let json = inner
            .connection
            .query_row(
                "SELECT json FROM gateways WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .expect("row");
        (version, json)
    };
    assert_eq!(version, STORE_VERSION.to_string());
    assert!(json.contains("\"ingress_ports\":[]"), "{json}");
    assert!(json.contains("\"features\":[]"), "{json}");
    assert_eq!(names(&s, "a"), ["gw-v3"]);
}
