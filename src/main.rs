//! The `yuedu` binary: arguments → document → reader (or `--dump` / `--toc`) → exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // `+N` / `+/pattern` are taken off before clap, which has no syntax for them.
    let (argv, start) = yuedu::pager::split_start_args(std::env::args_os());
    let mut args = yuedu::cli::Args::parse_from(argv);
    args.start = start;
    match yuedu::app::run(args, yuedu::ui::draw) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A closed pipe (`yuedu --dump | head`) is not an error.
            if let Some(io) = err.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            // Not `eprintln!`, which panics when stderr cannot be written (`2>/dev/full`).
            // Values in the message (a label, a path) are printed escaped.
            let msg = format!("{err:#}");
            let msg = yuedu::document::sanitize::escaped(&msg);
            let _ = writeln!(std::io::stderr(), "yuedu: {msg}");
            ExitCode::FAILURE
        }
    }
}
