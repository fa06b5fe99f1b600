//! Binned lanes in the real app (`egui_kittest`): a bin's tooltip says what
//! it counts, and a click on a bin zooms into it.

use chronoscope::io::generate::{Spec, write_native};
use egui::{Event, Modifiers, PointerButton, pos2};

mod common;
use common::window::harness;

#[test]
fn a_click_on_a_bin_zooms_into_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("dense.json");
    let mut file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    write_native(
        &mut file,
        &Spec {
            events: 20_000,
            seed: 3,
            lanes: 2,
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    drop(file);
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut().open(&path, &ctx);
    h.state_mut().finish_loading();
    h.run_steps(4);
    assert_eq!(h.state().timeline().len(), 20_000);
    let rect = h
        .state()
        .canvas_rect()
        .unwrap_or_else(|| panic!("no canvas"));
    let layout = h
        .state()
        .last_layout()
        .unwrap_or_else(|| panic!("no layout"));
    assert!(
        layout.lanes.iter().all(|l| l.dense),
        "fit-all bins the lanes"
    );
    // A bin in the middle with events starting in it.
    let bins: Vec<_> = layout.density.iter().filter(|b| b.count > 0).collect();
    let bin = *bins
        .get(bins.len() / 2)
        .unwrap_or_else(|| panic!("no bins"));
    let tooltip = chronoscope::app::canvas::bin_tooltip(h.state().timeline(), bin);
    assert!(tooltip.contains("start here"), "{tooltip}");
    assert!(tooltip.contains('#'), "titles are listed: {tooltip}");
    let target = bin.range;
    let at = pos2(
        rect.left() + f32::midpoint(bin.band.min_x, bin.band.max_x),
        rect.top() + bin.band.max_y - 2.0,
    );
    let before = h.state().view();
    h.event(Event::PointerMoved(at));
    h.step();
    h.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(4);
    let view = h.state().view();
    assert!(
        view.span_nanos() < before.span_nanos() / 100.0,
        "zoomed in: {view:?}"
    );
    assert!(
        view.start() <= target.start && view.end() >= target.end,
        "the bin's time is in view: {view:?} vs {target:?}"
    );
    assert_eq!(h.state().selected(), None, "a bin is not an event");
}
