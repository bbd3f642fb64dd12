use clap::Parser;

fn main() {
    let _args = yuedu::cli::Args::parse();
}
