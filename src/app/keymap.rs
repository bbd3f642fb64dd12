//! The one keymap table: (mode, keys, action, label, group). It drives dispatch, the help
//! screen and the footer hints, so what the help says is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Reading,
    Navigator,
    Help,
    Search,
    VariantMenu,
    Bookmarks,
    /// After `m`: the next letter names a bookmark to set.
    SetMark,
    /// After `'`: the next letter names a bookmark to jump to (`'` jumps back).
    JumpMark,
}

/// Something the reader can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    LineDown,
    LineUp,
    PageDown,
    PageUp,
    HalfDown,
    HalfUp,
    Top,
    Bottom,
    NextSection,
    PrevSection,
    ToggleNavigator,
    ToggleScript,
    OpenVariantMenu,
    Help,
    Quit,
    StartSearch,
    NextMatch,
    PrevMatch,
    StartMark,
    StartJump,
    OpenBookmarks,
    Wider,
    Narrower,
    ResetWidth,
    CycleTheme,
    TogglePinyin,
    TogglePunctuation,
    ToggleReflow,
    /// Follow the footnote marker (the selected one, else the first on the page).
    FollowNote,
    Suspend,
    Redraw,
    // Lists (navigator, variant menu, bookmarks).
    ListDown,
    ListUp,
    ListTop,
    ListBottom,
    ListEnter,
    ListDelete,
    Close,
    // Search prompt.
    SearchSubmit,
    Backspace,
}

/// A key as written in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

impl Key {
    /// The name shown in help.
    pub fn name(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Code(code) => match code {
                KeyCode::Down => "↓".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::Backspace => "Backspace".into(),
                other => format!("{other:?}"),
            },
        }
    }

    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => !ctrl && ev.code == code,
        }
    }
}

/// One row of the keymap.
pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [Key],
    pub action: Action,
    pub label: &'static str,
    pub group: &'static str,
}

use Action as A;
use Key::{Char as C, Code as K, Ctrl};
use Mode as M;

const fn b(
    mode: Mode,
    keys: &'static [Key],
    action: Action,
    label: &'static str,
    group: &'static str,
) -> Binding {
    Binding {
        mode,
        keys,
        action,
        label,
        group,
    }
}

