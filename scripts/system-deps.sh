#!/usr/bin/env bash
# Install the Debian packages ndp's tests and reports need, only when they are missing.
# PostgreSQL: the tests start a throwaway server of their own (never a system service).
# Pango: WeasyPrint's text layout for the PDF report; HarfBuzz-subset: its fast font subsetting.
# Liberation Sans: the report's designed font (and the charts'), DejaVu Sans its fallback.
# Chromium: the browser tests (axe-core) run in it; Playwright's own download is never used.
# poppler-utils: pdftotext, pdfinfo and pdftoppm, to read and look at the PDF as its reader does.
# LibreOffice Writer (headless): the Word edition is tested as its reader meets it, converted to PDF.
# LibreOffice Calc (headless): a force's Excel edition is opened and converted the same way.
# Java 17: the Spark tests' Spark Connect server (Spark 4.0 runs on Java 17 or 21, not newer).
set -euo pipefail
missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
ldconfig -p | grep -q libpango-1.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
# HarfBuzz's subsetter: WeasyPrint subsets the PDF's fonts in C with it, in Python without
ldconfig -p | grep -q libharfbuzz-subset || missing+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -qi "Liberation Sans" || missing+=(fonts-liberation)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdfinfo >/dev/null || missing+=(poppler-utils)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
compgen -G "/usr/lib/libreoffice/program/libsclo.so" >/dev/null || missing+=(libreoffice-calc-nogui)
compgen -G "/usr/lib/jvm/java-17-openjdk-*/bin/java" >/dev/null \
  || compgen -G "/usr/lib/jvm/java-21-openjdk-*/bin/java" >/dev/null || missing+=(openjdk-17-jre-headless)
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
