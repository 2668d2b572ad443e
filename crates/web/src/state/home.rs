//! Where gateways live: this browser or a running apig-mock. The store's operations compute
//! every change with the core and hand it here; this is the only place that tells the two
//! homes apart, each side's work being in [`super::local`] and [`super::remote`].

use apig_core::account::Account;
use apig_core::api::{CreateInstanceV2Request, Tag, TagActionRequest, UpdateInstanceRequest};
use apig_core::export::ApiCall;
use apig_core::gateway::Gateway;
use apig_core::lifecycle::CreationSpeed;
use apig_core::network_change::{InboundChange, OutboundChange};
use apig_core::plan::CreatePlan;
use apig_core::validate::{DraftTag, UpdateDraft};

use super::{Settings, Store, local, remote};
use crate::backend::Connection;
use crate::state_file::StateFile;

/// Where gateways live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Home {
    /// This browser's localStorage (memory when the browser gives none).
    Browser,
    /// A running apig-mock, through its signed API.
    Mock(Connection),
}

/// A change the store made to its copies of the account and the gateways, to be kept.
pub(crate) enum Op {
    /// A purchase.
    Create(Box<CreateInstanceV2Request>),
    /// Name, description, maintenance window or security group.
    Update {
        id: String,
        request: UpdateInstanceRequest,
    },
    /// Public inbound access.
    Inbound { id: String, change: InboundChange },
    /// Public outbound access.
    Outbound { id: String, change: OutboundChange },
    /// Tags replaced: the API's delete action for the tags that go, then its create action.
    Tags {
        id: String,
        delete: Vec<DraftTag>,
        create: Vec<DraftTag>,
    },
    /// An edition change (postpaid resize).
    Resize { id: String, spec_id: String },
    /// The start of a deletion.
    Delete { id: String },
    /// A Sandbox edit of the account (the gateways are unchanged).
    Account,
}

impl Op {
    /// The gateway the change is on (none for a purchase or an account edit).
    pub(crate) fn gateway_id(&self) -> Option<&str> {
        match self {
            Op::Update { id, .. }
            | Op::Inbound { id, .. }
            | Op::Outbound { id, .. }
            | Op::Tags { id, .. }
            | Op::Resize { id, .. }
            | Op::Delete { id } => Some(id),
            Op::Create(_) | Op::Account => None,
        }
    }

    /// The API calls that keep this change in `project`, in the order they are sent: built by
    /// the core, so the trace shows in this browser what apig-mock is sent. An account edit is
    /// the emulator's own `PUT /_mock/{project}/account` with `account`.
    pub(crate) fn calls(&self, project: &str, account: &Account) -> Vec<ApiCall> {
        let tags = |action: &str, tags: &[DraftTag]| TagActionRequest {
            action: action.to_owned(),
            tags: tags
                .iter()
                .map(|t| Tag {
                    key: t.key.clone(),
                    value: t.value.clone(),
                })
                .collect(),
        };
        match self {
            Op::Create(request) => vec![ApiCall::create_instance(project, request)],
            Op::Update { id, request } => vec![ApiCall::update_instance(project, id, request)],
            Op::Inbound { id, change } => vec![ApiCall::inbound(project, id, change)],
            Op::Outbound { id, change } => vec![ApiCall::outbound(project, id, change)],
            // The tags that go first, then the ones that come (as Terraform replaces them).
            Op::Tags { id, delete, create } => [("delete", delete), ("create", create)]
                .into_iter()
                .filter(|(_, list)| !list.is_empty())
                .map(|(action, list)| ApiCall::tags_action(project, id, &tags(action, list)))
                .collect(),
            Op::Resize { id, spec_id } => vec![ApiCall::resize(project, id, spec_id)],
            Op::Delete { id } => vec![ApiCall::delete_instance(project, id)],
            Op::Account => vec![ApiCall::emulator(
                "PUT",
                format!("/_mock/{project}/account"),
                serde_json::to_string(account).ok(),
            )],
        }
    }

    /// The purchase of `plan`, with the gateway ID the plan chose.
    pub(crate) fn create(plan: &CreatePlan) -> Op {
        let mut request = CreateInstanceV2Request::from(plan);
        request.instance_id = Some(plan.instance_id.to_string());
        Op::Create(Box::new(request))
    }

    /// The update of gateway `id` with `update`.
    pub(crate) fn update(id: &str, update: &UpdateDraft) -> Op {
        Op::Update {
            id: id.to_owned(),
            request: UpdateInstanceRequest {
                instance_name: update.instance_name.clone(),
                description: update.description.clone(),
                maintain_begin: update.maintain_begin.clone(),
                maintain_end: update.maintain_end.clone(),
                security_group_id: update.security_group_id.clone(),
                vpcep_service_name: update.vpcep_service_name.clone(),
            },
        }
    }
}

