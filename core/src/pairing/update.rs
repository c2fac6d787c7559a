//! What a new version of a stored pairing may change: records are
//! append-only. Plans, outcomes, reports,
//! parties, renewals and amendments only grow; a pairing ends once; every
//! other change to what was recorded is a correction, and a correction is an
//! amendment — appended in the new version, with its reason — whose
//! `target` names the entry (`outcomes[0]`, `reports[1].summary`,
//! `parties[2].liaison`, `theme`).

use super::record::{Amendment, Pairing, PairingStatus};
use crate::findings::{Code, Path, Report};

/// Checks `next` (already valid on its own) against the stored `previous`
/// version of the same pairing: each change not covered by a new amendment
/// is a `pairing_rewritten` error at the changed entry's path.
pub fn check_update(previous: &Pairing, next: &Pairing) -> Report {
    let mut report = Report::new();
    let root = Path::root();
    let new_amendments: &[Amendment] = if next.amendments.len() >= previous.amendments.len()
        && next.amendments[..previous.amendments.len()] == previous.amendments[..]
    {
        &next.amendments[previous.amendments.len()..]
    } else {
        // Amendments themselves are never amended: the first that differs
        // is the finding, and none of the new ones counts.
        let at = first_difference(&previous.amendments, &next.amendments);
        report.add(Code::PairingRewritten, root.key("amendments").index(at));
        &[]
    };
    let targets: Vec<Path> = new_amendments
        .iter()
        .filter_map(|a| Path::parse(&a.target))
        .collect();
    let covered = |path: &Path| {
        targets.iter().any(|t| {
            t.segments().starts_with(path.segments()) || path.segments().starts_with(t.segments())
        })
    };
    let mut field = |key: &'static str, same: bool| {
        let path = root.key(key);
        if !same && !covered(&path) {
            report.add(Code::PairingRewritten, path);
        }
    };
    field("id", previous.id == next.id);
    field("theme", previous.theme == next.theme);
    field("kind", previous.kind == next.kind);
    field("chain", previous.chain == next.chain);
    field("contents", previous.contents == next.contents);
    field("signed_on", previous.signed_on == next.signed_on);
    // Validity grows through renewals, not by rewriting the signed date.
    field("valid_until", previous.valid_until == next.valid_until);
    // A pairing ends once: active → ended is an entry; the way back, or a
    // different end, is a correction.
    let ended = previous.status == PairingStatus::Ended;
    field("status", !ended || next.status == PairingStatus::Ended);
    field("ended_on", !ended || previous.ended_on == next.ended_on);
    field(
        "end_reason",
        previous.end_reason.is_none() || previous.end_reason == next.end_reason,
    );
    grows(
        &mut report,
        &covered,
        "parties",
        &previous.parties,
        &next.parties,
    );
    grows(&mut report, &covered, "plan", &previous.plan, &next.plan);
    grows(
        &mut report,
        &covered,
        "outcomes",
        &previous.outcomes,
        &next.outcomes,
    );
    grows(
        &mut report,
        &covered,
        "reports",
        &previous.reports,
        &next.reports,
    );
    // Renewals are dated entries of their own: never amended away.
    grows(
        &mut report,
        &|_| false,
        "renewals",
        &previous.renewals,
        &next.renewals,
    );
    report.sort_by_schema(&super::check::TOP);
    report
}

/// Each entry of `previous` is still there, unchanged, at its index — or an
/// amendment covers it.
fn grows<T: PartialEq>(
    report: &mut Report,
    covered: &dyn Fn(&Path) -> bool,
    key: &'static str,
    previous: &[T],
    next: &[T],
) {
    for (i, entry) in previous.iter().enumerate() {
        let path = Path::root().key(key).index(i);
        if next.get(i) != Some(entry) && !covered(&path) {
            report.add(Code::PairingRewritten, path);
        }
    }
}

fn first_difference<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    a.iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()))
}