/// Every key binding. Order is the order of the help screen.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    b(M::Reading, &[C('j'), K(KeyCode::Down)], A::LineDown, "down one line", "Move"),
    b(M::Reading, &[C('k'), K(KeyCode::Up)], A::LineUp, "up one line", "Move"),
    b(M::Reading, &[C(' '), C('f'), K(KeyCode::PageDown), Ctrl('f')], A::PageDown, "down a page", "Move"),
    b(M::Reading, &[C('b'), K(KeyCode::PageUp), Ctrl('b')], A::PageUp, "up a page", "Move"),
    b(M::Reading, &[C('d'), Ctrl('d')], A::HalfDown, "down half a page", "Move"),
    b(M::Reading, &[C('u'), Ctrl('u')], A::HalfUp, "up half a page", "Move"),
    b(M::Reading, &[C('g'), K(KeyCode::Home)], A::Top, "to the top", "Move"),
    b(M::Reading, &[C('G'), K(KeyCode::End)], A::Bottom, "to the end", "Move"),
    b(M::Reading, &[C(']')], A::NextSection, "next section", "Sections"),
    b(M::Reading, &[C('[')], A::PrevSection, "previous section", "Sections"),
    b(M::Reading, &[K(KeyCode::Tab)], A::ToggleNavigator, "section navigator (open or focus)", "Sections"),
    b(M::Reading, &[K(KeyCode::Esc)], A::Close, "close the navigator, clear search highlights", "Sections"),
    b(M::Reading, &[C('t')], A::ToggleScript, "traditional ⇄ simplified", "Script"),
    b(M::Reading, &[C('v')], A::OpenVariantMenu, "all script variants", "Script"),
    b(M::Reading, &[C('/')], A::StartSearch, "search (any script)", "Search"),
    b(M::Reading, &[C('n')], A::NextMatch, "next match", "Search"),
    b(M::Reading, &[C('N')], A::PrevMatch, "previous match", "Search"),
    b(M::Reading, &[C('m')], A::StartMark, "set bookmark (then a letter)", "Bookmarks"),
    b(M::Reading, &[C('\'')], A::StartJump, "go to bookmark (then a letter; ' = back)", "Bookmarks"),
    b(M::Reading, &[K(KeyCode::Enter)], A::FollowNote, "follow a footnote marker (the clicked one, else the first shown; '' back)", "Bookmarks"),
    b(M::Reading, &[C('B')], A::OpenBookmarks, "list bookmarks", "Bookmarks"),
    b(M::Reading, &[C('+')], A::Wider, "wider column", "View"),
    b(M::Reading, &[C('-')], A::Narrower, "narrower column", "View"),
    b(M::Reading, &[C('=')], A::ResetWidth, "default column width", "View"),
    b(M::Reading, &[C('c')], A::CycleTheme, "theme: dark, light, plain", "View"),
    b(M::Reading, &[C('p')], A::TogglePinyin, "show/hide inline pinyin", "View"),
    b(M::Reading, &[C('P')], A::TogglePunctuation, "full-width/original punctuation", "View"),
    b(M::Reading, &[C('L')], A::ToggleReflow, "reflowed paragraphs ⇄ source lines", "View"),
    b(M::Reading, &[Ctrl('l')], A::Redraw, "redraw the screen", "View"),
    b(M::Reading, &[C('?')], A::Help, "this help", "Other"),
    b(M::Reading, &[Ctrl('z')], A::Suspend, "suspend (fg resumes; in every panel and prompt too)", "Other"),
    b(M::Reading, &[C('q'), Ctrl('c')], A::Quit, "quit (Ctrl-C in a panel or prompt closes it, like Esc)", "Other"),
    b(M::Navigator, &[K(KeyCode::Down), Ctrl('n'), C('j')], A::ListDown, "next entry (j only with empty filter)", "Navigator"),
    b(M::Navigator, &[K(KeyCode::Up), Ctrl('p'), C('k')], A::ListUp, "previous entry (k only with empty filter)", "Navigator"),
    b(M::Navigator, &[K(KeyCode::Home)], A::ListTop, "first entry", "Navigator"),
    b(M::Navigator, &[K(KeyCode::End)], A::ListBottom, "last entry", "Navigator"),
    b(M::Navigator, &[K(KeyCode::Enter)], A::ListEnter, "jump to the section", "Navigator"),
    b(M::Navigator, &[K(KeyCode::Esc), K(KeyCode::Tab), Ctrl('c')], A::Close, "close", "Navigator"),
    b(M::Navigator, &[K(KeyCode::Backspace)], A::Backspace, "type to filter; Backspace deletes", "Navigator"),
    b(M::VariantMenu, &[K(KeyCode::Down), C('j')], A::ListDown, "next variant", "Variant menu"),
    b(M::VariantMenu, &[K(KeyCode::Up), C('k')], A::ListUp, "previous variant", "Variant menu"),
    b(M::VariantMenu, &[K(KeyCode::Enter)], A::ListEnter, "choose (or 1–5)", "Variant menu"),
    b(M::VariantMenu, &[K(KeyCode::Esc), C('v'), C('q'), Ctrl('c')], A::Close, "close", "Variant menu"),
    b(M::Bookmarks, &[K(KeyCode::Down), C('j')], A::ListDown, "next bookmark", "Bookmark list"),
    b(M::Bookmarks, &[K(KeyCode::Up), C('k')], A::ListUp, "previous bookmark", "Bookmark list"),
    b(M::Bookmarks, &[K(KeyCode::Enter)], A::ListEnter, "jump to it", "Bookmark list"),
    b(M::Bookmarks, &[C('x'), K(KeyCode::Delete)], A::ListDelete, "delete it", "Bookmark list"),
    b(M::Bookmarks, &[K(KeyCode::Esc), C('B'), C('q'), Ctrl('c')], A::Close, "close", "Bookmark list"),
    b(M::Search, &[K(KeyCode::Enter)], A::SearchSubmit, "go to the first match after here", "Search prompt"),
    b(M::Search, &[K(KeyCode::Esc), Ctrl('c')], A::Close, "cancel, back to where you were", "Search prompt"),
    b(M::Search, &[K(KeyCode::Backspace)], A::Backspace, "delete a character", "Search prompt"),
    b(M::Help, &[K(KeyCode::Esc), C('?'), C('q'), Ctrl('c')], A::Close, "close help", "Help"),
    b(M::Help, &[K(KeyCode::Down), C('j')], A::ListDown, "scroll down", "Help"),
    b(M::Help, &[K(KeyCode::Up), C('k')], A::ListUp, "scroll up", "Help"),
    b(M::Help, &[C(' '), C('f'), K(KeyCode::PageDown), Ctrl('f')], A::PageDown, "down a page", "Help"),
    b(M::Help, &[C('b'), K(KeyCode::PageUp), Ctrl('b')], A::PageUp, "up a page", "Help"),
    b(M::Help, &[C('g'), K(KeyCode::Home)], A::ListTop, "top", "Help"),
    b(M::Help, &[C('G'), K(KeyCode::End)], A::ListBottom, "bottom", "Help"),
];