impl Home {
    /// The apig-mock connection, if that is where gateways live.
    pub fn connection(&self) -> Option<&Connection> {
        match self {
            Home::Browser => None,
            Home::Mock(connection) => Some(connection),
        }
    }

    /// Whether this browser's stored gateways are the ones shown.
    pub(crate) fn keeps_records_here(&self) -> bool {
        matches!(self, Home::Browser)
    }

    /// Re-reads what another tab may have changed, before a change is computed. apig-mock's
    /// state comes with every sync instead.
    pub(crate) fn refresh(&self, store: &Store) {
        if let Home::Browser = self {
            local::refresh(store);
        }
    }

    /// The record a new gateway of `plan` starts as, and whether it used the armed fault.
    /// Here the settings give its speed and fault; apig-mock decides them itself, so until
    /// the next sync the record is a guess that the creation takes its time.
    pub(crate) fn new_gateway(
        &self,
        plan: &CreatePlan,
        now: u64,
        settings: Settings,
    ) -> (Gateway, bool) {
        match self {
            Home::Browser => (
                plan.to_gateway(now, settings.speed, settings.next_failure),
                settings.next_failure.is_some(),
            ),
            Home::Mock(_) => (plan.to_gateway(now, CreationSpeed::Realistic, None), false),
        }
    }

    /// Keeps `op`, whose result is `account` and `gateways`: written to storage here, sent
    /// as its API call to apig-mock (whose answer the next sync shows).
    pub(crate) fn keep(&self, store: &Store, op: &Op, account: &Account, gateways: &[Gateway]) {
        match self {
            Home::Browser => local::keep(store, op, account, gateways),
            Home::Mock(connection) => remote::send(store, connection, op, account, gateways),
        }
    }

    /// Records in the API trace that the core refused `op` (in this browser; apig-mock's own
    /// answers are recorded as they come).
    pub(crate) fn refused(&self, store: &Store, op: &Op, problem: &apig_core::validate::Problem) {
        if let Home::Browser = self {
            local::trace_refusal(store, op, problem);
        }
    }

    /// Keeps a change of the settings from `before` to `after`.
    pub(crate) fn keep_settings(&self, store: &Store, before: Settings, after: Settings) {
        match self {
            Home::Browser => store.write(&local::SETTINGS_SLOT, &after),
            Home::Mock(connection) => remote::send_settings(store, connection, before, after),
        }
    }

    /// Keeps an imported file; `false` (with a banner saying why) where that is not offered.
    pub(crate) fn import(&self, store: &Store, file: &StateFile) -> bool {
        match self {
            Home::Browser => {
                local::import(store, file);
                true
            }
            Home::Mock(_) => {
                remote::refuse_import(store);
                false
            }
        }
    }

    /// Back to the default seed.
    pub(crate) fn reset(&self, store: &Store) {
        match self {
            Home::Browser => store.import_state(StateFile::seed()),
            Home::Mock(connection) => remote::reset(store, connection),
        }
    }

    /// Reads the state from apig-mock (nothing to do here: storage is read before every
    /// change and when another tab writes).
    pub(crate) fn sync(&self, store: &Store) {
        if let Home::Mock(connection) = self {
            remote::sync(store, connection);
        }
    }

    /// Loads the state after the backend setting switched to this home.
    pub(crate) fn enter(&self, store: &Store) {
        match self {
            Home::Browser => local::reload(store),
            Home::Mock(connection) => remote::sync(store, connection),
        }
    }

    /// Drops finished deletions (apig-mock drops them itself; the next sync shows it).
    pub(crate) fn sweep(&self, store: &Store, now: u64) {
        if let Home::Browser = self {
            local::sweep(store, now);
        }
    }

    /// The clock's tick number `ticks` at `now`: finished deletions are swept here;
    /// apig-mock is polled.
    pub(crate) fn tick(&self, store: &Store, now: u64, ticks: u32) {
        match self {
            Home::Browser => local::sweep(store, now),
            Home::Mock(connection) => remote::poll(store, connection, now, ticks),
        }
    }

    /// The sentence that announces a change of `subject`: `saved` here; on apig-mock, that it
    /// was sent (its answer is announced when it comes).
    pub(crate) fn acknowledge(
        &self,
        subject: &str,
        saved: String,
        sent: fn(&str) -> String,
    ) -> String {
        match self {
            Home::Browser => saved,
            Home::Mock(_) => sent(subject),
        }
    }
}
