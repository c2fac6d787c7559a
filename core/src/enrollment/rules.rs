//! The domain rules of an enrollment, applied to a draft.

use crate::catalog::Chain;
use crate::findings::{Code, Finding, Path, Report};
use crate::ident::{is_valid_industry_code, parse_date, uscc, Phone};
use crate::org::{OrgKind, PartyOrgKind, PartyOrgStatus};
use crate::Context;

use super::draft::{EnrollmentDraft, EnterpriseDraft, PartyOrgDraft, PersonDraft};
use super::record::{ContactRecord, Enrollment, EnterpriseRecord, PartyOrgRecord, PersonRecord};

/// A standalone branch needs this many full members (CPC Constitution art. 30).
pub const BRANCH_MIN_FULL_MEMBERS: u32 = 3;
/// A branch generally has at most this many members.
pub const BRANCH_MAX_MEMBERS: u32 = 50;
/// A joint branch generally covers at most this many units.
pub const JOINT_BRANCH_MAX_UNITS: u32 = 5;
/// From this many full members a branch elects a committee.
pub const BRANCH_COMMITTEE_MIN_FULL_MEMBERS: u32 = 7;
/// A general branch is typically set up from this many members.
pub const GENERAL_BRANCH_TYPICAL_MEMBERS: u32 = 50;
/// A Party committee is typically set up from this many members.
pub const COMMITTEE_TYPICAL_MEMBERS: u32 = 100;
/// A unit with this many full members should set up its own organization.
pub const SHOULD_BUILD_FULL_MEMBERS: u32 = 3;

pub(super) fn apply(
    draft: EnrollmentDraft,
    context: &Context<'_>,
    report: &mut Report,
) -> Option<Enrollment> {
    let root = Path::root();
    let enterprise = draft
        .enterprise
        .and_then(|e| enterprise(e, context, &root.key("enterprise"), report));
    let chain = draft.chain.as_deref().and_then(|id| {
        let found = context.catalog.chain(id);
        if found.is_none() {
            // What was typed is not quoted back: it could be anything, even personal data.
            report.add(Code::UnknownChain, root.key("chain"));
        }
        found
    });
    let segments = match (chain, draft.segments) {
        (Some(chain), Some(segments)) => {
            let codes = enterprise
                .as_ref()
                .map(|e| e.industry_codes.as_slice())
                .unwrap_or_default();
            check_segments(chain, &segments, codes, &root.key("segments"), report);
            Some(segments)
        }
        (_, segments) => segments,
    };
    let party_org = draft
        .party_org
        .map(|p| party_org(p, enterprise.as_ref(), &root.key("party_org"), report));
    let party_org_unreadable =
        matches!(party_org, Some(None)) || report.has_errors_at(&root.key("party_org"));
    let party_org = party_org.flatten();
    let status = party_org
        .as_ref()
        .map_or(PartyOrgStatus::None, |p| p.status);
    let liaison = draft
        .liaison
        .and_then(|l| liaison(l, &root.key("liaison"), report));
    let liaison_given = liaison.is_some() || report.has_errors_at(&root.key("liaison"));
    if status == PartyOrgStatus::None && !party_org_unreadable && !liaison_given {
        report.add(Code::CoverageGap, root.key("liaison"));
    }
    let contact = draft
        .contact
        .and_then(|c| contact(c, &root.key("contact"), report));
    let joined_on = draft.joined_on.as_deref().and_then(|text| {
        let path = root.key("joined_on");
        match parse_date(text) {
            None => {
                report.add(Code::DateInvalid, path);
                None
            }
            Some(date) if date > context.today => {
                report.push(
                    Finding::new(Code::DateInFuture, path).with("today", context.today.to_string()),
                );
                None
            }
            Some(date) => Some(date),
        }
    });
    if party_org_unreadable {
        return None;
    }
    Some(Enrollment {
        enterprise: enterprise?,
        chain: chain?.id.clone(),
        segments: segments?,
        party_org,
        liaison,
        contact: contact?,
        joined_on: joined_on?,
    })
}

