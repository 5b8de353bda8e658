#!/usr/bin/env bash
# Checks a built bundle the way an adviser's laptop uses it: a fresh data folder, an empty
# environment (no virtualenv, no PYTHONPATH), every kind of command, and the app opening.
# Usage: packaging/smoke.sh [dist/linkadviser/linkadviser]
set -euo pipefail
app=$(realpath "${1:-dist/linkadviser/linkadviser}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {  # run HOME_NAME ARGS...: the bundle with its own data folder and nothing else set
  local home="$work/$1"; shift
  local extra=()
  [ -n "${QUIT:-}" ] && extra+=("LINKADVISER_QUIT_WHEN_SHOWN=$QUIT")
  [ -n "${PASS:-}" ] && extra+=("LINKADVISER_PASSPHRASE=$PASS")
  env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
      LINKADVISER_HOME="$home" "${extra[@]}" "$app" "$@"
}
step() { printf '%-46s' "$1"; }
trap 'echo "FAILED"; echo "bundle smoke check failed" >&2' ERR

# The demo's performance data goes through pandas and numpy (a numpy that cannot load leaves
# the demo without its data, quietly).
step "init --demo, with its performance data";  run adviser init --demo | grep -o "[0-9]* performance data files imported"
step "schools";            urn=$(run adviser schools --json | sed -n 's/.*"urn": \([0-9]*\).*/\1/p' | head -1) && echo "ok (first URN $urn)"
step "visits --school";    visit=$(run adviser visits --school "$urn" --json | awk -F'"' '/"id"/ {id=$4} /"state": "signed"/ {print id; exit}') && echo "ok"
# The demo adviser is enrolled: the record gets a PDF signature (pyHanko) with the demo key.
step "render a signed record of visit";  PASS="demo passphrase" run adviser render "$visit" -o "$work/record.pdf" >/dev/null && echo ok
step "verify it";          run adviser verify "$work/record.pdf" | grep -m1 "Digitally signed"
step "sync export";        PASS="demo passphrase" run adviser sync export "$work/adviser.zip" | head -1
step "backup";             run adviser backup "$work/backup.sqlite3" | head -1
step "restore on a new laptop";  run laptop restore "$work/backup.sqlite3" | head -1
# The demo store stands in for a centre: its file for the demo adviser goes to a fresh laptop.
step "sync export-central";  run adviser sync export-central --adviser demo.adviser@example.invalid "$work/centre.zip" | head -1
step "sync import on a fresh laptop";  run fresh sync import "$work/centre.zip" | head -1
step "the app opens on the caseload";  QUIT=live run adviser && echo ok
echo "bundle smoke check passed"
