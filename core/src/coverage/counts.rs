//! The figures counted at every level (district, chain, segment).

use serde::{Deserialize, Serialize};

use super::Covered;

/// Counts of one level. Output value is kept in hundredths of 万元 so that
/// sums are exact and merging is associative and commutative.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Memberships counted.
    pub members: u64,
    /// With their own Party organization.
    pub own_org: u64,
    /// Covered by a joint organization.
    pub joint_org: u64,
    /// No organization, covered by a liaison.
    pub work_only: u64,
    /// Neither organized nor linked.
    pub uncovered: u64,
    /// Full Party members.
    pub full_members: u64,
    /// Annual output value, in hundredths of 万元.
    pub output_centiwan: i64,
}

impl Counts {
    /// The counts of a single membership.
    pub fn one(covered: Covered, full_members: u32, output_wan: Option<f64>) -> Counts {
        let flag = |c: Covered| u64::from(covered == c);
        Counts {
            members: 1,
            own_org: flag(Covered::Own),
            joint_org: flag(Covered::Joint),
            work_only: flag(Covered::WorkOnly),
            uncovered: flag(Covered::Uncovered),
            full_members: u64::from(full_members),
            // Validation bounds output to 0..=1e8 万元, so this cannot overflow.
            output_centiwan: output_wan.map_or(0, |w| (w * 100.0).round() as i64),
        }
    }

    /// Adds another level's counts.
    pub fn add(&mut self, other: &Counts) {
        self.members += other.members;
        self.own_org += other.own_org;
        self.joint_org += other.joint_org;
        self.work_only += other.work_only;
        self.uncovered += other.uncovered;
        self.full_members += other.full_members;
        self.output_centiwan += other.output_centiwan;
    }

    /// Annual output value in 万元.
    pub fn output_wan(&self) -> f64 {
        self.output_centiwan as f64 / 100.0
    }

    /// Memberships covered by an organization (own or joint).
    pub fn organized(&self) -> u64 {
        self.own_org + self.joint_org
    }
}
