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
    assert_eq!(pens("于OpenVid-1M训"), "于|O~p~e~n~V~i~d<-~1~M|训");
    assert_eq!(
        pens("见https://a.cn/x页"),
        "见|h~t~t~p~s<:~/~/~a<.~c~n~/~x|页"
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
