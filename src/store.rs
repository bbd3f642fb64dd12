//! Settings (TOML, XDG config dir) and per-file state (JSON, XDG state dir, atomic writes).
