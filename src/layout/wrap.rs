//! Greedy first-fit wrapping with push-out, on a cell grid.
//!
//! Each hard line (split at `\n`) is analysed into clusters and break penalties
//! ([`super::linebreak::analyze`]), then filled greedily: a line takes clusters while they fit
//! and breaks at the last opportunity. Because no opportunity exists before a no-start mark, the
//! character before it moves down with it (clreq "push-out", the default strategy for a
//! terminal grid where squeezing is impossible). A break at spaces drops them.
//!
//! Emergency (a group, i.e. a run with no break opportunity inside, wider than the column): the
//! line is filled as far as possible and cut between grapheme clusters at the weakest glue
//! ([`super::linebreak::Penalty`]) and, among boundaries of that weakest glue, the latest one
//! that fits. Hence, in order: a cut before `——`/`……`, then at a clean point of a URL, path or
//! hyphenated word, then before another no-start mark (closest to the column end), then
//! inside a word, then inside `——`/`……` or after an opening mark. A run of closing marks moves
//! down whole (a cut inside it ranks after the cut before it, clreq push-out: `區(qū)` / `”，`),
//! except that a cut just before a `——`/`……` pair ranks with the cut before the run, and the
//! later one wins: `（ConfigurationManager）` / `——` keeps the bracket closed, which we prefer to
//! a line starting with `）`. Both starts are forced, but GB/T 15834-2011 §5.1 only forbids
//! splitting `——`/`……` (our no-start list adds them as a tailoring), whereas `）` and `。` at
//! a line start break §5.1.1–5.1.2 outright.
//! Nothing is lost and no line is wider than the column, except a single cluster wider than
//! the whole column (a 2-cell char at width 1), which gets a line of its own.
//!
//! A group is only cut where it stands when its core (without its trailing closing run, which
//! the emergency rule would push down anyway) is wider than the column; otherwise it moves to a
//! new line whole, so `https://example.com/docs/a、……` at 28 cells gives the URL its own line.
//! A group cut where it stands never leaves a line ending in strong glue when it could start
//! the next line instead (`她收到了（` / `Configurat…` at 10 cells becomes `她收到了` /
//! `（Configur`).

use super::linebreak::{analyze, Class, Cluster, Penalty};
use super::width::str_width;
use super::{VisualLine, WrapOptions};
use crate::units::Cells;

/// Lays out `text` into visual lines of at most `opts.width` cells.
///
/// Units: `VisualLine::bytes` are byte ranges into `text`; widths are [`Cells`]. Each `\n`
/// ends a hard line (so `"a\n"` gives two lines, `""` one empty line); break spaces and the
/// `\n` are outside every range. `opts.width == Cells(0)` gives one line per hard line.
/// With `hanging_punctuation`, one `、，。,.` may hang past the column (a line is then at most
/// `width + 2` cells). Rules: see [`super::linebreak`] (UAX #14 + clreq).
pub fn wrap(text: &str, opts: &WrapOptions) -> Vec<VisualLine> {
    wrap_glued(text, opts, &[], 0)
}

/// [`wrap`], with no break opportunity inside the byte ranges `glued` (of a text of which
/// `text` starts at byte `at`; sorted, not overlapping): a ruby base is one unit (CSS Ruby
/// Layout 1 §3.4: a line break inside a ruby base is not allowed unless it is longer than
/// the line), cut there only by the emergency rule, as inside a word.
pub fn wrap_glued(
    text: &str,
    opts: &WrapOptions,
    glued: &[std::ops::Range<usize>],
    at: usize,
) -> Vec<VisualLine> {
    let mut lines = Vec::with_capacity(text.len() / opts.width.0.max(8) + 1);
    let mut clusters = Vec::new();
    let mut base = 0;
    for hard in text.split('\n') {
        if opts.width.0 == 0 {
            lines.push(VisualLine {
                bytes: base..base + hard.len(),
                width: str_width(hard, opts.ambiguous),
            });
        } else {
            analyze(hard, opts.ambiguous, opts.cjk_rules, &mut clusters);
            if !glued.is_empty() {
                for c in &mut clusters {
                    let p = at + base + c.start_byte;
                    let i = glued.partition_point(|g| g.start < p);
                    if i > 0 && glued[i - 1].end > p {
                        c.before = c.before.max(Penalty::Word);
                    }
                }
            }
            fill(&clusters, base, hard.len(), opts, &mut lines);
        }
        base += hard.len() + 1;
    }
    lines
}

