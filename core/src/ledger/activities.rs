//! The activity ledger (活动台账): one row per valid activity of the folder,
//! in the order they start, with attendance, lecturers by role, hours,
//! demands, financing and the record, as a district office keeps it.

use std::collections::BTreeSet;

use super::{h, list, pick, Cell, Heading, Table};
use crate::demand::Dictionary;
use crate::folder::Loaded;
use crate::outreach::{Activity, ActivityStatus, LecturerRole, Stage};
use crate::{Catalog, Lang};

const COLUMNS: &[Heading] = &[
    h("no", "序号", "No.", 5),
    h("id", "活动编号", "Id", 14),
    h("title", "活动名称", "Title", 36),
    h("series", "系列", "Series", 14),
    h("kind", "活动类型", "Kind", 14),
    h("chains", "产业链", "Chains", 16),
    h("organizers", "主办单位", "Organizers", 22),
    h("starts_at", "开始时间", "Starts", 17),
    h("ends_at", "结束时间", "Ends", 17),
    h("venue", "地点", "Venue", 24),
    h("status", "状态", "Status", 8),
    h("expected", "应到人数", "Expected", 9),
    h("attended", "实到人数", "Attended", 9),
    h(
        "party_members_full",
        "到场正式党员",
        "Full Party members present",
        12,
    ),
    h(
        "party_members_probationary",
        "到场预备党员",
        "Probationary members present",
        12,
    ),
    h(
        "enterprises_present",
        "到场企业数",
        "Enterprises present",
        10,
    ),
    h("lecturers", "授课人", "Lecturers", 30),
    h("hours", "学时", "Training hours", 6),
    h("raised_demands", "收集诉求（项）", "Demands raised", 10),
    h("responds_to", "回应诉求编号", "Demands answered", 16),
    h("credit_wan", "授信金额（万元）", "Credit (10k CNY)", 12),
    h(
        "disbursed_wan",
        "放款金额（万元）",
        "Disbursed (10k CNY)",
        12,
    ),
    h("borrowers", "放款企业数", "Borrowers", 9),
    h(
        "signatories",
        "倡议签署企业数",
        "Initiative signatories",
        10,
    ),
    h("recorder", "记录人", "Recorder", 12),
    h("recorded_at", "记录时间", "Recorded at", 17),
    h("summary", "活动纪要", "Summary", 40),
];

/// The activity ledger of a folder's valid activities, in the order they
/// start (the file's order on a tie), with the catalog's and the
/// dictionary's names in `lang`.
pub fn activities(loaded: &Loaded, lang: Lang, catalog: &Catalog) -> Table {
    let mut rows: Vec<&Activity> = loaded.activities.iter().map(|r| &r.record).collect();
    rows.sort_by_key(|a| a.starts_at);
    let departments = Dictionary::builtin();
    let names = Names {
        lang,
        catalog,
        departments,
    };
    Table {
        ledger: "activities",
        title: pick(lang, "活动台账", "Activity ledger").to_owned(),
        columns: COLUMNS.iter().map(|c| c.column(lang)).collect(),
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, a)| row(i + 1, a, &names))
            .collect(),
    }
}

struct Names<'a> {
    lang: Lang,
    catalog: &'a Catalog,
    departments: &'a Dictionary,
}

impl Names<'_> {
    fn pick(&self, zh: &'static str, en: &'static str) -> &'static str {
        pick(self.lang, zh, en)
    }

    fn series(&self, id: &str) -> String {
        self.catalog
            .activity_series()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_owned(), |s| s.name.get(self.lang).to_owned())
    }

    fn kind(&self, id: &str) -> String {
        self.catalog
            .activity_kinds()
            .find(|k| k.id == id)
            .map_or_else(|| id.to_owned(), |k| k.name.get(self.lang).to_owned())
    }

    fn chain(&self, id: &str) -> String {
        self.catalog
            .chain(id)
            .map_or_else(|| id.to_owned(), |c| c.name.get(self.lang).to_owned())
    }

    fn department(&self, id: &str) -> String {
        self.departments
            .department(id)
            .map_or_else(|| id.to_owned(), |d| d.name.get(self.lang).to_owned())
    }

    fn status(&self, status: ActivityStatus) -> &'static str {
        match status {
            ActivityStatus::Planned => self.pick("计划中", "Planned"),
            ActivityStatus::Held => self.pick("已举办", "Held"),
            ActivityStatus::Recorded => self.pick("已登记", "Recorded"),
            ActivityStatus::Cancelled => self.pick("已取消", "Cancelled"),
        }
    }

    fn role(&self, role: LecturerRole) -> &'static str {
        match role {
            LecturerRole::DepartmentOfficial => self.pick("业务主管部门", "Department official"),
            LecturerRole::Expert => self.pick("专家学者", "Expert"),
            LecturerRole::ChainLeaderHead => self.pick("龙头企业负责人", "Head of a chain leader"),
        }
    }

    fn list(&self, items: impl Iterator<Item = String>) -> Cell {
        list(self.lang, items)
    }
}

