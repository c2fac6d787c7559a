//! The stable machine codes of every finding.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Severity;

/// Declares [`Code`] together with its wire name and severity, so that the
/// list of all codes, the names and the severities cannot drift apart.
macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident; )*) => {
        /// What a finding is about: a stable snake_case name on the wire.
        ///
        /// New codes may be added in any release; existing names never change.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The wire name (`uscc_checksum`).
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// How serious a finding with this code is.
            pub const fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// The code with this wire name, if there is one.
            pub fn from_name(name: &str) -> Option<Code> {
                match name { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    // --- shape of the input -------------------------------------------------
    /// The input is not well-formed JSON.
    InvalidJson = "invalid_json", Error;
    /// A required field is missing, null or blank.
    Required = "required", Error;
    /// A field has the wrong JSON type (`expected`).
    WrongType = "wrong_type", Error;
    /// A field the record does not define (`field`).
    UnknownField = "unknown_field", Error;
    /// The same key twice in one object: which value was meant is unclear.
    DuplicateKey = "duplicate_key", Error;
    /// A value outside the allowed set (`allowed`).
    InvalidOption = "invalid_option", Error;
    /// Text shorter than `min` characters.
    TooShort = "too_short", Error;
    /// Text longer than `max` characters.
    TooLong = "too_long", Error;
    /// A number outside `min`..=`max`.
    OutOfRange = "out_of_range", Error;
    /// A list with fewer than `min` items.
    TooFewItems = "too_few_items", Error;
    /// A list with more than `max` items.
    TooManyItems = "too_many_items", Error;
    /// The same value appears twice in a list.
    DuplicateValue = "duplicate_value", Warning;
    /// Text containing control, bidirectional-override or other invisible characters.
    InvalidCharacters = "invalid_characters", Error;
    /// A roster row that cannot be read at all (broken quoting, bad bytes).
    RowMalformed = "row_malformed", Error;
    /// An identifier a spreadsheet stored as a number: digits past the 15th
    /// zeroed or a leading zero dropped, so it may now name something else
    /// (rosters; rules in `roster::cells`).
    StoredAsNumber = "stored_as_number", Error;
    /// The enterprise is already enrolled in this chain on row `first_row`.
    DuplicateEnrollment = "duplicate_enrollment", Error;
    /// A store already holds an enrollment of this enterprise in this chain (`enrollment`: its id).
    AlreadyEnrolled = "already_enrolled", Error;

    // --- unified social credit code (GB 32100-2015) --------------------------
    /// Not 18 characters after normalisation (`length`).
    UsccLength = "uscc_length", Error;
    /// A character outside the 31-symbol alphabet (`position`, `character`).
    UsccCharset = "uscc_charset", Error;
    /// Positions 2–8 (type and division code) must be digits (`position`).
    UsccFormat = "uscc_format", Error;
    /// The final check character is wrong (`expected`, for machines: the
    /// messages never suggest it to people, who are asked to compare the
    /// code with the business licence).
    UsccChecksum = "uscc_checksum", Error;
    /// The final check character is wrong, but the code is on the legacy allow-list.
    UsccChecksumOverridden = "uscc_checksum_overridden", Warning;
    /// The embedded organization code's check character is wrong
    /// (`expected`, for machines only, as for [`Code::UsccChecksum`]).
    UsccOrgCodeChecksum = "uscc_org_code_checksum", Warning;
    /// An unknown registration authority (`authority`).
    UsccUnknownAuthority = "uscc_unknown_authority", Warning;
    /// An organization type unknown for its authority (`authority`, `org_type`).
    UsccUnknownType = "uscc_unknown_type", Warning;
    /// The code's authority/type does not fit the declared kind (`kind`, `authority`, `org_type`).
    UsccKindMismatch = "uscc_kind_mismatch", Warning;
    /// Positions 3–8 are no GB/T 2260 division: positions 3–4 (`prefix`) name no
    /// province-level division, and the code is not the national `100000`.
    UsccDivision = "uscc_division", Error;
    /// An impossible division (`prefix`), but the code is on the legacy allow-list.
    UsccDivisionOverridden = "uscc_division_overridden", Warning;
    /// The 18 characters are a resident ID number (GB 11643), not a code. Quotes
    /// nothing of the number; the answer of a USCC check masks its input.
    UsccResidentId = "uscc_resident_id", Error;
    /// Shaped like a resident ID number, but on the legacy allow-list as a real code.
    UsccResidentIdOverridden = "uscc_resident_id_overridden", Warning;

    // --- contact details -----------------------------------------------------
    /// Not a telephone number in any accepted form.
    PhoneInvalid = "phone_invalid", Error;
    /// Eleven digits, but not in an allocated mainland mobile range.
    PhoneUnknownRange = "phone_unknown_range", Error;
    /// A landline outside Shenzhen's 0755 area (domestic or `+86` form).
    PhoneLandlineArea = "phone_landline_area", Error;
    /// A Hong Kong (+852) or Macau (+853) number of 8 digits outside their
    /// allocated fixed-line and mobile ranges (libphonenumber metadata).
    PhoneUnknownRangeHkMo = "phone_unknown_range_hk_mo", Error;
    /// Not an e-mail address.
    EmailInvalid = "email_invalid", Error;

    // --- dates -----------------------------------------------------------------
    /// Not a calendar date in `YYYY-MM-DD` form.
    DateInvalid = "date_invalid", Error;
    /// A date after `today`.
    DateInFuture = "date_in_future", Error;

    // --- catalog and industry codes -------------------------------------------
    /// Not a GB/T 4754-2017 industry code (2–4 digits, division 01–97).
    IndustryCodeInvalid = "industry_code_invalid", Error;
    /// No chain with this id in the catalog (what was typed is not quoted).
    UnknownChain = "unknown_chain", Error;
    /// The segment is not part of `chain` (what was typed is not quoted).
    UnknownSegment = "unknown_segment", Error;
    /// The industry codes suggest other segments of the chain (`suggested`).
    SegmentNotSuggested = "segment_not_suggested", Warning;

    // --- Party organization rules --------------------------------------------
    /// A unit's own organization (a standalone branch or more) needs at least `min` full members.
    BranchTooFewMembers = "branch_too_few_members", Error;
    /// A branch generally has at most `max` members.
    BranchTooManyMembers = "branch_too_many_members", Warning;
    /// A joint branch generally covers at most `max` units.
    JointBranchTooManyUnits = "joint_branch_too_many_units", Warning;
    /// A branch with `min` or more full members elects a branch committee.
    BranchCommitteeRequired = "branch_committee_required", Warning;
    /// A branch below `min` full members has a secretary, not a committee.
    BranchCommitteeTooFewMembers = "branch_committee_too_few_members", Warning;
    /// A general branch typically has `min` or more members.
    GeneralBranchFewMembers = "general_branch_few_members", Warning;
    /// A Party committee typically has `min` or more members.
    CommitteeFewMembers = "committee_few_members", Warning;
    /// The kind of organization does not fit the status (`status`, `kind`).
    PartyOrgKindMismatch = "party_org_kind_mismatch", Warning;
    /// More Party members than employees in the enterprise's own organization.
    MembersExceedEmployees = "members_exceed_employees", Warning;

    // --- demands ---------------------------------------------------------------
    /// Not a date and time in RFC 3339 form with an offset.
    DateTimeInvalid = "datetime_invalid", Error;
    /// A declaration a demand needs was not made.
    DeclarationRequired = "declaration_required", Error;
    /// An attachment type outside the allowed list (`allowed`).
    AttachmentType = "attachment_type", Error;
    /// The file name's extension does not fit its type (`mime`, `expected`).
    AttachmentExtensionMismatch = "attachment_extension_mismatch", Error;
    /// All attachments together exceed `max_mib` MiB.
    AttachmentsTooLarge = "attachments_too_large", Error;
    /// A received file is missing, beyond the list, or has another name or
    /// size than the attachment listed at its place (`demand::check_uploads`).
    AttachmentUploadMismatch = "attachment_upload_mismatch", Error;
    /// A received file's bytes are not of its claimed type (`mime`).
    AttachmentContentMismatch = "attachment_content_mismatch", Error;
    /// Likely a repeat of demand `earlier` (`similarity` %, `days` apart).
    DemandRepeat = "demand_repeat", Warning;

    // --- demand lifecycle -------------------------------------------------------
    /// This event cannot happen in this state (`state`, `event`).
    IllegalTransition = "illegal_transition", Error;
    /// An event dated before the previous one (`previous`).
    EventOutOfOrder = "event_out_of_order", Error;
    /// No department with this id (`department`).
    UnknownDepartment = "unknown_department", Error;
    /// A deadline on a day off (`deadline`).
    DeadlineNotWorkingDay = "deadline_not_working_day", Error;
    /// A deadline not after `after`.
    DeadlineNotLater = "deadline_not_later", Error;
    /// Reckoned in `years` (comma-separated), which have no published holiday
    /// schedule: from the statutory holidays only, so the date or count may change.
    CalendarProvisional = "calendar_provisional", Warning;
    /// This deadline is not provisional: there is nothing to recompute.
    DeadlineNotProvisional = "deadline_not_provisional", Error;

    // --- pairings, centres, rooms ------------------------------------------------
    /// A pairing's party names the same unit as party `first`: a unit cannot
    /// pair with itself.
    PairingSelf = "pairing_self", Error;
    /// An active pairing between the same units exists already (`earlier`: its id).
    PairingActiveTwice = "pairing_active_twice", Error;
    /// No party is the chain's leader or a member of its committee (`chain`).
    PairingNoChainLeader = "pairing_no_chain_leader", Warning;
    /// A side without a liaison: agreements name one on each side.
    PairingLiaisonMissing = "pairing_liaison_missing", Warning;
    /// An active pairing with no activity, outcome or report for `days` days
    /// (last sign of life `last`; agreements report quarterly, `limit` days).
    PairingInactive = "pairing_inactive", Warning;
    /// A plan item due on `due_on`, past, with no outcome.
    PlanItemOverdue = "plan_item_overdue", Warning;
    /// An outcome names a plan item the pairing does not have.
    UnknownPlanItem = "unknown_plan_item", Error;
    /// An outcome's participant is not a party of the pairing.
    ParticipantNotParty = "participant_not_party", Error;
    /// Dated before the pairing was signed (`signed_on`).
    BeforeSigning = "before_signing", Error;
    /// A renewal that does not extend the pairing past `after`.
    RenewalNotLater = "renewal_not_later", Error;
    /// `ended_on` and `status` disagree (`status`).
    PairingEndMismatch = "pairing_end_mismatch", Error;
    /// An entry of the stored pairing was changed or removed without an
    /// amendment naming it: plans, outcomes, reports, renewals and
    /// amendments only grow.
    PairingRewritten = "pairing_rewritten", Error;
    /// A time of day not in `HH:MM` form (00:00–23:59).
    TimeInvalid = "time_invalid", Error;
    /// A schedule that closes (`closes_at`) before or when it opens (`opens_at`).
    ScheduleClosesBeforeOpens = "schedule_closes_before_opens", Error;
    /// A drivers' home without the free basic services `missing`
    /// (交办运函〔2025〕1059号).
    DriverHomeMissingService = "driver_home_missing_service", Warning;
    /// No room with this id in the centre.
    UnknownRoom = "unknown_room", Error;
    /// No centre with this id among the centres given.
    UnknownCentre = "unknown_centre", Error;
    /// No booking with this id.
    UnknownBooking = "unknown_booking", Error;
    /// More people expected than the room holds (`capacity`).
    RoomOverCapacity = "room_over_capacity", Warning;
    /// Outside the centre's opening hours.
    OutsideOpeningHours = "outside_opening_hours", Warning;
    /// Usage counted for a service the centre does not offer.
    ServiceNotOffered = "service_not_offered", Warning;

    // --- coverage --------------------------------------------------------------
    /// `full_members` full members and no organization of its own: should build one.
    ShouldBuildOwnOrg = "should_build_own_org", Warning;
    /// No Party organization and no liaison: neither organized nor linked.
    CoverageGap = "coverage_gap", Warning;

    // --- outreach: programmes, visits, activities -------------------------------
    /// An end (`to`, `ends_at`, `next_visit_on`) before its start (`start`: the
    /// field it starts from).
    EndsBeforeStart = "ends_before_start", Error;
    /// An id used already: by item `first` of the same list, or by the record
    /// on an earlier line (`earlier`).
    DuplicateId = "duplicate_id", Error;
    /// The visit names another programme than the one it is checked against
    /// (what was typed is not quoted).
    UnknownProgramme = "unknown_programme", Error;
    /// The programme has no contact with this id (what was typed is not quoted).
    UnknownContact = "unknown_contact", Error;
    /// A contact holds `count` enterprises, fewer than the quota's `min`.
    ContactBelowQuota = "contact_below_quota", Warning;
    /// A contact holds `count` enterprises, more than the quota's `max`.
    ContactAboveQuota = "contact_above_quota", Warning;
    /// A key enterprise no contact holds ("一企一干" practice).
    KeyEnterpriseUnassigned = "key_enterprise_unassigned", Warning;
    /// A visit with no notes (or notes of white space only), no demand and
    /// no policy delivered.
    VisitEmpty = "visit_empty", Error;
    /// The contact is not assigned this enterprise in the programme.
    VisitNotAssigned = "visit_not_assigned", Warning;
    /// A visit outside the programme's period (`from`, `to`).
    VisitOutsideProgramme = "visit_outside_programme", Warning;
    /// The same contact, enterprise, day and mode as the visit `earlier`.
    VisitRepeated = "visit_repeated", Warning;
    /// A demand raised at a visit names another enterprise than the one visited.
    VisitDemandOtherEnterprise = "visit_demand_other_enterprise", Error;
    /// A visit's demand entered `working_days` working days after the visit,
    /// more than `max` (Shenzhen answers demands within 3 working days).
    DemandEnteredLate = "demand_entered_late", Warning;
    /// An activity `held` or `recorded` that starts after `today`.
    ActivityHeldInFuture = "activity_held_in_future", Error;
    /// More attended (实到) than the venue's `capacity`.
    AttendedOverCapacity = "attended_over_capacity", Warning;
    /// More attended (实到) than `expected` (应到).
    AttendedOverExpected = "attended_over_expected", Warning;
    /// More Party members present than `attended` in all.
    PartyMembersOverAttended = "party_members_over_attended", Error;
    /// More training hours than the activity lasts (`duration`, hours).
    HoursOverDuration = "hours_over_duration", Warning;
    /// The room is taken by the activity `earlier` at an overlapping time.
    RoomDoubleBooked = "room_double_booked", Error;
    /// A financing line of an enterprise goes back from `previous` to `stage`
    /// (need → intention → credit → disbursed; `declined` ends a line).
    FinancingStageBackwards = "financing_stage_backwards", Error;
    /// An enterprise's disbursements (`disbursed`, 万元) exceed its credit (`credit`).
    DisbursedOverCredit = "disbursed_over_credit", Warning;
    /// A status change from `from` back (or to the same status `to`) without
    /// a reason: such a change is an amendment and needs one.
    StatusChangeNeedsReason = "status_change_needs_reason", Error;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Code::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown finding code `{name}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for &code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "duplicate name {name}");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name} is not snake_case"
            );
            assert_eq!(Code::from_name(name), Some(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
        }
        assert_eq!(Code::from_name("no_such_code"), None);
    }
}
