//! `lianjian`: the rules of the core on the command line, one JSON line per
//! input, so that scripts and other services can use them.

#![forbid(unsafe_code)]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod classify_cmd;
mod coverage_cmd;
mod folder_io;
mod headline_cmd;
mod outreach_cmd;
mod progress;
mod render;
mod roster_io;
mod spool;

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{FixedOffset, NaiveDate, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};
use lianjian::api::{self, Batch, LineAnswer, Options};
use lianjian::calendar::Calendar;
use lianjian::demand::{Dictionary, Model};
use lianjian::{Catalog, Lang, Path as FieldPath, Report};
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "lianjian",
    version,
    about = "Industry-chain Party building: checks and reports"
)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Common {
    /// Language of messages.
    #[arg(long, global = true, value_enum, default_value = "zh-CN")]
    lang: LangArg,
    /// The date checks compare against (default: today in China, UTC+8).
    #[arg(long, global = true, value_parser = parse_today)]
    today: Option<NaiveDate>,
    /// A district's own chain catalog (JSON); default: the built-in Yantian catalog.
    #[arg(long, global = true)]
    catalog: Option<PathBuf>,
    /// Accept this USCC as real despite a wrong check character, an unknown division or a
    /// resident ID number's shape (a recorded legacy code). Repeatable.
    #[arg(long = "allow-legacy-uscc", global = true, value_name = "CODE")]
    legacy_uscc: Vec<String>,
    /// A year's published holiday schedule (JSON, the shape of
    /// core/catalog/holidays/2026.json), loaded beside the built-in ones; it
    /// replaces the built-in schedule of its year. Repeatable, one file a year.
    #[arg(long, global = true, value_name = "FILE")]
    holidays: Vec<PathBuf>,
    /// A district's classifier model (JSON, written by `lianjian classify
    /// --train`), used instead of the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    classifier: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    #[value(name = "zh-CN", alias = "zh")]
    ZhCn,
    #[value(name = "en")]
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Check unified social credit codes; `-` reads one code per line from stdin.
    Uscc {
        /// The codes to check.
        #[arg(required = true)]
        codes: Vec<String>,
    },
    /// Validate records given as JSON lines.
    Validate {
        #[command(subcommand)]
        record: Record,
    },
    /// Suggest topic and department for demand texts: TEXT, or one text per stdin line.
    Classify {
        /// The text (title and description together); stdin lines when absent.
        text: Option<String>,
        /// Instead: evaluate the classifier on a labelled JSON-lines set
        /// (`{"title", "description", "topic", "split"}`) and print its accuracy.
        #[arg(long, value_name = "FILE", conflicts_with = "text")]
        evaluate: Option<PathBuf>,
        /// With --evaluate: only items of this split (e.g. `holdout`).
        #[arg(long, requires = "evaluate")]
        split: Option<String>,
        /// A district's dictionary extension (JSON).
        #[arg(long, value_name = "FILE")]
        dictionary: Option<PathBuf>,
        /// Classify with the dictionary's terms alone, without a learned model.
        #[arg(long, conflicts_with = "train")]
        terms_only: bool,
        /// Instead: train a classifier model on the built-in labelled demands
        /// and these labelled JSON-lines files (`{"title", "description",
        /// "topic"}`, e.g. the corrections a portal exported), hold out a
        /// part of the files' items, and print accuracy before and after on it.
        #[arg(long, value_name = "FILE", num_args = 0.., conflicts_with_all = ["text", "evaluate"])]
        train: Option<Vec<PathBuf>>,
        /// With --train: where to write the model (default: stdout).
        #[arg(long, value_name = "FILE", requires = "train")]
        output: Option<PathBuf>,
        /// With --train: how many times each item of the files counts
        /// against one built-in labelled demand.
        #[arg(long, value_name = "N", default_value_t = 3, requires = "train",
              value_parser = clap::value_parser!(u32).range(1..=100))]
        weight: u32,
    },
    /// The deadline of a demand in working days: `{"kind", "from", "working_days",
    /// "deadline", "provisional", "findings"}`. Exit 1 when KIND or FROM is invalid.
    Deadline {
        /// consultation | help | complaint | report | suggestion.
        #[arg(long)]
        kind: String,
        /// The day of receipt: YYYY-MM-DD, or an RFC 3339 time (its date in its own offset).
        #[arg(long)]
        from: String,
    },
    /// Whether each DATE (YYYY-MM-DD) is a working day, and why (weekday,
    /// weekend, holiday, make-up day): one JSON line each. Exit 1 for a date
    /// that cannot be read.
    Workday {
        /// The dates.
        #[arg(required = true)]
        dates: Vec<String>,
    },
    /// Coverage report of a roster: enrollment records as JSON lines, CSV or XLSX.
    ///
    /// CSV and workbooks: the header is the first of the first 10 non-blank
    /// rows that names the required columns (a title row above it is
    /// skipped; group titles over sub-headers, such as 党组织 over
    /// 状态 | 类型, are read together). Rows keep their spreadsheet numbers.
    /// Identifiers a spreadsheet stored as numbers (a USCC of 16+ digits, a
    /// phone number or industry code that lost its leading 0, `9.14403E+17`)
    /// are refused as `stored_as_number`: format the column as text.
    Coverage {
        /// The roster file (.jsonl, .csv, .txt, .xlsx, .xls, .ods).
        roster: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: OutputFormat,
        /// Input format (default: from the file name; JSON lines when unsure).
        #[arg(long, value_enum)]
        input: Option<InputFormat>,
        /// Text encoding of a CSV roster; a byte-order mark (UTF-8, UTF-16) always decides.
        #[arg(long, value_enum, default_value = "auto")]
        encoding: EncodingArg,
        /// Delimiter of a CSV roster (default: the one of comma, tab and
        /// semicolon under which the header names the most columns).
        #[arg(long, value_enum)]
        delimiter: Option<DelimiterArg>,
        /// The row (line or sheet row, from 1) holding the column names
        /// (default: looked for among the first 10 non-blank rows).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        header_row: Option<u32>,
        /// Sheet of a workbook (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Worker threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// The headline figures of a district folder (roster.jsonl, demands.jsonl, …)
    /// for a period: each figure's exact value, its report wording (150余家,
    /// 近5000万元), its definition and its list. Rows that fail their checks are
    /// left out and listed with their file and line. Exit 1 when the period
    /// cannot be read.
    Headline {
        /// The district folder.
        dir: PathBuf,
        /// First day of the period (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Last day of the period (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        /// Records and events dated after this day are left out (default: --to).
        #[arg(long = "as-of", value_name = "AS_OF")]
        as_of: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: OutputFormat,
    },
    /// Where every contact of a district folder's programme stands with every
    /// enterprise it holds on --today (on_time, due, overdue; overdue first),
    /// and the programme's report: per contact its enterprises, visits and
    /// demands raised. Rows that fail their checks are left out and listed with
    /// their file and line. Exit 1 when the folder has no valid programme.
    Outreach {
        /// The district folder.
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: ReportFormat,
    },
    /// Exports of a district folder for other systems: `hsds`, its centres as
    /// Open Referral HSDS 3.0 JSON (organizations, services, locations,
    /// service_at_locations, schedules); `ical`, its activities as an
    /// iCalendar (RFC 5545) calendar. Nothing personal is exported. Rows
    /// that fail their checks are left out and listed on stderr.
    Export {
        #[command(subcommand)]
        export: Export,
    },
    /// A ledger (台账) of a district folder as a district keeps it: `activities`,
    /// one row per valid activity (attendance, lecturers by role, hours, demands,
    /// financing, the record); `pairings`, one row per pairing (parties, plan,
    /// outcomes, reports, signs of life); `centres`, one row per centre
    /// (services, hours, rooms, activities held, usage). CSV (UTF-8 with a
    /// byte-order mark, for Excel), a workbook, or JSON. Rows that fail their
    /// checks are left out (they are listed in the JSON, and on stderr for the
    /// other formats). Exit 1 for a ledger that does not exist.
    Ledger {
        /// The ledger: activities, pairings or centres.
        ledger: String,
        /// The district folder.
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: LedgerFormat,
        /// Write to FILE instead of standard output (a workbook is not
        /// written to a terminal).
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum Export {
    /// The valid centres of DIR's `centres.jsonl` as HSDS 3.0 JSON, names in
    /// `--lang`.
    Hsds {
        /// The district folder.
        dir: PathBuf,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The valid activities of DIR's `activities.jsonl` as an iCalendar
    /// calendar (places from `centres.jsonl`, names in `--lang`).
    Ical {
        /// The district folder.
        dir: PathBuf,
        /// The export's time (DTSTAMP), RFC 3339 (default: now).
        #[arg(long, value_name = "TIME")]
        stamp: Option<String>,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// The formats of a ledger.
#[derive(Clone, Copy, ValueEnum)]
enum LedgerFormat {
    Csv,
    Xlsx,
    Json,
}

/// The formats of a report without a page.
#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Json,
    Md,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    Md,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormat {
    Jsonl,
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
enum EncodingArg {
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(alias = "gb18030", alias = "gb2312")]
    Gbk,
    /// UTF-16 little-endian without a byte-order mark.
    #[value(name = "utf-16le", alias = "utf16le")]
    Utf16Le,
    /// UTF-16 big-endian without a byte-order mark.
    #[value(name = "utf-16be", alias = "utf16be")]
    Utf16Be,
}

#[derive(Clone, Copy, ValueEnum)]
enum DelimiterArg {
    /// `,`
    #[value(alias = ",")]
    Comma,
    /// A tab (Excel's "Unicode Text" export).
    Tab,
    /// `;`
    #[value(alias = ";")]
    Semicolon,
}

#[derive(Subcommand)]
enum Record {
    /// Enrollment records: FILE of JSON lines, or `-` for stdin.
    Enrollment {
        /// The file to read.
        file: PathBuf,
    },
    /// Demand records: FILE of JSON lines, or `-` for stdin. Each demand is
    /// also compared with the valid demands on earlier lines (repeats).
    Demand {
        /// The file to read.
        file: PathBuf,
        /// Days within which near-identical demands of one enterprise repeat each other.
        #[arg(long, default_value_t = 30)]
        repeat_window_days: i64,
    },
    /// Contact programmes: FILE of JSON lines, or `-` for stdin. An id used on
    /// an earlier line is refused.
    Programme {
        /// The file to read.
        file: PathBuf,
    },
    /// Visits of a contact programme: FILE of JSON lines, or `-` for stdin.
    /// Each is also compared with the valid visits on earlier lines (an id
    /// used again, the same contact, enterprise, day and mode again).
    Visit {
        /// The file to read.
        file: PathBuf,
        /// The programme the visits belong to (a JSON file holding one
        /// programme): its contacts, their enterprises and its period are
        /// then checked too.
        #[arg(long, value_name = "FILE")]
        programme: Option<PathBuf>,
    },
    /// Activities of the ledger: FILE of JSON lines, or `-` for stdin. Each
    /// is also compared with the valid activities on earlier lines (an id
    /// used again, a room of a centre taken at an overlapping time).
    Activity {
        /// The file to read.
        file: PathBuf,
    },
    /// Pairings (结对共建): FILE of JSON lines, or `-` for stdin. Each is also
    /// compared with the valid pairings on earlier lines (an id used again, a
    /// second active pairing between the same units).
    Pairing {
        /// The file to read.
        file: PathBuf,
    },
    /// Centres (党群服务中心): FILE of JSON lines, or `-` for stdin. An id used
    /// on an earlier line is refused.
    Centre {
        /// The file to read.
        file: PathBuf,
    },
}

impl Record {
    /// The kind's name, the file, and the programme file when given.
    fn parts(&self) -> (&'static str, &Path, Option<&Path>) {
        match self {
            Record::Enrollment { file } => ("enrollment", file, None),
            Record::Demand { file, .. } => ("demand", file, None),
            Record::Programme { file } => ("programme", file, None),
            Record::Visit { file, programme } => ("visit", file, programme.as_deref()),
            Record::Activity { file } => ("activity", file, None),
            Record::Pairing { file } => ("pairing", file, None),
            Record::Centre { file } => ("centre", file, None),
        }
    }
}

fn parse_today(text: &str) -> Result<NaiveDate, String> {
    lianjian::ident::parse_date(text)
        .ok_or_else(|| format!("`{text}` is not a date in YYYY-MM-DD form"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("lianjian: {message}");
            ExitCode::from(2)
        }
    }
}

/// The options of the use-case layer from the flags: language, date,
/// legacy codes, a district's catalog, holiday schedules (files that do not
/// load stop the command, named).
fn options(common: &Common) -> Result<Options, String> {
    let lang = match common.lang {
        LangArg::ZhCn => Lang::ZhCn,
        LangArg::En => Lang::En,
    };
    let read =
        |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    let catalog = match &common.catalog {
        Some(path) => {
            Some(Catalog::from_json(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?)
        }
        None => None,
    };
    let classifier = match &common.classifier {
        Some(path) => Some(std::sync::Arc::new(
            Model::from_text(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?,
        )),
        None => None,
    };
    let calendar = match common.holidays.as_slice() {
        [] => None,
        files => {
            let mut calendar = Calendar::china();
            for path in files {
                calendar
                    .load_year(&read(path)?)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
            Some(calendar)
        }
    };
    Ok(Options {
        lang: Some(lang.tag().to_owned()),
        today: Some(common.today.unwrap_or_else(china_today).to_string()),
        legacy_uscc: common.legacy_uscc.clone(),
        catalog,
        calendar,
        classifier,
        ..Options::default()
    })
}

/// Runs a command; `Ok(false)` when some input was invalid.
fn run(cli: Cli) -> Result<bool, String> {
    let options = options(&cli.common)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let all_valid = match cli.command {
        Command::Uscc { codes } => uscc_command(&codes, &options, &mut out)?,
        Command::Validate { record } => {
            let (kind, file, programme) = record.parts();
            let options = match programme {
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    options
                        .clone()
                        .with_programme_json(&text)
                        .map_err(|e| format!("{}: {e}", path.display()))?
                }
                None => options.clone(),
            };
            let mut batch = Batch::new(kind, &options)?;
            if let Record::Demand {
                repeat_window_days, ..
            } = record
            {
                batch = batch.with_repeat_window_days(repeat_window_days);
            }
            validate_lines(file, &mut batch, &mut out)?
        }
        Command::Classify {
            text,
            evaluate,
            split,
            dictionary,
            terms_only,
            train,
            output,
            weight,
        } => {
            let mut dict = Dictionary::builtin().clone();
            if let Some(path) = dictionary {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                let extension =
                    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
                dict.extend(extension)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
            let terms = dict.classifier();
            let model = match (&options.classifier, terms_only) {
                (_, true) => None,
                (Some(model), false) => Some(model.as_ref()),
                (None, false) => Model::builtin(),
            };
            let classifier = match model {
                Some(model) => terms.with_model(model),
                None => terms,
            };
            match (train, evaluate) {
                (Some(files), _) => classify_cmd::train(
                    &classifier,
                    &files,
                    weight as usize,
                    output.as_deref(),
                    &mut out,
                )?,
                (None, Some(path)) => {
                    classify_cmd::evaluate(&classifier, &path, split.as_deref(), &mut out)?
                }
                (None, None) => classify_cmd::classify(&classifier, text.as_deref(), &mut out)?,
            }
            true
        }
        Command::Deadline { kind, from } => {
            let answer = api::deadline(&kind, &from, &options);
            write_json_line(&mut out, &answer)?;
            answer.deadline.is_some()
        }
        Command::Workday { dates } => {
            let mut all_valid = true;
            for date in &dates {
                let answer = api::workday(date, &options);
                all_valid &= answer.working.is_some();
                write_json_line(&mut out, &answer)?;
            }
            all_valid
        }
        Command::Coverage {
            roster,
            format,
            input,
            encoding,
            delimiter,
            header_row,
            sheet,
            threads,
        } => {
            let read = coverage_cmd::Options {
                format: input.map(|i| match i {
                    InputFormat::Jsonl => roster_io::Format::JsonLines,
                    InputFormat::Csv => roster_io::Format::Csv,
                    InputFormat::Xlsx => roster_io::Format::Workbook,
                }),
                encoding: match encoding {
                    EncodingArg::Auto => roster_io::Encoding::Auto,
                    EncodingArg::Utf8 => roster_io::Encoding::Utf8,
                    EncodingArg::Gbk => roster_io::Encoding::Gbk,
                    EncodingArg::Utf16Le => roster_io::Encoding::Utf16Le,
                    EncodingArg::Utf16Be => roster_io::Encoding::Utf16Be,
                },
                delimiter: delimiter.map(|d| match d {
                    DelimiterArg::Comma => roster_io::Delimiter::Comma,
                    DelimiterArg::Tab => roster_io::Delimiter::Tab,
                    DelimiterArg::Semicolon => roster_io::Delimiter::Semicolon,
                }),
                header_row: header_row.map(|n| n as usize),
                sheet: sheet.as_deref(),
                threads,
            };
            // JSON streams: the rows it lists are written aside as they are
            // counted. Markdown and HTML are for people and hold them.
            let spool = matches!(format, OutputFormat::Json);
            let counted = coverage_cmd::run(&roster, &read, &options, spool)?;
            let lang = options.lang();
            match format {
                OutputFormat::Json => counted.write_json(&mut out)?,
                OutputFormat::Md => out
                    .write_all(render::markdown(&counted.answer, lang).as_bytes())
                    .map_err(|e| format!("writing output: {e}"))?,
                OutputFormat::Html => out
                    .write_all(render::html_page(&counted.answer, lang).as_bytes())
                    .map_err(|e| format!("writing output: {e}"))?,
            }
            // A report was produced: rejected rows are in it, not a failure of the command.
            true
        }
        Command::Headline {
            dir,
            from,
            to,
            as_of,
            format,
        } => {
            let texts = folder_io::FolderTexts::read(&dir)?;
            let query = api::Query {
                from: &from,
                to: &to,
                as_of: as_of.as_deref(),
            };
            let answer = api::headline(&texts.folder(), &query, &options);
            let (lang, catalog) = (options.lang(), options.catalog());
            match format {
                OutputFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &answer)
                        .map_err(|e| format!("writing output: {e}"))?;
                    out.write_all(b"\n")
                }
                OutputFormat::Md => {
                    out.write_all(headline_cmd::markdown(&answer, lang, catalog).as_bytes())
                }
                OutputFormat::Html => {
                    out.write_all(headline_cmd::html_page(&answer, lang, catalog).as_bytes())
                }
            }
            .map_err(|e| format!("writing output: {e}"))?;
            // Rows left out are in the report; only an unreadable period fails.
            answer.figures.is_some()
        }
        Command::Outreach { dir, format } => {
            let texts = folder_io::FolderTexts::read(&dir)?;
            let answer = api::outreach(&texts.folder(), &options);
            match format {
                ReportFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &answer)
                        .map_err(|e| format!("writing output: {e}"))?;
                    out.write_all(b"\n")
                }
                ReportFormat::Md => {
                    out.write_all(outreach_cmd::markdown(&answer, options.lang()).as_bytes())
                }
            }
            .map_err(|e| format!("writing output: {e}"))?;
            answer.programme.is_some()
        }
        Command::Export { export } => export_command(export, &options, &mut out)?,
        Command::Ledger {
            ledger,
            dir,
            format,
            output,
        } => {
            let texts = folder_io::FolderTexts::read(&dir)?;
            let answer = api::ledger(&ledger, &texts.folder(), &options);
            let bytes = match (format, answer.table()) {
                (LedgerFormat::Json, _) | (_, None) => {
                    let mut text = serde_json::to_vec_pretty(&answer)
                        .map_err(|e| format!("writing output: {e}"))?;
                    text.push(b'\n');
                    text
                }
                (LedgerFormat::Csv, Some(table)) => lianjian::ledger::files::csv(table)?,
                (LedgerFormat::Xlsx, Some(table)) => {
                    // The workbook's creation time: now (the command line has a clock).
                    let now = chrono::Utc::now().fixed_offset();
                    lianjian::ledger::files::xlsx(table, now)?
                }
            };
            if !matches!(format, LedgerFormat::Json) {
                // The rows left out are not in a spreadsheet: say so beside it.
                for f in &answer.findings {
                    let file = f.file.map_or("", |file| file.as_str());
                    let line = f.line.map_or_else(String::new, |n| format!(":{n}"));
                    let path = f.finding.path.to_string();
                    eprintln!(
                        "{file}{line} {path} {}: {}",
                        f.finding.code, f.finding.message
                    );
                }
            }
            match &output {
                Some(path) => {
                    std::fs::write(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?
                }
                None if matches!(format, LedgerFormat::Xlsx) && io::stdout().is_terminal() => {
                    return Err(
                        "a workbook is not written to a terminal: use --output FILE or redirect"
                            .into(),
                    );
                }
                None => out
                    .write_all(&bytes)
                    .map_err(|e| format!("writing output: {e}"))?,
            }
            answer.table().is_some()
        }
    };
    out.flush().map_err(|e| format!("writing output: {e}"))?;
    Ok(all_valid)
}

/// `lianjian export hsds|ical DIR`: the export on stdout (or `--output`),
/// the rows left out on stderr; `Ok(false)` when nothing could be exported.
fn export_command(export: Export, options: &Options, out: &mut impl Write) -> Result<bool, String> {
    let (bytes, findings, output) = match export {
        Export::Hsds { dir, output } => {
            let texts = folder_io::FolderTexts::read(&dir)?;
            let answer = api::hsds(&texts.folder(), options);
            let bytes = match &answer.export {
                Some(hsds) => {
                    let mut text = serde_json::to_vec_pretty(hsds)
                        .map_err(|e| format!("writing output: {e}"))?;
                    text.push(b'\n');
                    Some(text)
                }
                None => None,
            };
            (bytes, answer.findings, output)
        }
        Export::Ical { dir, stamp, output } => {
            let stamp = match stamp {
                Some(text) => lianjian::ident::parse_datetime(&text)
                    .ok_or_else(|| {
                        format!("--stamp: `{text}` is not an RFC 3339 time with an offset")
                    })?
                    .with_timezone(&Utc),
                None => Utc::now(),
            };
            let texts = folder_io::FolderTexts::read(&dir)?;
            let answer = api::ical(&texts.folder(), stamp, options);
            (
                answer.export.map(String::into_bytes),
                answer.findings,
                output,
            )
        }
    };
    for f in &findings {
        let file = f.file.map_or("", |file| file.as_str());
        let line = f.line.map_or_else(String::new, |n| format!(":{n}"));
        let path = f.finding.path.to_string();
        eprintln!(
            "{file}{line} {path} {}: {}",
            f.finding.code, f.finding.message
        );
    }
    let Some(bytes) = bytes else {
        return Ok(false);
    };
    match output {
        Some(path) => {
            std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => out
            .write_all(&bytes)
            .map_err(|e| format!("writing output: {e}"))?,
    }
    Ok(true)
}

fn china_today() -> NaiveDate {
    let china =
        FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!("+08:00 is a valid offset"));
    Utc::now().with_timezone(&china).date_naive()
}

fn uscc_command(codes: &[String], options: &Options, out: &mut impl Write) -> Result<bool, String> {
    let (policy, messages, lang) = (options.policy(), options.messages(), options.lang());
    let mut all_valid = true;
    let mut check = |input: &str, out: &mut dyn Write| -> Result<(), String> {
        let answer = api::uscc_answer(input, &policy, &messages, lang);
        all_valid &= answer.valid;
        write_json_line(out, &answer)
    };
    for code in codes {
        if code == "-" {
            // Bytes that are not UTF-8 become U+FFFD, which the check then
            // reports as a character outside the code's alphabet.
            for line in io::stdin().lock().split(b'\n') {
                let line = line.map_err(|e| format!("reading stdin: {e}"))?;
                let line = String::from_utf8_lossy(&line);
                if !line.trim().is_empty() {
                    check(line.trim_end_matches('\r'), out)?;
                }
            }
        } else {
            check(code, out)?;
        }
    }
    Ok(all_valid)
}

/// Validates every non-blank line of a JSON-lines file (or stdin for `-`),
/// each against the valid records on earlier lines.
fn validate_lines(
    file: &Path,
    batch: &mut Batch<'_>,
    out: &mut impl Write,
) -> Result<bool, String> {
    let reader: Box<dyn BufRead> = if file == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        let opened = File::open(file).map_err(|e| format!("{}: {e}", file.display()))?;
        Box::new(BufReader::with_capacity(1 << 16, opened))
    };
    let mut all_valid = true;
    let mut buffer = Vec::new();
    let mut reader = reader;
    let mut number = 0;
    loop {
        buffer.clear();
        let read = reader
            .read_until(b'\n', &mut buffer)
            .map_err(|e| format!("{}: {e}", file.display()))?;
        if read == 0 {
            break;
        }
        number += 1;
        let answer = match std::str::from_utf8(&buffer) {
            // The record is the line without its line break, so that
            // positions in findings are those of the line as a person sees it.
            // A byte-order mark stays: the core drops one, as for every
            // other binding, and a second one is not JSON.
            Ok(text) => match batch.check_line(number, text.trim_end_matches(['\n', '\r'])) {
                Some(answer) => answer,
                None => continue,
            },
            Err(e) => LineAnswer {
                line: number,
                valid: false,
                findings: batch.render(&not_utf8(e.valid_up_to() + 1)),
            },
        };
        all_valid &= answer.valid;
        write_json_line(out, &answer)?;
    }
    Ok(all_valid)
}

/// Bytes that are not UTF-8 are not JSON text: an `invalid_json` finding.
fn not_utf8(column: usize) -> Report {
    let mut report = Report::new();
    report.push(
        lianjian::Finding::new(lianjian::Code::InvalidJson, FieldPath::root())
            .with("line", 1usize)
            .with("column", column),
    );
    report
}

fn write_json_line(out: &mut dyn Write, value: &impl Serialize) -> Result<(), String> {
    serde_json::to_writer(&mut *out, value).map_err(|e| format!("writing output: {e}"))?;
    out.write_all(b"\n")
        .map_err(|e| format!("writing output: {e}"))
}
