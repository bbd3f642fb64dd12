//! Tests of encoding detection and decoding.
use super::*;

fn dec(bytes: &[u8]) -> Decoded {
    decode(bytes, None, false, "t").unwrap()
}

#[test]
fn utf8_and_bom() {
    let d = dec("\u{feff}中文".as_bytes());
    assert_eq!((d.text.as_str(), d.encoding), ("中文", "UTF-8"));
    let d = dec("中文".as_bytes());
    assert_eq!(d.text, "中文");
}

#[test]
fn utf16_with_and_without_bom() {
    let s = "第一章 開始\n這是一段文字。\n";
    let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let d = dec(&[&[0xff, 0xfe][..], &le].concat());
    assert_eq!((d.text.as_str(), d.encoding), (s, "UTF-16LE"));
    let d = dec(&[&[0xfe, 0xff][..], &be].concat());
    assert_eq!((d.text.as_str(), d.encoding), (s, "UTF-16BE"));
    // Han whose low byte is 0 (一 is U+4E00) puts NULs at the "wrong" parity too.
    let han = "一個人走在路上，一直走到天黑。\n".repeat(40);
    let le: Vec<u8> = han.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(dec(&le).text, han);
    let be: Vec<u8> = han.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(dec(&be).text, han);
    // Chinese without any NUL byte at all.
    let no_nul = "中文字書".repeat(40);
    let le: Vec<u8> = no_nul.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(dec(&le).text, no_nul);
    let ascii = "Chapter 1\nIt was a dark night.\n".repeat(5);
    let le: Vec<u8> = ascii.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let d = dec(&le);
    assert_eq!((d.text.as_str(), d.encoding), (ascii.as_str(), "UTF-16LE"));
    let be: Vec<u8> = ascii.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(dec(&be).encoding, "UTF-16BE");
}

#[test]
fn legacy_chinese() {
    let s =
        "第一章 山城夜雨\r\n那天晚上，雨下得很大，我们在旧书店里躲雨，老板给我们泡了一壶茶。\r\n"
            .repeat(4);
    let (gbk, _, _) = encoding_rs::GBK.encode(&s);
    let d = dec(&gbk);
    assert_eq!(d.text, s);
    assert!(
        d.encoding == "GBK" || d.encoding == "gb18030",
        "{}",
        d.encoding
    );
    let t = "第一章 山城夜雨\n那天晚上，雨下得很大，我們在舊書店裡躲雨，老闆給我們泡了一壺茶。\n"
        .repeat(4);
    let (big5, _, _) = encoding_rs::BIG5.encode(&t);
    let d = dec(&big5);
    assert_eq!((d.text.as_str(), d.encoding), (t.as_str(), "Big5"));
}

#[test]
fn detection_samples_the_middle() {
    let mut s = "a plain ascii line\n".repeat(20_000);
    s.push_str(&"那天晚上，雨下得很大，我們在舊書店裡躲雨，老闆給我們泡了一壺茶。\n".repeat(50));
    s.push_str(&"another ascii line\n".repeat(20_000));
    let (big5, _, _) = encoding_rs::BIG5.encode(&s);
    assert!(big5.len() > 3 * SAMPLE_BYTES);
    let d = dec(&big5);
    assert_eq!(d.encoding, "Big5");
    assert_eq!(d.replacements, 0);
}

#[test]
fn invalid_utf8_is_replaced_and_counted() {
    let mut b = "這是一段很長的好文字，".repeat(10).into_bytes();
    b.extend_from_slice(&[0xff, 0xfe, b'x']);
    b.extend_from_slice("後面也很好。".as_bytes());
    let d = dec(&b);
    assert_eq!(d.encoding, "UTF-8");
    assert!(
        d.text.ends_with("\u{fffd}\u{fffd}x後面也很好。"),
        "{}",
        d.text
    );
    assert_eq!(d.replacements, 2);
}

#[test]
fn binary_refused_unless_forced() {
    let b = [
        0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0,
    ];
    assert!(matches!(
        decode(&b, None, false, "a.out"),
        Err(OpenError::Binary { .. })
    ));
    assert!(decode(&b, None, true, "a.out").is_ok());
    let controls: Vec<u8> = (0u8..200).map(|i| (i % 6) + 1).collect();
    assert!(decode(&controls, None, false, "x").is_err());
}

#[test]
fn forced_labels() {
    let (gbk, _, _) = encoding_rs::GBK.encode("中文");
    let d = decode(&gbk, Some("gbk"), false, "t").unwrap();
    assert_eq!((d.text.as_str(), d.encoding), ("中文", "GBK"));
    let d = decode("\u{feff}中".as_bytes(), Some("utf-8"), false, "t").unwrap();
    assert_eq!(d.text, "中");
    assert!(matches!(
        decode(b"x", Some("klingon"), false, "t"),
        Err(OpenError::UnknownEncoding { .. })
    ));
}

