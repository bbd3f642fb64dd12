//! Variants, plans, conversion and script detection on the built-in engine, for a traditional
//! source (the bundled article) and a simplified one.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use yuedu::script::detect::{self, SAMPLE_BYTES};
use yuedu::script::{
    detect_script, engine, Config, Converter, EngineKind, Script, Scripter, Variant,
};
use yuedu::BUNDLED_ARTICLE;

/// Simplified text with the phrases OpenCC has to get right.
const SIMPLIFIED: &str = "今年2月，华为“天才少年计划”入选者徐科入职母校南京大学，他曾是华为云公司助理首席数据科学家。\n\
头发、理发、皇后、以后、面条、里面、一台电脑、台风、柜台、一只猫、关系、系鞋带、钟表、钟情、干燥、干部。\n\
我们用U盘拷贝软件，在云计算平台上计算芯片面积。乾隆皇帝下江南的故事，著名作家写过很多。\n";

fn builtin() -> Arc<dyn Converter> {
    engine(EngineKind::Builtin).unwrap()
}

fn scripter(source: Script) -> Scripter {
    Scripter::new(builtin(), source)
}

#[test]
fn variant_parse_accepts_names_and_short_forms() {
    for (names, v) in [
        (
            &["original", "o", "orig", "ORIGINAL"][..],
            Variant::Original,
        ),
        (
            &["simplified", "s", "zh-hans", "Hans"][..],
            Variant::Simplified,
        ),
        (
            &["traditional", "t", "zh-hant", "hant"][..],
            Variant::Traditional,
        ),
        (&["taiwan", "tw", "zh-TW"][..], Variant::Taiwan),
        (&["hongkong", "hk", "zh-hk"][..], Variant::HongKong),
    ] {
        for n in names {
            assert_eq!(Variant::parse(n), Some(v), "{n}");
        }
    }
    for bad in ["", "x", "hong kong", "simp", "tw2"] {
        assert_eq!(Variant::parse(bad), None, "{bad}");
    }
    let labels: Vec<_> = Variant::ALL.iter().map(|v| v.label()).collect();
    assert_eq!(labels, ["原文", "简体", "繁體", "臺灣", "香港"]);
}

#[test]
fn plans_follow_the_source_script() {
    use Config::*;
    let trad = scripter(Script::Traditional);
    let simp = scripter(Script::Simplified);
    let unknown = scripter(Script::Unknown);
    let expect = [
        (Variant::Original, vec![], vec![]),
        (Variant::Simplified, vec![T2s], vec![T2s]),
        (Variant::Traditional, vec![T2s, S2t], vec![S2t]),
        (Variant::Taiwan, vec![T2s, S2twp], vec![S2twp]),
        (Variant::HongKong, vec![T2s, S2hk], vec![S2hk]),
    ];
    for (v, from_trad, from_simp) in expect {
        assert_eq!(trad.plan(v), from_trad, "{v:?} from traditional");
        assert_eq!(unknown.plan(v), from_trad, "{v:?} from unknown");
        assert_eq!(simp.plan(v), from_simp, "{v:?} from simplified");
    }
}

#[test]
fn detects_traditional_simplified_and_no_han() {
    let e = builtin();
    assert_eq!(detect_script(&*e, BUNDLED_ARTICLE), Script::Traditional);
    assert_eq!(detect_script(&*e, SIMPLIFIED), Script::Simplified);
    let simplified_article = e.convert(Config::T2s, BUNDLED_ARTICLE);
    assert_eq!(detect_script(&*e, &simplified_article), Script::Simplified);
    assert_eq!(detect_script(&*e, "頭髮與鐘錶"), Script::Traditional);
    for none in ["", "Hello, world! 123\n", "こんにちは", "人大中山"] {
        assert_eq!(detect_script(&*e, none), Script::Unknown, "{none:?}");
    }
}

/// Counts the bytes it is asked to convert.
#[derive(Default)]
struct Counting {
    bytes: AtomicUsize,
    inner: yuedu::script::builtin::Builtin,
}

impl Converter for Counting {
    fn name(&self) -> &'static str {
        "counting"
    }
    fn convert(&self, config: Config, text: &str) -> String {
        self.bytes.fetch_add(text.len(), Ordering::Relaxed);
        self.inner.convert(config, text)
    }
}

#[test]
fn detection_of_a_100_mb_text_converts_only_a_sample() {
    // 100 MB: a simplified first half and a traditional second half, so the verdict depends on
    // chunks from both ends.
    let half = 50 * 1024 * 1024;
    let simp = "头发和钟表都很干燥。\n";
    let trad = "頭髮與鐘錶都很乾燥，後來的事情。\n";
    let mut text = simp.repeat(half / simp.len());
    text.push_str(&trad.repeat(half / trad.len()));
    let counting = Counting::default();
    let ev = detect::evidence(&counting, &text);
    let converted = counting.bytes.load(Ordering::Relaxed);
    assert!(converted <= 2 * SAMPLE_BYTES, "{converted} bytes converted");
    assert!(
        ev.t2s_changed_chars > 0 && ev.s2t_changed_chars > 0,
        "{ev:?}"
    );
}

