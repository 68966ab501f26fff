//! oko — a static-site generator for open reports on school assessment results.
//!
//! The pipeline, one module per stage (DESIGN §6):
//! `load` (files → `model::Project`) → `analyse` (counters → indicators) →
//! `render` (pages as bytes) → `write` (temporary folder, atomic swap).
//! `site` ties them together; `cli` is the command line.

#![warn(missing_docs)]

pub mod analyse;
mod bench;
mod cache;
mod charts;
pub mod cli;
pub mod collate;
pub mod config;
mod diag;
mod digest;
mod import;
mod links;
pub mod load;
pub mod model;
mod positioned;
mod privacy;
mod render;
mod review;
mod serve;
pub mod site;
pub mod text;
mod write;

/// The pages' «обновлено» dates, for comparing sites built on different days.
pub use render::stamp;
