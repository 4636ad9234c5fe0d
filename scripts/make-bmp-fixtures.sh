#!/usr/bin/env bash
# Writes test/fixtures/bmp/: a 7×5 RGBA source (PNG) and the BMP variants ImageMagick writes from it,
# so the BMP decoder is checked against an independent encoder. Needs ImageMagick 6 (`convert`);
# run once by hand, the outputs are committed. Top-left pixel is opaque red; column 0 is clear.
set -euo pipefail
out="$(dirname "$0")/../test/fixtures/bmp"
mkdir -p "$out" && cd "$out"
python3 - <<'PY'
w, h = 7, 5
rows = []
for y in range(h):
    for x in range(w):
        pixel = [x * 40, y * 60, 255 - x * 30, 0 if x == 0 else 255 - y * 40]
        rows.append(bytes([255, 0, 0, 255]) if (x, y) == (0, 0) else bytes(pixel))
header = f"P7\nWIDTH {w}\nHEIGHT {h}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n"
open("source.pam", "wb").write(header.encode() + b"".join(rows))
PY
convert source.pam source-rgba.png
convert source.pam -alpha off source-rgb.png
convert source-rgb.png -type TrueColor -compress None BMP3:rgb24.bmp
convert source-rgb.png -type TrueColor BMP2:rgb24-os2.bmp
convert source-rgba.png -type TrueColorAlpha -compress None BMP:argb32.bmp
convert source-rgb.png -type TrueColor -compress None -define bmp:subtype=RGB565 BMP:rgb565.bmp
convert source-rgb.png -type Palette -compress None BMP3:palette8.bmp
convert source-rgb.png -type Palette -compress RLE BMP3:palette8-rle.bmp
convert source-rgba.png -compress None -define bmp3:alpha=true BMP3:xrgb32-v3.bmp
convert source-rgb.png -threshold 50% -type Bilevel -compress None BMP3:mono1.bmp
convert source-rgb.png -threshold 50% -alpha off source-mono.png
rm source.pam
