//! The `yuedu` binary: arguments → document → reader (or `--dump` / `--toc`) → exit code.

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
            eprintln!("yuedu: {err:#}");
            ExitCode::FAILURE
        }
    }
}