#[test]
fn traditional_article_in_every_variant() {
    let s = scripter(detect_script(&*builtin(), BUNDLED_ARTICLE));
    assert_eq!(s.source_script(), Script::Traditional);
    // Original is exactly as written, leftovers included.
    assert_eq!(
        s.convert(Variant::Original, BUNDLED_ARTICLE),
        BUNDLED_ARTICLE
    );
    let simp = s.convert(Variant::Simplified, BUNDLED_ARTICLE);
    assert!(simp.contains("华为云公司") && simp.contains("南大并非") && simp.contains("90后"));
    assert!(!simp.contains("華") && !simp.contains("發"));
    // The round trip repairs the leftover simplified forms.
    for v in [Variant::Traditional, Variant::Taiwan, Variant::HongKong] {
        let out = s.convert(v, BUNDLED_ARTICLE);
        for repaired in ["雲公司", "南大並非", "90後"] {
            assert!(out.contains(repaired), "{v:?} lacks {repaired}");
        }
        for leftover in ["云公司", "并非", "90后"] {
            assert!(!out.contains(leftover), "{v:?} keeps {leftover}");
        }
        assert_eq!(out.lines().count(), BUNDLED_ARTICLE.lines().count());
    }
    // The variants differ from each other where their standards do.
    let t = s.convert(Variant::Traditional, BUNDLED_ARTICLE);
    let tw = s.convert(Variant::Taiwan, BUNDLED_ARTICLE);
    let hk = s.convert(Variant::HongKong, BUNDLED_ARTICLE);
    assert!(t != tw && t != hk && tw != hk);
}

#[test]
fn direct_configs_would_not_repair_the_article() {
    // Why Taiwan/Hong Kong go through simplified: t2tw/t2hk keep the leftovers (華為云).
    let e = builtin();
    for c in [Config::T2tw, Config::T2hk] {
        assert!(e.convert(c, BUNDLED_ARTICLE).contains("華為云"), "{c:?}");
    }
}

#[test]
fn simplified_source_in_every_variant() {
    let s = scripter(detect_script(&*builtin(), SIMPLIFIED));
    assert_eq!(s.source_script(), Script::Simplified);
    assert_eq!(s.convert(Variant::Original, SIMPLIFIED), SIMPLIFIED);
    // t2s leaves simplified text as it is, 乾隆 and 著名 included.
    assert_eq!(s.convert(Variant::Simplified, SIMPLIFIED), SIMPLIFIED);
    let t = s.convert(Variant::Traditional, SIMPLIFIED);
    for w in [
        "頭髮",
        "理髮",
        "皇后",
        "以後",
        "麪條",
        "裏面",
        "一臺電腦",
        "颱風",
        "櫃檯",
        "一隻貓",
        "關係",
        "繫鞋帶",
        "鐘錶",
        "鍾情",
        "乾燥",
        "幹部",
        "乾隆",
        "著名",
    ] {
        assert!(t.contains(w), "Traditional lacks {w}: {t}");
    }
    let tw = s.convert(Variant::Taiwan, SIMPLIFIED);
    for w in ["隨身碟", "軟體", "雲端計算", "麵條", "裡面"] {
        assert!(tw.contains(w), "Taiwan lacks {w}: {tw}");
    }
    let hk = s.convert(Variant::HongKong, SIMPLIFIED);
    assert!(hk.contains("頭髮") && hk.contains("裏面"), "{hk}");
}

#[test]
fn simplified_source_direct_equals_chain_through_t2s() {
    // Skipping t2s for a simplified source changes nothing but the cost.
    let e = builtin();
    let simplified_article = e.convert(Config::T2s, BUNDLED_ARTICLE);
    for text in [SIMPLIFIED, simplified_article.as_str()] {
        for c in [Config::S2t, Config::S2twp, Config::S2hk] {
            let direct = e.convert(c, text);
            let chain = e.convert(c, &e.convert(Config::T2s, text));
            assert_eq!(direct, chain, "{c:?}");
        }
    }
}

#[test]
fn conversion_survives_odd_input() {
    let s = scripter(Script::Traditional);
    for text in ["", "\0", "頭\0髮", "a\u{FEFF}b", "\u{10FFFF}", "🀄️ 發\r\n"] {
        for v in Variant::ALL {
            let out = s.convert(v, text);
            assert_eq!(out.matches('\0').count(), text.matches('\0').count());
        }
    }
}

#[test]
fn system_engine_is_a_clear_error_or_works() {
    match engine(EngineKind::System) {
        Ok(e) => assert_eq!(e.convert(Config::T2s, "頭髮"), "头发"),
        Err(err) => {
            assert!(
                !cfg!(feature = "system-opencc")
                    || !std::path::Path::new("/usr/share/opencc/t2s.json").exists()
            );
            assert!(err.to_string().contains("system OpenCC"), "{err}");
        }
    }
}