/// The action bound to `ev` in `mode`, if any.
pub fn lookup(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    KEYMAP
        .iter()
        .filter(|b| b.mode == mode)
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)
}

/// The keys of `action` in `mode`, joined for display (e.g. `j ↓`).
pub fn keys_of(mode: Mode, action: Action) -> String {
    KEYMAP
        .iter()
        .filter(|b| b.mode == mode && b.action == action)
        .flat_map(|b| b.keys.iter().map(|k| k.name()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                if a.mode != b.mode {
                    continue;
                }
                for k in a.keys {
                    assert!(!b.keys.contains(k), "{:?} bound twice in {:?}", k, a.mode);
                }
            }
        }
    }

    /// Every action; the `match` below fails to compile when one is added and not listed.
    const ALL: &[Action] = {
        use Action::*;
        &[
            LineDown,
            LineUp,
            PageDown,
            PageUp,
            HalfDown,
            HalfUp,
            Top,
            Bottom,
            NextSection,
            PrevSection,
            ToggleNavigator,
            ToggleScript,
            OpenVariantMenu,
            Help,
            Quit,
            StartSearch,
            NextMatch,
            PrevMatch,
            StartMark,
            StartJump,
            OpenBookmarks,
            Wider,
            Narrower,
            ResetWidth,
            CycleTheme,
            TogglePinyin,
            TogglePunctuation,
            ToggleReflow,
            FollowNote,
            Suspend,
            Redraw,
            ListDown,
            ListUp,
            ListTop,
            ListBottom,
            ListEnter,
            ListDelete,
            Close,
            SearchSubmit,
            Backspace,
        ]
    };

    #[allow(dead_code)]
    fn listed(a: Action) {
        use Action::*;
        match a {
            LineDown | LineUp | PageDown | PageUp | HalfDown | HalfUp | Top | Bottom
            | NextSection | PrevSection | ToggleNavigator | ToggleScript | OpenVariantMenu
            | Help | Quit | StartSearch | NextMatch | PrevMatch | StartMark | StartJump
            | OpenBookmarks | Wider | Narrower | ResetWidth | CycleTheme | TogglePinyin
            | TogglePunctuation | ToggleReflow | FollowNote | Suspend | Redraw | ListDown
            | ListUp | ListTop | ListBottom | ListEnter | ListDelete | Close | SearchSubmit
            | Backspace => {}
        }
    }

    #[test]
    fn every_action_is_bound_and_every_panel_can_be_closed() {
        for a in ALL {
            assert!(KEYMAP.iter().any(|b| b.action == *a), "{a:?} has no key");
        }
        for m in [
            Mode::Navigator,
            Mode::Help,
            Mode::Search,
            Mode::VariantMenu,
            Mode::Bookmarks,
        ] {
            assert!(
                KEYMAP
                    .iter()
                    .any(|b| b.mode == m && b.action == Action::Close),
                "{m:?} cannot be closed"
            );
        }
    }

    #[test]
    fn every_reading_action_has_a_key_and_label() {
        for b in KEYMAP {
            assert!(!b.keys.is_empty() && !b.label.is_empty());
        }
        let ev = KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE);
        assert_eq!(lookup(Mode::Reading, &ev), Some(Action::ToggleScript));
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Mode::Reading, &ev), Some(Action::Bottom));
        assert_eq!(keys_of(Mode::Reading, Action::LineDown), "j ↓");
    }
}
