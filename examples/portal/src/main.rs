//! `lianjian-portal`: serves the demo district portal on 127.0.0.1.

#![forbid(unsafe_code)]

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = lianjian_portal::Config::parse();
    match lianjian_portal::serve(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lianjian-portal: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
