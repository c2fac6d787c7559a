//! Maintenance on the command line: `lianjian-portal admin reset-password
//! NAME` gives an account a new one-time password when nobody can sign in
//! to do it on the accounts page. It needs only the data file (the server
//! may be running: SQLite serialises the write), and is in the audit log as
//! done from the command line.

use crate::config::{AdminCommand, Command, Config};
use crate::store::{audit, users, Store};

/// Runs a maintenance command; its output goes to stdout, its failure is the error.
pub fn run(config: &Config, command: &Command) -> Result<(), Box<dyn std::error::Error>> {
    let Command::Admin(AdminCommand::ResetPassword { name }) = command;
    let store = Store::open(&config.data)
        .map_err(|e| format!("cannot open {}: {e}", config.data.display()))?;
    let now = config.clock().now();
    let reset = store.run_now(|conn| {
        let Some(user) = users::find(conn, name)? else {
            return Ok(None);
        };
        let reset = users::reset_password(conn, user.id)?;
        audit::record(
            conn,
            now,
            "command line",
            "password_reset",
            &format!("user {name}"),
            audit::Outcome::Done,
            "",
        )?;
        Ok(reset.ok())
    })?;
    let Some((user, password)) = reset else {
        return Err(format!("no account named \"{name}\" in {}", config.data.display()).into());
    };
    println!(
        "lianjian-portal: new one-time password of \"{}\" (shown only now; to be replaced at the next sign-in): {password}",
        user.username
    );
    if user.disabled {
        println!(
            "lianjian-portal: note: the account is disabled; an administrator enables it on the accounts page"
        );
    }
    Ok(())
}
