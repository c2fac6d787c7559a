//! Which column holds which field, recognised from Chinese or English headers.

use super::RosterError;

/// A field of the enrollment record a roster column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Column {
    /// `enterprise.name`.
    Name,
    /// `enterprise.uscc`.
    Uscc,
    /// `enterprise.kind`.
    Kind,
    /// `enterprise.industry_codes`.
    IndustryCodes,
    /// `enterprise.annual_output_wan`.
    AnnualOutputWan,
    /// `enterprise.employees`.
    Employees,
    /// `chain`.
    Chain,
    /// `segments`.
    Segments,
    /// `party_org.status`.
    PartyOrgStatus,
    /// `party_org.kind`.
    PartyOrgKind,
    /// `party_org.name`.
    PartyOrgName,
    /// `party_org.full_members`.
    FullMembers,
    /// `party_org.probationary_members`.
    ProbationaryMembers,
    /// `party_org.home_affiliation`.
    HomeAffiliation,
    /// `party_org.units`.
    Units,
    /// `liaison.name`.
    LiaisonName,
    /// `liaison.phone`.
    LiaisonPhone,
    /// `contact.name`.
    ContactName,
    /// `contact.phone`.
    ContactPhone,
    /// `contact.email`.
    ContactEmail,
    /// `joined_on`.
    JoinedOn,
}

/// Headers recognised for each column, compared after [`fold`].
const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Name,
        &[
            "企业名称",
            "单位名称",
            "名称",
            "name",
            "enterprisename",
            "enterprise.name",
        ],
    ),
    (
        Column::Uscc,
        &[
            "统一社会信用代码",
            "信用代码",
            "社会信用代码",
            "uscc",
            "enterprise.uscc",
            "creditcode",
        ],
    ),
    (
        Column::Kind,
        &["单位类型", "类型", "企业类型", "kind", "enterprise.kind"],
    ),
    (
        Column::IndustryCodes,
        &[
            "行业代码",
            "国民经济行业代码",
            "industrycodes",
            "industrycode",
            "enterprise.industry_codes",
        ],
    ),
    (
        Column::AnnualOutputWan,
        &[
            "年产值(万元)",
            "年产值",
            "产值(万元)",
            "产值",
            "annualoutputwan",
            "annualoutput(wan)",
            "enterprise.annual_output_wan",
        ],
    ),
    (
        Column::Employees,
        &[
            "职工人数",
            "员工人数",
            "从业人数",
            "employees",
            "enterprise.employees",
        ],
    ),
    (Column::Chain, &["产业链", "所属产业链", "chain"]),
    (
        Column::Segments,
        &["产业链环节", "环节", "所属环节", "segments", "segment"],
    ),
    (
        Column::PartyOrgStatus,
        &[
            "党组织情况",
            "党组织状态",
            "建立党组织情况",
            "partyorgstatus",
            "party_org.status",
        ],
    ),
    (
        Column::PartyOrgKind,
        &["党组织类型", "partyorgkind", "party_org.kind"],
    ),
    (
        Column::PartyOrgName,
        &["党组织名称", "partyorgname", "party_org.name"],
    ),
    (
        Column::FullMembers,
        &[
            "正式党员数",
            "正式党员",
            "正式党员人数",
            "fullmembers",
            "party_org.full_members",
        ],
    ),
    (
        Column::ProbationaryMembers,
        &[
            "预备党员数",
            "预备党员",
            "预备党员人数",
            "probationarymembers",
            "party_org.probationary_members",
        ],
    ),
    (
        Column::HomeAffiliation,
        &[
            "隶属党组织",
            "上级党组织",
            "隶属关系",
            "homeaffiliation",
            "party_org.home_affiliation",
        ],
    ),
    (
        Column::Units,
        &["联合单位数", "覆盖单位数", "units", "party_org.units"],
    ),
    (
        Column::LiaisonName,
        &[
            "联络员",
            "党建工作指导员",
            "党建指导员",
            "联络员姓名",
            "liaison",
            "liaisonname",
            "liaison.name",
        ],
    ),
    (
        Column::LiaisonPhone,
        &[
            "联络员电话",
            "指导员电话",
            "联络员手机",
            "liaisonphone",
            "liaison.phone",
        ],
    ),
    (
        Column::ContactName,
        &[
            "联系人",
            "联系人姓名",
            "contact",
            "contactname",
            "contact.name",
        ],
    ),
    (
        Column::ContactPhone,
        &[
            "联系电话",
            "联系人电话",
            "手机",
            "电话",
            "contactphone",
            "phone",
            "contact.phone",
        ],
    ),
    (
        Column::ContactEmail,
        &["电子邮箱", "邮箱", "email", "contactemail", "contact.email"],
    ),
    (
        Column::JoinedOn,
        &[
            "入链日期",
            "加入日期",
            "加入时间",
            "joinedon",
            "joined_on",
            "joineddate",
        ],
    ),
];

