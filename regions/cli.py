"""Command line: ``python -m regions table|roles|delivery|border|lookup|districts|match``.

Errors in the input (an unknown layout, an unwritable output path, an ambiguous region name) end with
a one-line message on standard error naming the parameter at fault and exit status 2; a broken data file
ends with one line naming the file, row and column and exit status 1; a closed or full standard output
ends quietly with exit status 1. Never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
from pathlib import Path

import pandas as pd

from regions.base import names
from regions.base.store import DataError
from regions.base.vocab import LINEAGE_RULES
from regions.exports import table
from regions.geo import geography, registry
from regions.policy import border, delivery, roles
from regions.uploads import upload

BINARY_FORMATS = {"xlsx", "zip"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m regions", description="Kazakhstan's regions: tables and roles."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    t = sub.add_parser("table", help="the regional table, one row (feature) per unit")
    t.add_argument(
        "--layout", choices=geography.LAYOUTS, default="2022", help="2022 (20 units) or 2020 (17 units)"
    )
    t.add_argument("--format", choices=table.FORMATS, default="csv", dest="fmt")
    t.add_argument(
        "-o", "--output", type=Path, help="file to write (default: standard output; required for xlsx)"
    )
    t.add_argument("--with-national", action="store_true", help="append a national row (iso_code KZ)")
    t.add_argument(
        "--lineage-rule",
        choices=LINEAGE_RULES,
        default="inherit",
        help="whether regions split off in 2022 inherit their predecessor's roles (default inherit)",
    )

    r = sub.add_parser("roles", help="the role catalogue of the 2020 address")
    r.add_argument("--format", choices=["json"], default="json", dest="fmt")
    r.add_argument(
        "--lineage-rule",
        choices=LINEAGE_RULES,
        default="inherit",
        help="whether regions split off in 2022 inherit their predecessor's roles (default inherit)",
    )

    d = sub.add_parser(
        "delivery",
        help="per role of the address: its units against the rest and the nation, base year against latest",
        description="For each role of the 2020 address: the designated units and, per indicator, the group's, "
        "the rest's and the nation's figure in the base year and the latest year, with how each was computed.",
    )
    d.add_argument(
        "--layout", choices=geography.LAYOUTS, default="2022", help="2022 (20 units) or 2020 (17 units)"
    )
    d.add_argument(
        "--lineage-rule",
        choices=LINEAGE_RULES,
        default="inherit",
        help="whether regions split off in 2022 inherit their predecessor's roles (default inherit)",
    )
    d.add_argument("--format", choices=["json", "csv"], default="json", dest="fmt")
    d.add_argument(
        "--base-year", type=int, default=2019, help="the year compared with the latest (default 2019)"
    )
    d.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    _add_border_command(sub)
    _add_level_two_commands(sub)

    m = sub.add_parser(
        "match",
        help="match the rows of your own CSV/XLSX table to regions",
        description="Match each row of FILE to a region, or to a district when the table is keyed by district "
        "(KATO code or name; then the rows start kato, name_en, parent_iso); write the matched rows (iso_code, name_en, then "
        "the file's columns, numbers parsed) and print a report to standard error. Exit status: 0 if at "
        "least one row matched, 2 if none did, 1 if the file could not be read or the output written.",
    )
    m.add_argument("file", type=Path, metavar="FILE", help="a CSV (UTF-8 or Windows-1251) or XLSX file")
    m.add_argument("--id-column", metavar="COL", help="the column naming the regions (default: detected)")
    m.add_argument("--layout", choices=geography.LAYOUTS, help="2022 or 2020 (default: detected)")
    m.add_argument(
        "--level",
        choices=["auto", "region", "district"],
        default="auto",
        help="match rows to regions or to districts (default: detected; a district table may have a "
        "column of parent regions to tell repeated names apart)",
    )
    m.add_argument("--format", choices=["csv", "json"], default="csv", dest="fmt")
    m.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    return parser


def _add_border_command(sub: argparse._SubParsersAction) -> None:
    """``border``: the address's border claim checked (:mod:`regions.policy.border`)."""
    b = sub.add_parser(
        "border",
        help="the address's 'almost 30 million' in the Kazakhstan-Russia border regions, checked",
        description="The population of the Kazakh regions on the Russian border (BNS) and of the Russian federal "
        "subjects on it (2021 census, Rosstat), their sum, the year and the sources; missing figures are named.",
    )
    b.add_argument("--format", choices=["json", "csv"], default="json", dest="fmt")
    b.add_argument("--lang", choices=["en", "ru", "kk"], default="en", help="language of names and sources")
    b.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")


def _add_level_two_commands(sub: argparse._SubParsersAction) -> None:
    """``lookup`` (regions, else districts) and ``districts``."""
    lk = sub.add_parser(
        "lookup",
        help="resolve a region or district name, alias or code to its ISO 3166-2 or KATO code",
        description="Print the ISO 3166-2 code and name of the region NAME names; if it names no region, "
        "the KATO code, name and parent region of the district or city of regional significance it names.",
    )
    lk.add_argument("name")
    lk.add_argument("--layout", choices=geography.LAYOUTS)
    lk.add_argument(
        "--region", metavar="REGION", help="look up a district of this region (a name or ISO code)"
    )
    lk.add_argument(
        "--level", choices=["auto", "region", "district"], default="auto",
        help="auto (default): a region if NAME names one, else a district",
    )  # fmt: skip

    ds = sub.add_parser(
        "districts",
        help="the districts and cities of regional significance, one row each",
        description="List the second-level units (KATO code, parent region, type, names, centre, area) of "
        "one region or of all; xlsx and zip add the data dictionary and the sources.",
    )
    ds.add_argument("--region", metavar="REGION", help="only this region's (a name or ISO code)")
    ds.add_argument("--format", choices=table.DISTRICT_FORMATS + ("json",), default="csv", dest="fmt")
    ds.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")


