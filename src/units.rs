//! Units of measure. Display width is counted in terminal [`Cells`]. A byte offset into a
//! block's source text (as the file has it, after decoding) is a [`SourceByte`]; a byte offset
//! into the block's presented text (after script conversion and typography) is a
//! [`PresentedByte`]. The two are converted only through the block's
//! [`crate::offset_map::OffsetMap`]. Offsets inside one text that never cross between the two
//! are plain `usize` named `*_byte` (or ranges named `bytes`); char counts are named `chars`.

use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub, SubAssign};

/// A display width or column count in terminal cells (a Han character is 2 cells).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cells(pub usize);

impl Cells {
    pub const ZERO: Cells = Cells(0);

    /// Saturating subtraction.
    pub fn saturating_sub(self, rhs: Cells) -> Cells {
        Cells(self.0.saturating_sub(rhs.0))
    }

    /// The width as a `u16` for ratatui coordinates, clamped.
    pub fn as_u16(self) -> u16 {
        u16::try_from(self.0).unwrap_or(u16::MAX)
    }

    /// A `u16` terminal coordinate as cells.
    pub fn from_u16(v: u16) -> Cells {
        Cells(usize::from(v))
    }
}

impl Add for Cells {
    type Output = Cells;
    fn add(self, rhs: Cells) -> Cells {
        Cells(self.0 + rhs.0)
    }
}

impl AddAssign for Cells {
    fn add_assign(&mut self, rhs: Cells) {
        self.0 += rhs.0;
    }
}

impl Sub for Cells {
    type Output = Cells;
    fn sub(self, rhs: Cells) -> Cells {
        Cells(self.0 - rhs.0)
    }
}

impl SubAssign for Cells {
    fn sub_assign(&mut self, rhs: Cells) {
        self.0 -= rhs.0;
    }
}

impl Sum for Cells {
    fn sum<I: Iterator<Item = Cells>>(iter: I) -> Cells {
        Cells(iter.map(|c| c.0).sum())
    }
}

impl std::fmt::Display for Cells {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A byte offset into a block's source text (relative to the block's start in
/// [`crate::document::Document::text`]): what positions, bookmarks and search hits hold.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceByte(pub usize);

/// A byte offset into a block's presented text (what layout wraps and the screen shows).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PresentedByte(pub usize);
