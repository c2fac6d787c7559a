/*
 * Tests of the lianjian C ABI from C, and a mode that prints the answers for
 * fixture files (for the harness that compares every layer's findings).
 *
 *   test_lianjian [FIXTURES_DIR]
 *       Runs every check against the fixtures in FIXTURES_DIR (default:
 *       tests/fixtures, relative to the working directory), prints
 *       "N passed, M failed" last, exits 0 only when nothing failed.
 *
 *   test_lianjian --findings KIND [--lang LANG] [--today DATE]
 *                 [--options JSON] [--one-line] FILE...
 *       Prints one JSON answer per line; see usage() and bindings/c/README.md.
 *
 * Built and run (with AddressSanitizer and valgrind) by bindings/c/run-tests.sh.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lianjian.h"

/* ---- checks ------------------------------------------------------------ */

static int passed = 0;
static int failed = 0;

/* `out` starts as this before every call, so a check sees whether the call
 * wrote it. Never read or freed. */
static char sentinel_byte;
#define SENTINEL (&sentinel_byte)

static void fail(const char *name, const char *format, ...)
{
    va_list args;
    failed++;
    fprintf(stderr, "FAIL %s: ", name);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
}

static void pass(void)
{
    passed++;
}

/* A NULL-terminated list of strings, for expect(). */
#define TEXTS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* One check of a call that ran: its status, that the JSON in `out` contains
 * every string of `present` and none of `absent` (either may be NULL). Frees
 * `out`. */
static void expect(const char *name, LianjianStatus got, LianjianStatus want, char *out,
                   const char *const *present, const char *const *absent)
{
    if (out == SENTINEL) {
        fail(name, "out was not written");
        return;
    }
    if (got != want) {
        fail(name, "status %d, expected %d; out: %s", (int)got, (int)want, out ? out : "NULL");
    } else if (out == NULL) {
        fail(name, "no JSON in out");
    } else {
        int ok = 1;
        for (const char *const *p = present; p && *p; p++) {
            if (!strstr(out, *p)) {
                fail(name, "`%s` not in %s", *p, out);
                ok = 0;
                break;
            }
        }
        for (const char *const *p = absent; ok && p && *p; p++) {
            if (strstr(out, *p)) {
                fail(name, "`%s` unexpectedly in %s", *p, out);
                ok = 0;
            }
        }
        if (ok) {
            pass();
        }
    }
    lianjian_string_free(out);
}

/* One check of a refused call: its status, and `out` set to NULL. */
static void expect_refused(const char *name, LianjianStatus got, LianjianStatus want, char *out)
{
    if (out == SENTINEL) {
        fail(name, "out was not written");
    } else if (got != want) {
        fail(name, "status %d, expected %d", (int)got, (int)want);
    } else if (out != NULL) {
        fail(name, "out is not NULL: %s", out);
    } else {
        pass();
    }
    if (out != SENTINEL) {
        lianjian_string_free(out);
    }
}

/* ---- files ------------------------------------------------------------- */

/* The whole file as a NUL-terminated string (free() it), or NULL with a
 * message on stderr (unreadable, or a NUL byte inside). */
static char *read_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file) {
        perror(path);
        return NULL;
    }
    size_t capacity = 8192;
    size_t length = 0;
    char *text = malloc(capacity);
    while (text) {
        length += fread(text + length, 1, capacity - length - 1, file);
        if (length < capacity - 1) {
            break;
        }
        capacity *= 2;
        char *bigger = realloc(text, capacity);
        if (!bigger) {
            free(text);
        }
        text = bigger;
    }
    int error = ferror(file);
    fclose(file);
    if (!text || error) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(text);
        return NULL;
    }
    text[length] = '\0';
    if (strlen(text) != length) {
        fprintf(stderr, "%s: contains a NUL byte\n", path);
        free(text);
        return NULL;
    }
    return text;
}

