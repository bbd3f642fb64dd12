//! Preferring Chinese encodings when chardetng is unsure (short files, mixed signals).
//!
//! chardetng is tuned for web pages; on a few bytes of GBK it may answer EUC-KR (`你好` as
//! GBK, `C4 E3 BA C3`, is also valid EUC-KR), and its TLD hints are too strong to use
//! as they are: with a `cn` hint it answers GBK even for long Big5 text, with `tw` Big5 even
//! for long GBK text. So yuedu asks chardetng without a hint and then checks its answer
//! against the two Chinese decodings, GBK (decoded as GB18030, its superset) and Big5:
//!
//! - each decoding is scored over the sample windows: invalid sequences, Han characters,
//!   CJK punctuation, and how many Han characters are among ~1,600 of the most frequent
//!   ones (the 1,200 most frequent simplified characters and their traditional forms);
//! - a decoding is *plausible* when it has at most one invalid sequence per 50 non-ASCII
//!   characters and at least 80% of its non-ASCII characters are Han or CJK punctuation;
//! - when chardetng answered GBK or Big5, the other one replaces it only if it is plausible
//!   and has strictly more frequent characters (`謝謝你的幫忙` in GBK is read as Big5 by
//!   chardetng);
//! - when chardetng answered another legacy encoding (EUC-KR, Shift_JIS, windows-125x, …),
//!   the plausible Chinese decoding with more frequent characters (GBK on a tie) replaces
//!   it if at least 60% of its Han characters are frequent ones. Korean in EUC-KR also
//!   decodes as GBK without error, but into less frequent characters (about 30% frequent),
//!   so it stays EUC-KR.

use encoding_rs::{Encoding, BIG5, GB18030, GBK};

/// Counts over one decoding of the sample, in chars.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Score {
    /// Invalid byte sequences (U+FFFD made).
    invalid: usize,
    /// Non-ASCII chars decoded.
    non_ascii: usize,
    /// Han chars (CJK Unified Ideographs, Extension A, compatibility ideographs).
    han: usize,
    /// CJK and full-width punctuation, general punctuation (`“”…—`), middle dot.
    punct: usize,
    /// Han chars among [`COMMON_HAN`].
    common: usize,
}

impl Score {
    fn of(enc: &'static Encoding, chunks: &[&[u8]]) -> Score {
        let mut s = Score::default();
        for chunk in chunks {
            let (text, _) = enc.decode_without_bom_handling(chunk);
            for c in text.chars() {
                if c.is_ascii() {
                    continue;
                }
                s.non_ascii += 1;
                match c {
                    '\u{fffd}' => s.invalid += 1,
                    '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' => {
                        s.han += 1;
                        s.common += usize::from(is_common_han(c));
                    }
                    '\u{3000}'..='\u{303f}'
                    | '\u{ff00}'..='\u{ffef}'
                    | '\u{2010}'..='\u{2027}'
                    | '\u{00b7}' => s.punct += 1,
                    _ => {}
                }
            }
        }
        s
    }

    /// Few invalid sequences and mostly Han or CJK punctuation (see the module docs).
    fn plausible(&self) -> bool {
        self.han > 0
            && self.invalid.saturating_mul(50) <= self.non_ascii
            && (self.han + self.punct).saturating_mul(10) >= self.non_ascii.saturating_mul(8)
    }

    /// At least 60% of the Han chars are frequent ones (real Chinese text: about 90%; Korean
    /// read as GBK, which spreads over GB2312's 3,755 level-1 characters: about 30%).
    fn frequent(&self) -> bool {
        self.common.saturating_mul(10) >= self.han.saturating_mul(6)
    }
}

