// Writes the catalogue of checks (ids, titles, severities, rules, descriptions) into
// docs/checks.md, between its markers: `npm run docs:checks`. A test fails when the committed
// page and the catalogue differ.
import { readFileSync, writeFileSync } from "node:fs";
import { CHECKS } from "../src/checks/catalogue.ts";
import { renderCatalogue, withCatalogue } from "../src/checks/catalogue-docs.ts";

const file = new URL("../docs/checks.md", import.meta.url);
const before = readFileSync(file, "utf8");
const after = withCatalogue(before, renderCatalogue(CHECKS));
if (after !== before) writeFileSync(file, after);
process.stdout.write(after === before ? "docs/checks.md is up to date\n" : "docs/checks.md updated\n");