/// Greedy fill of one analysed hard line starting at byte `base` of the text, `len` bytes long.
fn fill(cl: &[Cluster], base: usize, len: usize, opts: &WrapOptions, out: &mut Vec<VisualLine>) {
    let max = opts.width.0;
    let droppable = |c: &Cluster| opts.cjk_rules && c.class == Class::Space;
    let mut start = 0; // first cluster of the current line
    let mut i = 0;
    'lines: loop {
        let mut w = 0usize; // width up to the end of the last solid cluster
        let mut spaces = 0usize; // width of the spaces after it
        let mut solid_end = start; // index just past the last solid cluster
        let mut solid_seen = false;
        let mut best: Option<(usize, usize, usize)> = None; // (break index, width, solid_end)
        while i < cl.len() {
            let c = &cl[i];
            if i > start && c.before == Penalty::Allowed {
                best = Some((i, w, solid_end));
            }
            let cw = usize::from(c.width);
            if droppable(c) && solid_seen {
                spaces += cw;
                i += 1;
                continue;
            }
            if w + spaces + cw > max && i > start {
                let hang = opts.hanging_punctuation
                    && spaces == 0
                    && matches!(c.first, '、' | '，' | '。' | ',' | '.')
                    && w + cw <= max + 2
                    && cl
                        .get(i + 1)
                        .is_none_or(|n| n.before == Penalty::Allowed || droppable(n));
                if !hang {
                    let (k, lw, end) = match best {
                        // The group from the opportunity on must be cut anyway: fill this
                        // line first (greedy stays tight) rather than leave it short, unless
                        // the only cut that fits is strong glue (after `（`, inside `——`,
                        // between digits): then the group starts the next line.
                        Some(found @ (b, _, _)) if b < i && core_width(cl, b) > max => {
                            let cut = emergency(cl, start, b, i);
                            if cl[cut.0].before < Penalty::Strong {
                                cut
                            } else {
                                found
                            }
                        }
                        Some(found) => found,
                        None => emergency(cl, start, start, i),
                    };
                    out.push(line(cl, base, start, end, lw));
                    start = k;
                    i = k;
                    continue 'lines;
                }
            }
            w += spaces + cw;
            spaces = 0;
            solid_end = i + 1;
            solid_seen = true;
            i += 1;
        }
        // End of the hard line: trailing spaces stay when they fit.
        let (end_byte, lw) = if spaces > 0 && w + spaces > max {
            (cl.get(solid_end).map_or(len, |c| c.start_byte), w)
        } else {
            (len, w + spaces)
        };
        let start_byte = cl.get(start).map_or(len, |c| c.start_byte);
        out.push(VisualLine {
            bytes: base + start_byte..base + end_byte,
            width: Cells(lw),
        });
        return;
    }
}

/// The visual line of clusters `start..end`, of width `w`.
fn line(cl: &[Cluster], base: usize, start: usize, end: usize, w: usize) -> VisualLine {
    let s = cl.get(start).map_or(0, |c| c.start_byte);
    let e = if end > start { cl[end - 1].end_byte } else { s };
    VisualLine {
        bytes: base + s..base + e,
        width: Cells(w),
    }
}

