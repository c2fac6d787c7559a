//! What financing and initiative activities record: the lines of a
//! bank–enterprise matchmaking or a relending (need → intention → credit →
//! disbursed, or declined), and the signatories of an initiative (倡议书).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::activity::limits::{
    AMOUNT_WAN, AREAS_MAX, BANKS_MAX, LINES_MAX, NAME_LENGTH, SIGNATORIES_MAX,
};
use super::common;
use crate::findings::{Code, Finding, Param, Path, Report};
use crate::input::{Fields, Kind, Schema};
use crate::Context;

pub(super) static FINANCING: Schema = Schema {
    fields: &[
        ("programme", Kind::Scalar),
        ("banks", Kind::Scalars { max: BANKS_MAX }),
        (
            "lines",
            Kind::Objects {
                schema: &LINE,
                max: LINES_MAX,
            },
        ),
    ],
};
static LINE: Schema = Schema {
    fields: &[
        ("enterprise_uscc", Kind::Scalar),
        ("stage", Kind::Scalar),
        ("amount_wan", Kind::Scalar),
        ("on", Kind::Scalar),
    ],
};
pub(super) static INITIATIVE: Schema = Schema {
    fields: &[
        ("title", Kind::Scalar),
        ("areas", Kind::Scalars { max: AREAS_MAX }),
        (
            "signatories",
            Kind::Objects {
                schema: &SIGNATORY,
                max: SIGNATORIES_MAX,
            },
        ),
    ],
};
static SIGNATORY: Schema = Schema {
    fields: &[("uscc", Kind::Scalar), ("signed_on", Kind::Scalar)],
};

/// How far an enterprise's financing has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The enterprise needs financing.
    Need,
    /// Bank and enterprise intend to go ahead (意向).
    Intention,
    /// Credit granted (授信).
    Credit,
    /// Money paid out (放款); several lines are several disbursements.
    Disbursed,
    /// Declined: the line ends.
    Declined,
}

impl Stage {
    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Stage::Need => "need",
            Stage::Intention => "intention",
            Stage::Credit => "credit",
            Stage::Disbursed => "disbursed",
            Stage::Declined => "declined",
        }
    }
}

const STAGES: &[(&str, Stage)] = &[
    ("need", Stage::Need),
    ("intention", Stage::Intention),
    ("credit", Stage::Credit),
    ("disbursed", Stage::Disbursed),
    ("declined", Stage::Declined),
];

/// One step of one enterprise's financing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct FinancingLine {
    /// The enterprise, normalised USCC.
    pub enterprise_uscc: String,
    /// The stage reached.
    pub stage: Stage,
    /// The amount in 万元 (required for `credit` and `disbursed`).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub amount_wan: Option<f64>,
    /// The day it was reached.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub on: NaiveDate,
}

/// The financing an activity arranged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Financing {
    /// The scheme, e.g. `交通物流专项再贷款`.
    #[serde(default)]
    pub programme: Option<String>,
    /// The banks taking part (names).
    #[serde(default)]
    pub banks: Vec<String>,
    /// The lines, in the order given (append-only: a later stage is a new line).
    #[serde(default)]
    pub lines: Vec<FinancingLine>,
}

/// An enterprise signing an initiative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Signatory {
    /// Normalised USCC.
    pub uscc: String,
    /// The day it signed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub signed_on: NaiveDate,
}

/// An initiative (倡议书) and its signatories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Initiative {
    /// Its title.
    pub title: String,
    /// What it covers (合法规范经营, 保障服务品质, …).
    #[serde(default)]
    pub areas: Vec<String>,
    /// Who signed.
    #[serde(default)]
    pub signatories: Vec<Signatory>,
}

/// Reads `financing`; `Err` when it was given and refused.
pub(super) fn read_financing(
    f: &Fields<'_>,
    context: &Context<'_>,
    report: &mut Report,
) -> Result<Option<Financing>, ()> {
    let Some(fin) = f.object("financing", false, report) else {
        return if f.raw("financing").is_some() {
            Err(())
        } else {
            Ok(None)
        };
    };
    let programme = fin.text_within("programme", false, false, NAME_LENGTH, report);
    let banks = fin
        .text_list("banks", false, BANKS_MAX, report)
        .unwrap_or_default();
    let mut lines = Vec::new();
    let mut at = Vec::new();
    for line in fin.objects("lines", LINES_MAX, report).unwrap_or_default() {
        let enterprise = common::one_uscc(&line, "enterprise_uscc", true, context, report);
        let stage = line.choice("stage", STAGES, true, report);
        let needs_amount = matches!(stage, Some(Stage::Credit | Stage::Disbursed));
        let amount = line.number_within("amount_wan", needs_amount, AMOUNT_WAN, report);
        let on = common::date(&line, "on", true, Some(context.today), report);
        if let (Some(enterprise_uscc), Some(stage), Some(on)) = (enterprise, stage, on) {
            lines.push(FinancingLine {
                enterprise_uscc,
                stage,
                amount_wan: amount,
                on,
            });
            at.push(line.at().clone());
        }
    }
    stages(&lines, &at, report);
    if report.has_errors_at(fin.at()) {
        return Err(());
    }
    Ok(Some(Financing {
        programme,
        banks,
        lines,
    }))
}

