//! Terminal transcripts and configuration files written flush left in a Chinese text, as a
//! text browser exports a manual's `<pre>` blocks (`w3m -dump` keeps their lines but not
//! their indentation): a login session (`foo login: penguin`, `Password:`, the message of the
//! day in English, `Last login: …`, `foo:~$`), a `sources.list`, a systemd unit. Without a
//! prompt `$ ` at their start ([`super::preformat`]) they would be read as hard-wrapped
//! English paragraphs, one paragraph per line.
//!
//! Evidence, in a text where at least half of the non-blank lines hold a wide (East Asian
//! Width W/F) character, so that English documents are left alone:
//! - a **narrow stanza** is a run of lines with no blank line between, flush left (its first
//!   line not indented: indented code is found by its indent, and pandoc's 4-space code
//!   blocks are left to the reflow's region rules), none of which holds a wide character
//!   (Chinese prose never is one);
//! - a narrow stanza with a **terminal line** — a login prompt (`foo login:`), `Password:`,
//!   `Last login: …`, a shell prompt alone (`foo:~$`) or before a command — is a transcript,
//!   and so is the whole run of narrow stanzas around it with only blank lines between them
//!   (the message of the day between the login and the prompt): one verbatim block, its
//!   blank lines kept;
//! - a narrow stanza whose lines are mostly **configuration lines** — `Key=value`,
//!   `[Section]`, `APT::Periodic::X "1";`, `deb http://…`, or at least two `Key: value`
//!   header lines (`Package: *`, `Pin: release a=unstable`) — is verbatim, and two such
//!   stanzas with only blank lines between them are one block (`[Unit]…⏎⏎[Socket]…`).

use crate::layout::width::is_wide;

use super::lines;

/// Marks the lines of transcripts and configuration stanzas in `verbatim` (one flag per line
/// of `text(i)`, without indent; `blank_before(i)` says whether a blank line comes before
/// line `i`), and returns the lines whose blank line(s) before them lie inside one verbatim
/// block (the block goes on across them). Linear.
pub fn mark<'a>(
    verbatim: &mut [bool],
    text: impl Fn(usize) -> &'a str,
    blank_before: impl Fn(usize) -> bool,
    indent: impl Fn(usize) -> usize,
) -> Vec<usize> {
    let n = verbatim.len();
    let mut glued = Vec::new();
    let narrow_line = |t: &str| !t.chars().any(is_wide);
    let wide_lines = (0..n).filter(|&i| !narrow_line(text(i))).count();
    if wide_lines * 2 < n {
        return glued;
    }
    let mut stanzas: Vec<Stanza> = Vec::new();
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && !blank_before(end) {
            end += 1;
        }
        let narrow = indent(start) == 0 && (start..end).all(|i| narrow_line(text(i)));
        let (mut terminal, mut config) = (false, false);
        if narrow {
            terminal = (start..end).any(|i| is_terminal_line(text(i)));
            let conf = (start..end).filter(|&i| is_config_line(text(i))).count();
            let headers = (start..end).filter(|&i| is_header_line(text(i))).count();
            let len = end - start;
            config = (conf + if headers >= 2 { headers } else { 0 }) * 2 > len;
        }
        stanzas.push((start, end, narrow, terminal, config));
        start = end;
    }
    // Runs of narrow stanzas (only blank lines between them).
    let mut k = 0;
    while k < stanzas.len() {
        if !stanzas[k].2 {
            k += 1;
            continue;
        }
        let mut e = k + 1;
        while e < stanzas.len() && stanzas[e].2 {
            e += 1;
        }
        let run = &stanzas[k..e];
        // A one-line stanza ending in a colon introduces what follows (`GNU tar(1):` before
        // `$ tar -cvJf …`): prose, and the end of a transcript before it.
        let intro = |s: &Stanza| s.1 - s.0 == 1 && !s.3 && text(s.0).ends_with([':', '：']);
        for part in run.split(intro) {
            let first = part.iter().position(|s| s.3);
            let last = part.iter().rposition(|s| s.3);
            let (Some(mut first), Some(last)) = (first, last) else {
                continue;
            };
            // A transcript: from its first terminal stanza to its last, one block, with a
            // one-line banner before it (`Debian GNU/Linux 11 foo tty1`).
            if first > 0 && part[first - 1].1 - part[first - 1].0 == 1 {
                first -= 1;
            }
            for (j, s) in part.iter().enumerate().take(last + 1).skip(first) {
                verbatim[s.0..s.1].fill(true);
                if j > first {
                    glued.push(s.0);
                }
            }
        }
        for (j, s) in run.iter().enumerate() {
            if s.4 {
                verbatim[s.0..s.1].fill(true);
                if j > 0 && run[j - 1].4 {
                    glued.push(s.0);
                }
            }
        }
        k = e;
    }
    glued.sort_unstable();
    glued.dedup();
    glued
}

/// A stanza: its first line, the line after it, whether it is narrow, whether it holds a
/// terminal line, whether it is configuration.
type Stanza = (usize, usize, bool, bool, bool);

