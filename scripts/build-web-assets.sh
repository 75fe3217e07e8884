#!/usr/bin/env bash
# Build the dashboard's front-end assets into src/ndp/web/static/ (a developer's step, not
# install's or CI's: the built files are committed, so neither needs Node). Needs Node 20+ and
# npm; installs the exact versions in web-assets/package-lock.json, then:
#   - GOV.UK Frontend compiled with Sass for a service not on GOV.UK (Arial, no crest, assets
#     under /static/govuk/assets/), and its JavaScript ES module as shipped;
#   - Vega, Vega-Lite, vega-embed and vega-interpreter bundled by esbuild into one classic script;
#   - LICENSES.txt with the licence of every package in the built files.
# See docs/dashboard.md, "Front-end assets".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/web-assets"
static="$root/src/ndp/web/static"
cd "$src"
npm ci --no-audit --no-fund --loglevel=error
bin="$src/node_modules/.bin"
govuk="$src/node_modules/govuk-frontend/dist/govuk"

mkdir -p "$static/govuk" "$static/vega"
"$bin/sass" --no-source-map --style=compressed --quiet-deps --load-path=node_modules \
  src/govuk.scss "$static/govuk/govuk-frontend.min.css"
# the shipped ES module without its source-map comment (the map is not shipped)
sed 's|//# sourceMappingURL=.*$||' "$govuk/govuk-frontend.min.js" >"$static/govuk/govuk-frontend.min.js"
# no images or fonts: Arial needs no font files, the favicons and crest are GOV.UK's own brand
rm -rf "$static/govuk/assets"

meta="$(mktemp)"
trap 'rm -f "$meta"' EXIT
"$bin/esbuild" src/vega-bundle.js --bundle --format=iife --minify --target=es2020 \
  --legal-comments=none --log-level=warning --metafile="$meta" \
  --outfile="$static/vega/vega-bundle.min.js"
node licences.mjs "$meta" "$static/LICENSES.txt" govuk-frontend

if grep -q "GDS Transport" "$static/govuk/govuk-frontend.min.css"; then
  echo "govuk-frontend.min.css still names GDS Transport: check web-assets/src/govuk.scss" >&2
  exit 1
fi
ls -l "$static/govuk" "$static/vega"