/// Per enterprise, in the order of `on`: a stage below the one reached is
/// `financing_stage_backwards` (after `declined`, any line is); more
/// disbursed than the credit granted is `disbursed_over_credit`, once.
fn stages(lines: &[FinancingLine], at: &[Path], report: &mut Report) {
    let rank = |s: Stage| match s {
        Stage::Need => 0,
        Stage::Intention => 1,
        Stage::Credit => 2,
        Stage::Disbursed => 3,
        Stage::Declined => 4,
    };
    let mut order: Vec<usize> = (0..lines.len()).collect();
    // Stable: lines of one day keep the order given.
    order.sort_by_key(|&i| lines[i].on);
    let mut seen: Vec<&str> = Vec::new();
    for line in lines {
        let uscc = line.enterprise_uscc.as_str();
        if seen.contains(&uscc) {
            continue;
        }
        seen.push(uscc);
        let credit: f64 = lines
            .iter()
            .filter(|l| l.enterprise_uscc == uscc && l.stage == Stage::Credit)
            .filter_map(|l| l.amount_wan)
            .sum();
        let has_credit = lines
            .iter()
            .any(|l| l.enterprise_uscc == uscc && l.stage == Stage::Credit);
        let mut previous: Option<Stage> = None;
        let mut disbursed = 0.0;
        let mut warned = false;
        for &i in order.iter().filter(|&&i| lines[i].enterprise_uscc == uscc) {
            let stage = lines[i].stage;
            if let Some(before) = previous {
                if before == Stage::Declined || rank(stage) < rank(before) {
                    report.push(
                        Finding::new(Code::FinancingStageBackwards, at[i].key("stage"))
                            .with("stage", stage.as_str())
                            .with("previous", before.as_str()),
                    );
                }
            }
            if previous.is_none_or(|p| rank(stage) >= rank(p)) {
                previous = Some(stage);
            }
            if stage == Stage::Disbursed {
                disbursed += lines[i].amount_wan.unwrap_or(0.0);
                if has_credit && !warned && disbursed > credit + 1e-9 {
                    warned = true;
                    report.push(
                        Finding::new(Code::DisbursedOverCredit, at[i].key("amount_wan"))
                            .with("disbursed", amount(disbursed))
                            .with("credit", amount(credit)),
                    );
                }
            }
        }
    }
}

/// An amount as a parameter: to the yuan (万元 to four decimals), whole
/// numbers as integers.
fn amount(wan: f64) -> Param {
    let rounded = (wan * 10_000.0).round() / 10_000.0;
    if rounded.fract() == 0.0 && rounded.abs() < 9e15 {
        Param::Int(rounded as i64)
    } else {
        Param::Num(rounded)
    }
}

/// Reads `initiative`; `Err` when it was given and refused.
pub(super) fn read_initiative(
    f: &Fields<'_>,
    context: &Context<'_>,
    report: &mut Report,
) -> Result<Option<Initiative>, ()> {
    let Some(ini) = f.object("initiative", false, report) else {
        return if f.raw("initiative").is_some() {
            Err(())
        } else {
            Ok(None)
        };
    };
    let title = ini.text_within("title", true, false, NAME_LENGTH, report);
    let areas = ini
        .text_list("areas", false, AREAS_MAX, report)
        .unwrap_or_default();
    let mut signatories: Vec<Signatory> = Vec::new();
    // The item number of each signatory kept, for `first`.
    let mut numbers: Vec<usize> = Vec::new();
    for s in ini
        .objects("signatories", SIGNATORIES_MAX, report)
        .unwrap_or_default()
    {
        let uscc = common::one_uscc(&s, "uscc", true, context, report);
        let signed_on = common::date(&s, "signed_on", true, Some(context.today), report);
        if let Some(uscc) = &uscc {
            if let Some(kept) = signatories.iter().position(|t| &t.uscc == uscc) {
                report.push(
                    Finding::new(Code::DuplicateValue, s.path("uscc"))
                        .with("first", numbers[kept] + 1),
                );
                continue;
            }
        }
        if let (Some(uscc), Some(signed_on)) = (uscc, signed_on) {
            signatories.push(Signatory { uscc, signed_on });
            numbers.push(common::item_number(s.at()));
        }
    }
    if report.has_errors_at(ini.at()) {
        return Err(());
    }
    Ok(Some(Initiative {
        title: title.ok_or(())?,
        areas,
        signatories,
    }))
}
