//! # lianjian-portal — a demo district portal
//!
//! A runnable example of the whole product as a district would run it: a
//! mock portal page that embeds the enrollment and demand widgets, a server
//! that checks every posted record again with `lianjian::api` (the same
//! findings as in the browser) and stores it in SQLite, staff pages behind a
//! sign-in for the demand lifecycle, the joint meeting, supervision and
//! coverage, and Open311 GeoReport v2 endpoints over the same data.
//!
//! ```no_run
//! use clap::Parser;
//! # async fn start() -> Result<(), Box<dyn std::error::Error>> {
//! let config = lianjian_portal::Config::parse_from(["lianjian-portal", "--port", "0"]);
//! lianjian_portal::serve(config).await?;
//! # Ok(()) }
//! ```
//!
//! ## Data model
//!
//! - `enrollments`: the normalised enrollment records, one per enterprise and chain.
//! - `demands` + `demand_events`: the normalised demand records and their
//!   append-only lifecycle log; a demand's state is always the core
//!   lifecycle's replay of its log.
//! - `meetings`: the minutes of joint meetings.
//! - `corrections`: where staff assigned another department than the one
//!   suggested, the scrubbed text with both (exported for training).
//! - `centres`, `activities` + `activity_revisions` (append-only),
//!   `centre_usage` (append-only), `room_bookings`, `district_lines`
//!   (append-only): the district's records as the core checked them, read
//!   back through the core as a district folder, and room bookings decided by
//!   the core's booking model inside one transaction ([`store::centres`]).
//! - `users` + `sessions`: staff accounts (Argon2id) and sessions (hashed ids).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod admin;
pub mod config;
pub mod domain;
pub mod html;
pub mod http;
pub mod i18n;
pub mod roles;
pub mod seed;
pub mod store;

use std::io::Write;
use std::sync::Arc;

pub use config::{Clock, Config};

/// Runs a maintenance command when one is given; otherwise opens the data,
/// seeds it on first run, and serves until Ctrl-C or SIGTERM.
///
/// The port is bound first: when it is taken, the error names it and
/// nothing has been created (no account, no one-time password lost, no data
/// seeded).
pub async fn serve(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(command) = &config.command {
        return admin::run(&config, command);
    }
    let listener = tokio::net::TcpListener::bind(config.addr())
        .await
        .map_err(|e| {
            format!(
                "cannot listen on {}: {e} (is another portal running? choose another port with --port)",
                config.addr()
            )
        })?;
    let widget_wasm = config.widgets.join(http::public::WIDGET_WASM);
    let assets = config.assets_dir();
    let delivery = http::delivery::prepare(&config.widgets, &assets).map_err(|e| {
        format!(
            "cannot prepare the static files in {}: {e}",
            assets.display()
        )
    })?;
    if delivery.widgets {
        let (raw, gzip, brotli) = delivery
            .files
            .iter()
            .filter(|f| {
                !http::public::ASSETS
                    .iter()
                    .any(|(name, _, _)| *name == f.logical)
            })
            .fold((0, 0, 0), |(r, g, b), f| {
                (r + f.raw, g + f.gzip, b + f.brotli)
            });
        let kib = |n: usize| n as f64 / 1024.0;
        println!(
            "lianjian-portal: widget package served precompressed under hashed names: {:.1} KiB raw, {:.1} KiB gzip, {:.1} KiB brotli",
            kib(raw),
            kib(gzip),
            kib(brotli)
        );
    }
    if !widget_wasm.is_file() {
        eprintln!(
            "lianjian-portal: the widget package is missing ({} not found).\n\
             Build it with `bash scripts/build-wasm` (or pass --widgets DIR); until then the portal \
             page shows a notice instead of the forms.",
            widget_wasm.display()
        );
    }
    // The rules first: a holiday file that does not load stops the start
    // before anything is created.
    let domain = Arc::new(
        domain::Domain::with_holidays(&config.holidays)?
            .with_classifier(config.classifier.as_deref())?,
    );
    let store = store::Store::open(&config.data)
        .map_err(|e| format!("cannot open {}: {e}", config.data.display()))?;
    let files_dir = config.files_dir();
    let files = store::attachments::FileStore::open(&files_dir)
        .map_err(|e| format!("cannot open {}: {e}", files_dir.display()))?;
    let clock = config.clock();
    let password = store.run_now(|conn| store::accounts::ensure_admin(conn))?;
    if let Some(password) = password {
        println!(
            "lianjian-portal: created the staff account \"admin\"; its one-time password (shown only now): {password}"
        );
    }
    if !config.no_seed {
        let (enrollments, demands) =
            store.run_now(|conn| seed::seed(conn, &domain, clock.now()))?;
        if enrollments + demands > 0 {
            println!(
                "lianjian-portal: seeded {enrollments} enrollments and {demands} demands (synthetic)"
            );
        }
        let options = lianjian::api::Options {
            today: Some(clock.today().to_string()),
            ..lianjian::api::Options::default()
        };
        let (centres, activities, bookings) =
            store.run_now(|conn| store::centres::seed(conn, &options, clock.now()))?;
        if centres > 0 {
            println!(
                "lianjian-portal: seeded {centres} centres, {activities} activities and {bookings} room bookings (examples/district)"
            );
        }
    }
    let state = http::AppState {
        store,
        domain,
        clock,
        widgets: config.widgets.clone(),
        secure_cookies: config.secure_cookies,
        throttle: Arc::default(),
        files,
        flash: Arc::default(),
        track_throttle: Arc::default(),
        assets,
    };
    println!(
        "lianjian-portal: listening on http://{} (data: {})",
        listener.local_addr()?,
        config.data.display()
    );
    std::io::stdout().flush()?;
    axum::serve(listener, http::router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    println!("lianjian-portal: stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