static char *read_fixture(const char *dir, const char *name)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path) {
        fprintf(stderr, "%s/%s: path too long\n", dir, name);
        return NULL;
    }
    return read_file(path);
}

/* ---- the checks -------------------------------------------------------- */

#define TODAY "{\"today\": \"2026-11-25\"}"
#define TODAY_EN "{\"today\": \"2026-11-25\", \"lang\": \"en\"}"
#define TODAY_ZH "{\"today\": \"2026-11-25\", \"lang\": \"zh-CN\"}"
/* Bytes that can start no UTF-8 character. */
#define NOT_UTF8 "\xff\xfe"

static void check_version(void)
{
    const char *version = lianjian_version();
    if (version && isdigit((unsigned char)version[0]) && strchr(version, '.')) {
        pass();
    } else {
        fail("version", "unexpected: %s", version ? version : "NULL");
    }
}

static void check_enrollment(const char *fixtures)
{
    char *valid = read_fixture(fixtures, "enrollment/valid_own_branch.json");
    char *future = read_fixture(fixtures, "enrollment/err_date_in_future.json");
    char *legacy = read_fixture(fixtures, "enrollment/valid_legacy_uscc_override.json");
    char *out;
    LianjianStatus status;
    if (!valid || !future || !legacy) {
        fail("enrollment", "fixtures missing");
        goto done;
    }

    out = SENTINEL;
    status = lianjian_validate_enrollment(valid, TODAY, &out);
    expect("enrollment: valid record", status, LIANJIAN_STATUS_OK, out,
           TEXTS("\"valid\":true", "\"findings\":[]", "\"record\":{", "\"chain\":\"gold_jewelry\""),
           NULL);

    out = SENTINEL;
    status = lianjian_validate_enrollment(future, TODAY_ZH, &out);
    expect("enrollment: invalid record, zh-CN", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"valid\":false", "\"code\":\"date_in_future\"", "\"path\":\"joined_on\"",
                 "\"record\":null", "日期不能晚于今天（2026-11-25）"),
           NULL);

    out = SENTINEL;
    status = lianjian_validate_enrollment(future, TODAY_EN, &out);
    expect("enrollment: invalid record, en", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"code\":\"date_in_future\"", "The date cannot be after today (2026-11-25)"),
           TEXTS("日期"));

    out = SENTINEL;
    status = lianjian_validate_enrollment("{\"enterprise\": ", TODAY, &out);
    expect("enrollment: not JSON is an invalid record", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"code\":\"invalid_json\""), NULL);

    out = SENTINEL;
    status = lianjian_validate_enrollment(legacy, TODAY, &out);
    expect("enrollment: a legacy USCC without the allow-list", status, LIANJIAN_STATUS_INVALID,
           out, TEXTS("\"code\":\"uscc_checksum\""), NULL);

    out = SENTINEL;
    status = lianjian_validate_enrollment(
        legacy, "{\"today\": \"2026-11-25\", \"legacyUscc\": [\"91440300MA5FUTN410\"]}", &out);
    expect("enrollment: a legacy USCC on the allow-list", status, LIANJIAN_STATUS_OK, out,
           TEXTS("\"code\":\"uscc_checksum_overridden\""), NULL);

    out = SENTINEL;
    status = lianjian_validate_enrollment("{}", "{\"today\": \"yesterday\"}", &out);
    expect("enrollment: a date that is none is a finding", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"path\":\"today\""), NULL);

    /* No `today`: the library takes today's date in China from the clock. */
    out = SENTINEL;
    status = lianjian_validate_enrollment("{}", NULL, &out);
    expect("enrollment: NULL options are the defaults", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"code\":\"required\"", "此项必填"), TEXTS("\"path\":\"today\""));

    out = SENTINEL;
    status = lianjian_validate_enrollment("{}", "{\"lang\": \"en\"}", &out);
    expect("enrollment: options without today use the clock", status, LIANJIAN_STATUS_INVALID,
           out, TEXTS("This is required"), TEXTS("\"path\":\"today\""));

