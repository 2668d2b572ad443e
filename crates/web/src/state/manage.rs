//! The changes of a gateway the information page makes, each decided by the core in this
//! browser or sent to apig-mock: update, public access, tags, edition, delete; and why one was
//! refused ([`ManageError`]).

use apig_core::account::Account;
use apig_core::authority::{Operation, authorize, gateway_not_found};
use apig_core::gateway::{Change, Gateway};
use apig_core::lifecycle::{self, StatusConflict};
use apig_core::network_change::{
    InboundChange, NetworkError, OutboundChange, change_inbound, change_outbound,
};
use apig_core::tags::{parse_tags, replacement_actions};
use apig_core::validate::{DraftTag, Problem, UpdateDraft, validate_update};
use leptos::prelude::*;

use super::home::Op;
use super::{Store, now_ms};

/// Why a change of a gateway was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManageError {
    /// The gateway is gone (deleted meanwhile, or in another tab).
    #[error("The gateway no longer exists.")]
    NotFound,
    /// The update draft breaks rules.
    #[error("{}", crate::i18n::problems_text(crate::i18n::Lang::En, .0))]
    Invalid(Vec<Problem>),
    /// A network change was refused.
    #[error("{0}")]
    Network(NetworkError),
    /// The status does not allow it.
    #[error("{} ({})", .0, .0.code().as_str())]
    Status(StatusConflict),
    /// The principal may not, or the gateway is gone: the core's refusal.
    #[error("{} ({})", .0.message, .0.code.as_str())]
    Refused(Problem),
}

impl ManageError {
    /// The refusal as the core's problem (its code, field and message), as apig-mock answers it.
    pub fn problem(&self) -> Problem {
        match self {
            Self::NotFound => Problem {
                message: self.to_string(),
                ..gateway_not_found("")
            },
            Self::Invalid(problems) => problems.first().cloned().unwrap_or_else(|| {
                Problem::invalid(apig_core::validate::Field::Account, self.to_string())
            }),
            Self::Network(e) => e.clone(),
            Self::Status(e) => e.problem(),
            Self::Refused(p) => p.clone(),
        }
    }
}

impl Store {
    /// Whether the principal may perform `operation` (the core's [`authorize`], which
    /// apig-mock asks too); tracks the account.
    pub fn may(&self, operation: Operation) -> Result<(), Problem> {
        self.account.with(|a| authorize(&a.principal, operation))
    }

    /// The gateways of the selected region, if the principal may list them; tracks both.
    pub fn list_gateways(&self) -> Result<Vec<Gateway>, Problem> {
        self.may(Operation::List)?;
        let region = self.region.get();
        Ok(self
            .gateways
            .with(|g| g.iter().filter(|gw| gw.region == region).cloned().collect()))
    }

    /// Gateway `id`, if the principal may view it and it exists; tracks both.
    pub fn show_gateway(&self, id: &str) -> Result<Gateway, Problem> {
        self.may(Operation::Show)?;
        self.gateways
            .with(|g| g.iter().find(|gw| gw.id.as_str() == id).cloned())
            .ok_or_else(|| gateway_not_found(id))
    }

    /// Runs `operation` on gateway `id` with `change`, which sees the account, the gateway and
    /// the other gateways as they are now (re-read first, like [`Store::create`]); `op` is what
    /// is kept. The principal must be allowed `operation` (when `change` does not decide the
    /// operations itself), then the gateway must exist (the order apig-mock admits it in).
    /// Nothing is kept when either or `change` refuses.
    fn change_gateway<R>(
        &self,
        id: &str,
        operation: Option<Operation>,
        change: impl FnOnce(&mut Account, &mut Gateway, &[Gateway], u64) -> Result<R, ManageError>,
        op: &Op,
    ) -> Result<R, ManageError> {
        let home = self.home.get_untracked();
        home.refresh(self);
        let now = self.catch_up_clock();
        let mut account = self.account.get_untracked();
        let mut gateways = self.gateways.get_untracked();
        let changed = (|| {
            if let Some(operation) = operation {
                authorize(&account.principal, operation).map_err(ManageError::Refused)?;
            }
            let index = gateways
                .iter()
                .position(|g| g.id.as_str() == id)
                .ok_or_else(|| ManageError::Refused(gateway_not_found(id)))?;
            let mut gateway = gateways[index].clone();
            let result = change(&mut account, &mut gateway, &gateways, now)?;
            Ok((index, gateway, result))
        })();
        let (index, gateway, result) =
            changed.inspect_err(|e: &ManageError| home.refused(self, op, &e.problem()))?;
        gateways[index] = gateway;
        home.keep(self, op, &account, &gateways);
        self.account.set(account);
        self.gateways.set(gateways);
        Ok(result)
    }

    /// Updates name, description, window or security group of gateway `id`, validated by
    /// the core; returns how many values changed (each recorded in the history).
    pub fn update_gateway(&self, id: &str, update: &UpdateDraft) -> Result<usize, ManageError> {
        self.change_gateway(
            id,
            Some(Operation::Update),
            |account, gateway, gateways, now| {
                let valid = validate_update(update, gateway, account, gateways, now)
                    .map_err(ManageError::Invalid)?;
                Ok(valid.apply(gateway, now))
            },
            &Op::update(id, update),
        )
    }