fn row(no: usize, a: &Activity, names: &Names<'_>) -> Vec<Cell> {
    let venue = match (&a.venue.centre, &a.venue.room, &a.venue.address) {
        (_, _, Some(address)) => address.clone(),
        (Some(centre), Some(room), None) => format!("{centre} / {room}"),
        (Some(centre), None, None) => centre.clone(),
        _ => String::new(),
    };
    let lines = a.financing.iter().flat_map(|f| &f.lines);
    let sum = |stage: Stage| -> Cell {
        let mut total = None;
        for line in lines.clone().filter(|l| l.stage == stage) {
            *total.get_or_insert(0.0) += line.amount_wan.unwrap_or(0.0);
        }
        total.map_or(Cell::Empty, Cell::Number)
    };
    let borrowers: BTreeSet<&str> = lines
        .clone()
        .filter(|l| l.stage == Stage::Disbursed)
        .map(|l| l.enterprise_uscc.as_str())
        .collect();
    let party = a.attended_party_members;
    vec![
        Cell::Integer(no as i64),
        Cell::text(a.id.clone()),
        Cell::text(a.title.clone()),
        Cell::text(
            a.series
                .as_deref()
                .map(|s| names.series(s))
                .unwrap_or_default(),
        ),
        Cell::text(names.kind(&a.kind)),
        names.list(a.chains.iter().map(|c| names.chain(c))),
        names.list(a.organizers.iter().map(|o| names.department(&o.id))),
        Cell::Time(a.starts_at),
        Cell::Time(a.ends_at),
        Cell::text(venue),
        Cell::text(names.status(a.status)),
        Cell::count(a.expected),
        Cell::count(a.attended),
        Cell::count(party.map(|p| p.full)),
        Cell::count(party.map(|p| p.probationary)),
        Cell::Integer(a.enterprises_present.len() as i64),
        names.list(
            a.lecturers
                .iter()
                .map(|l| format!("{}（{}）", l.unit, names.role(l.role))),
        ),
        a.hours.map_or(Cell::Empty, Cell::Number),
        Cell::Integer(a.raised_demands.len() as i64),
        names.list(a.responds_to.iter().cloned()),
        sum(Stage::Credit),
        sum(Stage::Disbursed),
        if a.financing.is_some() {
            Cell::Integer(borrowers.len() as i64)
        } else {
            Cell::Empty
        },
        a.initiative
            .as_ref()
            .map_or(Cell::Empty, |i| Cell::Integer(i.signatories.len() as i64)),
        Cell::text(
            a.record
                .as_ref()
                .map(|r| r.recorder.clone())
                .unwrap_or_default(),
        ),
        a.record
            .as_ref()
            .map_or(Cell::Empty, |r| Cell::Time(r.recorded_at)),
        Cell::text(
            a.record
                .as_ref()
                .and_then(|r| r.summary.clone())
                .unwrap_or_default(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_a_cell_per_column_and_ids_are_unique() {
        let ids: BTreeSet<&str> = COLUMNS.iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), COLUMNS.len());
        let table = activities(&Loaded::default(), Lang::En, Catalog::yantian());
        assert_eq!(table.columns.len(), COLUMNS.len());
        assert!(table.rows.is_empty());
        assert_eq!(table.columns[2].heading, "Title");
    }
}
