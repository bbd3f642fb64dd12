//! The `yuedu` binary: arguments → document → reader (or `--dump` / `--toc`) → exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = yuedu::cli::Args::parse();
    match yuedu::app::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A closed pipe (`yuedu --dump | head`) is not an error.
            if let Some(io) = err.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            // Not `eprintln!`, which panics when stderr cannot be written (`2>/dev/full`).
            let _ = writeln!(std::io::stderr(), "yuedu: {err:#}");
            ExitCode::FAILURE
        }
    }
}
