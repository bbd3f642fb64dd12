//! Making text harmless for a terminal: control characters and escape sequences never pass.

/// Returns the sanitized text and how many controls were removed or replaced.
/// PLACEHOLDER: drops C0/C1 controls except `\n` and `\t` (tabs become 4 spaces); CRLF → LF.
pub fn sanitize(text: String) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for c in text.chars() {
        match c {
            '\n' => out.push(c),
            '\t' => out.push_str("    "),
            c if c.is_control() => removed += 1,
            c => out.push(c),
        }
    }
    (out, removed)
}
