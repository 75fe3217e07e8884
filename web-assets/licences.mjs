// Writes LICENSES.txt for the built assets: each npm package whose code esbuild put into the
// bundle (read from its metafile) and GOV.UK Frontend, with its version, its declared licence
// and the text of its licence file, so the notices the licences require travel with the files.
// Usage: node licences.mjs META_JSON OUT_TXT [extra-package ...]
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [metaPath, outPath, ...extra] = process.argv.slice(2);
const meta = JSON.parse(readFileSync(metaPath, "utf8"));
const names = new Set(extra);
for (const input of Object.keys(meta.inputs)) {
  const found = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (found) names.add(found[1]);
}

// the licence file, or where a package ships none (govuk-frontend) its README's Licence section
function licenceText(dir, name) {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  if (file) return readFileSync(join(dir, file), "utf8").trim();
  const readme = readFileSync(join(dir, "README.md"), "utf8");
  const section = readme.match(/^## Licen[cs]e\n([\s\S]*?)(?=^## |(?![\s\S]))/m);
  if (!section) throw new Error(`${name}: no licence file or README licence section to ship`);
  return `${section[1].trim()}\n(from the package's README: it ships no licence file)`;
}

const sections = [...names].sort().map((name) => {
  const dir = join("node_modules", name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const text = licenceText(dir, name);
  return `${"=".repeat(78)}\n${name} ${pkg.version} (${pkg.license})\n${"=".repeat(78)}\n${text}\n`;
});
const head =
  "Third-party code in ndp's dashboard assets (src/ndp/web/static/), built by\n" +
  "scripts/build-web-assets.sh from the npm packages pinned in web-assets/package-lock.json.\n\n";
writeFileSync(outPath, head + sections.join("\n"));
console.log(`${outPath}: ${names.size} packages`);
