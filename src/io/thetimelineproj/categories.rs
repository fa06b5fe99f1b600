//! Timeline's categories as lanes: one per category in file order, titled
//! with its path from the top category ("Work › Travel"), with its colour;
//! and an event's lane from its first category, the others as tags.
//!
//! It does not read events as a whole, nor times: only the category
//! elements and an event's references to them.

use std::collections::HashMap;

use super::xml::{Node, check_children, required};
use super::{Assembler, color_child};
use crate::io::diag::{Collector, quote};
use crate::model::Rgb;

const CATEGORY_CHILDREN: &[&str] = &[
    "name",
    "color",
    "progress_color",
    "done_color",
    "font_color",
    "parent",
];

/// Lanes for the categories, in file order; gives name → lane index.
pub(super) fn categories(
    root: &Node,
    assembler: &mut Assembler,
    diags: &mut Collector<'_>,
) -> HashMap<String, usize> {
    struct Category<'n> {
        name: String,
        color: Option<Rgb>,
        parent: Option<&'n Node>,
    }
    let mut read: Vec<Category<'_>> = Vec::new();
    for node in root
        .children_named("categories")
        .flat_map(|c| c.children_named("category"))
    {
        check_children(node, CATEGORY_CHILDREN, "a category", diags);
        let Some(name) = required(node, "name", "a category", diags).map(|n| n.value().to_owned())
        else {
            continue;
        };
        if read.iter().any(|c| c.name == name) {
            diags.warning(
                node.at,
                format!(
                    "the category {} is defined twice; the first definition is used",
                    quote(&name)
                ),
            );
            continue;
        }
        let color = color_child(node, diags);
        let parent = node.child("parent").filter(|p| !p.value().is_empty());
        read.push(Category {
            name,
            color,
            parent,
        });
    }
    let mut lanes = HashMap::new();
    for category in &read {
        // The lane title is the path from the top category ("Work › Travel").
        let mut path = vec![category.name.as_str()];
        let mut parent = category.parent;
        while let Some(node) = parent {
            let name = node.value();
            let Some(found) = read.iter().find(|c| c.name == name) else {
                diags.error(
                    node.text_at,
                    format!(
                        "the parent category {} is not defined in <categories>",
                        quote(name)
                    ),
                );
                break;
            };
            if path.contains(&name) || path.len() > 16 {
                diags.error(
                    node.text_at,
                    format!("the category {} is its own ancestor", quote(name)),
                );
                break;
            }
            path.push(name);
            parent = found.parent;
        }
        path.reverse();
        let index = assembler.lane(&category.name, &path.join(" › "), category.color);
        lanes.insert(category.name.clone(), index);
    }
    lanes
}

/// The lane of an event's first category; further categories (Timeline
/// 2.x lists them in `<categories>`, repeating the first) become tags.
pub(super) fn category_lane(
    node: &Node,
    categories: &HashMap<String, usize>,
    tags: &mut Vec<String>,
    diags: &mut Collector<'_>,
) -> Option<usize> {
    let named = node.children_named("category").chain(
        node.children_named("categories")
            .flat_map(|c| c.children_named("category")),
    );
    let mut lane = None;
    let mut primary = None;
    for category in named {
        let name = category.value();
        match categories.get(name) {
            Some(&index) if lane.is_none() => {
                lane = Some(index);
                primary = Some(name);
            }
            Some(_) if primary == Some(name) || tags.iter().any(|t| t == name) => {}
            Some(_) => tags.push(name.to_owned()),
            None => diags.error(
                category.text_at,
                format!(
                    "the category {} is not defined in <categories>",
                    quote(name)
                ),
            ),
        }
    }
    lane
}
