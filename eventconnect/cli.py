"""`eventconnect` command line: serve, migrate, project, schedule, notify, rebuild, seed,
create-admin, grant-analyst."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import signal
import sys
import threading

from eventconnect import analyst_access, projection_commands
from eventconnect.bootstrap import bootstrap
from eventconnect.container import Container
from eventconnect.logs import configure_logging
from eventconnect.settings import Settings

log = logging.getLogger("eventconnect")


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from eventconnect.app import Projections, create_app
    from eventconnect.demo import print_credentials, seed_demo

    settings = Settings()
    if settings.public_url is None:  # links in emails point at this server unless told otherwise
        settings.public_url = f"http://{args.host}:{args.port}"
    container = bootstrap(settings)
    if not args.no_demo and container.write_model.recorder.max_notification_id() in (None, 0):
        log.info("empty store: adding demo data (skip with --no-demo)")
        print_credentials(seed_demo(container.write_model, container.accounts))
    projections: Projections = "none" if args.no_projections else args.projector
    if projections != "none":
        container.runner.catch_up()
    app = create_app(container, projections=projections, reminders=not args.no_scheduler,
                     notifications=not args.no_notifier, warm_analytics=True)
    print(f"EventConnect on http://{args.host}:{args.port}/  (API docs: /api/docs)", flush=True)
    # X-Forwarded-For is believed only from the configured proxies (uvicorn's default trusts
    # loopback, so any local client could choose the address the sign-in limits count).
    proxies = settings.trusted_proxies
    # No per-message deflate on /api/live: browsers always offer it, and compressing each
    # ~200-byte seat update once per client was three quarters of a watched rush's sending
    # cost for no gain (docs/live.md).
    # log_config=None: uvicorn's own lines go through our handler (eventconnect/logs.py); no
    # access log of its own either, since it prints raw paths with their query strings (tokens).
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", log_config=None,
                access_log=False, proxy_headers=bool(proxies), forwarded_allow_ips=proxies or [],
                ws_per_message_deflate=False)
    return 0


def _migrate(_: argparse.Namespace) -> int:
    bootstrap(Settings(), migrate=True)
    print("event store and read-model schema are up to date")
    return 0


def _project(args: argparse.Namespace) -> int:
    if args.wake_fd is not None:  # started by `serve` (eventconnect/projector.py)
        from eventconnect.projector import project_when_woken

        project_when_woken(args.wake_fd)
        return 0
    container = bootstrap(Settings())
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    print("projection runner started", flush=True)
    container.runner.run_forever_postgres(stop) if container.settings.is_postgres else \
        _poll_forever(container, stop)
    return 0


def _poll_forever(container: Container, stop: threading.Event) -> None:
    # SQLite has no LISTEN/NOTIFY; a separate process polls (embedded mode wakes in-process).
    while not stop.is_set():
        container.runner.catch_up()
        stop.wait(0.2)


def _schedule(_: argparse.Namespace) -> int:
    from eventconnect.bootstrap import build_reminders

    container = bootstrap(Settings())
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    scheduled = build_reminders(container)
    print(f"reminder scheduler started (every {scheduled.interval:g} s)", flush=True)
    # The same turn as APScheduler's interval job, in this thread: nothing else runs here.
    while not stop.is_set():
        scheduled.tick()
        stop.wait(scheduled.interval)
    scheduled.stop()
    return 0


def _notify(_: argparse.Namespace) -> int:
    """The notifier and the email delivery alone (for `serve --no-notifier` deployments)."""
    container = bootstrap(Settings())
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    assert container.notifier is not None and container.delivery is not None
    delivery = threading.Thread(target=container.delivery.run_forever, args=(stop,),
                                name="email-delivery")
    delivery.start()
    print("notifier and email delivery started", flush=True)
    container.notifier.run_forever(stop)
    delivery.join()
    return 0


def _rebuild(args: argparse.Namespace) -> int:
    from eventconnect.rebuild_bar import rebuild_with_bar

    container = bootstrap(Settings())
    position = rebuild_with_bar(container.runner, args.read_model, bar=not args.no_progress)
    print(f"rebuilt {args.read_model} up to position {position}")
    return 0


def _seed(_: argparse.Namespace) -> int:
    from eventconnect.demo import print_credentials, seed_demo

    container = bootstrap(Settings())
    seed = seed_demo(container.write_model, container.accounts)
    print_credentials(seed)
    print(f"demo data added up to position {seed.position}")
    return 0


def _admin_password() -> str | None:
    """From EVENTCONNECT_ADMIN_PASSWORD, else typed twice at a prompt (never an argument, so it
    stays out of shell history and the process list)."""
    from_env = os.environ.get("EVENTCONNECT_ADMIN_PASSWORD")
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        print("no terminal to ask for a password: set EVENTCONNECT_ADMIN_PASSWORD",
              file=sys.stderr)
        return None
    first = getpass.getpass("Password for the admin account: ")
    if getpass.getpass("Again: ") != first:
        print("the two passwords differ", file=sys.stderr)
        return None
    return first


def _create_admin(args: argparse.Namespace) -> int:
    from email_validator import EmailNotValidError, validate_email

    from command_api.domain.account import account_id_for
    from command_api.domain.errors import DomainError
    from kernel.security import password_problem

    try:
        email = validate_email(args.email.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        print(f"not an email address: {error}", file=sys.stderr)
        return 2
    container = bootstrap(Settings())
    if container.accounts.find(account_id_for(email)) is None:
        password = _admin_password()
        if password is None:
            return 2
        problem = password_problem(password, email=email)
        if problem:
            print(f"the password {problem}", file=sys.stderr)
            return 2
    else:
        password = ""  # an existing account keeps its password
    try:
        account, created, position = container.accounts.ensure_admin(
            email=email, password=password, name=args.name or email.split("@")[0], actor="cli")
    except DomainError as error:
        print(f"refused: {error.detail}", file=sys.stderr)
        return 1
    what = "created admin" if created else "made admin (password unchanged)"
    print(f"{what}: {account.email} ({account.id}) at position {position}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="eventconnect", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="API + UI, with projections in a child process")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-demo", action="store_true", help="do not add demo data")
    serve.add_argument("--no-projections", action="store_true",
                       help="leave projections to a separate `eventconnect project` process")
    serve.add_argument("--projector", choices=["process", "thread"], default="process",
                       help="project in a child process (default: uses a second core) or in a "
                            "thread of the API process")
    serve.add_argument("--no-scheduler", action="store_true",
                       help="leave reminders to a separate `eventconnect schedule` process")
    serve.add_argument("--no-notifier", action="store_true",
                       help="leave notifications and email to a separate `eventconnect notify`")
    serve.set_defaults(func=_serve)
    commands.add_parser("schedule", help="send due reminders and feedback requests (one leader "
                                         "on PostgreSQL)").set_defaults(func=_schedule)
    commands.add_parser("notify", help="issue notifications and send their emails").set_defaults(
        func=_notify)
    commands.add_parser("migrate", help="create/upgrade store and read-model schema").set_defaults(
        func=_migrate)
    project = commands.add_parser("project", help="run projections in their own process")
    project.add_argument("--wake-fd", type=int, help=argparse.SUPPRESS)  # set by `serve`
    project.set_defaults(func=_project)
    rebuild = commands.add_parser("rebuild", help="rebuild one read model from the store")
    rebuild.add_argument("read_model")
    rebuild.add_argument("--no-progress", action="store_true",
                         help="no progress bar (it is drawn on stderr when that is a terminal)")
    rebuild.set_defaults(func=_rebuild)
    projection_commands.add_commands(commands)  # projections, skip
    analyst_access.add_command(commands)  # grant-analyst
    commands.add_parser("seed", help="add the demo data").set_defaults(func=_seed)
    admin = commands.add_parser(
        "create-admin", help="create an admin account, or make an existing account admin",
        description="The password comes from EVENTCONNECT_ADMIN_PASSWORD or a prompt; an "
                    "existing account keeps its password.")
    admin.add_argument("--email", required=True)
    admin.add_argument("--name", help="display name of a new account (default: from the email)")
    admin.set_defaults(func=_create_admin)
    args = parser.parse_args(argv)
    # Every command, the projector child `serve` starts included, logs the same way (JSON or text).
    configure_logging(Settings())
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