done:
    free(valid);
    free(future);
    free(legacy);
}

static void check_demand(const char *fixtures)
{
    char *valid = read_fixture(fixtures, "demand/valid_help_traffic.json");
    char *invalid = read_fixture(fixtures, "demand/err_title_too_short.json");
    char *out;
    LianjianStatus status;
    if (!valid || !invalid) {
        fail("demand", "fixtures missing");
        goto done;
    }

    out = SENTINEL;
    status = lianjian_validate_demand(valid, TODAY, &out);
    expect("demand: valid record", status, LIANJIAN_STATUS_OK, out,
           TEXTS("\"valid\":true", "\"record\":{"), NULL);

    out = SENTINEL;
    status = lianjian_validate_demand(invalid, TODAY_EN, &out);
    expect("demand: invalid record", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"valid\":false", "\"path\":\"title\"", "\"record\":null"), NULL);

done:
    free(valid);
    free(invalid);
}

static void check_uscc(void)
{
    char *out;
    LianjianStatus status;

    out = SENTINEL;
    status = lianjian_check_uscc("9144 0300 ma5f utn4 18", NULL, &out);
    expect("uscc: valid, normalised", status, LIANJIAN_STATUS_OK, out,
           TEXTS("\"valid\":true", "\"normalized\":\"91440300MA5FUTN418\"",
                 "\"input\":\"9144 0300 ma5f utn4 18\""),
           NULL);

    out = SENTINEL;
    status = lianjian_check_uscc("91440300MA5FUTN419", "{\"lang\": \"zh-CN\"}", &out);
    expect("uscc: wrong check character, zh-CN", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"code\":\"uscc_checksum\"", "\"expected\":\"8\"", "统一社会信用代码校验未通过：请对照营业执照逐位核对"), NULL);

    out = SENTINEL;
    status = lianjian_check_uscc("91440300MA5FUTN419", "{\"lang\": \"en\"}", &out);
    expect("uscc: wrong check character, en", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("compare each character with the business licence"),
           NULL);

    out = SENTINEL;
    status = lianjian_check_uscc(
        "91440300MA5FUTN419",
        "{\"lang\": \"en\", \"messages\": {\"uscc_checksum\": \"Check digit: {expected}\"}}", &out);
    expect("uscc: a message override", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"message\":\"Check digit: 8\""), NULL);
}

static void check_classify(void)
{
    char *out = SENTINEL;
    LianjianStatus status = lianjian_classify("出口退税", "", &out);
    expect("classify", status, LIANJIAN_STATUS_OK, out,
           TEXTS("\"topic\":\"tax\"", "\"departments\":[", "\"candidates\":["), NULL);
}

