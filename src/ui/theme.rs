//! Themes: dark, light, and plain (no colours, for `NO_COLOR` and monochrome terminals).

use ratatui::style::{Color, Modifier, Style};

use crate::document::ansi::{AnsiColor, AnsiStyle};

pub use crate::store::Theme;

/// The styles a theme gives each kind of thing on screen.
pub struct Palette {
    /// The whole screen's base (the light theme brings its own paper, so it reads on a dark
    /// terminal too).
    pub background: Style,
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
    /// How program output's colours (SGR) are shown; bold, underline, italic and reverse are
    /// shown in every theme.
    pub program_colors: ProgramColors,
}

/// How the colours of program output (`git log --color`, `ls --color`) are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgramColors {
    /// Not at all (the plain theme, `NO_COLOR`, or the setting that drops them).
    Off,
    /// As the program asked, in the terminal's own palette (dark backgrounds).
    Dark,
    /// As asked, except that white and yellow text, unreadable on the light theme's paper,
    /// becomes dark grey and dark yellow.
    Light,
}

impl Palette {
    /// The screen style for program output's `style`, added onto `base`.
    pub fn program_style(&self, base: Style, style: AnsiStyle) -> Style {
        let mut st = base;
        let mut add = Modifier::empty();
        for (on, m) in [
            (style.bold, Modifier::BOLD),
            (style.dim, Modifier::DIM),
            (style.italic, Modifier::ITALIC),
            (style.underline, Modifier::UNDERLINED),
            (style.reverse, Modifier::REVERSED),
        ] {
            if on {
                add |= m;
            }
        }
        st = st.add_modifier(add);
        if self.program_colors == ProgramColors::Off {
            return st;
        }
        if let Some(c) = style.fg {
            st = st.fg(screen_color(c, self.program_colors == ProgramColors::Light));
        }
        if let Some(c) = style.bg {
            st = st.bg(screen_color(c, false));
        }
        st
    }
}

/// An SGR colour as a screen colour: the 16 basic colours by name (so the terminal's palette
/// decides their exact shade, as with `less -R`), the rest as indexed or RGB colours.
fn screen_color(c: AnsiColor, light_paper: bool) -> Color {
    match c {
        AnsiColor::Indexed(n) if light_paper && matches!(n, 7 | 15) => Color::DarkGray,
        AnsiColor::Indexed(n) if light_paper && matches!(n, 3 | 11) => Color::Rgb(150, 110, 0),
        AnsiColor::Indexed(n) => match n {
            0 => Color::Black,
            1 => Color::Red,
            2 => Color::Green,
            3 => Color::Yellow,
            4 => Color::Blue,
            5 => Color::Magenta,
            6 => Color::Cyan,
            7 => Color::Gray,
            8 => Color::DarkGray,
            9 => Color::LightRed,
            10 => Color::LightGreen,
            11 => Color::LightYellow,
            12 => Color::LightBlue,
            13 => Color::LightMagenta,
            14 => Color::LightCyan,
            15 => Color::White,
            n => Color::Indexed(n),
        },
        AnsiColor::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
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
                background: s,
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
                program_colors: ProgramColors::Off,
            },
            Theme::Dark => Palette {
                background: s,
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
                program_colors: ProgramColors::Dark,
            },
            Theme::Light => Palette {
                background: s.bg(Color::Rgb(250, 248, 240)).fg(Color::Black),
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
                program_colors: ProgramColors::Light,
            },
        }
    }
}
