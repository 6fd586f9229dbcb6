#!/usr/bin/env node
// Entry for `npx govscore` / a global install: run the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
