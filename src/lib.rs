//! oko — a static-site generator for open reports on school assessment results.
//!
//! The pipeline, one module per stage (DESIGN §6):
//! `load` (files → `model::Project`) → `analyse` (counters → indicators) →
//! `render` (pages as bytes) → `write` (temporary folder, atomic swap).
//! `site` ties them together; `cli` is the command line.

pub mod analyse;
pub mod bench;
pub mod cache;
pub mod charts;
pub mod cli;
pub mod collate;
pub mod config;
pub mod diag;
pub mod links;
pub mod load;
pub mod model;
pub mod privacy;
pub mod render;
pub mod review;
pub mod serve;
pub mod site;
pub mod text;
pub mod write;
