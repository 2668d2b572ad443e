//! The gateway lifecycle: status codes, creation progress as a pure function of time, and
//! which operations each status allows.
//!
//! Nothing here reads a clock. The creation start time, the speed and an optional injected
//! failure are stored with the gateway; any client derives the current status from them, so a
//! reloaded page resumes where it was.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::values::ErrorCode;

macro_rules! statuses {
    ($($variant:ident = $code:literal),+ $(,)?) => {
        /// A gateway status (`status` string ↔ `instance_status` integer, docs/reference.md,
        /// Statuses).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Status {
            $(
                #[doc = concat!("`", stringify!($variant), "` (", stringify!($code), ")")]
                $variant,
            )+
        }

        impl Status {
            /// Every status, in code order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The `instance_status` integer.
            pub const fn to_code(self) -> u8 {
                match self { $(Self::$variant => $code),+ }
            }

            /// The status of an `instance_status` integer (9 and 14–19 are unused → `None`).
            pub const fn from_code(code: u8) -> Option<Self> {
                match code { $($code => Some(Self::$variant),)+ _ => None }
            }

            /// The `status` string, e.g. `"Running"`.
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => stringify!($variant)),+ }
            }
        }
    };
}

statuses! {
    Creating = 1,
    CreateSuccess = 2,
    CreateFail = 3,
    Initing = 4,
    Registering = 5,
    Running = 6,
    InitingFailed = 7,
    RegisterFailed = 8,
    Installing = 10,
    InstallFailed = 11,
    Updating = 12,
    UpdateFailed = 13,
    Rollbacking = 20,
    RollbackSuccess = 21,
    RollbackFailed = 22,
    Deleting = 23,
    DeleteFailed = 24,
    Unregistering = 25,
    UnRegisterFailed = 26,
    CreateTimeout = 27,
    InitTimeout = 28,
    RegisterTimeout = 29,
    InstallTimeout = 30,
    UpdateTimeout = 31,
    RollbackTimeout = 32,
    DeleteTimeout = 33,
    UnregisterTimeout = 34,
    Starting = 35,
    Freezing = 36,
    Frozen = 37,
    Restarting = 38,
    RestartFail = 39,
    Unhealthy = 40,
    RestartTimeout = 41,
    Resizing = 42,
    ResizeFailed = 43,
    ResizeTimeout = 44,
}

/// The text is not a known status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown gateway status `{0}`")]
pub struct UnknownStatus(pub String);

impl Status {
    /// Parses a `status` string (exact spelling, e.g. `"UnRegisterFailed"`).
    pub fn parse(s: &str) -> Result<Self, UnknownStatus> {
        Self::ALL
            .iter()
            .copied()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }

    /// Statuses Terraform treats as fatal (failed or timed out).
    pub const fn is_failure(self) -> bool {
        matches!(
            self,
            Self::CreateFail
                | Self::InitingFailed
                | Self::RegisterFailed
                | Self::InstallFailed
                | Self::UpdateFailed
                | Self::RollbackFailed
                | Self::UnRegisterFailed
                | Self::DeleteFailed
                | Self::RestartFail
                | Self::ResizeFailed
                | Self::CreateTimeout
                | Self::InitTimeout
                | Self::RegisterTimeout
                | Self::InstallTimeout
                | Self::UpdateTimeout
                | Self::RollbackTimeout
                | Self::DeleteTimeout
                | Self::UnregisterTimeout
                | Self::RestartTimeout
                | Self::ResizeTimeout
        )
    }