/// Checks chardetng's `guess` for bytes that are not UTF-8 against the GBK and Big5
/// decodings of `chunks` (the sample windows), and returns the encoding to use (see the
/// module docs for the rules). UTF-8, UTF-16 and ISO-2022-JP guesses are returned as they
/// are. Linear in the sample's length in bytes.
pub(super) fn prefer_chinese(guess: &'static Encoding, chunks: &[&[u8]]) -> &'static Encoding {
    if guess == encoding_rs::UTF_8
        || guess == encoding_rs::UTF_16LE
        || guess == encoding_rs::UTF_16BE
        || guess == encoding_rs::ISO_2022_JP
    {
        return guess;
    }
    let gbk = Score::of(GBK, chunks);
    let big5 = Score::of(BIG5, chunks);
    let chinese_guess = guess == GBK || guess == GB18030 || guess == BIG5;
    if chinese_guess {
        let (mine, other, other_enc) = if guess == BIG5 {
            (big5, gbk, GBK)
        } else {
            (gbk, big5, BIG5)
        };
        return if other.plausible() && other.common > mine.common {
            other_enc
        } else {
            guess
        };
    }
    let best = match (gbk.plausible(), big5.plausible()) {
        (true, true) if big5.common > gbk.common => Some((BIG5, big5)),
        (true, _) => Some((GBK, gbk)),
        (false, true) => Some((BIG5, big5)),
        (false, false) => None,
    };
    match best {
        Some((enc, score)) if score.frequent() => enc,
        _ => guess,
    }
}

/// What [`prefer_chinese`] answers whatever chardetng guessed, when that does not depend on
/// the guess: one of the GBK and Big5 decodings is plausible, frequent, and has strictly more
/// frequent characters than the other. For GBK, Big5 or any other legacy guess the rules
/// above then give that decoding (chardetng never answers GB18030, UTF-8 for invalid UTF-8,
/// or ISO-2022-JP, which yuedu denies it), so chardetng — the larger part of choosing the
/// encoding of a large GB18030 file before its first screen — need not run.
pub(super) fn clearly_chinese(chunks: &[&[u8]]) -> Option<&'static Encoding> {
    let gbk = Score::of(GBK, chunks);
    let big5 = Score::of(BIG5, chunks);
    let (enc, mine, other) = if big5.common > gbk.common {
        (BIG5, big5, gbk)
    } else {
        (GBK, gbk, big5)
    };
    (mine.plausible() && mine.frequent() && mine.common > other.common).then_some(enc)
}

