//! For the UI tests: the reader drawn into a ratatui `TestBackend`, as text (one line per
//! row; a wide character's continuation cell is skipped, so rows read as written).

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::app::state::App;

/// Draws `app` at its terminal size and returns the screen's text.
pub(super) fn screen(app: &mut App) -> String {
    let backend = TestBackend::new(app.term_width, app.term_height);
    let mut term = Terminal::new(backend).unwrap();
    term.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}