    /// Whether an operation is under way (the console shows a spinner).
    pub const fn is_busy(self) -> bool {
        matches!(
            self,
            Self::Creating
                | Self::Initing
                | Self::Registering
                | Self::Installing
                | Self::Updating
                | Self::Rollbacking
                | Self::Deleting
                | Self::Unregistering
                | Self::Starting
                | Self::Freezing
                | Self::Restarting
                | Self::Resizing
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// How fast the sandbox creates (and changes) gateways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreationSpeed {
    /// Done at once (tests, scripts).
    Instant,
    /// 30 seconds in total (demos).
    #[default]
    Fast,
    /// 15 minutes, like the real service.
    Realistic,
}

impl CreationSpeed {
    /// Every speed.
    pub const ALL: [Self; 3] = [Self::Instant, Self::Fast, Self::Realistic];

    /// Total creation time in milliseconds.
    pub const fn total_ms(self) -> u64 {
        match self {
            Self::Instant => 0,
            Self::Fast => 30_000,
            Self::Realistic => 900_000,
        }
    }

    /// How long an update or delete stays `Updating` / `Deleting`.
    pub const fn operation_ms(self) -> u64 {
        match self {
            Self::Instant => 0,
            Self::Fast => 3_000,
            Self::Realistic => 60_000,
        }
    }
}

/// A failure injected into a creation: the job fails at the end of step `at_step`
/// (1 = while at 30 %, … 4 = while at 90 %). Values outside 1–4 are clamped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct InjectedFailure {
    /// The step (1–4) that fails.
    pub at_step: u8,
    /// The code reported: one of [`ErrorCode::CREATION_FAILURES`].
    pub code: ErrorCode,
}

/// The progress steps' percentages (docs/reference.md, Progress).
pub const PROGRESS_STEPS: [u8; 4] = [30, 50, 80, 90];

/// The job state reported by the progress endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobStatus {
    /// Still going.
    Creating,
    /// Done; the gateway is running.
    Success,
    /// Failed; see the error code.
    Failed,
}

/// Creation progress at a moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// 30, 50, 80, 90, 100; 0 after a failure.
    pub percent: u8,
    /// `creating`, `success` or `failed`.
    pub job_status: JobStatus,
    /// `Creating`, `Running` or `CreateFail`.
    pub status: Status,
    /// The failure code, once failed.
    pub error_code: Option<ErrorCode>,
    /// When the job finished (success or failure), epoch ms.
    pub finished_at_ms: Option<u64>,
}

/// When step `k` (0-based, 0…4 where 4 = done) begins, in ms after the start.
const fn step_begin_ms(total: u64, k: u64) -> u64 {
    // total ≤ 900 000, so the product cannot overflow.
    total * k / 4
}

/// Creation progress of a gateway created at `start_ms`, seen at `now_ms`.
///
/// Step k (30 / 50 / 80 / 90 %) lasts a quarter of the speed's total time; at the total it is
/// 100 % and `Running`. A failure at step N ends the job when step N would end, with
/// `percent` 0, `CreateFail` and the injected code. A `now_ms` before `start_ms` counts as the
/// start.
pub fn creation_progress(
    start_ms: u64,
    now_ms: u64,
    speed: CreationSpeed,
    failure: Option<InjectedFailure>,
) -> Progress {
    let total = speed.total_ms();
    let elapsed = now_ms.saturating_sub(start_ms);
    if let Some(f) = failure {
        let step = u64::from(f.at_step.clamp(1, 4));
        let fail_at = step_begin_ms(total, step);
        if elapsed >= fail_at {
            return Progress {
                percent: 0,
                job_status: JobStatus::Failed,
                status: Status::CreateFail,
                error_code: Some(f.code),
                finished_at_ms: Some(start_ms.saturating_add(fail_at)),
            };
        }
    }
    if elapsed >= total {
        return Progress {
            percent: 100,
            job_status: JobStatus::Success,
            status: Status::Running,
            error_code: None,
            finished_at_ms: Some(start_ms.saturating_add(total)),
        };
    }
    // 0 ≤ elapsed < total here, so total > 0 and the index is 0…3.
    let k = (elapsed * 4 / total).min(3);
    Progress {
        percent: PROGRESS_STEPS[usize::try_from(k).unwrap_or(3)],
        job_status: JobStatus::Creating,
        status: Status::Creating,
        error_code: None,
        finished_at_ms: None,
    }
}

