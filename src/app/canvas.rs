//! The timeline canvas: turns pointer input into [`Command`]s and paints a
//! [`Layout`] with egui. It decides nothing about what to show: that is
//! `layout`'s job, shared with the headless export.

use egui::epaint::CubicBezierShape;
use egui::{
    Align2, Color32, CornerRadius, FontId, Key, PointerButton, Pos2, Rect, Sense, Shape, Stroke,
    StrokeKind, Ui, Vec2, pos2, vec2,
};
use std::fmt::Write as _;

use super::command::Command;
use crate::layout::theme::{Palette, Rgba, StatusStyle, bar_colors};
use crate::layout::{
    self, AXIS_HEIGHT, ERA_STRIP, LABEL_SIZE, LANE_HEADER, LANE_TITLE_SIZE, Layout, MARKER_SIZE,
    Params, TICK_SIZE,
};
use crate::model::Timeline;
use crate::view::TimeView;

/// Drags shorter than this do not zoom (they were meant as clicks).
const MIN_ZOOM_DRAG_PX: f32 = 3.0;
/// Zoom per wheel-free key press or menu command.
pub const KEY_ZOOM_FACTOR: f64 = 1.5;

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
    selected: Option<usize>,
    palette: Palette,
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
    cached: Option<(LayoutKey, Layout)>,
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
        self.cached.as_ref().map(|(_, layout)| layout)
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
}

fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0, c.1, c.2, c.3)
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

    let key = LayoutKey {
        generation: input.generation,
        view: input.view,
        width,
        selected: input.selected,
        palette: input.palette,
    };
    // Layout is recomputed only when what it depends on changed; idle
    // frames (hover, tooltips) reuse it.
    let owned = match state.cached.take() {
        Some((k, layout)) if k == key => layout,
        _ => {
            let mut params = Params::new(width, input.palette);
            params.selected = input.selected;
            layout::layout(input.timeline, &input.view, &params)
        }
    };
    let layout = &owned;

    // Lanes scroll under a fixed axis; keep the scroll inside the content.
    let lanes_height = rect.height() - layout.lanes_top;
    let overflow = (layout.content_bottom - layout.lanes_top - lanes_height).max(0.0);
    state.scroll_y = state.scroll_y.clamp(0.0, overflow);
    let scroll = state.scroll_y;
    // Canvas (layout) coordinates to screen, and back.
    let to_screen = |x: f32, y: f32| {
        let y = if y >= layout.lanes_top { y - scroll } else { y };
        pos2(rect.left() + x, rect.top() + y)
    };
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

    paint(ui, rect, layout, input, state, &to_screen);
    state.cached = Some((key, owned));
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
                    commands.push(Command::SetView(view.pan(f64::from(delta.x), width)));
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
            commands.push(Command::SetView(view.zoom_to(
                f64::from(drag.start_x),
                f64::from(end_x),
                width,
            )));
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
    let width = f64::from(rect.width().max(1.0));
    let view = input.view;
    let pointer = ui.input(|i| i.pointer.interact_pos());
    if let Some(p) = response.interact_pointer_pos().or(pointer) {
        let (x, y) = from_screen(p);
        let hit = layout.hit(x, y);
        if response.double_clicked() && hit.is_none() {
            commands.push(Command::FitAll);
        } else if response.clicked() {
            if let Some(overflow) = layout.hit_overflow(x, y) {
                let centre = f64::from(overflow.x + overflow.width / 2.0);
                commands.push(Command::SetView(view.zoom_at(centre, 4.0, width)));
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
            commands.push(Command::SetView(view.zoom_at(
                f64::from(pointer_x),
                f64::from(zoom),
                width,
            )));
        }
        if scroll.x != 0.0 {
            commands.push(Command::SetView(view.pan(f64::from(scroll.x), width)));
        }
        if scroll.y != 0.0 {
            if lanes_overflow {
                commands.push(Command::ScrollLanes(-scroll.y));
            } else {
                commands.push(Command::SetView(view.pan(f64::from(scroll.y), width)));
            }
        }
        if let Some(p) = pointer {
            let (x, y) = from_screen(p);
            if let Some(event) = layout.hit(x, y) {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                let e = &input.timeline.events()[event];
                let lane = input
                    .timeline
                    .lanes()
                    .get(e.lane)
                    .map(|l| l.title.clone())
                    .unwrap_or_default();
                response.clone().on_hover_ui_at_pointer(|ui| {
                    ui.strong(&e.title);
                    ui.label(e.date_text());
                    let mut facts = format!("Dated to the {}", e.start.precision().name());
                    if let Some(status) = e.status {
                        let _ = write!(facts, " · {status}");
                    }
                    if !lane.is_empty() {
                        let _ = write!(facts, " · {lane}");
                    }
                    ui.weak(facts);
                });
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

fn paint(
    ui: &Ui,
    rect: Rect,
    layout: &Layout,
    input: &CanvasInput<'_>,
    state: &CanvasState,
    to_screen: &dyn Fn(f32, f32) -> Pos2,
) {
    let palette = input.palette;
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, CornerRadius::ZERO, color(palette.background));
    let lanes_clip = Rect::from_min_max(pos2(rect.left(), rect.top() + layout.lanes_top), rect.max);
    let lanes = painter.with_clip_rect(lanes_clip);
    let small_font = FontId::proportional(TICK_SIZE);

    paint_backdrop(&painter, &lanes, rect, layout, palette, to_screen);
    paint_items(&lanes, layout, input, to_screen);
    for o in &layout.overflows {
        lanes.text(
            to_screen(o.x, o.y),
            Align2::LEFT_CENTER,
            &o.text,
            small_font.clone(),
            color(palette.accent),
        );
    }
    paint_axis(&painter, rect, layout, palette);
    if let Some(drag) = state.drag.filter(|d| d.kind == DragKind::Zoom) {
        paint_zoom_band(&painter, rect, drag, input);
    }
}

/// Lane bands, titles, grid, eras and density histograms: all that lies
/// behind the events.
fn paint_backdrop(
    painter: &egui::Painter,
    lanes: &egui::Painter,
    rect: Rect,
    layout: &Layout,
    palette: Palette,
    to_screen: &dyn Fn(f32, f32) -> Pos2,
) {
    let lanes_clip = lanes.clip_rect();
    let small_font = FontId::proportional(TICK_SIZE);
    for (i, lane) in layout.lanes.iter().enumerate() {
        let top = to_screen(0.0, lane.top);
        let band = Rect::from_min_size(top, vec2(rect.width(), lane.height));
        if i % 2 == 1 {
            lanes.rect_filled(band, CornerRadius::ZERO, color(palette.lane_alt));
        }
        lanes.line_segment(
            [band.left_bottom(), band.right_bottom()],
            Stroke::new(1.0, color(palette.grid)),
        );
        let swatch = Rect::from_min_size(top + vec2(6.0, LANE_HEADER / 2.0 - 4.0), vec2(8.0, 8.0));
        lanes.rect_filled(swatch, CornerRadius::same(2), color(lane.color));
        let mut title = if lane.title.is_empty() && layout.lanes.len() == 1 {
            String::new()
        } else {
            lane.title.clone()
        };
        if lane.dense {
            let _ = write!(
                title,
                "  ({})",
                crate::numbers::count(lane.visible_events, crate::numbers::EVENT)
            );
        }
        lanes.text(
            top + vec2(20.0, LANE_HEADER / 2.0),
            Align2::LEFT_CENTER,
            title,
            FontId::proportional(LANE_TITLE_SIZE),
            color(palette.lane_title),
        );
    }

    // Grid and eras behind the events.
    for line in &layout.grid {
        let x = rect.left() + line.x;
        let c = if line.major {
            palette.grid_major
        } else {
            palette.grid
        };
        lanes.line_segment(
            [pos2(x, lanes_clip.top()), pos2(x, rect.bottom())],
            Stroke::new(1.0, color(c)),
        );
    }
    for era in &layout.eras {
        let band = Rect::from_min_max(
            pos2(rect.left() + era.x0, rect.top() + AXIS_HEIGHT),
            pos2(rect.left() + era.x1, rect.bottom()),
        );
        painter.rect_filled(band, CornerRadius::ZERO, color(era.color));
        if let Some(label) = &era.label {
            painter.text(
                pos2(rect.left() + label.x, rect.top() + label.y),
                Align2::LEFT_CENTER,
                &label.text,
                small_font.clone(),
                color(palette.era_text),
            );
        }
    }
    if !layout.eras.is_empty() {
        let y = rect.top() + AXIS_HEIGHT + ERA_STRIP;
        painter.line_segment(
            [pos2(rect.left(), y), pos2(rect.right(), y)],
            Stroke::new(1.0, color(palette.grid_major)),
        );
    }

    // Density histograms as one mesh: thousands of rects cost too much as shapes.
    if !layout.density.is_empty() {
        let mut mesh = egui::Mesh::default();
        for bin in &layout.density {
            let r = Rect::from_min_max(
                to_screen(bin.rect.min_x, bin.rect.min_y),
                to_screen(bin.rect.max_x, bin.rect.max_y),
            );
            mesh.add_colored_rect(r, color(bin.color));
        }
        lanes.add(Shape::mesh(mesh));
    }
}

/// Links, then the events with their labels and the selection.
fn paint_items(
    lanes: &egui::Painter,
    layout: &Layout,
    input: &CanvasInput<'_>,
    to_screen: &dyn Fn(f32, f32) -> Pos2,
) {
    let palette = input.palette;
    let label_font = FontId::proportional(LABEL_SIZE);
    for link in &layout.links {
        let (a, b) = (
            to_screen(link.from.0, link.from.1),
            to_screen(link.to.0, link.to.1),
        );
        let c = color(palette.muted.with_alpha(150));
        let dx = ((b.x - a.x).abs() / 2.0).max(12.0);
        let curve = CubicBezierShape::from_points_stroke(
            [a, a + vec2(dx, 0.0), b - vec2(dx, 0.0), b],
            false,
            Color32::TRANSPARENT,
            Stroke::new(1.0, c),
        );
        lanes.add(curve);
        lanes.add(Shape::convex_polygon(
            vec![b, b + vec2(-6.0, -3.5), b + vec2(-6.0, 3.5)],
            c,
            Stroke::NONE,
        ));
    }

    for item in &layout.items {
        paint_item(
            lanes,
            item,
            input.selected == Some(item.event),
            palette,
            &label_font,
            to_screen,
        );
    }
}

/// One event: its shape in its status style, its label, its selection ring.
fn paint_item(
    lanes: &egui::Painter,
    item: &layout::Item,
    selected: bool,
    palette: Palette,
    label_font: &FontId,
    to_screen: &dyn Fn(f32, f32) -> Pos2,
) {
    let fill = color(item.color);
    match item.shape {
        layout::Shape::Bar {
            rect: r,
            precision_only,
        } => {
            let r = Rect::from_min_max(to_screen(r.min_x, r.min_y), to_screen(r.max_x, r.max_y));
            let (body, edge) = bar_colors(
                item.color,
                item.style,
                precision_only,
                item.approximate,
                &palette,
            );
            let (body, edge) = (color(body), color(edge));
            lanes.rect_filled(r, CornerRadius::same(3), body);
            if item.approximate || precision_only {
                dashed_rect(lanes, r, edge);
            } else {
                lanes.rect_stroke(
                    r,
                    CornerRadius::same(3),
                    Stroke::new(1.0, edge),
                    StrokeKind::Inside,
                );
            }
            if item.style == StatusStyle::Crossed {
                lanes.line_segment(
                    [r.left_center(), r.right_center()],
                    Stroke::new(1.5, color(palette.text)),
                );
            }
            if selected {
                lanes.rect_stroke(
                    r.expand(2.0),
                    CornerRadius::same(4),
                    Stroke::new(2.0, color(palette.accent)),
                    StrokeKind::Outside,
                );
            }
        }
        layout::Shape::Marker { x, y } => {
            let c = to_screen(x, y);
            let h = MARKER_SIZE / 2.0;
            let points = vec![
                c + vec2(0.0, -h),
                c + vec2(h, 0.0),
                c + vec2(0.0, h),
                c + vec2(-h, 0.0),
            ];
            let diamond = match item.style {
                StatusStyle::Hollow => {
                    Shape::convex_polygon(points, color(palette.background), Stroke::new(1.6, fill))
                }
                _ => Shape::convex_polygon(points, fill, Stroke::NONE),
            };
            lanes.add(diamond);
            if item.style == StatusStyle::Crossed {
                let s = Stroke::new(1.6, color(palette.background));
                lanes.line_segment(
                    [c + vec2(-h * 0.45, -h * 0.45), c + vec2(h * 0.45, h * 0.45)],
                    s,
                );
                lanes.line_segment(
                    [c + vec2(-h * 0.45, h * 0.45), c + vec2(h * 0.45, -h * 0.45)],
                    s,
                );
            }
            if item.approximate {
                lanes.circle_stroke(c, h + 2.5, Stroke::new(1.0, fill.gamma_multiply(0.6)));
            }
            if selected {
                lanes.circle_stroke(c, h + 4.0, Stroke::new(2.0, color(palette.accent)));
            }
        }
    }
    if let Some(label) = &item.label {
        let text_color = if label.inside
            && !matches!(
                item.shape,
                layout::Shape::Bar {
                    precision_only: true,
                    ..
                }
            )
            && item.style != StatusStyle::Hollow
        {
            contrast_on(item.color)
        } else {
            color(palette.text)
        };
        lanes.text(
            to_screen(label.x, label.y),
            Align2::LEFT_CENTER,
            &label.text,
            label_font.clone(),
            text_color,
        );
    }
}

/// The translucent band of a drag-to-zoom, with the range it will show.
fn paint_zoom_band(painter: &egui::Painter, rect: Rect, drag: Drag, input: &CanvasInput<'_>) {
    let palette = input.palette;
    let (x0, x1) = (
        drag.start_x.min(drag.current_x),
        drag.start_x.max(drag.current_x),
    );
    let band = Rect::from_min_max(
        pos2(rect.left() + x0, rect.top()),
        pos2(rect.left() + x1, rect.bottom()),
    );
    painter.rect_filled(
        band,
        CornerRadius::ZERO,
        color(palette.accent.with_alpha(40)),
    );
    painter.rect_stroke(
        band,
        CornerRadius::ZERO,
        Stroke::new(1.0, color(palette.accent)),
        StrokeKind::Inside,
    );
    let width = f64::from(rect.width());
    let precision = precision_for_span(input.view.span_nanos() * f64::from(x1 - x0) / width);
    let from =
        crate::time::Date::from_time(input.view.time_from_x(f64::from(x0), width), precision);
    let to = crate::time::Date::from_time(input.view.time_from_x(f64::from(x1), width), precision);
    painter.text(
        pos2(band.center().x, rect.top() + AXIS_HEIGHT + 14.0),
        Align2::CENTER_CENTER,
        format!("{from} – {to}"),
        FontId::proportional(TICK_SIZE),
        color(palette.accent),
    );
}

fn paint_axis(painter: &egui::Painter, rect: Rect, layout: &Layout, palette: Palette) {
    let axis = Rect::from_min_size(rect.min, vec2(rect.width(), AXIS_HEIGHT));
    painter.rect_filled(axis, CornerRadius::ZERO, color(palette.axis_background));
    let font = FontId::proportional(TICK_SIZE);
    let tier = AXIS_HEIGHT / 2.0;
    for tick in &layout.ticks.major {
        #[allow(clippy::cast_possible_truncation)] // Tick x lies on or near the canvas.
        let (x, label_x) = (tick.x as f32, tick.label_x as f32);
        if (0.0..=rect.width()).contains(&x) {
            painter.line_segment(
                [
                    pos2(rect.left() + x, axis.top()),
                    pos2(rect.left() + x, axis.bottom()),
                ],
                Stroke::new(1.0, color(palette.grid_major)),
            );
        }
        painter.text(
            pos2(rect.left() + label_x, axis.top() + tier / 2.0 + 1.0),
            Align2::LEFT_CENTER,
            &tick.label,
            font.clone(),
            color(palette.text),
        );
    }
    for tick in &layout.ticks.minor {
        #[allow(clippy::cast_possible_truncation)] // Tick x lies on or near the canvas.
        let (x, label_x) = (tick.x as f32, tick.label_x as f32);
        painter.line_segment(
            [
                pos2(rect.left() + x, axis.bottom() - 6.0),
                pos2(rect.left() + x, axis.bottom()),
            ],
            Stroke::new(1.0, color(palette.muted)),
        );
        painter.text(
            pos2(rect.left() + label_x, axis.top() + tier + tier / 2.0),
            Align2::LEFT_CENTER,
            &tick.label,
            font.clone(),
            color(palette.muted),
        );
    }
    painter.line_segment(
        [
            pos2(rect.left(), axis.top() + tier),
            pos2(rect.right(), axis.top() + tier),
        ],
        Stroke::new(1.0, color(palette.grid)),
    );
    painter.line_segment(
        [axis.left_bottom(), axis.right_bottom()],
        Stroke::new(1.0, color(palette.grid_major)),
    );
}

/// The precision worth showing for a stretch of `span_nanos`: a drag over
/// three days says days, a drag over three seconds says milliseconds.
#[must_use]
pub fn precision_for_span(span_nanos: f64) -> crate::time::Precision {
    use crate::time::Precision;
    #[allow(clippy::cast_precision_loss)] // Thresholds only.
    let (sec, day) = (
        crate::time::NANOS_PER_SEC as f64,
        crate::time::NANOS_PER_DAY as f64,
    );
    if span_nanos < 2.0 * sec {
        Precision::Millisecond
    } else if span_nanos < 120.0 * sec {
        Precision::Second
    } else if span_nanos < 2.0 * day {
        Precision::Minute
    } else if span_nanos < 90.0 * day {
        Precision::Day
    } else if span_nanos < 3.0 * 365.0 * day {
        Precision::Month
    } else {
        Precision::Year
    }
}

/// Black or white, whichever reads better on `background` (shared rule).
fn contrast_on(background: Rgba) -> Color32 {
    color(crate::layout::theme::text_on(background))
}

fn dashed_rect(painter: &egui::Painter, r: Rect, c: Color32) {
    let points = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    painter.extend(Shape::dashed_line(&points, Stroke::new(1.2, c), 4.0, 3.0));
}

/// Size of the area the canvas would get, for tests and keyboard commands.
#[must_use]
pub fn default_size() -> Vec2 {
    vec2(1280.0, 800.0)
}
