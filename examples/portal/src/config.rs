//! What the server is told at start: where to listen, where the data and the
//! widget package are, and which clock to read.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use clap::Parser;

/// China Standard Time, UTC+8: the district's dates and deadlines.
pub fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The command line (every flag also reads a `LIANJIAN_PORTAL_*` variable).
#[derive(Debug, Clone, Parser)]
#[command(
    name = "lianjian-portal",
    about = "A demo district portal: widgets, re-validation, staff pages, Open311"
)]
pub struct Config {
    /// Port on 127.0.0.1; 0 picks a free one (the chosen address is printed).
    #[arg(long, env = "LIANJIAN_PORTAL_PORT", default_value_t = 8080)]
    pub port: u16,
    /// The SQLite data file, created with its folder if missing.
    #[arg(
        long,
        global = true,
        env = "LIANJIAN_PORTAL_DATA",
        default_value = "target/portal/portal.db"
    )]
    pub data: PathBuf,
    /// The folder of the files demands come with (created if missing);
    /// by default `files/` beside the data file.
    #[arg(long, env = "LIANJIAN_PORTAL_FILES")]
    pub files: Option<PathBuf>,
    /// The widget package built by `bash scripts/build-wasm`.
    #[arg(long, env = "LIANJIAN_PORTAL_WIDGETS", default_value = "wasm/pkg")]
    pub widgets: PathBuf,
    /// Mark the session cookie `Secure` (behind HTTPS; off for plain http on 127.0.0.1).
    #[arg(long, env = "LIANJIAN_PORTAL_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// A fixed "now" (RFC 3339) instead of the clock: for tests and screenshots.
    #[arg(long, env = "LIANJIAN_PORTAL_NOW", value_parser = parse_now)]
    pub now: Option<DateTime<FixedOffset>>,
    /// Do not seed an empty database with the demo chains, roster and demands.
    #[arg(long, env = "LIANJIAN_PORTAL_NO_SEED")]
    pub no_seed: bool,
    /// A year's published holiday schedule (JSON, the shape of
    /// core/catalog/holidays/2026.json), loaded beside the built-in ones and
    /// replacing the built-in schedule of its year. Repeatable; the variable
    /// takes a comma-separated list.
    #[arg(
        long,
        env = "LIANJIAN_PORTAL_HOLIDAYS",
        value_name = "FILE",
        value_delimiter = ','
    )]
    pub holidays: Vec<PathBuf>,
    /// The district's classifier model (JSON, written by `lianjian classify
    /// --train` from the corrections this portal exports), used instead of
    /// the built-in one by the staff pages and offered to the demand form.
    #[arg(long, env = "LIANJIAN_PORTAL_CLASSIFIER", value_name = "FILE")]
    pub classifier: Option<PathBuf>,
    /// A maintenance command instead of serving.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Maintenance commands, run against the data file and then ended.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Account administration on the command line (for an administrator
    /// who cannot sign in).
    #[command(subcommand)]
    Admin(AdminCommand),
}

/// `lianjian-portal admin …`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum AdminCommand {
    /// Gives the account NAME a new one-time password (printed once; to be
    /// replaced at the next sign-in) and ends its sessions.
    ResetPassword {
        /// The account's sign-in name.
        name: String,
    },
}

fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text).map_err(|e| format!("--now: {e}"))
}

impl Config {
    /// The address to bind: always the loopback interface.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }

    /// The folder of received files.
    pub fn files_dir(&self) -> PathBuf {
        self.files.clone().unwrap_or_else(|| {
            self.data
                .parent()
                .map_or_else(|| PathBuf::from("files"), |dir| dir.join("files"))
        })
    }

    /// The folder of content-hashed, precompressed static files: `assets/`
    /// beside the data file.
    pub fn assets_dir(&self) -> PathBuf {
        self.data
            .parent()
            .map_or_else(|| PathBuf::from("assets"), |dir| dir.join("assets"))
    }

    /// The clock these options describe.
    pub fn clock(&self) -> Clock {
        match self.now {
            Some(at) => Clock::Fixed(at),
            None => Clock::System,
        }
    }
}

/// Where "now" comes from. Checks never read it themselves: the server reads
/// it once per request and passes the date in.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    /// The system clock, in China time.
    System,
    /// Always the same instant.
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    /// The current instant in China time.
    pub fn now(self) -> DateTime<FixedOffset> {
        match self {
            Clock::System => Utc::now().with_timezone(&china()),
            Clock::Fixed(at) => at.with_timezone(&china()),
        }
    }

    /// Today's date in China.
    pub fn today(self) -> NaiveDate {
        self.now().date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_is_read_in_china_time() {
        let clock = Clock::Fixed(parse_now("2026-11-24T20:00:00Z").unwrap());
        assert_eq!(clock.today().to_string(), "2026-11-25");
        assert_eq!(clock.now().offset().local_minus_utc(), 8 * 3600);
    }

    #[test]
    fn listens_on_loopback_only() {
        let config = Config::parse_from(["lianjian-portal", "--port", "0"]);
        assert!(config.addr().ip().is_loopback());
        assert!(parse_now("tomorrow").is_err());
    }
}
