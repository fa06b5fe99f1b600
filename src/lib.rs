//! Chronoscope: a timeline viewer with one zoomable axis from billions of
//! years to milliseconds.
//!
//! The modules are a map of the architecture; each says what it deliberately
//! does not know. See the README's "Architecture" section for the whole map
//! and its invariants.

pub mod app;
pub mod cli;
pub mod escape;
pub mod export;
pub mod fsout;
pub mod io;
pub mod layout;
pub mod model;
pub mod numbers;
pub mod query;
pub mod scene;
pub mod time;
pub mod view;
pub mod watch;
