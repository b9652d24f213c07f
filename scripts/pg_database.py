"""Create or drop a PostgreSQL database: ``pg_database.py ADMIN_URL create|drop NAME`` (used by CI)."""

import re
import sys

import psycopg


def main() -> None:
    admin_url, action, name = sys.argv[1:4]
    if not re.fullmatch(r"[a-z0-9_]+", name):
        sys.exit(f"refusing odd database name {name!r}")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if action == "create":
            conn.execute(f'CREATE DATABASE "{name}"')
        elif action == "drop":
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            sys.exit(f"unknown action {action!r}")


if __name__ == "__main__":
    main()