static void check_working_days(void)
{
    char *out = SENTINEL;
    LianjianStatus status =
        lianjian_deadline("consultation", "2026-12-30T10:00:00+08:00", "{\"lang\": \"en\"}", &out);
    expect("deadline: reckoned into an unpublished year", status, LIANJIAN_STATUS_OK, out,
           TEXTS("\"deadline\":\"2027-01-04\"", "\"provisional\":true",
                 "\"code\":\"calendar_provisional\""),
           NULL);

    out = SENTINEL;
    status = lianjian_deadline(
        "consultation", "2026-12-30",
        "{\"holidays\": [{\"year\": 2027, \"source\": \"a test schedule\", \"holidays\": ["
        "{\"name\": \"元旦\", \"from\": \"2027-01-01\", \"to\": \"2027-01-04\"},"
        "{\"name\": \"春节\", \"from\": \"2027-02-05\", \"to\": \"2027-02-11\"},"
        "{\"name\": \"清明节\", \"from\": \"2027-04-05\", \"to\": \"2027-04-05\"},"
        "{\"name\": \"劳动节\", \"from\": \"2027-05-01\", \"to\": \"2027-05-05\"},"
        "{\"name\": \"端午节\", \"from\": \"2027-06-09\", \"to\": \"2027-06-09\"},"
        "{\"name\": \"中秋节\", \"from\": \"2027-09-15\", \"to\": \"2027-09-15\"},"
        "{\"name\": \"国庆节\", \"from\": \"2027-10-01\", \"to\": \"2027-10-07\"}],"
        " \"workdays\": []}]}",
        &out);
    expect("deadline: the schedule loaded through the options", status, LIANJIAN_STATUS_OK, out,
           TEXTS("\"deadline\":\"2027-01-05\"", "\"provisional\":false", "\"findings\":[]"),
           NULL);

    out = SENTINEL;
    status = lianjian_deadline("petition", "soon", NULL, &out);
    expect("deadline: unreadable kind and date", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"deadline\":null", "\"path\":\"kind\"", "\"path\":\"from\""), NULL);

    out = SENTINEL;
    status = lianjian_deadline("help", "2026-12-30", "{\"holidays\": [{\"year\": 2027}]}", &out);
    expect("deadline: a schedule that does not load", status, LIANJIAN_STATUS_BAD_OPTIONS, out,
           TEXTS("holidays[0]"), NULL);

    out = SENTINEL;
    status = lianjian_workday("2026-10-10", NULL, &out);
    expect("workday: a make-up day", status, LIANJIAN_STATUS_OK, out,
           TEXTS("\"working\":true", "\"reason\":\"make_up_day\"", "\"holiday\":\"national_day\""),
           NULL);

    out = SENTINEL;
    status = lianjian_workday("2026-02-30", NULL, &out);
    expect("workday: not a date", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"code\":\"date_invalid\""), NULL);
}

static void check_coverage(const char *fixtures)
{
    char *roster = read_fixture(fixtures, "roster/gaps.jsonl");
    char *out;
    LianjianStatus status;

    if (roster) {
        out = SENTINEL;
        status = lianjian_coverage(roster, TODAY, &out);
        expect("coverage: the gaps roster", status, LIANJIAN_STATUS_OK, out,
               TEXTS("\"totals\":{", "\"chains\":[", "\"gaps\":{", "\"rejected\":["), NULL);
        free(roster);
    } else {
        fail("coverage", "fixture missing");
    }

    out = SENTINEL;
    status = lianjian_coverage("{}\n\nnot json\n", TODAY_EN, &out);
    expect("coverage: rejected rows are listed, not a failure", status, LIANJIAN_STATUS_OK, out,
           TEXTS("\"rejected_rows\":2", "\"row\":1,", "\"row\":3,"), NULL);
}

static void check_headline(void)
{
    char *out;
    LianjianStatus status;
    const char *folder =
        "{\"roster.jsonl\": \"{\\\"chain\\\": 1}\\n\", \"demands.jsonl\": \"\"}";

    out = SENTINEL;
    status = lianjian_headline(folder, "2026-01-01", "2026-12-31", NULL, TODAY, &out);
    expect("headline: a row left out is a finding with its file and line", status,
           LIANJIAN_STATUS_OK, out,
           TEXTS("\"as_of\":\"2026-12-31\"", "\"chain_enterprises\":{\"value\":0",
                 "\"file\":\"roster.jsonl\",\"line\":1,"),
           NULL);

    out = SENTINEL;
    status = lianjian_headline(folder, "2026-01-01", "someday", "2026-06-30", TODAY_EN, &out);
    expect("headline: a period that cannot be read", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"figures\":null", "\"path\":\"to\""), NULL);

    out = SENTINEL;
    status = lianjian_headline(NULL, "2026-01-01", "2026-12-31", NULL, TODAY, &out);
    expect_refused("null: headline folder", status, LIANJIAN_STATUS_NULL_ARGUMENT, out);
}

