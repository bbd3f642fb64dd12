//! Terminal set-up and restore (also on panic and signals).
