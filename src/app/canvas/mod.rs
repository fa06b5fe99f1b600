//! The timeline canvas: turns pointer input into [`Command`]s and paints
//! the display list ([`Scene`]) with egui. It decides nothing about what to
//! show or how it looks: that is `layout`'s and `scene`'s job, shared with
//! the headless export.

pub mod paint;

use egui::{Key, PointerButton, Pos2, Rect, Sense, Ui, Vec2, vec2};
use std::fmt::Write as _;

use super::command::Command;
use crate::layout::theme::Palette;
use crate::layout::{self, AXIS_HEIGHT, Layout, Params};
use crate::model::{ShownLanes, Timeline};
use crate::scene::{Emphasis, Scene, SceneParams, overlay};
use crate::time::TimeRange;
use crate::view::TimeView;

/// Drags shorter than this do not zoom (they were meant as clicks).
const MIN_ZOOM_DRAG_PX: f32 = 3.0;
/// Zoom per wheel-free key press or menu command.
pub const KEY_ZOOM_FACTOR: f64 = 1.5;
/// Zoom of a click on a "+N" marker.
pub const OVERFLOW_ZOOM_FACTOR: f64 = 4.0;

/// What a drag in progress does.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DragKind {
    /// Drawing a range to zoom to.
    Zoom,
    /// Moving the view with the pointer.
    Pan,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Drag {
    kind: DragKind,
    /// Where the drag began, relative to the canvas's left edge.
    start_x: f32,
    /// Where the pointer is now, relative to the canvas's left edge.
    current_x: f32,
}

/// Key under which a layout stays valid.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LayoutKey {
    generation: u64,
    view: TimeView,
    width: f32,
    height: f32,
    selected: Option<usize>,
    palette: Palette,
    filter_generation: u64,
}

/// A layout and the display list painted from it.
#[derive(Debug)]
struct Cached {
    key: LayoutKey,
    layout: Layout,
    scene: Scene,
}

/// Canvas state that lives across frames.
#[derive(Debug, Default)]
pub struct CanvasState {
    /// Vertical scroll of the lanes, in points.
    pub scroll_y: f32,
    drag: Option<Drag>,
    /// Width of the time area in the last frame (for keyboard zoom/pan).
    pub width: f32,
    /// Where the canvas was drawn in the last frame, in screen points.
    pub rect: Option<Rect>,
    /// An event gone to (find, fit selected) whose row the next frame
    /// scrolls into the canvas, once it is laid out at the canvas' real size.
    pub reveal: Option<usize>,
    cached: Option<Cached>,
}

impl CanvasState {
    /// True while a drag-to-zoom is being drawn.
    #[must_use]
    pub fn is_zoom_dragging(&self) -> bool {
        self.drag.is_some_and(|d| d.kind == DragKind::Zoom)
    }

    /// The layout painted last, if any.
    #[must_use]
    pub fn layout(&self) -> Option<&Layout> {
        self.cached.as_ref().map(|c| &c.layout)
    }

    /// The display list painted last, if any.
    #[must_use]
    pub fn scene(&self) -> Option<&Scene> {
        self.cached.as_ref().map(|c| &c.scene)
    }
}

/// What the canvas needs to draw one frame.
pub struct CanvasInput<'a> {
    /// The timeline.
    pub timeline: &'a Timeline,
    /// Bumped whenever the timeline is replaced, to invalidate the layout.
    pub generation: u64,
    /// The visible range.
    pub view: TimeView,
    /// The selected event.
    pub selected: Option<usize>,
    /// Colours.
    pub palette: Palette,
    /// How each event is emphasised (find highlights its matches and dims
    /// the rest); all normal when `None`.
    pub emphasis: Option<&'a dyn Fn(usize) -> Emphasis>,
    /// Per lane, the events a filter shows; everything when `None`.
    pub shown: Option<&'a ShownLanes>,
    /// Bumped whenever `emphasis` or `shown` change.
    pub filter_generation: u64,
}

/// The layout and display list the window paints for `input` on a canvas
/// `width` × `height` points: the export's [`Scene::for_export`] paints the
/// same marks for the same view, size and theme.
#[must_use]
pub fn layout_and_scene(input: &CanvasInput<'_>, width: f32, height: f32) -> (Layout, Scene) {
    let mut params = Params::new(width, input.palette);
    params.selected = input.selected;
    params.shown = input.shown;
    let layout = layout::layout(input.timeline, &input.view, &params);
    let scene = Scene::new(
        &layout,
        &SceneParams {
            height,
            selected: input.selected,
            emphasis: input.emphasis,
        },
    );
    (layout, scene)
}