static void check_null_arguments(void)
{
    char *out;
    LianjianStatus status;

    out = SENTINEL;
    status = lianjian_validate_enrollment(NULL, TODAY, &out);
    expect_refused("null: enrollment record", status, LIANJIAN_STATUS_NULL_ARGUMENT, out);
    out = SENTINEL;
    status = lianjian_validate_demand(NULL, TODAY, &out);
    expect_refused("null: demand record", status, LIANJIAN_STATUS_NULL_ARGUMENT, out);
    out = SENTINEL;
    status = lianjian_check_uscc(NULL, NULL, &out);
    expect_refused("null: uscc code", status, LIANJIAN_STATUS_NULL_ARGUMENT, out);
    out = SENTINEL;
    status = lianjian_classify(NULL, "", &out);
    expect_refused("null: classify title", status, LIANJIAN_STATUS_NULL_ARGUMENT, out);
    out = SENTINEL;
    status = lianjian_classify("", NULL, &out);
    expect_refused("null: classify description", status, LIANJIAN_STATUS_NULL_ARGUMENT, out);
    out = SENTINEL;
    status = lianjian_coverage(NULL, TODAY, &out);
    expect_refused("null: coverage lines", status, LIANJIAN_STATUS_NULL_ARGUMENT, out);

    /* A NULL record is refused before the (bad) options are read. */
    out = SENTINEL;
    status = lianjian_validate_enrollment(NULL, "{", &out);
    expect_refused("null: before bad options", status, LIANJIAN_STATUS_NULL_ARGUMENT, out);

    /* A NULL `out`: refused, nothing written. */
    int all = lianjian_validate_enrollment("{}", TODAY, NULL) == LIANJIAN_STATUS_NULL_ARGUMENT &&
              lianjian_validate_demand("{}", TODAY, NULL) == LIANJIAN_STATUS_NULL_ARGUMENT &&
              lianjian_check_uscc("x", NULL, NULL) == LIANJIAN_STATUS_NULL_ARGUMENT &&
              lianjian_classify("", "", NULL) == LIANJIAN_STATUS_NULL_ARGUMENT &&
              lianjian_coverage("", NULL, NULL) == LIANJIAN_STATUS_NULL_ARGUMENT;
    if (all) {
        pass();
    } else {
        fail("null: out", "some function did not refuse a NULL out");
    }

    lianjian_string_free(NULL);
    pass();
}

static void check_invalid_utf8(void)
{
    char *out;
    LianjianStatus status;

    out = SENTINEL;
    status = lianjian_validate_enrollment(NOT_UTF8, TODAY, &out);
    expect_refused("utf-8: enrollment record", status, LIANJIAN_STATUS_INVALID_UTF8, out);
    out = SENTINEL;
    status = lianjian_validate_enrollment("{}", NOT_UTF8, &out);
    expect_refused("utf-8: enrollment options", status, LIANJIAN_STATUS_INVALID_UTF8, out);
    out = SENTINEL;
    status = lianjian_validate_demand(NOT_UTF8, TODAY, &out);
    expect_refused("utf-8: demand record", status, LIANJIAN_STATUS_INVALID_UTF8, out);
    out = SENTINEL;
    status = lianjian_check_uscc(NOT_UTF8, NULL, &out);
    expect_refused("utf-8: uscc code", status, LIANJIAN_STATUS_INVALID_UTF8, out);
    out = SENTINEL;
    status = lianjian_classify(NOT_UTF8, "", &out);
    expect_refused("utf-8: classify title", status, LIANJIAN_STATUS_INVALID_UTF8, out);
    out = SENTINEL;
    status = lianjian_classify("", "ok \xc3", &out); /* a cut two-byte character */
    expect_refused("utf-8: classify description", status, LIANJIAN_STATUS_INVALID_UTF8, out);
    out = SENTINEL;
    status = lianjian_coverage("{}\n" NOT_UTF8 "\n", TODAY, &out);
    expect_refused("utf-8: coverage lines", status, LIANJIAN_STATUS_INVALID_UTF8, out);
}

