"""The hand-written portfolio in tests/data/portfolio, and helpers to run the CLI on it.

Nine small COEs, built so that every aggregate can be worked out by hand (the
comment at the top of each file says what it is for). With today pinned to
2026-10-15:

    id        sev   status     kind              team      services               category        started (local)   TTD  TTM
    COE-0001  SEV1  closed     technical         payments  checkout, payments-api config-change   2026-01-12         30  120
    COE-0002  SEV2  closed     technical         platform  inventory              capacity        2026-01-25         10   60
    COE-0003  SEV2  approved   technical         payments  checkout, search       config-change   2026-02-09         40  240
    COE-0004  SEV3  approved   customer-service  support   support-portal         escalation-gap  2026-03-20 +01     20   90
    COE-0005  SEV3  closed     technical         platform  search (twice)         config-change   2026-04-08         15   45
    COE-0006  SEV3  approved   process           platform  catalog                capacity        2026-05-05        100  600
    COE-0007  SEV4  in-review  security          security  admin-console, checkout access-control 2026-05-27          5   30
    COE-0008  SEV2  draft      (none)            payments  payments-api, search   config-change   2026-07-14 +02      7  (negative, left out)
    COE-0009  SEV5  draft      (none)            (none)    support-portal         escalation-gap  (no incident)

Corrective actions (18):

    COE-0001 CA-1 alice  prevent  done 02-10, due 02-15         on time
    COE-0001 CA-2 bob    prevent  done 03-05, due 02-28         late
    COE-0001 CA-3 alice  detect   open, due 09-30               overdue   (text: =HYPERLINK(...))
    COE-0002 CA-1 carol  prevent  done 03-01, due 03-01         on time   (text: +1 replica ...)
    COE-0003 CA-1 bob    prevent  in-progress, due 12-01        open
    COE-0003 CA-2 alice  mitigate done 03-20, due 04-01         on time
    COE-0004 CA-1 dave   process  open, due 10-15 (today)       open, not overdue
    COE-0004 CA-2 dave   detect   done 05-01, no due            neither on time nor late
    COE-0005 CA-1 carol  prevent  done 07-10, due 06-30         late
    COE-0005 CA-2 erin   process  wont-do, due 07-01            closed, not overdue
    COE-0006 CA-1 (none) prevent  open, due 10-01               overdue
    COE-0006 CA-2 erin   detect   in-progress, due 10-20        open      (text: @oncall ...)
    COE-0007 CA-1 frank  prevent  wont-do, due 08-01            closed
    COE-0007 CA-2 frank  mitigate open, due 10-28               open      (text: -2 days ...)
    COE-0007 CA-3 frank  process  open, no due                  open
    COE-0008 CA-1 bob    detect   open, due 11-10               open
    COE-0008 CA-2 alice  prevent  done 08-15, due 08-15         on time
    COE-0009 CA-1 dave   process  done 08-30, due 09-01         on time

Recurrence: COE-0001's prevent actions are all done, so COE-0003 (checkout)
and COE-0008 (payments-api) recur after it; COE-0005's are done, so COE-0008
(search) recurs after it too. COE-0005 does not recur after COE-0003 (its
prevent action is open), COE-0006 not after COE-0002 (other service),
COE-0009 not after COE-0004 (no prevent actions at all).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from coe.cli import app

PORTFOLIO = Path(__file__).resolve().parent.parent / "data" / "portfolio"
TODAY = "2026-10-15"
ALL_IDS = [f"COE-000{n}" for n in range(1, 10)]

# Valid YAML, then a flow sequence that never closes.
BROKEN_YAML = "format: 1\nid: COE-0099\ntitle: [never closed\nstatus: draft\nseverity: SEV3\n"
BROKEN_NAME = "COE-0099-broken_file.yaml"


def invoke(*args: object, columns: int = 200):
    """Run `coe ARGS` with a wide terminal so Rich tables do not wrap ids."""
    env = {"COLUMNS": str(columns), "LINES": "50", "NO_COLOR": "1", "TERM": "dumb"}
    return CliRunner(env=env).invoke(app, [str(arg) for arg in args], catch_exceptions=False)


def coe_ids(text: str) -> list[str]:
    """COE ids in the order they appear, each once."""
    return list(dict.fromkeys(re.findall(r"\bCOE-\d{4}\b", text)))


def copy_portfolio(destination: Path) -> Path:
    shutil.copytree(PORTFOLIO, destination)
    return destination


def with_broken_file(destination: Path) -> Path:
    """The portfolio plus one file whose YAML does not parse."""
    copy_portfolio(destination)
    (destination / BROKEN_NAME).write_text(BROKEN_YAML, encoding="utf-8")
    return destination

