//! The view: which stretch of time is on screen, and the axis ticks for it.
//!
//! - [`TimeView`] is the one transform between time and screen x
//!   (`x_from_time`, `time_from_x`), with `pan`, `zoom_at` and `zoom_to`
//!   returning new, clamped views.
//! - [`fit_all`] is "fit all": the events with a margin that never runs
//!   past the present for data that ends in the past.
//! - [`ticks()`] turns a view and a width into two tiers of labelled ticks
//!   with calendar steps.
//!
//! **Architecture invariant:** this module knows nothing of egui, of painting
//! or of input events. It is pure arithmetic on [`Time`](crate::time::Time)
//! and `f64` points; text is measured by a callback the caller supplies. The
//! window and the headless export therefore share one transform and one
//! tick layout, and both are tested without a display.

mod fit;
pub mod ticks;
mod transform;

pub use fit::{FIT_MARGIN, fit_all};

pub use ticks::{LABEL_GAP_PX, LABEL_OFFSET_PX, Tick, Ticks, ticks};
pub use transform::TimeView;