static void check_bad_options(void)
{
    char *out;
    LianjianStatus status;

    out = SENTINEL;
    status = lianjian_validate_enrollment("{}", "{not json", &out);
    expect("options: not JSON", status, LIANJIAN_STATUS_BAD_OPTIONS, out,
           TEXTS("{\"error\":\"options: "), NULL);
    out = SENTINEL;
    status = lianjian_validate_demand("{}", "{\"colour\": \"red\"}", &out);
    expect("options: an unknown key", status, LIANJIAN_STATUS_BAD_OPTIONS, out,
           TEXTS("\"error\":", "unknown field", "colour"), NULL);
    out = SENTINEL;
    status = lianjian_check_uscc("91440300MA5FUTN418", "{\"lang\": 5}", &out);
    expect("options: a wrong type", status, LIANJIAN_STATUS_BAD_OPTIONS, out,
           TEXTS("\"error\":"), NULL);
    out = SENTINEL;
    status = lianjian_coverage("{}\n", "{\"today\": [", &out);
    expect("options: coverage", status, LIANJIAN_STATUS_BAD_OPTIONS, out, TEXTS("\"error\":"),
           NULL);
}

static void check_outreach(const char *fixtures)
{
    char *visit = read_fixture(fixtures, "visit/valid_on_site_with_demand.json");
    char *activity = read_fixture(fixtures, "activity/err_party_members_over_attended.json");
    char *lines = read_fixture(fixtures, "batch/activity_room_double_booked.jsonl");
    char *out;
    LianjianStatus status;
    if (!visit || !activity || !lines) {
        fail("outreach", "fixtures missing");
        goto done;
    }

    out = SENTINEL;
    status = lianjian_validate("visit", visit, TODAY, &out);
    expect("validate: a visit", status, LIANJIAN_STATUS_OK, out,
           TEXTS("\"valid\":true", "\"record\":{", "\"mode\":\"on_site\"",
                 "\"on_site_reply\":"),
           NULL);

    out = SENTINEL;
    status = lianjian_validate("activity", activity, TODAY_EN, &out);
    expect("validate: an activity with an error", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"code\":\"party_members_over_attended\"", "\"path\":\"attended_party_members\"",
                 "\"record\":null"),
           NULL);

    out = SENTINEL;
    status = lianjian_validate("training", visit, TODAY, &out);
    expect("validate: an unknown kind", status, LIANJIAN_STATUS_UNKNOWN_KIND, out,
           TEXTS("\"error\":\"kind: `training` is not one of"), NULL);

    out = SENTINEL;
    status = lianjian_validate_lines("activity", lines, TODAY_EN, &out);
    expect("validate_lines: a room taken twice", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("{\"line\":1,\"valid\":true,\"findings\":[]}", "\"code\":\"room_double_booked\"",
                 "\"earlier\":\"line 1\""),
           NULL);

    out = SENTINEL;
    status = lianjian_validate_lines(NULL, lines, TODAY, &out);
    expect_refused("validate_lines: NULL kind", status, LIANJIAN_STATUS_NULL_ARGUMENT, out);

done:
    free(visit);
    free(activity);
    free(lines);
}