def _emit(data: bytes, output: Path | None, fmt: str) -> None:
    if output is None:
        if fmt in BINARY_FORMATS:
            raise ValueError(f"--output: the {fmt} format is binary; give a file with -o")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise ValueError(f"--output: cannot write {output}: {exc.strerror}") from exc


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "match":
        return _match(args)
    try:
        if args.command == "table":
            df = table.regional_table(
                args.layout, with_national=args.with_national, lineage_rule=args.lineage_rule
            )
            data = table.to_csv_bytes(df) if args.fmt == "csv" else table.export(df, args.fmt, args.layout)
            if args.fmt == "csv" and args.output is None:
                # No byte-order mark on a terminal or pipe; files keep it for Excel.
                data = data.removeprefix("\ufeff".encode())
            _emit(data, args.output, args.fmt)
        elif args.command == "roles":
            print(json.dumps(roles.roles_json(args.lineage_rule), ensure_ascii=False, indent=2))
        elif args.command == "delivery":
            if args.fmt == "json":
                doc = delivery.delivery_json(args.layout, args.lineage_rule, args.base_year)
                data = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            else:
                frame = delivery.delivery_frame(args.layout, args.lineage_rule, args.base_year)
                data = table.to_csv_bytes(frame)
                if args.output is None:
                    data = data.removeprefix("\ufeff".encode())
            _emit(data, args.output, args.fmt)
        elif args.command == "border":
            if args.fmt == "json":
                doc = border.border_json(args.lang)
                data = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            else:
                data = table.to_csv_bytes(border.border_frame(args.lang))
                if args.output is None:
                    data = data.removeprefix("\ufeff".encode())
            _emit(data, args.output, args.fmt)
        elif args.command == "lookup":
            _lookup(args)
        elif args.command == "districts":
            frame = table.district_table(args.region)
            if args.fmt == "json":
                records = frame.astype(object).to_dict(orient="records")
                data = (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            else:
                data = table.district_export(frame, args.fmt)
                if args.fmt == "csv" and args.output is None:
                    data = data.removeprefix("\ufeff".encode())
            _emit(data, args.output, args.fmt)
    except DataError as exc:
        _say(f"python -m regions {args.command}: {exc}")
        return 1
    except (BrokenPipeError, ConnectionResetError):
        _silence_stdout()
        return 1
    except OSError as exc:
        _silence_stdout()
        _say(f"python -m regions {args.command}: cannot write the output ({exc.strerror})")
        return 1
    except (ValueError, KeyError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        _say(f"python -m regions {args.command}: {message}")
        return 2
    return 0


def _lookup(args: argparse.Namespace) -> None:
    """A region's ``ISO<TAB>name``, else a district's ``KATO<TAB>name<TAB>parent ISO<TAB>parent name``.

    In ``auto`` mode a name decorated as a district (район, ауданы, District) is looked up as one, so that
    "Abay District" is not taken for Abai Region.
    """
    level = args.level
    if level == "auto" and (args.region is not None or names.parse(args.name)[1] == "district"):
        level = "district"
    if level != "district":
        try:
            code = registry.lookup(args.name, layout=args.layout)
        except registry.UnknownRegion as exc:
            if level == "region":
                raise
            region_error = exc
        else:
            print(f"{code}\t{registry.name(code, 'en')}")
            return
    try:
        kato = registry.lookup_district(args.name, region=args.region)
    except registry.UnknownDistrict as exc:
        if level == "auto":
            raise ValueError(f"{region_error}; no district either ({exc})") from None
        raise
    d = registry.district(kato)
    print(f"{kato}\t{d.name['en']}\t{d.parent}\t{registry.name(d.parent, 'en')}")


def _say(line: str) -> None:
    with contextlib.suppress(OSError):
        print(line.replace("\n", " "), file=sys.stderr)


def _silence_stdout() -> None:
    # Python flushes standard output at exit; on a closed pipe that would print a second error.

    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _match(args: argparse.Namespace) -> int:
    """``python -m regions match``: exit 0 if a row matched, 2 if none did, 1 if unreadable/unwritable."""



    prog = "python -m regions match"
    path: Path = args.file
    try:
        size = path.stat().st_size
        if size > upload.MAX_BYTES:
            print(f"{prog}: {path.name}: file too large ({size:,} bytes; the limit is "
                  f"{upload.MAX_BYTES:,} bytes)", file=sys.stderr)  # fmt: skip
            return 1
        df = upload.read_table(path.read_bytes(), path.name)
    except OSError as exc:
        print(f"{prog}: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except upload.UploadError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    try:
        result = upload.match_table(df, id_column=args.id_column, layout=args.layout, level=args.level)
    except ValueError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 2
    for line in result.report.lines():
        print(line, file=sys.stderr)

    out = result.rows
    if result.national is not None:  # kept last, as code KZ (like `table --with-national`)
        out = pd.concat([out, result.national.to_frame().T.astype(out.dtypes.to_dict())])
    if args.fmt == "csv":
        text = upload.neutralise_frame(out).to_csv(index=False, lineterminator="\n")
        # A byte-order mark in files, for Excel; none on a terminal or pipe.
        data = text.encode("utf-8-sig" if args.output is not None else "utf-8")
    else:
        records = [
            {str(k): (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rec.items()}
            for rec in out.astype(object).to_dict(orient="records")
        ]
        data = (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    try:
        _emit(data, args.output, args.fmt)
    except ValueError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    return 0 if result.report.matched else 2