/// A line a terminal prints at a login or before a command: `foo login:`,
/// `foo login: penguin`, `Password:`, `Last login: …`, a shell prompt alone (`foo:~$`,
/// `root@host:/etc#`) or before a command ([`lines::is_prompt`]).
pub fn is_terminal_line(t: &str) -> bool {
    let login = t.split_once(" login:").is_some_and(|(host, rest)| {
        !host.contains(' ') && (rest.is_empty() || rest.starts_with(' '))
    });
    login
        || t == "Password:"
        || t.starts_with("Password: ")
        || t.starts_with("Last login: ")
        || lines::is_prompt(t)
        || is_bare_prompt(t)
}

/// A shell prompt with nothing after it: `foo:~$`, `user@host:/etc#`.
fn is_bare_prompt(t: &str) -> bool {
    t.len() > 1
        && t.is_ascii()
        && !t.contains(' ')
        && (t.ends_with('$') || t.ends_with('#'))
        && t.contains([':', '@', '~'])
}

/// A line of a configuration file: `Key=value` (`EDITOR=vim`, `export EDITOR=mcedit`,
/// `Name=en*`), `[Section]`, an APT setting (`APT::Periodic::Update-Package-Lists "1";`) or an
/// APT source (`deb http://…`, `deb-src …`).
pub fn is_config_line(t: &str) -> bool {
    let ident = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    let assignment = t
        .strip_prefix("export ")
        .unwrap_or(t)
        .split_once('=')
        .is_some_and(|(k, _)| ident(k));
    let section = t.len() > 2
        && t.starts_with('[')
        && t.ends_with(']')
        && t[1..t.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.'));
    let apt = t.contains("::") && t.ends_with(';');
    let source = (t.starts_with("deb ") || t.starts_with("deb-src ")) && t.contains("://");
    assignment || section || apt || source
}

/// A `Key: value` header line (`Package: *`, `Pin-Priority: 700`, `MD5Sum:`): a key of ASCII
/// letters, digits and `-` starting with a letter, then `:` at the end or before a space.
pub fn is_header_line(t: &str) -> bool {
    let Some((key, rest)) = t.split_once(':') else {
        return false;
    };
    key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && (rest.is_empty() || rest.starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The flags and glued lines of `text` followed by a Chinese paragraph of ten lines (so
    /// that the text is Chinese); the flags of that paragraph are left out.
    fn run(text: &str) -> (Vec<bool>, Vec<usize>) {
        let text = format!("{text}\n\n{}", "中文的一行。\n".repeat(10));
        let mut lines: Vec<&str> = Vec::new();
        let mut blank = Vec::new();
        let mut gap = true;
        for l in text.lines() {
            if l.trim().is_empty() {
                gap = true;
            } else {
                lines.push(l.trim());
                blank.push(std::mem::take(&mut gap));
            }
        }
        let mut v = vec![false; lines.len()];
        let glued = mark(&mut v, |i| lines[i], |i| blank[i], |_| 0);
        assert!(v[v.len() - 10..].iter().all(|&f| !f));
        v.truncate(v.len() - 10);
        (v, glued)
    }

    /// The login session of the Debian Reference (1.1.1), as `w3m -dump` writes it.
    #[test]
    fn a_flush_left_login_session_is_one_block() {
        let text = "系统以保存在 \"/etc/motd\" 中的欢迎信息来开始，同时显示一个\n命令提示符。\n\n\
            Debian GNU/Linux 11 foo tty1\n\nfoo login: penguin\nPassword:\n\
            Linux foo 5.10.0-6-amd64 #1 SMP Debian 5.10.28-1 (2021-04-09) x86_64\n\n\
            The programs included with the Debian GNU/Linux system are free software;\n\
            the exact distribution terms for each program are described in the\n\n\
            Last login: Thu May 13 08:47:13 JST 2021 on tty1\nfoo:~$\n\n\
            现在，你就在 shell 下。shell 解析你的命令。\n";
        let (v, glued) = run(text);
        assert_eq!(
            v,
            [false, false, true, true, true, true, true, true, true, true, false]
        );
        assert_eq!(glued, [3, 6, 8]);
    }

    #[test]
    fn config_stanzas_and_english_prose() {
        let text =
            "在文件中写入：\n\n[Unit]\nDescription=SSH Socket\n\n[Socket]\nListenStream=22\n\n\
            这是说明。\n\nPackage: *\nPin: release a=unstable\n\n\
            The programs included with the system are free software;\nsee the copyright.\n\n\
            GNU tar(1):\n\n$ tar -cvJf archive.tar.xz ./source\n\n\
            中文一行。\n中文二行。\n";
        let (v, glued) = run(text);
        assert_eq!(
            v,
            [
                false, true, true, true, true, false, true, true, false, false, false, true, false,
                false
            ]
        );
        assert_eq!(glued, [3]);
    }

    #[test]
    fn an_english_text_is_left_alone() {
        let text = "Hello there.\nA line.\n\nfoo login: penguin\nPassword:\n".repeat(5);
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        let mut v = vec![false; lines.len()];
        let glued = mark(&mut v, |i| lines[i], |i| i % 2 == 0, |_| 0);
        assert!(v.iter().all(|&f| !f));
        assert!(glued.is_empty());
    }
}