/// The columns without which no row can be a record.
const REQUIRED: &[Column] = &[Column::Name, Column::Uscc, Column::Chain, Column::Segments];

/// Lower-cases, folds full-width forms, and drops spaces and underscores, so
/// that `年产值（万元）`, `年产值(万元)` and `Annual output (wan)` compare simply.
fn fold(header: &str) -> String {
    header
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '\u{FEFF}' && *c != '*')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The column a header names, if any.
pub(super) fn lookup(header: &str) -> Option<Column> {
    let folded = fold(header);
    if folded.is_empty() {
        return None;
    }
    HEADERS
        .iter()
        .find(|(_, names)| names.iter().any(|n| fold(n) == folded))
        .map(|(c, _)| *c)
}

/// What a header row names: the columns found, the headers that name no
/// field, the first header naming a field twice, and the required columns
/// missing.
#[derive(Debug, Clone)]
pub(super) struct Recognised {
    pub(super) positions: Vec<(Column, usize)>,
    pub(super) ignored: Vec<String>,
    pub(super) duplicate: Option<String>,
}

impl Recognised {
    /// Recognises headers given as (shown text, the column it names).
    pub(super) fn new<'a>(headers: impl IntoIterator<Item = (&'a str, Option<Column>)>) -> Self {
        let mut positions: Vec<(Column, usize)> = Vec::new();
        let mut ignored = Vec::new();
        let mut duplicate = None;
        for (index, (header, found)) in headers.into_iter().enumerate() {
            match found {
                Some(column) if positions.iter().any(|(c, _)| *c == column) => {
                    duplicate.get_or_insert_with(|| header.trim().to_owned());
                }
                Some(column) => positions.push((column, index)),
                None if fold(header).is_empty() => {}
                None => ignored.push(header.trim().to_owned()),
            }
        }
        Recognised {
            positions,
            ignored,
            duplicate,
        }
    }

    /// The first header of each required column that is missing.
    fn missing(&self) -> Vec<String> {
        REQUIRED
            .iter()
            .filter(|r| !self.positions.iter().any(|(c, _)| c == *r))
            .map(|r| {
                HEADERS
                    .iter()
                    .find(|(c, _)| c == r)
                    .map_or_else(String::new, |(_, names)| names[0].to_owned())
            })
            .collect()
    }

    /// The columns, or why these headers cannot head a roster.
    pub(super) fn into_columns(self) -> Result<(Columns, Vec<String>), RosterError> {
        if let Some(header) = self.duplicate {
            return Err(RosterError::DuplicateColumn(header));
        }
        let missing = self.missing();
        if !missing.is_empty() {
            return Err(RosterError::MissingColumns(missing));
        }
        Ok((
            Columns {
                positions: self.positions,
            },
            self.ignored,
        ))
    }
}

/// The columns of a roster, found from its header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    positions: Vec<(Column, usize)>,
}

impl Columns {
    /// Recognises the header row. Returns the columns and the headers it did
    /// not recognise (their cells are ignored; the caller should say so).
    ///
    /// # Errors
    ///
    /// [`RosterError::DuplicateColumn`] when two headers name one field,
    /// [`RosterError::MissingColumns`] when a required column (name, USCC,
    /// chain, segments) is absent.
    pub fn from_headers<S: AsRef<str>>(
        headers: &[S],
    ) -> Result<(Columns, Vec<String>), RosterError> {
        Recognised::new(headers.iter().map(|h| (h.as_ref(), lookup(h.as_ref())))).into_columns()
    }

    /// The cell index of a column, if the roster has it.
    pub fn index(&self, column: Column) -> Option<usize> {
        self.positions
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, i)| *i)
    }

    /// The columns found with their cell indexes, in the order of the header.
    pub fn iter(&self) -> impl Iterator<Item = (Column, usize)> + '_ {
        self.positions.iter().copied()
    }

    /// How many fields the header names.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether the header names no field (never so for columns that were found).
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }
}
