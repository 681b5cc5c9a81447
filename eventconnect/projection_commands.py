"""`eventconnect projections` (each read model's state) and `eventconnect skip` (the way out for
an event a read model cannot apply). See docs/operations.md, "A failing read model"."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any

from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings
from kernel.inputs import refused_character
from projections.failures import add_skip, status


def _status(args: argparse.Namespace) -> int:
    container = bootstrap(Settings())
    head = container.write_model.recorder.max_notification_id() or 0
    with container.read_engine.connect() as conn:
        report = status(conn, list(container.runner.projections), head)
    if args.json:
        print(json.dumps({"head": head, "read_models": report}, indent=2))
        return 0
    print(f"event store head: {head}")
    for model in report:
        state = "FAILING" if model["failing"] else ("ok" if model["lag"] == 0 else "behind")
        print(f"{model['name']:<12} position {model['position']:>10}  lag {model['lag']:>8}  "
              f"{state}")
        if model["failure"]:
            failure = model["failure"]
            print(f"    cannot apply position {failure['position']} ({failure['event_type']}): "
                  f"{failure['error']}\n    since {failure['first_seen']}, "
                  f"{failure['attempts']} attempts; to pass over it: eventconnect skip "
                  f"{model['name']} {failure['position']} --reason '...'")
        if model["skipped_positions"]:
            print(f"    skips: {', '.join(map(str, model['skipped_positions']))}")
    return 1 if any(m["failing"] for m in report) else 0


def _skip(args: argparse.Namespace) -> int:
    reason = args.reason.strip()
    if not reason or refused_character(reason) or len(reason) > 1000:
        print("--reason must be one line of 1 to 1000 characters", file=sys.stderr)
        return 2
    container = bootstrap(Settings())
    if args.read_model not in container.runner.projections:
        print(f"no read model {args.read_model!r}; known: "
              f"{', '.join(container.runner.projections)}", file=sys.stderr)
        return 2
    found = container.write_model.recorder.select_notifications(args.position, 1,
                                                                stop=args.position)
    if not found or found[0].id != args.position:
        print(f"the event store has no event at position {args.position}", file=sys.stderr)
        return 2
    who = (args.by or os.environ.get("USER") or getpass.getuser())[:120]
    skip: dict[str, Any] = add_skip(container.read_engine, args.read_model, args.position,
                                    found[0].topic, reason=reason, skipped_by=who)
    print(f"{args.read_model} passes over position {args.position} ({skip['event_type']}), "
          f"recorded for {who}; a running projector picks it up at its next retry, and "
          "rebuilds honour it")
    return 0


def add_commands(commands: Any) -> None:
    """Adds the subcommands to `eventconnect`'s parser."""
    projections = commands.add_parser(
        "projections", help="each read model's position, lag, failure and skips",
        description="Exits 1 while a read model is failing.")
    projections.add_argument("--json", action="store_true")
    projections.set_defaults(func=_status)
    skip = commands.add_parser(
        "skip", help="make one read model pass over one stored event it cannot apply",
        description="Recorded with who, why and when; the event stays in the store and the "
                    "other read models keep it.")
    skip.add_argument("read_model")
    skip.add_argument("position", type=int)
    skip.add_argument("--reason", required=True)
    skip.add_argument("--by", help="who decided (default: the login name)")
    skip.set_defaults(func=_skip)