/// Operations on an existing gateway whose status matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    /// Change name, description, maintenance window or security group.
    Update,
    /// Delete the gateway.
    Delete,
    /// Bind, replace or unbind the inbound EIP (LVS), or enable / change / disable the
    /// ingress EIP (ELB).
    ChangeInbound,
    /// Enable, resize or disable the outbound NAT EIP.
    ChangeOutbound,
    /// Upgrade the edition.
    Resize,
}

impl Operation {
    /// A short verb phrase for messages.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Update => "change the gateway",
            Self::Delete => "delete the gateway",
            Self::ChangeInbound => "change public inbound access",
            Self::ChangeOutbound => "change public outbound access",
            Self::Resize => "change the edition",
        }
    }
}

/// The gateway's status does not allow the operation (`APIC.7701`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} while the gateway is {status}; {hint}", operation.describe())]
pub struct StatusConflict {
    /// The gateway's status.
    pub status: Status,
    /// What was attempted.
    pub operation: Operation,
    /// What to do instead.
    pub hint: &'static str,
}

impl StatusConflict {
    /// Always `APIC.7701`.
    pub const fn code(&self) -> ErrorCode {
        ErrorCode::StatusConflict
    }

    /// The refusal both front ends show: `APIC.7701` on the gateway as a whole.
    pub fn problem(&self) -> crate::validate::Problem {
        crate::validate::Problem::new(
            crate::validate::Field::Account,
            self.code(),
            format!("{}: {self}.", self.code().meaning()),
        )
    }
}

