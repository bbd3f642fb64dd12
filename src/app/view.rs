//! The reader's page: what [`crate::layout::page`] lays out for the app's viewport, and the
//! mouse's way back from a screen cell to the text. The view itself (blocks laid out on
//! demand, walked line by line) is [`crate::layout::view`]; it is re-exported here for the
//! app's modules.

use crate::layout::page::{self, Marks, Page};
use crate::units::{Cells, SourceByte};

pub use crate::layout::view::{LayoutKey, LineRef, Position, View};

use super::state::App;

impl App {
    /// The page on screen: `height` rows from the top line, with the search matches (and
    /// the current one) marked. The article renderer draws exactly this.
    pub fn page(&mut self, height: usize) -> Page {
        let marks = Marks {
            matches: &self.search.matches,
            current: self.search.current,
            selection: self.selection.clone(),
        };
        page::build(
            &mut self.view,
            &self.doc,
            &self.scripter,
            self.top,
            height,
            &marks,
        )
    }

    /// The screen cell where the reading column starts (its left edge, first row).
    pub fn column_origin(&self) -> (u16, u16) {
        let (x, width) = if self.nav_is_side_panel() {
            let nav = self.nav_panel_width();
            (nav, self.term_width - nav)
        } else {
            (0, self.term_width)
        };
        let col = self.column_width().as_u16().min(width);
        (x + (width - col) / 2, 0)
    }

    /// The source position drawn at screen cell (`x`, `y`), if text is drawn there.
    pub fn hit_test(&mut self, x: u16, y: u16) -> Option<Position> {
        let (x0, y0) = self.column_origin();
        let (col, row) = (x.checked_sub(x0)?, y.checked_sub(y0)?);
        if usize::from(row) >= self.page_height() {
            return None;
        }
        let page = self.page(self.page_height());
        page.hit_test(usize::from(row), Cells::from_u16(col))
    }

    /// A click at (`x`, `y`) in the article: selects (highlights) the word drawn there and
    /// returns its source range; a click beside the text clears the selection.
    pub fn click(&mut self, x: u16, y: u16) -> Option<(usize, std::ops::Range<SourceByte>)> {
        let hit = self.hit_test(x, y);
        // A link: its URL in the status line, as a browser shows it on hover.
        if let Some(url) = hit.and_then(|p| self.link_at(p)) {
            self.say(format!("link: {url}"));
        }
        self.selection = hit.map(|p| {
            let bytes = page::word_at(&self.doc.block_text(p.block), SourceByte(p.byte));
            (p.block, bytes)
        });
        self.selection.clone()
    }

    /// The URL of the link at `p`, if a link's text is there.
    pub fn link_at(&self, p: Position) -> Option<String> {
        let block = self.doc.blocks.get(p.block)?;
        block
            .annotations
            .iter()
            .find(|a| a.kind == crate::document::AnnotationKind::Link && a.bytes.contains(&p.byte))
            .map(|a| a.text.clone())
    }
}