/// Shows the canvas in all of `ui`'s remaining space; returns what the user asked for.
pub fn canvas_ui(ui: &mut Ui, input: &CanvasInput<'_>, state: &mut CanvasState) -> Vec<Command> {
    let mut commands = Vec::new();
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Timeline"));
    let width = rect.width().max(1.0);
    state.width = width;
    state.rect = Some(rect);

    let height = rect.height().max(1.0);
    let key = LayoutKey {
        generation: input.generation,
        view: input.view,
        width,
        height,
        selected: input.selected,
        palette: input.palette,
        filter_generation: input.filter_generation,
    };
    // Layout and display list are rebuilt only when what they depend on
    // changed; idle frames (hover, tooltips) reuse them.
    let cached = match state.cached.take() {
        Some(cached) if cached.key == key => cached,
        _ => {
            let (layout, scene) = layout_and_scene(input, width, height);
            Cached { key, layout, scene }
        }
    };
    let layout = &cached.layout;

    if let Some(event) = state.reveal.take() {
        state.scroll_y = super::goto::scroll_revealing(
            layout,
            input.timeline,
            event,
            state.scroll_y,
            rect.height(),
        );
    }
    // Lanes scroll under a fixed axis; keep the scroll inside the content.
    let lanes_height = rect.height() - layout.lanes_top;
    let overflow = (layout.content_bottom - layout.lanes_top - lanes_height).max(0.0);
    state.scroll_y = state.scroll_y.clamp(0.0, overflow);
    let scroll = state.scroll_y;
    // Screen to canvas (layout) coordinates.
    let from_screen = |p: Pos2| {
        let y = p.y - rect.top();
        (
            p.x - rect.left(),
            if y >= layout.lanes_top { y + scroll } else { y },
        )
    };

    handle_pointer(
        ui,
        &response,
        rect,
        layout,
        input,
        state,
        &from_screen,
        overflow > 0.0,
        &mut commands,
    );

    let painter = ui.painter_at(rect);
    paint::paint_scene(
        &painter,
        &cached.scene,
        paint::Placement {
            rect,
            scroll_y: state.scroll_y,
        },
    );
    if let Some(drag) = state.drag.filter(|d| d.kind == DragKind::Zoom) {
        let band = overlay::zoom_band(
            &input.view,
            drag.start_x,
            drag.current_x,
            width,
            rect.height(),
            &input.palette,
        );
        paint::paint_overlay(&painter, &band, rect);
    }
    state.cached = Some(cached);
    commands
}

#[allow(clippy::too_many_arguments)] // Private helper, one call site; the pieces are all different.
fn handle_pointer(
    ui: &Ui,
    response: &egui::Response,
    rect: Rect,
    layout: &Layout,
    input: &CanvasInput<'_>,
    state: &mut CanvasState,
    from_screen: &dyn Fn(Pos2) -> (f32, f32),
    lanes_overflow: bool,
    commands: &mut Vec<Command>,
) {
    let width = f64::from(rect.width().max(1.0));
    let view = input.view;
    let (press_origin, shift, pointer) = ui.input(|i| {
        (
            i.pointer.press_origin(),
            i.modifiers.shift,
            i.pointer.interact_pos(),
        )
    });

    // Start a drag: which kind depends on button, modifier and where it began.
    if response.drag_started() {
        let origin = press_origin.unwrap_or_else(|| pointer.unwrap_or(rect.center()));
        let on_axis = origin.y - rect.top() < AXIS_HEIGHT;
        let kind = if response.drag_started_by(PointerButton::Secondary)
            || (response.drag_started_by(PointerButton::Primary) && (shift || on_axis))
        {
            Some(DragKind::Zoom)
        } else if response.drag_started_by(PointerButton::Primary) {
            Some(DragKind::Pan)
        } else {
            None
        };
        state.drag = kind.map(|kind| {
            let x = origin.x - rect.left();
            Drag {
                kind,
                start_x: x,
                current_x: x,
            }
        });
    }
    if let Some(drag) = &mut state.drag {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape)) {
            state.drag = None;
        } else if response.dragged() {
            if let Some(p) = pointer {
                drag.current_x = p.x - rect.left();
            }
            if drag.kind == DragKind::Pan {
                let delta = response.drag_delta();
                if delta.x != 0.0 {
                    commands.push(Command::PanBy {
                        dx: f64::from(delta.x),
                    });
                }
                if delta.y != 0.0 && lanes_overflow {
                    commands.push(Command::ScrollLanes(-delta.y));
                }
            }
        }
    }
    if response.drag_stopped()
        && let Some(drag) = state.drag.take()
        && drag.kind == DragKind::Zoom
    {
        let end_x = pointer.map_or(drag.current_x, |p| p.x - rect.left());
        if (end_x - drag.start_x).abs() >= MIN_ZOOM_DRAG_PX {
            // The dragged range is read off the view the user saw while
            // dragging, so it is absolute.
            let range = view
                .zoom_to(f64::from(drag.start_x), f64::from(end_x), width)
                .range();
            commands.push(Command::ZoomTo { range });
        }
    }

    clicks_wheel_and_hover(
        ui,
        response,
        rect,
        layout,
        input,
        from_screen,
        lanes_overflow,
        commands,
    );
}