/// Width in cells of the core of the unbreakable group starting at cluster `from`: up to the
/// next break opportunity, without its trailing run of no-start marks (and spaces, and whole
/// `——`/`……` pairs, whose inner glue is strong), which the emergency rule would push to the
/// next line first. A core wider than the column must be cut.
fn core_width(cl: &[Cluster], from: usize) -> usize {
    let end = cl[from + 1..]
        .iter()
        .position(|c| c.before == Penalty::Allowed)
        .map_or(cl.len(), |n| from + 1 + n);
    let mut core_end = end;
    while core_end > from + 1 {
        let k = core_end - 1;
        let c = &cl[k];
        if c.before == Penalty::NoStart || c.class == Class::Space {
            core_end = k;
            continue;
        }
        // The tail of a `——`/`……` run: strip it with its head when the head is a no-start.
        let mut head = k;
        while head > from + 1 && pair_continues(cl, head) {
            head -= 1;
        }
        if head < k && head > from && cl[head].before == Penalty::NoStart {
            core_end = head;
        } else {
            break;
        }
    }
    cl[from..core_end]
        .iter()
        .map(|c| usize::from(c.width))
        .sum()
}

/// How bad an emergency cut just before `c` is (lower is better): [`Penalty`]'s order, except
/// that a clean point inside a URL, path or hyphenated word ([`Penalty::Url`]) ranks before a
/// cut that would start a line with a mark clreq forbids outright (`，。、）」` …, GB/T
/// 15834-2011 §5.1.1–5.1.2). Only a cut before `——`/`……` (forbidden by our tailoring, not by
/// §5.1, which only forbids splitting them) stays the first choice. So
/// `（"/usr/share/doc/…/filesystems/*"），` cuts after a `/` rather than start a line with `）`,
/// and `OpenVid-1M，` at 10 cells gives `OpenVid-` / `1M，`.
fn cut_level(c: &Cluster) -> u8 {
    match c.before {
        Penalty::Allowed => 0,
        Penalty::NoStart if matches!(c.first, '—' | '…') => 1,
        Penalty::Url => 2,
        Penalty::NoStart => 3,
        Penalty::Word => 4,
        Penalty::Strong => 5,
        Penalty::Never => 6,
    }
}

/// True when cluster `k` continues a `——` or `……` (clreq unbreakable marks) begun before it.
fn pair_continues(cl: &[Cluster], k: usize) -> bool {
    k > 0 && k < cl.len() && matches!(cl[k].first, '—' | '…') && cl[k - 1].first == cl[k].first
}

/// Cluster `i` does not fit on the line from `start` and the group from `lo` on is wider than
/// the column (or there is no opportunity, `lo == start`): cut at the boundary in `lo+1..=i`
/// with the weakest penalty, the latest of those (every candidate fits, so the line is filled
/// as far as that glue allows; see the module docs). Returns (break index, line width, solid
/// end) as `best` does.
fn emergency(cl: &[Cluster], start: usize, lo: usize, i: usize) -> (usize, usize, usize) {
    // Rank: the penalty, and within no-start glue a cut inside a run of closing marks ranks
    // after the cut before the run (`區(qū)` / `”，` keeps `”，` together, clreq push-out),
    // except a cut just before a `——`/`……` pair, which ranks with it (the line holds more and
    // the bracket or comma before the pair stays on it).
    let rank = |k: usize| {
        let after_mark = cl[k - 1].before == Penalty::NoStart || pair_continues(cl, k - 1);
        let inside_run =
            cl[k].before == Penalty::NoStart && after_mark && !pair_continues(cl, k + 1);
        (cut_level(&cl[k]), inside_run)
    };
    let mut pick = i;
    let mut pick_rank = rank(i);
    for k in (lo + 1..i).rev() {
        let r = rank(k);
        if r < pick_rank {
            pick = k;
            pick_rank = r;
        }
    }
    // Width and solid end of start..pick (spaces before a cut are dropped).
    let mut end = pick;
    while end > start + 1
        && cl[end - 1].class == Class::Space
        && cl[end - 1].before == Penalty::Never
    {
        end -= 1;
    }
    let w = cl[start..end].iter().map(|c| usize::from(c.width)).sum();
    (pick, w, end)
}
