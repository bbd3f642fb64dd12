//! The reader application: loading, state, keymap, update.

pub mod load;

use std::io::{self, IsTerminal, Write};

use crate::cli::Args;

/// Runs yuedu with parsed arguments.
pub fn run(args: Args) -> anyhow::Result<()> {
    let loaded = load::load(&args)?;
    let stdout = io::stdout();
    if args.toc {
        let mut out = io::BufWriter::new(stdout.lock());
        crate::dump::write_toc(&mut out, &loaded.doc, &loaded.scripter, &loaded.present)?;
        out.flush()?;
        return Ok(());
    }
    if args.dump || !stdout.is_terminal() {
        let mut out = io::BufWriter::new(stdout.lock());
        crate::dump::write_dump(
            &mut out,
            &loaded.doc,
            &loaded.scripter,
            &loaded.present,
            &loaded.wrap,
        )?;
        out.flush()?;
        return Ok(());
    }
    anyhow::bail!("the interactive reader is not built yet; use --dump")
}