fn enterprise(
    e: EnterpriseDraft,
    context: &Context<'_>,
    path: &Path,
    report: &mut Report,
) -> Option<EnterpriseRecord> {
    let code = e
        .uscc
        .as_deref()
        .and_then(|text| uscc::check(text, context.uscc_policy, &path.key("uscc"), report));
    let authority_known = !report.has(Code::UsccUnknownAuthority);
    if let (Some(code), Some(kind), true) = (&code, e.kind, authority_known) {
        let fits = match kind {
            OrgKind::Enterprise => code.authority() == '9',
            OrgKind::Association => {
                code.authority() == '5' || (code.authority(), code.org_type()) == ('1', '3')
            }
            OrgKind::GovernmentDepartment => code.authority() == '1',
        };
        if !fits {
            report.push(
                Finding::new(Code::UsccKindMismatch, path.key("uscc"))
                    .with("kind", kind_name(kind))
                    .with("authority", code.authority())
                    .with("org_type", code.org_type()),
            );
        }
    }
    let codes = e.industry_codes.unwrap_or_default();
    for (i, c) in codes.iter().enumerate() {
        if !is_valid_industry_code(c) {
            report.add(
                Code::IndustryCodeInvalid,
                path.key("industry_codes").index(i),
            );
        }
    }
    let industry_codes: Vec<String> = codes
        .into_iter()
        .filter(|c| is_valid_industry_code(c))
        .collect();
    let employees = e.employees.and_then(|n| u32::try_from(n).ok());
    Some(EnterpriseRecord {
        name: e.name?,
        uscc: code?.as_str().to_owned(),
        kind: e.kind?,
        industry_codes,
        annual_output_wan: e.annual_output_wan,
        employees,
    })
}

fn kind_name(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Enterprise => "enterprise",
        OrgKind::Association => "association",
        OrgKind::GovernmentDepartment => "government_department",
    }
}

fn check_segments(
    chain: &Chain,
    segments: &[String],
    industry_codes: &[String],
    path: &Path,
    report: &mut Report,
) {
    let mut all_known = true;
    for (i, segment) in segments.iter().enumerate() {
        if chain.segment(segment).is_none() {
            all_known = false;
            report.push(
                Finding::new(Code::UnknownSegment, path.index(i)).with("chain", chain.id.as_str()),
            );
        }
    }
    let suggested = chain.suggest_segments(industry_codes);
    let chosen_elsewhere = !suggested.iter().any(|s| segments.contains(&s.id));
    if all_known && !segments.is_empty() && !suggested.is_empty() && chosen_elsewhere {
        let ids: Vec<String> = suggested.iter().map(|s| s.id.clone()).collect();
        report.push(Finding::new(Code::SegmentNotSuggested, path.clone()).with("suggested", ids));
    }
}

/// The keys of `party_org` an organization of status `own` or `joint` must give.
pub const REQUIRED_WHEN_ORGANIZED: [&str; 4] = ["kind", "name", "full_members", "home_affiliation"];

fn party_org(
    p: PartyOrgDraft,
    enterprise: Option<&EnterpriseRecord>,
    path: &Path,
    report: &mut Report,
) -> Option<PartyOrgRecord> {
    let status = p.status?;
    // A count that broke a field rule takes no part in the cross-field rules.
    let count = |key: &'static str, n: Option<i64>| {
        n.filter(|_| !report.has_errors_at(&path.key(key)))
            .and_then(|n| u32::try_from(n).ok())
    };
    let (full, probationary) = (
        count("full_members", p.full_members),
        count("probationary_members", p.probationary_members),
    );
    let units = count("units", p.units);
    let organized = status != PartyOrgStatus::None;
    if organized {
        let given = [
            p.kind.is_some(),
            p.name.is_some(),
            p.full_members.is_some(),
            p.home_affiliation.is_some(),
        ];
        for (key, given) in REQUIRED_WHEN_ORGANIZED.into_iter().zip(given) {
            let at = path.key(key);
            if !given && !report.has_errors_at(&at) {
                report.add(Code::Required, at);
            }
        }
    }
    let full_members = full.unwrap_or(0);
    let members = full_members.saturating_add(probationary.unwrap_or(0));
    let kind = if organized { p.kind } else { None };
    if let Some(kind) = p.kind {
        if !kind.fits(status) {
            report.push(
                Finding::new(Code::PartyOrgKindMismatch, path.key("kind"))
                    .with("kind", kind.as_str())
                    .with("status", status.as_str()),
            );
        }
    }
    if let (Some(kind), Some(full)) = (kind, full) {
        kind_rules(kind, status, full, members, &p, path, report);
    }
    // An association's committee holds members of its member enterprises too.
    let employees = enterprise
        .filter(|e| e.kind == OrgKind::Enterprise)
        .and_then(|e| e.employees);
    if status == PartyOrgStatus::Own {
        if let Some(employees) = employees.filter(|&e| members > e) {
            report.push(
                Finding::new(Code::MembersExceedEmployees, path.key("full_members"))
                    .with("members", members)
                    .with("employees", employees),
            );
        }
    }
    if status != PartyOrgStatus::Own && full_members >= SHOULD_BUILD_FULL_MEMBERS {
        report.push(
            Finding::new(Code::ShouldBuildOwnOrg, path.key("status"))
                .with("full_members", full_members),
        );
    }
    Some(PartyOrgRecord {
        status,
        kind,
        name: p.name.filter(|_| organized),
        full_members,
        probationary_members: probationary.unwrap_or(0),
        home_affiliation: p.home_affiliation.filter(|_| organized),
        units: units.filter(|_| status == PartyOrgStatus::Joint),
        branch_committee: p.branch_committee,
    })
}

