#!/usr/bin/env bash
# Pictures of a digitally signed demo record in a real PDF reader (Okular) for the governors'
# guide, docs/governors-checking-a-record.md. Re-run it when the record's layout or the reader
# changes; it rewrites docs/images/okular-*.png.
#
# It installs nothing. It needs these Debian 12 packages (as root: apt-get update, then
# apt-get install -y --no-install-recommends ...):
#   okular breeze-icon-theme xvfb xdotool imagemagick libnss3-tools poppler-utils pngquant optipng
# and the project's own venv (.venv, or LINKADVISER / PYTHON pointing at others).
#
# Everything happens in a new temporary folder: a demo store (invented data), a signed record,
# two altered copies, an empty NSS certificate database (the one poppler, and so Okular, reads:
# $HOME/.pki/nssdb when there is no Firefox profile and no /etc/pki/nssdb), and Okular's own
# settings. A private X server (Xvfb, display :$XDISPLAY, default 57) shows the reader; xdotool
# clicks where a person would. Nothing outside the temporary folder and OUT_DIR is touched.
#
# Usage: scripts/reader_screenshots.sh [OUT_DIR]     (default: docs/images)
#        XDISPLAY=58 ... to use another X display; KEEP_WORK=1 ... keeps the temporary folder.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/docs/images}")"
LINKADVISER="${LINKADVISER:-$ROOT/.venv/bin/linkadviser}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
XDISPLAY="${XDISPLAY:-57}"
WIDTH=1200
HEIGHT=760

for tool in okular Xvfb xdotool import compare certutil pdfsig pngquant optipng; do
    command -v "$tool" >/dev/null || { echo "missing $tool: install the Debian packages listed at the top of $0" >&2; exit 1; }
done

if [ -e "/tmp/.X11-unix/X$XDISPLAY" ] || [ -e "/tmp/.X$XDISPLAY-lock" ]; then
    echo "X display :$XDISPLAY is in use; choose a free one with XDISPLAY=N" >&2
    exit 1
fi

