"""Every layer returns byte-identical findings for the shared fixtures.

The shared fixture folders are tests/fixtures/enrollment, demand, programme,
visit, activity, pairing and centre (visits checked against the programme
tests/fixtures/programme/valid_wanming.json in every layer). Each record is
written on one line (pretty-printed
JSON has no line breaks inside strings, so the record means the same) and the
same bytes go through: the core, the command line, the C ABI, the Python
package, the wasm package in Node, and the wasm package in headless Chromium.
Findings are compared after canonical key order, in zh-CN and en.

Run by scripts/test after it has built every layer:
    .venv/bin/python -m pytest -q tests/layers
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"
LEGACY = [
    line.strip()
    for line in (ROOT / "tests/fixtures/enrollment/legacy_uscc.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]
RELEASE = ROOT / "target" / "release"
# The programme every layer checks visits against.
PROGRAMME = ROOT / "tests/fixtures/programme/valid_wanming.json"
# The record kinds; the last three through each binding's generic way in.
KINDS = ["enrollment", "demand", "programme", "visit", "activity", "pairing", "centre"]


def programme_for(kind: str) -> Path | None:
    return PROGRAMME if kind == "visit" else None


def programme_env(kind: str) -> dict:
    """The environment of the Node and browser layers: the programme for visits."""
    programme = programme_for(kind)
    return {**os.environ, **({"LIANJIAN_PROGRAMME": str(programme)} if programme else {})}


def options_text(kind: str, lang: str) -> str:
    """The options JSON the C and Python layers are given."""
    options = {"lang": lang, "today": TODAY, "legacyUscc": LEGACY}
    programme = programme_for(kind)
    if programme:
        options["programme"] = json.loads(programme.read_text(encoding="utf-8"))
    return json.dumps(options, ensure_ascii=False)


def programme_flags(kind: str) -> list[str]:
    programme = programme_for(kind)
    return ["--programme", str(programme)] if programme else []


def one_line_copies(tmp: Path, kind: str) -> list[Path]:
    if kind == "hostile":
        # Already one record a file, and meant byte for byte.
        return sorted((ROOT / "tests/fixtures/hostile").glob("*.json"))
    out = tmp / kind
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for source in sorted((ROOT / "tests/fixtures" / kind).glob("*.json")):
        text = re.sub(r"\r?\n", " ", source.read_text(encoding="utf-8")).strip()
        target = out / source.name
        target.write_text(text, encoding="utf-8")
        files.append(target)
    return files


def canonical(answer: dict) -> str:
    return json.dumps(
        {"valid": answer["valid"], "findings": answer["findings"]},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )


def run(cmd: list[str], **kw) -> list[dict]:
    done = subprocess.run(cmd, capture_output=True, timeout=300, **kw)
    if done.returncode not in (0, 1):
        raise AssertionError(f"{cmd[0]} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line.strip()]


def legacy_flags() -> list[str]:
    return [flag for code in LEGACY for flag in ("--allow-legacy-uscc", code)]


def layer_core(kind, lang, files):
    return run([str(RELEASE / "layer-core"), kind, lang, TODAY, *legacy_flags(), *programme_flags(kind),
                *map(str, files)])


def layer_cli(kind, lang, files):
    cli = str(RELEASE / "lianjian")
    args = ["validate", kind, "-", "--today", TODAY, "--lang", lang, *legacy_flags(), *programme_flags(kind)]
    if kind == "enrollment":
        text = "\n".join(f.read_text(encoding="utf-8") for f in files) + "\n"
        return run([cli, *args], input=text.encode("utf-8"))
    # One call per record: the command compares a record with earlier lines.
    return [run([cli, *args], input=f.read_bytes() + b"\n")[0] for f in files]


def layer_c(kind, lang, files):
    binary = ROOT / "target" / "c-test" / "test_lianjian"
    return run([str(binary), "--findings", kind, *map(str, files)],
               env={**os.environ, "LIANJIAN_OPTIONS": options_text(kind, lang)})


def layer_python(kind, lang, files):
    python = ROOT / ".venv" / "bin" / "python"
    legacy = [flag for code in LEGACY for flag in ("--legacy-uscc", code)]
    return run([str(python), "-m", "lianjian", "findings", kind, *map(str, files), "--lang", lang, "--today", TODAY,
                *legacy, *programme_flags(kind)])


def layer_node(kind, lang, files):
    return run(["node", str(ROOT / "tests/layers/node.cjs"), kind, lang, TODAY, ",".join(LEGACY), *map(str, files)],
               env=programme_env(kind))


def layer_browser(kind, lang, files):
    return run(["node", str(ROOT / "tests/layers/browser.mjs"), kind, lang, TODAY, ",".join(LEGACY), *map(str, files)],
               env=programme_env(kind))


LAYERS = {
    "core": layer_core,
    "cli": layer_cli,
    "c": layer_c,
    "python": layer_python,
    "node": layer_node,
    "browser": layer_browser,
}


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("folder", [*KINDS, "hostile"])
def test_every_layer_gives_the_same_findings(tmp_path, folder, lang):
    files = one_line_copies(tmp_path, folder)
    kind = folder if folder in KINDS else "enrollment"
    least = {
        "hostile": 15,
        "enrollment": 30,
        "demand": 30,
        "programme": 10,
        "visit": 15,
        "activity": 20,
        "pairing": 20,
        "centre": 10,
    }
    assert len(files) >= least[folder], f"only {len(files)} {folder} fixtures"
    answers = {name: [canonical(a) for a in layer(kind, lang, files)] for name, layer in LAYERS.items()}
    for name, lines in answers.items():
        assert len(lines) == len(files), f"{name} answered {len(lines)} of {len(files)} records"
    reference = answers["core"]
    differences = [
        f"{files[i].name}: {name} differs from core\n  core: {reference[i]}\n  {name}: {lines[i]}"
        for name, lines in answers.items()
        for i in range(len(files))
        if lines[i] != reference[i]
    ]
    assert not differences, "\n".join(differences[:5]) + f"\n({len(differences)} differences)"
    # The comparison means something: both outcomes occur in every layer's answers.
    valid = [json.loads(line)["valid"] for line in reference]
    assert any(valid) and not all(valid)
    # Nothing typed that looks like a phone number or markup comes back unescaped in a message.
    for line in reference:
        for finding in json.loads(line)["findings"]:
            assert "13800138000" not in finding["message"] + json.dumps(finding["params"])
    print(f"{folder} {lang}: {len(files)} records, {len(LAYERS)} layers, identical findings", file=sys.stderr)