/// True when `c` is one of the frequent Han chars of [`COMMON_HAN`] (binary search over its
/// 3-byte UTF-8 sequences, which sort like the code points).
fn is_common_han(c: char) -> bool {
    let mut buf = [0u8; 4];
    let key = c.encode_utf8(&mut buf).as_bytes();
    if key.len() != 3 {
        return false;
    }
    let table = COMMON_HAN.as_bytes();
    let (mut lo, mut hi) = (0usize, table.len() / 3);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match table[mid * 3..mid * 3 + 3].cmp(key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// About 1,600 frequent Han characters, sorted by code point, all in U+4E00..U+9FFF (3 bytes
/// of UTF-8 each): the ~1,200 most frequent characters of modern Chinese text (after Jun Da's
/// frequency list), in simplified form and in the traditional (Taiwan) form that OpenCC gives.
const COMMON_HAN: &str = concat!(
    "一丁七万三上下不与专且世业东丝两严並个中临为主丽举乃久么义之乎乐九也习乡书买乱乾",
    "亂了予争事二于云互五亚些亞亡交亦产京亮亲人亿什仅今介仍从他付代令以们件价任份企伊",
    "休众优伙会伟传伤伦伯伸似但位低住体佔何余佛作你使來例供依侧侵便促俄保信修個們倒候",
    "借倫值假偉做停健側傑備傳傷僅像價億優儿元兄充先光克免兒党入內全兩八公六兰共关兴兵",
    "其具典养内再写军农冰冲决况冷准减几凡出击刀分切刑划列刘则刚创初判別利别到制刺刻則",
    "前剑剛剧副創劃劇劉劍力办功加务动助努劳势勒動務勝勞勢包化北区医區十千升午半华协協",
    "单卖南博占卡卫印危即却卷卻厂历压原去县参參又及友双反发取受变口古句另只叫可台史右",
    "叶号司吃各合吉同名后向吗君否吧含听吳吴吸呀告员呢周味呼命和品哈响員哥哪哲唐售唯商",
    "啊問善喜喝單嗎嘴器嚴四回因团园困围固国图圆國圍園圓圖團土圣在地场均坏坐块坚坛坦型",
    "埃城域執培基堂堅報場塊塔塞境增壇壓壞士声处备复夏外多夜够夠夢夥大天太夫央失头奇套",
    "奥奧女她好如妇妈妻姆始姐姑姓委威娘婚婦媽子字存孙学孩孫學宁它宇守安宋完宗官定宝实",
    "审客宣室宫宮害家容宽密富察實寧審寫寬寶对寻导封射将將專尊尋對導小少尔尚尤就尼尽局",
    "层居屋展属層屬山岁岛岸島川州工左巨差己已巴市布师希帝带師席帮帶常幫干平年并幸幾广",
    "庄床序库应底店府度座庫庭康廠廣延建开异弃弄式引弟张弱張強弹强彈归当录形影往征待很",
    "律後徒得從微徵德心必忍志忘忙快念忽怀态怎怒怕思急性怪总恐恩息恶您悲情惊惡想意愛感",
    "愿態慢慮應懷戏成我或战戰戲戶户房所手才打托执扩扬批找承技把抓投抗折护报抱抵担拉拍",
    "招拥择括拿持指按挥振损换据授掉掌排採探接控推措提揚換握揮損搖搞摆摇摩擁擇擊擔據擴",
    "擺支收改攻放政故效敌救敗教敢散数整敵數文斗料断斯新斷方於施旁旅族无既日旧早时明易",
    "星春是显時晚普景智暗暴曲更書曾替最會月有朋服望朝期木未末本术朱机杀杂权李材村束条",
    "来杨杰東松板极构析林果枪架某染查标树校样核根格案梅條梦检棄森植楊楚業極楼概榮構槍",
    "樂樓標模樣樹機檢權次欢欧欲款歌歐歡止正此步武歲歷歸死残殘段殺毀毁母每毒比毕毛毫民",
    "气氣水永求汉江決沉沒沙没河油治況法波注泽洋洛洞洲活派流测济海消深混清渐減温測港游",
    "湖湾源準溫滅满滿演漢漸潛潜澤激濟灣火灭灯灵炮炸点為烈烟热無然煙照熟熱燈營爭爱父爷",
    "爸爺爾片版牙牛物特犯状狀狂独猛獨獲率玉王玩环现班現球理環甚生產用田由甲申电男画界",
    "留畢略畫異當疑疗疯病痛瘋療登發白百的皇皮益监盖盘盛盟盡監盤目直相省看真眼眾着睛睡",
    "督知短石研破础确確礎示礼社祖神票禁福禮离秀私秋种科秘积称移稅程税種稱稳積穩究空穿",
    "突窗立站竞竟章端競笑笔第筆等筑答策简算管節範篇築簡米类精系紀約紅納純紙級素索紧細",
    "終組結絕絡給統絲經綠維網緊線編緩練縣總織繼續红约级纪纯纳纸线练组细织终经结给络绝",
    "统继续维绿缓编缺网罗罪置羅美群義習翻老考者而耳职联聖聞聯聲職聽肉股肯育背胜胡能脑",
    "脚脫脱脸腦腳臉臣臨自至致臺與興舉舊舞航般舰船艦良色艺节花苏若苦英范草荣药莊莫获華",
    "营萨萬落葉著蒙蓋薩藏藝藥蘇蘭虎虑處虚虛號虽血行術街衛衝衣补表被装補裝裡西要覆見規",
    "視親覺觀见观规视觉角解言計討訓託記訪設許訴評詞試詩話該認語誠誤說誰調談請論諸諾謀",
    "謂講謝證識警議護讀變讓计认讨让训议记讲许论设访证评识诉词试诗诚话该语误说请诸诺读",
    "谁调谈谋谓谢谷象貝負財貨責貴買費貿資賣質購賽贝负财责败货质购贵贸费资赛走赵赶起超",
    "越趕趙趣足跑跟跡路跳身車軍軟較載輕輪輸轉车转轮软轻载较输辦農边达迅过迎运近还这进",
    "远连迫述迷迹追退送适逃选透逐途這通速造連進遇運遍過道達遗遠適遭選遺避還邊那郑部都",
    "鄉鄭配酒醒醫采释釋里重野量金針銀銷錄錢錯鍾鎮鐵针钟钱铁银销错镇長长門閃開間關门闪",
    "问间闻队防阳阴阵阶阿附际陆陈降限院陣除险陰陳陸陽隊階随隐際隨險隱难雄雅集雖雙雜離",
    "難雨雪雲雷電需震露靈青静靜非靠面革音響頁頂項順須預頓領頭題額願類顧顯页顶项顺须顾",
    "顿预领题额風风飛飞食飯養餘館饭馆首香馬驗驚马验骨體高鬥鬼魚魯鮮鱼鲁鲜麗麻麼黃黄黑",
    "默點黨鼓齊齐龍龙",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_han() {
        let chars: Vec<char> = COMMON_HAN.chars().collect();
        assert!(chars.len() > 1500);
        assert!(chars.windows(2).all(|w| w[0] < w[1]));
        assert!(chars.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c)));
        assert!(chars.iter().all(|&c| is_common_han(c)));
        assert!(!is_common_han('𠀀') && !is_common_han('a') && !is_common_han('龘'));
    }

    #[test]
    fn scores() {
        let (gbk, _, _) = GBK.encode("你好，世界");
        let s = Score::of(GBK, &[&gbk]);
        assert_eq!((s.invalid, s.han, s.punct, s.common), (0, 4, 1, 4));
        assert!(s.plausible() && s.frequent());
        let (kr, _, _) = encoding_rs::EUC_KR.encode("안녕하세요 여러분, 오늘은 날씨가 좋습니다");
        let s = Score::of(GBK, &[&kr]);
        assert!(!s.frequent(), "{s:?}");
    }

    /// The shortcut answers only when chardetng's guess does not matter, and then as the
    /// full check does with chardetng's guess.
    #[test]
    fn clearly_chinese_agrees_with_chardetng_and_the_check() {
        let article = crate::BUNDLED_ARTICLE;
        let simplified = "他们回到家的时候，天已经黑了。母亲在厨房里做饭，父亲坐在门口看报纸。\n";
        let samples: Vec<(Vec<u8>, bool)> = vec![
            (GBK.encode(&simplified.repeat(50)).0.into_owned(), true),
            (BIG5.encode(article).0.into_owned(), true),
            (GBK.encode(article).0.into_owned(), true),
            // chardetng reads this as Big5; the check (and the shortcut) as GBK.
            (GBK.encode("謝謝你的幫忙").0.into_owned(), true),
            (
                encoding_rs::EUC_KR
                    .encode(&"안녕하세요 여러분. 오늘은 날씨가 아주 좋습니다.\n".repeat(20))
                    .0
                    .into_owned(),
                false,
            ),
            (
                encoding_rs::SHIFT_JIS
                    .encode(&"今日はとても良い天気です。公園へ散歩に行きました。\n".repeat(20))
                    .0
                    .into_owned(),
                false,
            ),
        ];
        for (bytes, clear) in samples {
            let chunks = [&bytes[..bytes.len().min(16 << 10)]];
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(chunks[0], true);
            let full = prefer_chinese(det.guess(None, chardetng::Utf8Detection::Allow), &chunks);
            let fast = clearly_chinese(&chunks);
            assert_eq!(fast.is_some(), clear, "{fast:?} for {}", full.name());
            if let Some(enc) = fast {
                assert_eq!(enc, full);
            }
        }
    }
}
