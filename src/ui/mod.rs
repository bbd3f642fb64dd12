//! Drawing: ratatui widgets for the article, navigator, status line and overlays.