    /// Changes the public inbound access of gateway `id`.
    pub fn change_inbound(&self, id: &str, change: &InboundChange) -> Result<Change, ManageError> {
        self.change_gateway(
            id,
            Some(Operation::of_inbound(change)),
            |account, gateway, _, now| {
                change_inbound(account, gateway, change, now).map_err(ManageError::Network)
            },
            &Op::Inbound {
                id: id.to_owned(),
                change: change.clone(),
            },
        )
    }

    /// Changes the public outbound access of gateway `id`.
    pub fn change_outbound(
        &self,
        id: &str,
        change: &OutboundChange,
    ) -> Result<Change, ManageError> {
        self.change_gateway(
            id,
            Some(Operation::of_outbound(change)),
            |account, gateway, _, now| {
                change_outbound(account, gateway, change, now).map_err(ManageError::Network)
            },
            &Op::Outbound {
                id: id.to_owned(),
                change: change.clone(),
            },
        )
    }

    /// Runs `change` on copies of the account and gateway `id` as they are now, keeping
    /// nothing: the review of a change shows what saving it would do, or its refusal.
    fn dry_run<R>(
        &self,
        id: &str,
        change: impl FnOnce(&mut Account, &mut Gateway, &[Gateway], u64) -> Result<R, ManageError>,
    ) -> Result<R, ManageError> {
        let now = now_ms();
        let mut account = self.account.get_untracked();
        let gateways = self.gateways.get_untracked();
        let mut gateway = gateways
            .iter()
            .find(|g| g.id.as_str() == id)
            .cloned()
            .ok_or(ManageError::NotFound)?;
        change(&mut account, &mut gateway, &gateways, now)
    }

    /// Replaces the tags of gateway `id` with `tags` (the Tags form's rows), checked by the
    /// core; `None` when nothing would change. Over the API a replacement is the delete action
    /// for the tags that go and the create action for those that come, so the principal needs
    /// the permission of each action the change uses (and only those).
    pub fn change_tags(&self, id: &str, tags: &[DraftTag]) -> Result<Option<Change>, ManageError> {
        self.refresh();
        let (delete, create) = self.dry_run(id, |_, gateway, _, _| {
            let new = parse_tags(tags).map_err(ManageError::Invalid)?;
            Ok(replacement_actions(&gateway.tags, &new))
        })?;
        self.change_gateway(
            id,
            None,
            |account, gateway, _, now| tags_change(account, gateway, tags, now),
            &Op::Tags {
                id: id.to_owned(),
                delete,
                create,
            },
        )
    }

    /// What [`Store::change_tags`] would change, or why it is refused; nothing is kept.
    pub fn preview_tags(&self, id: &str, tags: &[DraftTag]) -> Result<Option<Change>, ManageError> {
        self.dry_run(id, |account, gateway, _, now| {
            tags_change(account, gateway, tags, now)
        })
    }

    /// Changes the edition of gateway `id` to `spec_id` (the API's postpaid resize): the core
    /// checks the direction and the subnet's free addresses for the new edition's private
    /// IPs, takes them, and the gateway passes through `Resizing`.
    pub fn change_edition(&self, id: &str, spec_id: &str) -> Result<Change, ManageError> {
        self.change_gateway(
            id,
            Some(Operation::Resize),
            |account, gateway, _, now| edition_change(account, gateway, spec_id, now),
            &Op::Resize {
                id: id.to_owned(),
                spec_id: spec_id.to_owned(),
            },
        )
    }

    /// What [`Store::change_edition`] would change, or why it is refused; nothing is kept.
    pub fn preview_edition(&self, id: &str, spec_id: &str) -> Result<Change, ManageError> {
        self.dry_run(id, |account, gateway, _, now| {
            edition_change(account, gateway, spec_id, now)
        })
    }

    /// Starts deleting gateway `id` (`Deleting`); once it has finished the clock's sweep
    /// drops it and releases its addresses.
    pub fn begin_delete(&self, id: &str) -> Result<(), ManageError> {
        self.change_gateway(
            id,
            Some(Operation::Delete),
            |_, gateway, _, now| {
                gateway
                    .begin(lifecycle::Operation::Delete, now)
                    .map_err(ManageError::Status)
            },
            &Op::Delete { id: id.to_owned() },
        )?;
        self.home.get_untracked().sweep(self, now_ms());
        Ok(())
    }
}

/// The tag change of the Tags form on `gateway`: the new list checked by the core, the
/// permission of each action it uses, then the replacement (recorded in the history).
fn tags_change(
    account: &Account,
    gateway: &mut Gateway,
    tags: &[DraftTag],
    now: u64,
) -> Result<Option<Change>, ManageError> {
    let new = parse_tags(tags).map_err(ManageError::Invalid)?;
    let (delete, create) = replacement_actions(&gateway.tags, &new);
    for (needed, operation) in [
        (!delete.is_empty(), Operation::DeleteTags),
        (!create.is_empty(), Operation::CreateTags),
    ] {
        if needed {
            authorize(&account.principal, operation).map_err(ManageError::Refused)?;
        }
    }
    apig_core::tags::replace(gateway, tags, now).map_err(ManageError::Invalid)
}

/// The edition change of `gateway` to `spec_id`, by the core.
fn edition_change(
    account: &mut Account,
    gateway: &mut Gateway,
    spec_id: &str,
    now: u64,
) -> Result<Change, ManageError> {
    apig_core::resize::resize(account, gateway, spec_id, now).map_err(ManageError::Refused)
}
