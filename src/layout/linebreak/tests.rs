//! Unit tests of the break classes and penalties.

use super::*;

fn pens(s: &str) -> String {
    let mut v = Vec::new();
    analyze(s, AmbiguousWidth::Narrow, true, &mut v);
    let mut out = String::new();
    for (i, c) in v.iter().enumerate() {
        if i > 0 {
            out.push(match c.before {
                Penalty::Allowed => '|',
                Penalty::Url => '/',
                Penalty::NoStart => '<',
                Penalty::Word => '~',
                Penalty::Strong => '=',
                Penalty::Never => '_',
            });
        }
        out.push_str(&s[c.start_byte..c.end_byte]);
    }
    out
}

#[test]
fn han_and_punctuation() {
    assert_eq!(pens("我们，去。"), "我|们<，|去<。");
    assert_eq!(pens("说：“好。”然"), "说<：|“=好<。<”|然");
    assert_eq!(pens("五——六"), "五<—=—|六");
    assert_eq!(pens("生……”"), "生<…=…<”");
}

#[test]
fn latin_digits_urls() {
    assert_eq!(pens("三2017年"), "三|2=0=1=7|年");
    assert_eq!(pens("约90%以"), "约|9=0<%|以");
    assert_eq!(pens("于OpenVid-1M训"), "于|O~p~e~n~V~i~d<-/1~M|训"); // after `-`: a clean cut
    assert_eq!(
        pens("见https://a.cn/x页"),
        "见|h=t=t=p=s=:=/=//a/.=c=n=//x|页"
    );
    assert_eq!(pens("用 ratatui 写"), "用_ |r~a~t~a~t~u~i_ |写");
}

#[test]
fn half_width_after_han() {
    assert_eq!(pens("年,AI"), "年<,|A~I");
    assert_eq!(pens("導,8位"), "導<,|8|位");
    assert_eq!(pens("a,b"), "a<,~b");
}

#[test]
fn pinyin_annotation_is_glued() {
    assert_eq!(pens("三發(fā)展"), "三|發~(=f~ā~)|展");
    assert_eq!(pens("三(注)"), "三|(=注<)");
}

#[test]
fn clusters_are_not_split() {
    let mut v = Vec::new();
    analyze(
        "a👩\u{200d}💻e\u{301}❤\u{fe0f}",
        AmbiguousWidth::Narrow,
        true,
        &mut v,
    );
    let w: Vec<u8> = v.iter().map(|c| c.width).collect();
    assert_eq!(w, [1, 2, 1, 2]);
}

#[test]
fn urls_and_paths_are_found() {
    fn spans(s: &str) -> Vec<&str> {
        url_spans(s).into_iter().map(|u| &s[u.bytes]).collect()
    }
    assert_eq!(spans("见https://a.cn/x。"), ["https://a.cn/x"]);
    assert_eq!(
        spans("(see http://a.org/b_(c)), then"),
        ["http://a.org/b_(c)"]
    );
    assert_eq!(spans("在 /usr/share/doc/ 下"), ["/usr/share/doc/"]);
    assert_eq!(
        spans("编辑 ~/.config/yuedu/config.toml；"),
        ["~/.config/yuedu/config.toml"]
    );
    assert_eq!(spans("运行 ../bin/x 与 ./a/b"), ["../bin/x", "./a/b"]);
    assert_eq!(spans("www.debian.org/doc，"), ["www.debian.org/doc"]);
    // Not paths: a slash inside a word, a single segment.
    assert!(spans("TCP/IP 和 and/or 与 /etc 与 1/2").is_empty());
    let u = &url_spans("a https://x.cn/y")[0];
    assert_eq!((u.bytes.clone(), u.scheme_end, u.path), (2..16, 10, false));
    let p = &url_spans("a ~/x/y")[0];
    assert_eq!((p.bytes.clone(), p.scheme_end, p.path), (2..7, 4, true));
}

#[test]
fn urls_break_only_at_clean_points() {
    // After `/` and `//`, before `.` `?` `#` `&` `=` `-` `_`; never inside the scheme.
    assert_eq!(
        pens("http://a.b/c?d=e&f#g-h_i"),
        "h=t=t=p=:=/=//a/.=b=//c/?=d/==e/&=f/#=g/-=h/_=i"
    );
    assert_eq!(pens("见/usr/lib页"), "见|/=u=s=r=//l=i=b|页");
    assert_eq!(pens("../a-b/c"), ".=.=/=a/-=b=//c");
    assert_eq!(pens("~/.a/b"), "~=/=.=a=//b");
    // Doubled marks stay together; the boundaries around the URL keep their rules.
    assert_eq!(
        pens("x http://a--b.c/d。"),
        "x_ |h=t=t=p=:=/=//a/-=-=b/.=c=//d<。"
    );
}

#[test]
fn dash_runs_break_inside() {
    // A run of eight or more dashes is breakable inside (a drawn line, not a word), so the
    // clause before it is never pushed down with its `：` at a line start.
    assert_eq!(pens("行：--------"), "行<：<-|-|-|-|-|-|-|-");
    assert_eq!(pens("行：========"), "行<：|=|=|=|=|=|=|=|=");
    assert_eq!(pens("＊＊＊＊＊＊＊＊"), "＊|＊|＊|＊|＊|＊|＊|＊");
    // Shorter runs stay glued: the `____` blanks of old novel texts.
    assert_eq!(pens("童____倒"), "童|_~_~_~_|倒");
    // An em-dash run keeps its glue: `—` never starts a line.
    assert_eq!(pens("——————"), "—=—=—=—=—=—");
    // Shorter runs keep their glue: `--` in options, `——` (clreq unbreakable marks).
    assert_eq!(pens("a--b"), "a<-<-|b");
    assert_eq!(pens("五——六"), "五<—=—|六");
}