#[test]
fn by_value_matches_by_reference() {
    let mut bad = "好文字，".repeat(20).into_bytes();
    bad.push(0xff);
    let long = "第一章 山城夜雨。".repeat(20);
    let (gbk, _, _) = encoding_rs::GBK.encode(&long);
    for b in [
        "\u{feff}中文".as_bytes().to_vec(),
        "中文".as_bytes().to_vec(),
        vec![0xef, 0xbb, 0xbf, b'a', 0xff, b'b'],
        bad,
        gbk.into_owned(),
        Vec::new(),
    ] {
        let r = decode(&b, None, false, "t").unwrap();
        let v = decode_vec(b, None, false, "t").unwrap();
        assert_eq!(
            (r.text, r.encoding, r.replacements),
            (v.text, v.encoding, v.replacements)
        );
    }
}

#[test]
fn empty_is_empty() {
    let d = dec(b"");
    assert_eq!((d.text.as_str(), d.replacements), ("", 0));
}

#[test]
fn short_chinese_prefers_chinese_encodings() {
    // `你好` in GBK is C4 E3 BA C3, also valid EUC-KR (chardetng alone says EUC-KR).
    let d = dec(&[0xc4, 0xe3, 0xba, 0xc3]);
    assert_eq!((d.text.as_str(), d.encoding), ("你好", "GBK"));
    for s in [
        "你好，世界",
        "中文",
        "第一章",
        "我们",
        "我們",
        "這是一本書。",
        "这是一本书。",
        "　　他說：「好。」",
        "　　他说：“好。”",
        "台灣",
        "謝謝你的幫忙",
        "谢谢你的帮忙",
    ] {
        let (gbk, _, e) = encoding_rs::GBK.encode(s);
        assert!(!e);
        let d = dec(&gbk);
        assert_eq!((d.text.as_str(), d.replacements), (s, 0), "GBK {s}");
        assert_eq!(d.encoding, "GBK", "GBK {s}");
        let (big5, _, e) = encoding_rs::BIG5.encode(s);
        if e {
            continue; // simplified-only characters have no Big5 code
        }
        let d = dec(&big5);
        assert_eq!((d.text.as_str(), d.encoding), (s, "Big5"), "Big5 {s}");
    }
}

#[test]
fn long_chinese_both_ways() {
    let s =
        "第三章 歸途\n　　他們回到家的時候，天已經黑了。母親在廚房裡做飯，父親坐在門口看報紙。\n"
            .repeat(300);
    let (big5, _, _) = encoding_rs::BIG5.encode(&s);
    let d = dec(&big5);
    assert_eq!(
        (d.text.as_str(), d.encoding, d.replacements),
        (s.as_str(), "Big5", 0)
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&s);
    let d = dec(&gbk);
    assert_eq!(
        (d.text.as_str(), d.encoding, d.replacements),
        (s.as_str(), "GBK", 0)
    );
    let s =
        "第三章 归途\n　　他们回到家的时候，天已经黑了。母亲在厨房里做饭，父亲坐在门口看报纸。\n"
            .repeat(300);
    let (gbk, _, _) = encoding_rs::GBK.encode(&s);
    let d = dec(&gbk);
    assert_eq!(
        (d.text.as_str(), d.encoding, d.replacements),
        (s.as_str(), "GBK", 0)
    );
}

#[test]
fn other_legacy_encodings_are_kept() {
    let ko =
        "안녕하세요 여러분. 오늘은 날씨가 아주 좋습니다. 우리는 공원에 가서 산책을 했습니다.\n"
            .repeat(10);
    let (kr, _, _) = encoding_rs::EUC_KR.encode(&ko);
    assert_eq!(dec(&kr).encoding, "EUC-KR");
    let ja = "今日はとても良い天気です。私たちは公園へ散歩に行きました。\n".repeat(10);
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&ja);
    assert_eq!(dec(&sjis).encoding, "Shift_JIS");
    let fr = "Le café était déjà fermé, mais la crème brûlée restait très appréciée.\n".repeat(5);
    let (w, _, _) = encoding_rs::WINDOWS_1252.encode(&fr);
    let d = dec(&w);
    assert_eq!((d.text.as_str(), d.encoding), (fr.as_str(), "windows-1252"));
}

#[test]
fn half_utf8_half_gbk_is_utf8_with_replacements() {
    let utf8_part = "　　这是用 UTF-8 写的前半部分，内容很好。\n".repeat(40);
    let gbk_text = "　　这是用国标码写的后半部分，读出来就会坏掉。\n".repeat(40);
    let (gbk_part, _, _) = encoding_rs::GBK.encode(&gbk_text);
    for bytes in [
        [utf8_part.as_bytes(), &gbk_part].concat(),
        [&gbk_part[..], utf8_part.as_bytes()].concat(),
    ] {
        let d = dec(&bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains(utf8_part.as_str()), "{}", d.text);
        assert!(d.replacements >= 40 * 10, "{}", d.replacements);
        let v = decode_vec(bytes, None, false, "t").unwrap();
        assert_eq!(
            (v.text, v.encoding, v.replacements),
            (d.text, d.encoding, d.replacements)
        );
    }
    // Mostly GBK with a little UTF-8 stays GBK (the UTF-8 part is then unreadable).
    let bytes = [
        "　　开头。\n".as_bytes(),
        &encoding_rs::GBK.encode(&gbk_text.repeat(5)).0,
    ]
    .concat();
    assert_eq!(dec(&bytes).encoding, "GBK");
}
