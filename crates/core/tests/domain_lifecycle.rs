//! Gateway statuses and the operations they allow, as messages a person reads.

use apig_core::ErrorCode;
use apig_core::lifecycle::{CreationSpeed, Operation, Status, check_transition, creation_progress};

/// Every status with (busy, failed): the classification the console's spinner, the delete
/// button and the refusals depend on.
const CLASSES: [(Status, bool, bool); 37] = [
    (Status::Creating, true, false),
    (Status::CreateSuccess, false, false),
    (Status::CreateFail, false, true),
    (Status::Initing, true, false),
    (Status::Registering, true, false),
    (Status::Running, false, false),
    (Status::InitingFailed, false, true),
    (Status::RegisterFailed, false, true),
    (Status::Installing, true, false),
    (Status::InstallFailed, false, true),
    (Status::Updating, true, false),
    (Status::UpdateFailed, false, true),
    (Status::Rollbacking, true, false),
    (Status::RollbackSuccess, false, false),
    (Status::RollbackFailed, false, true),
    (Status::Deleting, true, false),
    (Status::DeleteFailed, false, true),
    (Status::Unregistering, true, false),
    (Status::UnRegisterFailed, false, true),
    (Status::CreateTimeout, false, true),
    (Status::InitTimeout, false, true),
    (Status::RegisterTimeout, false, true),
    (Status::InstallTimeout, false, true),
    (Status::UpdateTimeout, false, true),
    (Status::RollbackTimeout, false, true),
    (Status::DeleteTimeout, false, true),
    (Status::UnregisterTimeout, false, true),
    (Status::Starting, true, false),
    (Status::Freezing, true, false),
    (Status::Frozen, false, false),
    (Status::Restarting, true, false),
    (Status::RestartFail, false, true),
    (Status::Unhealthy, false, false),
    (Status::RestartTimeout, false, true),
    (Status::Resizing, true, false),
    (Status::ResizeFailed, false, true),
    (Status::ResizeTimeout, false, true),
];

const OPERATIONS: [Operation; 5] = [
    Operation::Update,
    Operation::Delete,
    Operation::ChangeInbound,
    Operation::ChangeOutbound,
    Operation::Resize,
];

#[test]
fn every_status_is_classified_as_busy_failed_or_neither() {
    assert_eq!(CLASSES.len(), Status::ALL.len());
    for (status, busy, failed) in CLASSES {
        assert_eq!(status.to_string(), status.as_str());
        assert_eq!(status.is_busy(), busy, "{status} busy");
        assert_eq!(status.is_failure(), failed, "{status} failed");
    }
}

#[test]
fn a_refusal_says_what_was_attempted_and_what_to_do() {
    for (status, busy, failed) in CLASSES {
        for operation in OPERATIONS {
            let allowed = match status {
                Status::Running => true,
                Status::Unhealthy => matches!(operation, Operation::Update | Operation::Delete),
                _ => failed && operation == Operation::Delete,
            };
            let result = check_transition(status, operation);
            if allowed {
                assert_eq!(result, Ok(()), "{status} {operation:?}");
                continue;
            }
            let conflict = result.expect_err("refused");
            assert_eq!(conflict.code(), ErrorCode::StatusConflict);
            assert_eq!((conflict.status, conflict.operation), (status, operation));
            let hint = if busy {
                "wait until the current operation has finished"
            } else if failed {
                "a failed gateway can only be deleted"
            } else {
                "wait until the gateway is Running"
            };
            assert_eq!(conflict.hint, hint, "{status} {operation:?}");
            let verb = match operation {
                Operation::Update => "change the gateway",
                Operation::Delete => "delete the gateway",
                Operation::ChangeInbound => "change public inbound access",
                Operation::ChangeOutbound => "change public outbound access",
                Operation::Resize => "change the edition",
            };
            assert_eq!(
                conflict.to_string(),
                format!(
                    "cannot {verb} while the gateway is {}; {hint}",
                    status.as_str()
                )
            );
        }
    }
}

#[test]
fn speeds_take_their_stated_time() {
    let cases = [
        (CreationSpeed::Instant, 0, 0),
        (CreationSpeed::Fast, 30_000, 3_000),
        (CreationSpeed::Realistic, 900_000, 60_000),
    ];
    for (speed, total, operation) in cases {
        assert_eq!(speed.total_ms(), total, "{speed:?}");
        assert_eq!(speed.operation_ms(), operation, "{speed:?}");
    }
    assert_eq!(CreationSpeed::ALL.len(), 3);
}

#[test]
fn each_failure_code_is_reported_as_itself() {
    assert_eq!(
        ErrorCode::CREATION_FAILURES.map(ErrorCode::as_str),
        ["APIC.9206", "APIC.9218", "APIC.9219"]
    );
    for code in ErrorCode::CREATION_FAILURES {
        assert!(code.is_creation_failure(), "{code}");
        let failed = creation_progress(
            0,
            1,
            CreationSpeed::Instant,
            Some(apig_core::lifecycle::InjectedFailure { at_step: 1, code }),
        );
        assert_eq!(failed.error_code, Some(code));
    }
    assert!(!ErrorCode::InvalidParameter.is_creation_failure());
}