static void check_pairings_and_centres(const char *fixtures)
{
    char *pairing = read_fixture(fixtures, "pairing/valid_port_traffic_peak.json");
    char *self = read_fixture(fixtures, "pairing/err_self_pairing.json");
    char *home = read_fixture(fixtures, "centre/warn_driver_home_missing_services.json");
    char *centres = read_fixture(fixtures, "usage/centres.jsonl");
    char *out;
    LianjianStatus status;
    if (!pairing || !self || !home || !centres) {
        fail("pairings and centres", "fixtures missing");
        goto done;
    }

    out = SENTINEL;
    status = lianjian_validate("pairing", pairing, TODAY, &out);
    expect("validate: the seed's pairing", status, LIANJIAN_STATUS_OK, out,
           TEXTS("\"valid\":true", "\"findings\":[]", "\"plan_item\":\"plan-peak-coordination\""),
           NULL);

    out = SENTINEL;
    status = lianjian_validate("pairing", self, TODAY_EN, &out);
    expect("validate: a unit paired with itself", status, LIANJIAN_STATUS_INVALID, out,
           TEXTS("\"code\":\"pairing_self\"", "\"path\":\"parties[5].org\"",
                 "\"record\":null"),
           NULL);

    out = SENTINEL;
    status = lianjian_validate("centre", home, TODAY_EN, &out);
    expect("validate: a drivers' home short of its basic services", status,
           LIANJIAN_STATUS_OK, out,
           TEXTS("\"code\":\"driver_home_missing_service\"", "\"severity\":\"warning\"",
                 "\"missing\":[\"meal_heating\",\"shower\",\"laundry\"]"),
           NULL);

    out = SENTINEL;
    status = lianjian_validate_lines("centre", centres, TODAY, &out);
    expect("validate_lines: two centres", status, LIANJIAN_STATUS_OK, out,
           TEXTS("{\"line\":1,\"valid\":true,\"findings\":[]}",
                 "{\"line\":2,\"valid\":true,\"findings\":[]}"),
           NULL);

done:
    free(pairing);
    free(self);
    free(home);
    free(centres);
}

static int run_checks(const char *fixtures)
{
    check_version();
    check_enrollment(fixtures);
    check_demand(fixtures);
    check_uscc();
    check_classify();
    check_working_days();
    check_coverage(fixtures);
    check_headline();
    check_outreach(fixtures);
    check_pairings_and_centres(fixtures);
    check_null_arguments();
    check_invalid_utf8();
    check_bad_options();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

/* ---- --findings -------------------------------------------------------- */

static void usage(FILE *to)
{
    fputs("usage: test_lianjian [FIXTURES_DIR]\n"
          "       test_lianjian --findings KIND [--lang LANG] [--today DATE]\n"
          "                     [--options JSON] [--one-line] FILE...\n"
          "\n"
          "KIND: enrollment, demand, programme, visit, activity, pairing, centre,\n"
          "coverage (one answer line per FILE: the whole file is the record,\n"
          "checked with lianjian_validate(KIND, ...) for programme, visit,\n"
          "activity, pairing and centre; or the JSON lines of a roster), or uscc,\n"
          "classify (one answer line per non-blank line of FILE: a code, or a\n"
          "text classified as lianjian_classify(\"\", line)).\n"
          "Options: --options JSON as given; else $LIANJIAN_OPTIONS when no option\n"
          "flag is given; else {\"today\":DATE,\"lang\":LANG} with the defaults\n"
          "2026-11-25 and zh-CN. --one-line (the record kinds): line breaks\n"
          "become spaces and surrounding whitespace goes, as in a JSON-lines file.\n"
          "Exit status: 0 when every call ran, 2 otherwise.\n",
          to);
}

/* A flag value that can go into JSON text unescaped. */
static int plain(const char *value)
{
    for (const char *c = value; *c; c++) {
        if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_') {
            return 0;
        }
    }
    return *value != '\0';
}

/* Line breaks to spaces, surrounding ASCII whitespace dropped, in place. */
static void one_line(char *text)
{
    size_t length = 0;
    for (char *c = text; *c; c++) {
        if (*c == '\r' && c[1] == '\n') {
            continue;
        }
        text[length++] = (*c == '\n' || *c == '\r') ? ' ' : *c;
    }
    while (length > 0 && isspace((unsigned char)text[length - 1])) {
        length--;
    }
    text[length] = '\0';
    size_t start = strspn(text, " \t\n\v\f\r");
    memmove(text, text + start, length - start + 1);
}

typedef LianjianStatus (*Call)(const char *, const char *, char **);

/* Prints one answer line; 1 when the call ran, else 0 with why on stderr. */
static int print_answer(const char *what, LianjianStatus status, char *out)
{
    int ran = status == LIANJIAN_STATUS_OK || status == LIANJIAN_STATUS_INVALID;
    if (ran && out) {
        printf("%s\n", out);
    } else {
        fprintf(stderr, "%s: status %d%s%s\n", what, (int)status, out ? " " : "", out ? out : "");
    }
    lianjian_string_free(out);
    return ran;
}

