//! What the console pays per keystroke: `validate` plus every pre-check on the default
//! account with a filled draft (ELB and LVS regions), and each half on its own.
//!
//! Run with `cargo bench -p apig-core --bench validate` (or `cargo xtask bench`); criterion
//! prints the time per call.

use std::hint::black_box;

use apig_core::account::ids;
use apig_core::{Account, Draft, run_prechecks, validate};
use criterion::{Criterion, criterion_group, criterion_main};

/// A filled Buy Gateway form for `cn-north-4`: Professional, inbound and outbound on.
fn elb_draft() -> Draft {
    Draft {
        region: "cn-north-4".into(),
        available_zone_ids: vec!["cn-north-4a".into(), "cn-north-4b".into()],
        instance_name: "apig-bench".into(),
        spec_id: "PROFESSIONAL".into(),
        maintain_begin: "22:00:00".into(),
        maintain_end: "02:00:00".into(),
        public_inbound: true,
        ingress_bandwidth: "10".into(),
        public_outbound: true,
        outbound_bandwidth: "5".into(),
        vpc_id: ids::CN4_VPC_MAIN.into(),
        subnet_id: ids::CN4_SUBNET_ROOMY.into(),
        security_group_id: ids::CN4_SG_WEB.into(),
        description: "Gateway of the benchmark".into(),
        ..Draft::default()
    }
}

/// The same for `cn-north-1`, binding a free EIP.
fn lvs_draft() -> Draft {
    Draft {
        region: "cn-north-1".into(),
        available_zone_ids: vec!["cn-north-1a".into()],
        eip_id: ids::CN1_EIP_FREE_1.into(),
        ingress_bandwidth: String::new(),
        vpc_id: ids::CN1_VPC_MAIN.into(),
        subnet_id: ids::CN1_SUBNET_ROOMY.into(),
        security_group_id: ids::CN1_SG_DEFAULT.into(),
        ..elb_draft()
    }
}

fn keystroke(c: &mut Criterion) {
    let account = Account::default_seed();
    for (name, draft) in [("elb", elb_draft()), ("lvs", lvs_draft())] {
        assert!(
            validate(&draft, &account, &[], 0).is_ok(),
            "{name} draft is valid"
        );
        c.bench_function(&format!("validate+prechecks/{name}"), |b| {
            b.iter(|| {
                let plan = validate(black_box(&draft), black_box(&account), &[], 1);
                let checks = run_prechecks(black_box(&draft), black_box(&account), &[]);
                (plan, checks)
            });
        });
    }
    let draft = elb_draft();
    c.bench_function("validate/elb", |b| {
        b.iter(|| validate(black_box(&draft), black_box(&account), &[], 1));
    });
    c.bench_function("prechecks/elb", |b| {
        b.iter(|| run_prechecks(black_box(&draft), black_box(&account), &[]));
    });
    let empty = Draft::default();
    c.bench_function("validate+prechecks/empty", |b| {
        b.iter(|| {
            (
                validate(black_box(&empty), black_box(&account), &[], 1),
                run_prechecks(black_box(&empty), black_box(&account), &[]),
            )
        });
    });
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