WORK="$(mktemp -d /tmp/reader-screenshots.XXXXXX)"
XVFB_PID=""
OKULAR_PID=""
cleanup() {
    [ -n "$OKULAR_PID" ] && kill "$OKULAR_PID" 2>/dev/null || true
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
    [ -n "${KEEP_WORK:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

export LINKADVISER_HOME="$WORK/store"
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
export XDG_RUNTIME_DIR="$WORK/run" DISPLAY=":$XDISPLAY"
mkdir -p "$HOME/.pki/nssdb" "$XDG_RUNTIME_DIR" "$OUT"
chmod 700 "$XDG_RUNTIME_DIR"
NSSDB="sql:$HOME/.pki/nssdb"
cd "$WORK"

# --- The record: the demo's first school, its first signed visit, signed with the demo key. ---
"$LINKADVISER" init --demo >/dev/null
URN="$("$LINKADVISER" schools --json | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)[0]["urn"])')"
VISIT="$("$LINKADVISER" visits --school "$URN" --json \
    | "$PYTHON" -c 'import json,sys; print(next(v["id"] for v in json.load(sys.stdin) if v["state"] == "signed"))')"
LINKADVISER_PASSPHRASE="demo passphrase" "$LINKADVISER" render "$VISIT" -o record.pdf >/dev/null
"$LINKADVISER" keys root -o root.pem >/dev/null

# --- Two altered copies: a note added the way a PDF editor saves (an incremental update after
# the signature), and one letter of the document's title changed inside the signed bytes. ---
"$PYTHON" - <<'EOF'
import io

from pypdf import PdfWriter
from pypdf.annotations import FreeText

signed = open("record.pdf", "rb").read()
writer = PdfWriter(io.BytesIO(signed), incremental=True)
note = FreeText(text="Outstanding in every respect", rect=(300, 410, 560, 432),
                font_size="14pt", font_color="c00000", border_color="c00000", background_color="ffff99")
writer.add_annotation(page_number=0, annotation=note)
out = io.BytesIO()
writer.write(out)
open("record-note-added.pdf", "wb").write(out.getvalue())

data = bytearray(signed)
title = data.rindex(b"/Title (")
end = data.index(b")", title)
letter = data.rindex(b"o", title, end)  # the last "o" of the title: still a valid PDF string
data[letter:letter + 1] = b"0"
open("record-bytes-changed.pdf", "wb").write(bytes(data))
EOF

# --- The reader ---
certutil -N -d "$NSSDB" --empty-password
Xvfb ":$XDISPLAY" -screen 0 1400x900x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
sleep 2

wait_for_window() {  # --class C | --name TITLE: the id of the first such visible window
    # (a title is matched on its start: xdotool misses words after the " — " Okular puts before its name)
    local id=""
    for _ in $(seq 60); do
        id="$(xdotool search --onlyvisible "$1" "$2" 2>/dev/null | head -1 || true)"
        [ -n "$id" ] && { echo "$id"; return 0; }
        sleep 0.5
    done
    echo "no window $1 '$2' appeared" >&2
    return 1
}

open_in_okular() {  # FILE: Okular on FILE, the signatures panel open and widened, its first signature expanded
    local win="" attempt
    for attempt in 1 2 3; do  # Okular 22.12 now and then aborts while starting under Xvfb
        rm -rf "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"  # a first start every time: the same layout
        okular "$1" >>"$WORK/okular.log" 2>&1 &
        OKULAR_PID=$!
        win="$(wait_for_window --class okular)" && break
        echo "Okular did not start (attempt $attempt); trying again" >&2
        close_okular
    done
    [ -n "$win" ] || exit 1
    sleep 3
    xdotool windowsize "$win" "$WIDTH" "$HEIGHT" windowmove "$win" 0 0
    sleep 2
    xdotool mousemove 1175 104 click 1        # close the "This document has forms" bar
    sleep 1
    xdotool mousemove 1082 104 click 1        # "Show Signatures Panel"
    sleep 1
    xdotool mousemove 182 400 mousedown 1 sleep 0.3 mousemove 300 400 sleep 0.3 mousemove 470 400 sleep 0.3 mouseup 1
    sleep 1
    xdotool mousemove 20 139 click 1          # expand "Rev. 1: Signed By ..."
    sleep 1
    xdotool mousemove 1300 880                # the pointer out of the picture
    sleep 1
}

close_okular() {
    kill "$OKULAR_PID" 2>/dev/null || true
    wait "$OKULAR_PID" 2>/dev/null || true
    OKULAR_PID=""
}

window_geometry() {  # WINDOW: prints "width height x y" of a window
    xdotool getwindowgeometry --shell "$1" | awk -F= '
        $1 == "WIDTH" {w = $2} $1 == "HEIGHT" {h = $2} $1 == "X" {x = $2} $1 == "Y" {y = $2}
        END {print w, h, x, y}'
}

shoot_window() {  # FILE [ROWS]: the reader's main window (its top ROWS pixels) as FILE
    import -window root -crop "${WIDTH}x${2:-$HEIGHT}+0+0" +repage "$WORK/$1"
}

shoot_dialog() {  # TITLE FILE: a dialog of the reader, found by its title, as FILE
    local win w h x y
    win="$(wait_for_window --name "$1")"
    sleep 1
    read -r w h x y <<<"$(window_geometry "$win")"
    import -window root -crop "${w}x${h}+${x}+${y}" +repage "$WORK/$2"
}

signature_properties() {  # FILE: right-click the signature, Properties, picture the dialog
    xdotool mousemove 180 139 click 3
    sleep 1
    xdotool key Down Return
    shoot_dialog "Signature Properties" "$1"
}

view_certificate() {  # FILE: in the open Signature Properties, View Certificate..., picture it
    local win w h x y
    win="$(wait_for_window --name "Signature Properties")"
    read -r w h x y <<<"$(window_geometry "$win")"
    xdotool mousemove $((x + w - 160)) $((y + h - 17)) click 1
    shoot_dialog "Certificate Viewer" "$1"
}

# 1. The signed record before the authority's root is trusted, and 2. after.
echo "pdfsig before the root is trusted:" && pdfsig record.pdf | grep -E "Validation"
open_in_okular record.pdf
shoot_window before-trust.png 440
close_okular
certutil -A -d "$NSSDB" -n "Link Adviser signing authority (demo)" -t ",C," -i root.pem
echo "pdfsig with the root trusted:" && pdfsig record.pdf | grep -E "Common Name|Validation|signed"
open_in_okular record.pdf
shoot_window okular-signed-record.png 440
differing="$(compare -metric AE "$WORK/before-trust.png" "$WORK/okular-signed-record.png" null: 2>&1 || true)"
echo "pixels that differ between the reader before and after the root was trusted: $differing"
signature_properties okular-signature-properties.png
view_certificate okular-certificate.png
close_okular

# 3. The copy with a note added after signing, and the copy with bytes changed.
open_in_okular record-note-added.pdf
shoot_window okular-note-added.png
signature_properties okular-note-added-properties.png
close_okular
open_in_okular record-bytes-changed.pdf
shoot_window okular-bytes-changed.png 440
signature_properties okular-bytes-changed-properties.png
close_okular

# Small files for the repository: 8-bit palettes (pngquant), then lossless squeezing (optipng).
for picture in okular-signed-record okular-signature-properties okular-certificate \
    okular-note-added okular-note-added-properties okular-bytes-changed okular-bytes-changed-properties; do
    pngquant --force --quality 70-95 --output "$OUT/$picture.png" "$WORK/$picture.png" \
        || cp "$WORK/$picture.png" "$OUT/$picture.png"
    optipng -quiet -o2 "$OUT/$picture.png"
done
echo "Okular $(dpkg-query -W -f '${Version}' okular), poppler $(dpkg-query -W -f '${Version}' libpoppler126 2>/dev/null || echo '?'):"
ls -l "$OUT"/okular-*.png
