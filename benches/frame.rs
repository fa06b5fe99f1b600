//! Frame budget: how long layout, the display list, and a whole egui frame
//! (layout, display list, painting, tessellation), take for large
//! timelines, in release.
//!
//! Run with `cargo bench --bench frame`. It prints a table of medians, each
//! also as a ratio to a baseline measured in the same run (the seed
//! timeline's frame), so figures from different machines compare. The
//! budget is 16 ms of CPU per frame with 100 000 events.

use std::time::{Duration, Instant};

use chronoscope::app::canvas::{self, CanvasInput, CanvasState};
use chronoscope::layout::theme::{Palette, ThemeKind};
use chronoscope::layout::{self, Params};
use chronoscope::model::{EventRecord, Lane, Timeline, TimelineBuilder};
use chronoscope::scene::{Scene, SceneParams};
use chronoscope::time::{Date, NANOS_PER_MIN, Precision, Time, TimeRange};
use chronoscope::view::TimeView;

const WIDTH: f32 = 1920.0;
const HEIGHT: f32 = 1080.0;

/// `count` events over ten lanes, one every 7 minutes from 2000 on (for
/// ten million, one every 7 seconds, so the span stays near 130 years at
/// most), a tenth of them lasting a few hours. Built through the
/// `TimelineBuilder` as a reader would, with no owned event per record.
fn synthetic(count: i128) -> Timeline {
    let lanes: Vec<Lane> = (0..10)
        .map(|i| Lane {
            id: format!("lane{i}"),
            title: format!("Lane {i}"),
            color: None,
        })
        .collect();
    let base = Date::year(2000).start().0;
    let (step, precision) = if count > 1_000_000 {
        (7 * NANOS_PER_MIN / 60, Precision::Second)
    } else {
        (7 * NANOS_PER_MIN, Precision::Minute)
    };
    let mut builder = TimelineBuilder::with_capacity(usize::try_from(count).unwrap_or(0));
    let (mut title, mut id) = (String::new(), String::new());
    for i in 0..count {
        use std::fmt::Write as _;
        let start = Time(base + i * step);
        title.clear();
        id.clear();
        let _ = write!(title, "Event number {i}");
        let _ = write!(id, "e{i}");
        let end = (i % 10 == 0)
            .then(|| Date::from_time(start.add_nanos(180 * NANOS_PER_MIN), Precision::Minute));
        builder.push_record(&EventRecord {
            id: &id,
            title: &title,
            description: "",
            start: Date::from_time(start, precision),
            end,
            lane: usize::try_from(i % 10).unwrap_or(0),
            status: None,
            approximate: false,
            display_date: None,
        });
    }
    builder
        .build("synthetic", lanes, Vec::new())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Median time of `f` over enough runs to fill about a second.
fn median(mut f: impl FnMut(u64)) -> Duration {
    for i in 0..3 {
        f(i);
    }
    let mut times = Vec::new();
    let started = Instant::now();
    let mut i = 3;
    while times.len() < 7 || (started.elapsed() < Duration::from_secs(1) && times.len() < 200) {
        let t = Instant::now();
        f(i);
        times.push(t.elapsed());
        i += 1;
    }
    times.sort();
    times[times.len() / 2]
}

/// One whole egui frame of the canvas: layout (never cached: the view moves
/// by a pixel each frame, as while panning), painting and tessellation.
fn frame(
    ctx: &egui::Context,
    timeline: &Timeline,
    view: TimeView,
    state: &mut CanvasState,
    nudge: u64,
) {
    #[allow(clippy::cast_precision_loss)] // A pixel nudge per frame.
    let view = view.pan((nudge % 2) as f64, f64::from(WIDTH));
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(WIDTH, HEIGHT),
        )),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| {
        let input = CanvasInput {
            timeline,
            generation: 1,
            view,
            selected: None,
            palette: Palette::of(ThemeKind::Light),
            emphasis: None,
            shown: None,
            filter_generation: 0,
        };
        let _ = canvas::canvas_ui(ui, &input, state);
    });
    let shapes = std::mem::take(&mut output.shapes);
    let primitives = ctx.tessellate(shapes, output.pixels_per_point);
    // Font textures are not uploaded anywhere here.
    output.textures_delta.clear();
    std::hint::black_box(primitives);
}

fn fit(t: &Timeline) -> TimeView {
    TimeView::fit(t.extent().unwrap_or_else(|| panic!("empty")), 0.02)
}

/// The first `days` days of `t`.
fn day(t: &Timeline, days: i128) -> TimeView {
    let start = t.extent().unwrap_or_else(|| panic!("empty")).start;
    TimeView::new(TimeRange::new(
        start,
        start.add_nanos(days * 24 * 60 * NANOS_PER_MIN),
    ))
}

