//! Reusable pieces of the console, one component per file.

pub mod announcer;
pub mod apis_section;
pub mod banners;
pub mod change_form;
pub mod check_panel;
pub mod coded;
pub mod controls;
pub mod copy;
pub mod creation;
pub mod header;
pub mod nav;
pub mod pager;
pub mod sandbox_chips;
pub mod status;
pub mod summary_rail;
pub mod tags_editor;
pub mod title;
pub mod toast;
pub mod trace_drawer;
pub mod try_it;
pub mod update_notice;
