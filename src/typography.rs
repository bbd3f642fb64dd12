//! Display transforms for scraped Chinese text: inline pinyin annotations, punctuation width.
