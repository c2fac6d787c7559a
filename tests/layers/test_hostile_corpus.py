"""The hostile corpus (tests/hostile/generate.py, over three thousand
enrollment, demand, programme, visit and activity records; visits checked
against the fixture programme) through every layer: core, command line, C ABI, Python, wasm in
Node and wasm in headless Chromium.

For every case, in zh-CN and en:
- every layer answers, within the time limit, without crashing;
- every layer gives the core's findings, byte for byte (after canonical key order);
- each answer is either valid or holds at least one error finding;
- no finding's params or message holds a phone number or person name of the input.

Bytes that are not UTF-8 cannot reach the text-only layers (wasm, Python strings)
as they are, and a raw NUL byte cannot reach a C string: those cases go, raw, to
every layer that reads files (each must answer `invalid_json` or refuse with a
clear error), and the ones without NUL, decoded with U+FFFD as a browser would,
through every layer like the rest.

Binaries: target/release (LIANJIAN_RELEASE_DIR overrides) and
target/c-test/test_lianjian (LIANJIAN_C_TEST overrides), built as scripts/test does.
    .venv/bin/python -m pytest -q tests/layers
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from test_same_findings import (
    KINDS,
    LEGACY,
    ROOT,
    TODAY,
    canonical,
    legacy_flags,
    options_text,
    programme_env,
    programme_flags,
)

sys.path.insert(0, str(ROOT / "tests" / "hostile"))
import generate  # noqa: E402

RELEASE = Path(os.environ.get("LIANJIAN_RELEASE_DIR", ROOT / "target" / "release"))
C_TEST = Path(os.environ.get("LIANJIAN_C_TEST", ROOT / "target" / "c-test" / "test_lianjian"))
PYTHON = ROOT / ".venv" / "bin" / "python"
# A layer answering a whole batch (several hundred records) within this time
# has not hung; one record of the per-record layers gets a tenth of it.
BATCH_SECONDS = 300
ONE_SECONDS = 30

# Cases where the command line reads differently, on purpose or not yet fixed.
# Blank input is no record at all in a JSON-lines file (the line is skipped).
# Cases the command line may answer differently from the other layers (none).
CLI_KNOWN: dict = {}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("hostile")
    index = generate.write(out)
    return out, index


def test_the_manifest_lists_the_generated_cases():
    committed = (ROOT / "tests/hostile/manifest.txt").read_text(encoding="utf-8").splitlines()
    generated = generate.manifest_lines()
    assert committed == generated, (
        "tests/hostile/manifest.txt is stale: python3 tests/hostile/generate.py --manifest > tests/hostile/manifest.txt"
    )
    assert len(generated) >= 500
    for kind in KINDS:
        categories = {line.split()[1] for line in generated if line.startswith(kind + "/")}
        assert categories >= {"text", "type", "nesting", "keys", "oversize", "syntax", "bytes"}, kind
        if kind in ("programme", "visit", "activity"):
            assert "rules" in categories, kind


def run(cmd: list[str], timeout: int, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)
    assert done.returncode >= 0, f"{Path(cmd[0]).name} was killed by signal {-done.returncode}"
    return done


def answers(done: subprocess.CompletedProcess, name: str) -> list[dict]:
    if done.returncode not in (0, 1):
        raise AssertionError(f"{name} failed ({done.returncode}): {done.stderr.decode(errors='replace')[:2000]}")
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line.strip()]


def layer_core(kind, lang, files):
    cmd = [str(RELEASE / "layer-core"), kind, lang, TODAY, *legacy_flags(), *programme_flags(kind), *map(str, files)]
    return answers(run(cmd, BATCH_SECONDS), "layer-core")


def cli_args(kind, lang):
    return [str(RELEASE / "lianjian"), "validate", kind, "-", "--today", TODAY, "--lang", lang, *legacy_flags(),
            *programme_flags(kind)]


def layer_cli(kind, lang, files):
    """One answer per file; None where the command line saw no record (a blank line)."""
    if kind == "enrollment":
        # All records in one JSON-lines input; answers are matched by line number.
        starts, data, line = [], b"", 1
        for f in files:
            content = f.read_bytes()
            starts.append(line)
            data += content + b"\n"
            line += content.count(b"\n") + 1
        by_line = {a["line"]: a for a in answers(run(cli_args(kind, lang), BATCH_SECONDS, input=data), "lianjian")}
        return [by_line.get(start) for start in starts]

    # One call per record: the command compares a record with earlier lines.
    def one(f):
        got = answers(run(cli_args(kind, lang), ONE_SECONDS, input=f.read_bytes() + b"\n"), "lianjian")
        return got[0] if got else None

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(one, files))


def layer_c(kind, lang, files):
    done = run([str(C_TEST), "--findings", kind, *map(str, files)], BATCH_SECONDS,
               env={**os.environ, "LIANJIAN_OPTIONS": options_text(kind, lang)})
    return answers(done, "test_lianjian")


def layer_python(kind, lang, files):
    legacy = [flag for code in LEGACY for flag in ("--legacy-uscc", code)]
    cmd = [str(PYTHON), "-m", "lianjian", "findings", kind, *map(str, files), "--lang", lang, "--today", TODAY, *legacy,
           *programme_flags(kind)]
    return answers(run(cmd, BATCH_SECONDS), "python -m lianjian")


def layer_node(kind, lang, files):
    cmd = ["node", str(ROOT / "tests/layers/node.cjs"), kind, lang, TODAY, ",".join(LEGACY), *map(str, files)]
    return answers(run(cmd, BATCH_SECONDS, env=programme_env(kind)), "node")


def layer_browser(kind, lang, files):
    cmd = ["node", str(ROOT / "tests/layers/browser.mjs"), kind, lang, TODAY, ",".join(LEGACY), *map(str, files)]
    return answers(run(cmd, BATCH_SECONDS, env=programme_env(kind)), "chromium")


LAYERS = {
    "core": layer_core,
    "cli": layer_cli,
    "c": layer_c,
    "python": layer_python,
    "node": layer_node,
    "browser": layer_browser,
}


def leaks(answer: dict, personal: list[str]) -> list[str]:
    """Personal data of the input shown in a finding. An unknown key is quoted
    back (at most 64 characters) so the sender sees which key it is: a key is
    named by the sending program, it is not data, so that quote is not a leak."""
    found = []
    for finding in answer["findings"]:
        if finding["code"] == "unknown_field":
            continue
        shown = finding["message"] + json.dumps(finding["params"], ensure_ascii=False)
        found += [f"{finding['code']} shows {p!r}" for p in personal if p in shown]
    return found


def text_cases(root: Path, index: list[dict], kind: str, tmp: Path) -> list[tuple[dict, Path]]:
    """The UTF-8 cases as they are, and the others decoded with U+FFFD (as a browser decodes)."""
    chosen = []
    for case in index:
        if case["kind"] != kind or case["nul"]:
            continue
        path = root / case["file"]
        if not case["utf8"]:
            decoded = path.read_bytes().decode("utf-8", errors="replace")
            path = tmp / f"{case['name']}.decoded.json"
            path.write_text(decoded, encoding="utf-8")
            case = {**case, "name": case["name"] + "_decoded"}
        chosen.append((case, path))
    return chosen


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_layer_gives_the_same_findings_for_hostile_records(corpus, tmp_path, kind, lang):
    root, index = corpus
    chosen = text_cases(root, index, kind, tmp_path)
    cases = [case for case, _ in chosen]
    files = [path for _, path in chosen]
    assert len(files) >= 250
    results = {name: layer(kind, lang, files) for name, layer in LAYERS.items()}
    for name, got in results.items():
        assert len(got) == len(files), f"{name} answered {len(got)} of {len(files)} records"

    reference = [canonical(a) for a in results["core"]]
    problems = []
    for name, got in results.items():
        for case, answer, expected in zip(cases, got, reference):
            if name == "cli" and answer is None:
                if not case["blank"]:
                    problems.append(f"{case['name']}: the command line skipped a record that is not blank")
                continue
            if name == "cli" and case["name"] in CLI_KNOWN:
                continue
            if canonical(answer) != expected:
                problems.append(f"{case['name']}: {name} differs from core\n  core: {expected[:600]}\n  {name}: {canonical(answer)[:600]}")
    for case, answer in zip(cases, results["core"]):
        if not answer["valid"] and not any(f["severity"] == "error" for f in answer["findings"]):
            problems.append(f"{case['name']}: invalid without an error finding")
        for name, got in results.items():
            if got[cases.index(case)] is not None:
                problems += [f"{case['name']}: {name}: {leak}" for leak in leaks(got[cases.index(case)], case["personal"])]
    assert not problems, "\n".join(problems[:8]) + f"\n({len(problems)} problems)"

    valid = sum(a["valid"] for a in results["core"])
    skipped = sum(a is None for a in results["cli"])
    print(f"hostile {kind} {lang}: {len(files)} records, {len(LAYERS)} layers identical "
          f"({valid} valid, {len(files) - valid} invalid; the command line skipped {skipped} blank)",
          file=sys.stderr)


SURROGATE_ESCAPE = re.compile(r"\\u(d[89a-f][0-9a-f]{2})", re.IGNORECASE)


@pytest.mark.parametrize("kind", KINDS)
def test_lone_surrogates_in_strings_are_answered_as_their_escapes(corpus, kind):
    """Text cut inside an emoji holds a lone surrogate. A browser's JSON.stringify
    writes it as an escape (the corpus's form); a Python str or a JS string can
    hold the code unit itself. Python, Node and Chromium given the code units
    must answer exactly what the core answers for the escapes: findings at the
    field (invalid_characters for a value), never an exception."""
    import lianjian

    root, index = corpus
    chosen = [
        (case, root / case["file"])
        for case in index
        if case["kind"] == kind and case["utf8"] and not case["nul"]
        and SURROGATE_ESCAPE.search((root / case["file"]).read_text(encoding="utf-8"))
    ]
    assert len(chosen) >= 20, f"only {len(chosen)} {kind} cases with surrogate escapes"
    files = [path for _, path in chosen]
    reference = [canonical(a) for a in layer_core(kind, "en", files)]
    assert any('"invalid_characters"' in r for r in reference)

    def check(record: str, options: str) -> str:
        return lianjian.validate_json(kind, record, options)

    options = options_text(kind, "en")
    raw_env = {**programme_env(kind), "LIANJIAN_RAW_SURROGATES": "1"}
    results = {
        "python": [
            json.loads(check(SURROGATE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), p.read_text(encoding="utf-8")), options))
            for p in files
        ],
        "node": answers(run(["node", str(ROOT / "tests/layers/node.cjs"), kind, "en", TODAY, ",".join(LEGACY), *map(str, files)],
                            BATCH_SECONDS, env=raw_env), "node"),
        "browser": answers(run(["node", str(ROOT / "tests/layers/browser.mjs"), kind, "en", TODAY, ",".join(LEGACY), *map(str, files)],
                               BATCH_SECONDS, env=raw_env), "chromium"),
    }
    problems = [
        f"{case['name']}: {name} differs from core\n  core: {expected[:400]}\n  {name}: {canonical(answer)[:400]}"
        for name, got in results.items()
        for (case, _), answer, expected in zip(chosen, got, reference)
        if canonical(answer) != expected
    ]
    assert not problems, "\n".join(problems[:6]) + f"\n({len(problems)} problems)"
    print(f"hostile {kind}: {len(files)} records with lone surrogates as code units, answered as their escapes "
          f"by Python, Node and Chromium", file=sys.stderr)


@pytest.mark.parametrize("kind", KINDS)
def test_bytes_get_invalid_json_or_a_clear_refusal(corpus, kind):
    root, index = corpus
    cases = [case for case in index if case["kind"] == kind and (case["nul"] or not case["utf8"])]
    assert len(cases) >= 8
    problems = []
    for case in cases:
        path = root / case["file"]
        # The command line reads bytes: a finding, never a crash.
        cli = answers(run(cli_args(kind, "en"), ONE_SECONDS, input=path.read_bytes() + b"\n"), "lianjian")
        if not cli or "invalid_json" not in [f["code"] for f in cli[0]["findings"]]:
            problems.append(f"{case['name']}: command line answered {cli}")
        # The others answer invalid_json, or refuse the bytes with a message (exit 2).
        for name, cmd, env in [
            ("layer-core", [str(RELEASE / "layer-core"), kind, "en", TODAY, *programme_flags(kind), str(path)], None),
            ("python", [str(PYTHON), "-m", "lianjian", "findings", kind, str(path), "--today", TODAY,
                        *programme_flags(kind)], None),
            ("c", [str(C_TEST), "--findings", kind, str(path)],
             {**os.environ, "LIANJIAN_OPTIONS": options_text(kind, "en")}),
        ]:
            done = run(cmd, ONE_SECONDS, env=env)
            stderr = done.stderr.decode(errors="replace")
            if "Traceback" in stderr or "panicked" in stderr:
                problems.append(f"{case['name']}: {name} crashed: {stderr[:300]}")
            elif done.returncode == 2 and stderr.strip():
                continue
            elif done.returncode in (0, 1):
                got = [json.loads(line) for line in done.stdout.decode().splitlines() if line.strip()]
                if len(got) != 1 or "invalid_json" not in [f["code"] for f in got[0]["findings"]]:
                    problems.append(f"{case['name']}: {name} answered {got}")
            else:
                problems.append(f"{case['name']}: {name} exit {done.returncode}: {stderr[:300]}")
    assert not problems, "\n".join(problems[:8]) + f"\n({len(problems)} problems)"
    print(f"hostile {kind} bytes: {len(cases)} records refused or reported by every layer that reads files",
          file=sys.stderr)