/* The kind `--findings` checks through lianjian_validate. */
static const char *named_kind = NULL;

static LianjianStatus validate_named(const char *text, const char *options, char **out)
{
    return lianjian_validate(named_kind, text, options, out);
}

static LianjianStatus classify_line(const char *text, const char *options, char **out)
{
    (void)options;
    return lianjian_classify("", text, out);
}

static int findings_mode(int argc, char **argv)
{
    if (argc < 1) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[0], "--help") == 0) {
        usage(stdout);
        return 0;
    }
    const char *kind = argv[0];
    const char *lang = NULL, *today = NULL, *options = NULL;
    int flatten = 0, i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "--one-line") == 0) {
            flatten = 1;
        } else if (i + 1 < argc && strcmp(argv[i], "--lang") == 0) {
            lang = argv[++i];
        } else if (i + 1 < argc && strcmp(argv[i], "--today") == 0) {
            today = argv[++i];
        } else if (i + 1 < argc && strcmp(argv[i], "--options") == 0) {
            options = argv[++i];
        } else {
            fprintf(stderr, "test_lianjian: unknown or incomplete flag %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }

    Call call = NULL;
    int per_line = 0;
    if (strcmp(kind, "enrollment") == 0) {
        call = lianjian_validate_enrollment;
    } else if (strcmp(kind, "demand") == 0) {
        call = lianjian_validate_demand;
    } else if (strcmp(kind, "programme") == 0 || strcmp(kind, "visit") == 0 ||
               strcmp(kind, "activity") == 0 || strcmp(kind, "pairing") == 0 ||
               strcmp(kind, "centre") == 0) {
        named_kind = kind;
        call = validate_named;
    } else if (strcmp(kind, "coverage") == 0) {
        call = lianjian_coverage;
    } else if (strcmp(kind, "uscc") == 0) {
        call = lianjian_check_uscc;
        per_line = 1;
    } else if (strcmp(kind, "classify") == 0) {
        call = classify_line;
        per_line = 1;
    }
    if (!call || i >= argc || (flatten && (per_line || call == lianjian_coverage)) ||
        (options && (lang || today)) || (lang && !plain(lang)) || (today && !plain(today))) {
        usage(stderr);
        return 2;
    }

    char built[256];
    if (!options && !lang && !today && getenv("LIANJIAN_OPTIONS")) {
        options = getenv("LIANJIAN_OPTIONS");
    } else if (!options) {
        snprintf(built, sizeof built, "{\"today\":\"%s\",\"lang\":\"%s\"}",
                 today ? today : "2026-11-25", lang ? lang : "zh-CN");
        options = built;
    }

    int all_ran = 1;
    for (; i < argc; i++) {
        char *text = read_file(argv[i]);
        if (!text) {
            all_ran = 0;
            continue;
        }
        if (!per_line) {
            if (flatten) {
                one_line(text);
            }
            char *out = NULL;
            LianjianStatus status = call(text, options, &out);
            all_ran &= print_answer(argv[i], status, out);
        } else {
            for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
                size_t length = strlen(line);
                if (length > 0 && line[length - 1] == '\r') {
                    line[length - 1] = '\0';
                }
                if (strspn(line, " \t") == strlen(line)) {
                    continue;
                }
                char *out = NULL;
                LianjianStatus status = call(line, options, &out);
                all_ran &= print_answer(argv[i], status, out);
            }
        }
        free(text);
    }
    return all_ran ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--findings") == 0) {
        return findings_mode(argc - 2, argv + 2);
    }
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        usage(stdout);
        return 0;
    }
    if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
        usage(stderr);
        return 2;
    }
    return run_checks(argc == 2 ? argv[1] : "tests/fixtures");
}
