//! Reusable pieces of the console, one component per file.

pub mod announcer;
pub mod apis_section;
pub mod banners;
pub mod change_form;
pub mod check_panel;
pub mod controls;
pub mod header;
pub mod nav;
pub mod pager;
pub mod status;
pub mod tags_editor;
pub mod trace_drawer;
pub mod update_notice;