/// Clicks select; a click on "+N" zooms into the crowd; a double click on
/// empty space fits everything; the wheel zooms and pans; hovering shows a
/// tooltip.
#[allow(clippy::too_many_arguments)] // Private helper, one call site; the pieces are all different.
fn clicks_wheel_and_hover(
    ui: &Ui,
    response: &egui::Response,
    rect: Rect,
    layout: &Layout,
    input: &CanvasInput<'_>,
    from_screen: &dyn Fn(Pos2) -> (f32, f32),
    lanes_overflow: bool,
    commands: &mut Vec<Command>,
) {
    let pointer = ui.input(|i| i.pointer.interact_pos());
    if let Some(p) = response.interact_pointer_pos().or(pointer) {
        let (x, y) = from_screen(p);
        let hit = layout.hit(x, y);
        if response.double_clicked() && hit.is_none() {
            commands.push(Command::FitAll);
        } else if response.clicked() {
            if let Some(bin) = layout.hit_bin(x, y) {
                // A bin opens up into the events it counts.
                commands.push(Command::ZoomTo { range: bin.range });
            } else if let Some(overflow) = layout.hit_overflow(x, y) {
                let centre = f64::from(overflow.x + overflow.width / 2.0);
                commands.push(Command::ZoomAt {
                    x: centre,
                    factor: OVERFLOW_ZOOM_FACTOR,
                });
            } else {
                commands.push(Command::Select(hit));
            }
        }
    }

    // Wheel and pinch.
    if response.hovered() {
        let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta()));
        let pointer_x = pointer.map_or(rect.width() / 2.0, |p| p.x - rect.left());
        if (zoom - 1.0).abs() > f32::EPSILON {
            commands.push(Command::ZoomAt {
                x: f64::from(pointer_x),
                factor: f64::from(zoom),
            });
        }
        if scroll.x != 0.0 {
            commands.push(Command::PanBy {
                dx: f64::from(scroll.x),
            });
        }
        if scroll.y != 0.0 {
            if lanes_overflow {
                commands.push(Command::ScrollLanes(-scroll.y));
            } else {
                commands.push(Command::PanBy {
                    dx: f64::from(scroll.y),
                });
            }
        }
        if let Some(p) = pointer {
            let (x, y) = from_screen(p);
            if let Some(event) = layout.hit(x, y) {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                let e = input.timeline.event(event);
                let lane = input
                    .timeline
                    .lanes()
                    .get(e.lane())
                    .map(|l| l.title.clone())
                    .unwrap_or_default();
                response.clone().on_hover_ui_at_pointer(|ui| {
                    ui.strong(e.title());
                    ui.label(e.date_text());
                    let mut facts = format!("Dated to the {}", e.start().precision().name());
                    if let Some(status) = e.status() {
                        let _ = write!(facts, " · {status}");
                    }
                    if !lane.is_empty() {
                        let _ = write!(facts, " · {lane}");
                    }
                    ui.weak(facts);
                });
            } else if let Some(bin) = layout.hit_bin(x, y) {
                ui.ctx().set_cursor_icon(egui::CursorIcon::ZoomIn);
                let text = bin_tooltip(input.timeline, bin);
                response.clone().on_hover_text_at_pointer(text);
            } else if let Some(o) = layout.hit_overflow(x, y) {
                ui.ctx().set_cursor_icon(egui::CursorIcon::ZoomIn);
                let n = o.events.len();
                response.clone().on_hover_text_at_pointer(format!(
                    "{} more {} here: click to zoom in",
                    crate::numbers::grouped(n),
                    crate::numbers::EVENT.form(n)
                ));
            }
        }
    }
}

/// Titles a bin's tooltip lists.
const BIN_TOOLTIP_TITLES: usize = 5;

/// What a density bin holds: how many events start there and how many
/// are ongoing, with the first few titles (those starting first, then the
/// ongoing ones).
#[must_use]
pub fn bin_tooltip(timeline: &Timeline, bin: &layout::DensityBin) -> String {
    let ongoing = bin.overlapping.saturating_sub(bin.count);
    let mut text = format!(
        "{} start here · {} ongoing",
        crate::numbers::grouped(bin.count),
        crate::numbers::grouped(ongoing),
    );
    if let Some(lane) = timeline.lane_index(bin.lane) {
        let starting = lane.starting_in(bin.range);
        let mut titles: Vec<usize> = starting
            .take(BIN_TOOLTIP_TITLES)
            .map(|pos| lane.event_at(pos))
            .collect();
        if titles.len() < BIN_TOOLTIP_TITLES && ongoing > 0 {
            let before = TimeRange::new(bin.range.start, bin.range.start);
            titles.extend(
                lane.overlapping(before)
                    .into_iter()
                    .take(BIN_TOOLTIP_TITLES - titles.len()),
            );
        }
        for event in &titles {
            let _ = write!(text, "\n• {}", timeline.event(*event).title());
        }
        if u64::from(bin.overlapping) > titles.len() as u64 {
            text.push_str("\n…");
        }
    }
    text.push_str("\nClick to zoom in");
    text
}

/// Size of the area the canvas would get, for tests and keyboard commands.
#[must_use]
pub fn default_size() -> Vec2 {
    vec2(1280.0, 800.0)
}
