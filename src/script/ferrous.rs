//! The default engine: `ferrous-opencc`, a pure-Rust OpenCC with OpenCC's dictionaries built in.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

use super::{Config, Converter};

/// The pure-Rust engine; each config's dictionaries load on first use.
#[derive(Default)]
pub struct Ferrous {
    loaded: Mutex<HashMap<Config, Arc<OpenCC>>>,
}

fn builtin(config: Config) -> BuiltinConfig {
    match config {
        Config::S2t => BuiltinConfig::S2t,
        Config::T2s => BuiltinConfig::T2s,
        Config::S2tw => BuiltinConfig::S2tw,
        Config::S2twp => BuiltinConfig::S2twp,
        Config::S2hk => BuiltinConfig::S2hk,
        Config::T2tw => BuiltinConfig::T2tw,
        Config::T2hk => BuiltinConfig::T2hk,
        Config::Tw2s => BuiltinConfig::Tw2s,
        Config::Hk2s => BuiltinConfig::Hk2s,
    }
}

impl Ferrous {
    fn get(&self, config: Config) -> Option<Arc<OpenCC>> {
        let mut map = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cc) = map.get(&config) {
            return Some(cc.clone());
        }
        let cc = Arc::new(OpenCC::from_config(builtin(config)).ok()?);
        map.insert(config, cc.clone());
        Some(cc)
    }
}

impl Converter for Ferrous {
    fn name(&self) -> &'static str {
        "ferrous-opencc (built in)"
    }

    fn convert(&self, config: Config, text: &str) -> String {
        match self.get(config) {
            Some(cc) => cc.convert(text),
            None => text.to_string(),
        }
    }
}
