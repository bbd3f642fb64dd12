//! Drawing: the article column, the navigator, the status line and overlays.
//!
//! [`draw`] first gathers what is visible (that needs the layout cache, so `&mut App`), then
//! small render functions paint it. All text goes through [`text::put_str`], which uses the
//! layout's own width function, so layout and drawing agree in both ambiguous-width modes.

pub mod article;
pub mod labels;
pub mod navigator;
pub mod overlay;
pub mod status;
pub mod text;
pub mod theme;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::component::Layer;
use crate::app::components::navigator::centered;
use crate::app::state::App;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let mut palette = app.theme.effective().palette();
    if !app.settings.program_colors {
        palette.program_colors = theme::ProgramColors::Off;
    }
    let buf = frame.buffer_mut();
    buf.set_style(area, palette.background);
    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let status_area = Rect {
        y: area.y + body.height,
        height: area.height - body.height,
        ..area
    };
    let (nav_area, article_area) = if app.nav_is_side_panel() {
        let nav = Rect {
            width: app.nav_panel_width().min(body.width),
            ..body
        };
        let rest = Rect {
            x: body.x + nav.width,
            width: body.width.saturating_sub(nav.width),
            ..body
        };
        (Some(nav), rest)
    } else {
        (None, body)
    };
    article::render(app, article_area, buf, &palette);
    status::render(app, status_area, buf, &palette);
    // The components, bottom of the stack first, each by its own drawing function.
    for c in &app.stack {
        match c.layer() {
            Layer::Navigator(nav) => {
                let rect =
                    nav_area.unwrap_or_else(|| centered(body, 60, body.height.saturating_sub(2)));
                navigator::render(app, nav, rect, buf, &palette);
            }
            Layer::Help(help) => overlay::render_help(app, help, body, buf, &palette),
            Layer::Variants(menu) => overlay::render_variant_menu(app, menu, body, buf, &palette),
            Layer::Bookmarks(list) => overlay::render_bookmarks(app, list, body, buf, &palette),
            // Prompts live in the status line (drawn by `status`).
            Layer::Search(_) | Layer::Mark(_) => {}
        }
    }
}

#[cfg(test)]
mod app_tests;
#[cfg(test)]
mod control_keys_tests;
#[cfg(test)]
mod narrow_tests;
#[cfg(test)]
mod newcomer_tests;
#[cfg(test)]
mod reflow_tests;
#[cfg(test)]
mod search_reading_tests;
#[cfg(test)]
mod test_screen;
