//! Themes: dark, light, and plain (no colours, for `NO_COLOR` and monochrome terminals).

use ratatui::style::{Color, Modifier, Style};

pub use crate::store::Theme;

/// The styles a theme gives each kind of thing on screen.
pub struct Palette {
    pub text: Style,
    pub title: Style,
    pub heading: Style,
    pub subtitle: Style,
    pub meta: Style,
    pub notice: Style,
    pub code: Style,
    pub quote_bar: Style,
    pub rule: Style,
    pub status: Style,
    pub status_accent: Style,
    pub message: Style,
    pub match_: Style,
    pub current_match: Style,
    pub panel: Style,
    pub panel_border: Style,
    pub selected: Style,
    pub current: Style,
    pub dim: Style,
}

impl Theme {
    /// The next theme for `c`.
    pub fn next(self) -> Theme {
        match self {
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Plain,
            Theme::Plain => Theme::Dark,
        }
    }

    pub fn palette(self) -> Palette {
        let s = Style::default();
        let bold = Modifier::BOLD;
        match self {
            Theme::Plain => Palette {
                text: s,
                title: s.add_modifier(bold),
                heading: s.add_modifier(bold),
                subtitle: s.add_modifier(Modifier::ITALIC),
                meta: s,
                notice: s.add_modifier(Modifier::ITALIC),
                code: s,
                quote_bar: s,
                rule: s,
                status: s.add_modifier(Modifier::REVERSED),
                status_accent: s.add_modifier(Modifier::REVERSED | bold),
                message: s.add_modifier(Modifier::REVERSED | bold),
                match_: s.add_modifier(Modifier::UNDERLINED),
                current_match: s.add_modifier(Modifier::REVERSED),
                panel: s,
                panel_border: s,
                selected: s.add_modifier(Modifier::REVERSED),
                current: s.add_modifier(bold),
                dim: s,
            },
            Theme::Dark => Palette {
                text: s,
                title: s.fg(Color::LightYellow).add_modifier(bold),
                heading: s.fg(Color::LightCyan).add_modifier(bold),
                subtitle: s.fg(Color::Cyan),
                meta: s.fg(Color::DarkGray),
                notice: s.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
                code: s.fg(Color::Green),
                quote_bar: s.fg(Color::DarkGray),
                rule: s.fg(Color::DarkGray),
                status: s.bg(Color::Rgb(40, 44, 52)).fg(Color::Gray),
                status_accent: s
                    .bg(Color::Rgb(40, 44, 52))
                    .fg(Color::LightCyan)
                    .add_modifier(bold),
                message: s.bg(Color::Rgb(40, 44, 52)).fg(Color::LightYellow),
                match_: s.bg(Color::Rgb(90, 80, 20)).fg(Color::White),
                current_match: s.bg(Color::Yellow).fg(Color::Black),
                panel: s,
                panel_border: s.fg(Color::DarkGray),
                selected: s.bg(Color::Rgb(50, 70, 110)).fg(Color::White),
                current: s.fg(Color::LightYellow).add_modifier(bold),
                dim: s.fg(Color::DarkGray),
            },
            Theme::Light => Palette {
                text: s.fg(Color::Black),
                title: s.fg(Color::Rgb(120, 60, 0)).add_modifier(bold),
                heading: s.fg(Color::Blue).add_modifier(bold),
                subtitle: s.fg(Color::Rgb(40, 90, 160)),
                meta: s.fg(Color::Gray),
                notice: s.fg(Color::Gray).add_modifier(Modifier::ITALIC),
                code: s.fg(Color::Rgb(0, 110, 0)),
                quote_bar: s.fg(Color::Gray),
                rule: s.fg(Color::Gray),
                status: s.bg(Color::Rgb(225, 225, 230)).fg(Color::Black),
                status_accent: s
                    .bg(Color::Rgb(225, 225, 230))
                    .fg(Color::Blue)
                    .add_modifier(bold),
                message: s.bg(Color::Rgb(225, 225, 230)).fg(Color::Red),
                match_: s.bg(Color::Rgb(255, 240, 150)).fg(Color::Black),
                current_match: s.bg(Color::Rgb(255, 170, 60)).fg(Color::Black),
                panel: s.fg(Color::Black),
                panel_border: s.fg(Color::Gray),
                selected: s.bg(Color::Rgb(200, 215, 240)).fg(Color::Black),
                current: s.fg(Color::Blue).add_modifier(bold),
                dim: s.fg(Color::Gray),
            },
        }
    }
}