fn kind_rules(
    kind: PartyOrgKind,
    status: PartyOrgStatus,
    full: u32,
    members: u32,
    p: &PartyOrgDraft,
    path: &Path,
    report: &mut Report,
) {
    let at = |key: &'static str| path.key(key);
    // A unit's own organization of any kind needs at least three full members
    // (a joint branch with status own is a mismatch, warned about elsewhere).
    if status == PartyOrgStatus::Own
        && kind != PartyOrgKind::JointBranch
        && full < BRANCH_MIN_FULL_MEMBERS
    {
        report.push(
            Finding::new(Code::BranchTooFewMembers, at("full_members"))
                .with("min", BRANCH_MIN_FULL_MEMBERS)
                .with("full_members", full),
        );
    }
    match kind {
        PartyOrgKind::Branch | PartyOrgKind::JointBranch => {
            if members > BRANCH_MAX_MEMBERS {
                report.push(
                    Finding::new(Code::BranchTooManyMembers, at("full_members"))
                        .with("max", BRANCH_MAX_MEMBERS)
                        .with("members", members),
                );
            }
            match p.branch_committee {
                Some(false) if full >= BRANCH_COMMITTEE_MIN_FULL_MEMBERS => report.push(
                    Finding::new(Code::BranchCommitteeRequired, at("branch_committee"))
                        .with("min", BRANCH_COMMITTEE_MIN_FULL_MEMBERS),
                ),
                Some(true) if full < BRANCH_COMMITTEE_MIN_FULL_MEMBERS => report.push(
                    Finding::new(Code::BranchCommitteeTooFewMembers, at("branch_committee"))
                        .with("min", BRANCH_COMMITTEE_MIN_FULL_MEMBERS),
                ),
                _ => {}
            }
        }
        PartyOrgKind::GeneralBranch if members < GENERAL_BRANCH_TYPICAL_MEMBERS => report.push(
            Finding::new(Code::GeneralBranchFewMembers, at("kind"))
                .with("min", GENERAL_BRANCH_TYPICAL_MEMBERS)
                .with("members", members),
        ),
        PartyOrgKind::Committee if members < COMMITTEE_TYPICAL_MEMBERS => report.push(
            Finding::new(Code::CommitteeFewMembers, at("kind"))
                .with("min", COMMITTEE_TYPICAL_MEMBERS)
                .with("members", members),
        ),
        _ => {}
    }
    if kind == PartyOrgKind::JointBranch {
        if let Some(units) = p
            .units
            .and_then(|u| u32::try_from(u).ok())
            .filter(|&u| u > JOINT_BRANCH_MAX_UNITS)
        {
            report.push(
                Finding::new(Code::JointBranchTooManyUnits, at("units"))
                    .with("max", JOINT_BRANCH_MAX_UNITS)
                    .with("units", units),
            );
        }
    }
}

fn phone(text: Option<&str>, path: Path, report: &mut Report) -> Option<String> {
    match Phone::parse(text?) {
        Ok(phone) => Some(phone.as_str().to_owned()),
        Err(code) => {
            report.add(code, path);
            None
        }
    }
}

fn liaison(l: PersonDraft, path: &Path, report: &mut Report) -> Option<PersonRecord> {
    let phone = phone(l.phone.as_deref(), path.key("phone"), report);
    Some(PersonRecord {
        name: l.name?,
        phone: phone?,
    })
}

fn contact(c: PersonDraft, path: &Path, report: &mut Report) -> Option<ContactRecord> {
    let phone = phone(c.phone.as_deref(), path.key("phone"), report);
    Some(ContactRecord {
        name: c.name?,
        phone: phone?,
        email: c.email,
    })
}
