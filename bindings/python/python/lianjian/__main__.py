"""``python -m lianjian``: the binding's answers as text, for scripts and for
comparing the bindings with each other.

    python -m lianjian findings enrollment FILE... [--lang L] [--today D]
                                                   [--legacy-uscc CODE]...
    python -m lianjian findings demand|programme|activity|pairing|centre FILE...
                                                   [same options]
    python -m lianjian findings visit FILE... [same options] [--programme FILE]

Each FILE (``-`` for stdin) holds one JSON record and is passed as it is, byte
for byte after UTF-8 decoding. One line is printed per file, in argument order:
the compact JSON answer exactly as the native function returned it, written as
UTF-8 whatever the terminal's encoding. Exit status: 0 when every record is
valid, 1 when some record is invalid, 2 on a usage, file or encoding error.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from typing import Callable, Dict, List, Optional, Sequence

from . import __version__, options_json, validate_demand_json, validate_enrollment_json, validate_json

_KINDS: Dict[str, Callable[[str, str], str]] = {
    "enrollment": validate_enrollment_json,
    "demand": validate_demand_json,
    "programme": lambda record, options: validate_json("programme", record, options),
    "visit": lambda record, options: validate_json("visit", record, options),
    "activity": lambda record, options: validate_json("activity", record, options),
    "pairing": lambda record, options: validate_json("pairing", record, options),
    "centre": lambda record, options: validate_json("centre", record, options),
}


def _today(text: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            datetime.date(int(text[:4]), int(text[5:7]), int(text[8:]))
            return text
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"`{text}` is not a date in YYYY-MM-DD form")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lianjian",
        description="lianjian's rules through the Python binding.",
    )
    parser.add_argument("--version", action="version", version=f"lianjian {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    findings = commands.add_parser(
        "findings",
        help="validate records, one JSON answer per file",
        description="Validate one JSON record per file; print one compact JSON answer per file.",
    )
    findings.add_argument("kind", choices=sorted(_KINDS), help="what the records are")
    findings.add_argument("files", nargs="+", metavar="FILE", help="a JSON record (- for stdin)")
    findings.add_argument("--lang", choices=["zh-CN", "en"], default="zh-CN", help="language of messages")
    findings.add_argument(
        "--today",
        type=_today,
        default=None,
        help="the date checks compare with (default: today in China, UTC+8)",
    )
    findings.add_argument(
        "--legacy-uscc",
        "--allow-legacy-uscc",
        action="append",
        default=[],
        metavar="CODE",
        dest="legacy_uscc",
        help="accept this USCC as real despite a failed check (repeatable)",
    )
    findings.add_argument(
        "--programme",
        default=None,
        metavar="FILE",
        help="the programme (a JSON file) visits are checked against",
    )
    return parser


def _read(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(name, "rb") as file:
            data = file.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{name}: not UTF-8 ({error.reason} at byte {error.start})") from None


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    check = _KINDS[args.kind]
    answers: List[str] = []
    try:
        programme = json.loads(_read(args.programme)) if args.programme else None
        options = options_json(lang=args.lang, today=args.today, legacy_uscc=args.legacy_uscc, programme=programme)
        for name in args.files:
            answers.append(check(_read(name), options))
    except (OSError, ValueError, TypeError) as error:
        print(f"lianjian: {error}", file=sys.stderr)
        return 2
    out = sys.stdout.buffer
    for answer in answers:
        out.write(answer.encode("utf-8") + b"\n")
    out.flush()
    all_valid = all(json.loads(answer)["valid"] for answer in answers)
    return 0 if all_valid else 1


if __name__ == "__main__":
    sys.exit(main())