/// Whether a gateway in `status` allows `operation`: `Running` allows everything; a failed
/// gateway may only be deleted; `Unhealthy` may be updated or deleted; a busy gateway nothing.
pub fn check_transition(status: Status, operation: Operation) -> Result<(), StatusConflict> {
    let allowed = match status {
        Status::Running => true,
        Status::Unhealthy => matches!(operation, Operation::Update | Operation::Delete),
        s if s.is_failure() => operation == Operation::Delete,
        _ => false,
    };
    if allowed {
        return Ok(());
    }
    let hint = if status.is_busy() {
        "wait until the current operation has finished"
    } else if status.is_failure() {
        "a failed gateway can only be deleted"
    } else {
        "wait until the gateway is Running"
    };
    Err(StatusConflict {
        status,
        operation,
        hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_round_trip() {
        assert_eq!(Status::ALL.len(), 37);
        for &s in Status::ALL {
            assert_eq!(Status::from_code(s.to_code()), Some(s));
            assert_eq!(Status::parse(s.as_str()), Ok(s));
        }
        for unused in [0, 9, 14, 15, 16, 17, 18, 19, 45, 255] {
            assert_eq!(Status::from_code(unused), None, "{unused}");
        }
        let cases = [
            (1, "Creating"),
            (3, "CreateFail"),
            (6, "Running"),
            (12, "Updating"),
            (23, "Deleting"),
            (26, "UnRegisterFailed"),
            (44, "ResizeTimeout"),
        ];
        for (code, name) in cases {
            assert_eq!(Status::from_code(code).map(Status::as_str), Some(name));
        }
        assert!(Status::parse("running").is_err());
    }

    /// (ms after start, expected percent, expected status)
    fn check_progress(speed: CreationSpeed, expect: &[(u64, u8, Status)]) {
        for &(t, percent, status) in expect {
            let p = creation_progress(1_000, 1_000 + t, speed, None);
            assert_eq!(
                (p.percent, p.status),
                (percent, status),
                "{speed:?} at {t} ms"
            );
        }
    }

    #[test]
    fn progress_sequence_per_speed() {
        use Status::{Creating, Running};
        check_progress(
            CreationSpeed::Instant,
            &[(0, 100, Running), (5, 100, Running)],
        );
        check_progress(
            CreationSpeed::Fast,
            &[
                (0, 30, Creating),
                (7_499, 30, Creating),
                (7_500, 50, Creating),
                (14_999, 50, Creating),
                (15_000, 80, Creating),
                (22_499, 80, Creating),
                (22_500, 90, Creating),
                (29_999, 90, Creating),
                (30_000, 100, Running),
                (10_000_000, 100, Running),
            ],
        );
        check_progress(
            CreationSpeed::Realistic,
            &[
                (0, 30, Creating),
                (224_999, 30, Creating),
                (225_000, 50, Creating),
                (450_000, 80, Creating),
                (675_000, 90, Creating),
                (899_999, 90, Creating),
                (900_000, 100, Running),
            ],
        );
        let before_start = creation_progress(5_000, 1_000, CreationSpeed::Fast, None);
        assert_eq!(before_start.percent, 30);
        let done = creation_progress(1_000, 40_000, CreationSpeed::Fast, None);
        assert_eq!(done.finished_at_ms, Some(31_000));
        assert_eq!(done.job_status, JobStatus::Success);
    }

    #[test]
    fn injected_failure_at_each_step() {
        // (step, last ms still creating with its percent, ms of failure)
        let cases = [
            (0, 7_499, 30, 7_500),
            (1, 7_499, 30, 7_500),
            (2, 14_999, 50, 15_000),
            (3, 22_499, 80, 22_500),
            (4, 29_999, 90, 30_000),
            (9, 29_999, 90, 30_000),
        ];
        for (step, before, percent, at) in cases {
            let failure = Some(InjectedFailure {
                at_step: step,
                code: ErrorCode::InsufficientResources,
            });
            let p = creation_progress(0, before, CreationSpeed::Fast, failure);
            assert_eq!(
                (p.percent, p.status),
                (percent, Status::Creating),
                "step {step}"
            );
            let f = creation_progress(0, at, CreationSpeed::Fast, failure);
            assert_eq!(f.percent, 0, "step {step}");
            assert_eq!(f.status, Status::CreateFail);
            assert_eq!(f.job_status, JobStatus::Failed);
            assert_eq!(f.error_code, Some(ErrorCode::InsufficientResources));
            assert_eq!(f.finished_at_ms, Some(at));
        }
        let instant = creation_progress(
            10,
            10,
            CreationSpeed::Instant,
            Some(InjectedFailure {
                at_step: 2,
                code: ErrorCode::CreateFailed,
            }),
        );
        assert_eq!(instant.error_code, Some(ErrorCode::CreateFailed));
    }

    #[test]
    fn transitions() {
        use Operation::{ChangeInbound, ChangeOutbound, Delete, Resize, Update};
        let cases: &[(Status, &[Operation], &[Operation])] = &[
            (
                Status::Running,
                &[Update, Delete, ChangeInbound, ChangeOutbound, Resize],
                &[],
            ),
            (
                Status::Creating,
                &[],
                &[Update, Delete, ChangeInbound, ChangeOutbound, Resize],
            ),
            (Status::Updating, &[], &[Update, Delete]),
            (Status::Deleting, &[], &[Update, Delete]),
            (Status::CreateFail, &[Delete], &[Update, ChangeInbound]),
            (Status::ResizeTimeout, &[Delete], &[Resize]),
            (Status::Unhealthy, &[Update, Delete], &[ChangeOutbound]),
            (Status::Frozen, &[], &[Delete]),
        ];
        for (status, ok, refused) in cases {
            for op in *ok {
                assert_eq!(check_transition(*status, *op), Ok(()), "{status} {op:?}");
            }
            for op in *refused {
                let e = check_transition(*status, *op).expect_err("refused");
                assert_eq!(e.code(), ErrorCode::StatusConflict);
            }
        }
    }
}