/// `minutes` minutes, 400 days into `t`.
fn minute(t: &Timeline, minutes: i128) -> TimeView {
    let start = t.extent().unwrap_or_else(|| panic!("empty")).start;
    TimeView::new(TimeRange::new(
        start.add_nanos(400 * 24 * 60 * NANOS_PER_MIN),
        start.add_nanos((400 * 24 * 60 + minutes) * NANOS_PER_MIN),
    ))
}

fn main() {
    let seed = match chronoscope::io::load_seed() {
        Ok(loaded) => loaded.timeline,
        Err(d) => panic!("{d:?}"),
    };
    let seed_view = chronoscope::app::ChronoscopeApp::initial_view(&seed);
    let hundred_k = synthetic(100_000);
    let million = synthetic(1_000_000);
    let ten_million = synthetic(10_000_000);
    let params = Params::new(WIDTH, Palette::of(ThemeKind::Light));

    let ctx = egui::Context::default();
    let mut state = CanvasState::default();
    let baseline = median(|i| frame(&ctx, &seed, seed_view, &mut state, i));

    let mut rows: Vec<(String, Duration)> = Vec::new();
    let mut measure_layout = |name: &str, t: &Timeline, view: TimeView| {
        let d = median(|_| {
            std::hint::black_box(layout::layout(t, &view, &params));
        });
        rows.push((format!("layout  {name}"), d));
    };
    measure_layout("seed, Oct–Nov 2025", &seed, seed_view);
    measure_layout(
        "100k events, fit all (dense lanes)",
        &hundred_k,
        fit(&hundred_k),
    );
    measure_layout(
        "100k events, 3 days (items, stacking)",
        &hundred_k,
        day(&hundred_k, 3),
    );
    measure_layout(
        "100k events, 20 days (~410 per lane, items)",
        &hundred_k,
        day(&hundred_k, 20),
    );
    measure_layout(
        "100k events, 60 days (~1,200 per lane, bins)",
        &hundred_k,
        day(&hundred_k, 60),
    );
    measure_layout("1M events, fit all (dense lanes)", &million, fit(&million));
    measure_layout("10M events, fit all", &ten_million, fit(&ten_million));
    measure_layout("10M events, one day", &ten_million, day(&ten_million, 1));
    measure_layout(
        "10M events, one minute",
        &ten_million,
        minute(&ten_million, 1),
    );
    // The display list on top of the layout: what the window rebuilds
    // whenever the view moves (the layout above plus styling every mark).
    let mut measure_scene = |name: &str, t: &Timeline, view: TimeView| {
        let layout = layout::layout(t, &view, &params);
        let d = median(|_| {
            let scene = Scene::new(
                &layout,
                &SceneParams {
                    height: HEIGHT,
                    ..SceneParams::default()
                },
            );
            std::hint::black_box(scene);
        });
        rows.push((format!("scene   {name} (display list only)"), d));
    };
    measure_scene("100k events, 3 days", &hundred_k, day(&hundred_k, 3));
    measure_scene("100k events, 20 days", &hundred_k, day(&hundred_k, 20));
    for (name, t, view) in [
        ("100k events, fit all", &hundred_k, fit(&hundred_k)),
        ("100k events, 3 days", &hundred_k, day(&hundred_k, 3)),
        ("100k events, 20 days", &hundred_k, day(&hundred_k, 20)),
        ("100k events, 60 days", &hundred_k, day(&hundred_k, 60)),
        ("1M events, fit all", &million, fit(&million)),
        (
            "10M events, fit all (dragging)",
            &ten_million,
            fit(&ten_million),
        ),
        (
            "10M events, one day (dragging)",
            &ten_million,
            day(&ten_million, 1),
        ),
        (
            "10M events, one minute (dragging)",
            &ten_million,
            minute(&ten_million, 1),
        ),
    ] {
        let mut state = CanvasState::default();
        let d = median(|i| frame(&ctx, t, view, &mut state, i));
        rows.push((format!("frame   {name}"), d));
    }

    print_rows(baseline, &rows);
}

/// The table: each row beside the baseline and the 8 ms budget.
fn print_rows(baseline: Duration, rows: &[(String, Duration)]) {
    println!(
        "\nChronoscope frame budget ({WIDTH}×{HEIGHT} points, release, median of repeated runs)"
    );
    println!(
        "baseline: one whole frame of the seed timeline = {:.3} ms\n",
        ms(baseline)
    );
    println!(
        "{:<50} {:>10} {:>12} {:>14}",
        "what", "ms", "× baseline", "of 8 ms"
    );
    for (name, d) in rows {
        println!(
            "{name:<50} {:>10.3} {:>12.1} {:>13.0}%",
            ms(*d),
            ms(*d) / ms(baseline),
            ms(*d) / 8.0 * 100.0
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
