import { type Bilingual, say } from "../i18n/bilingual.ts";

/** Machine output: one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text: string | Bilingual = ""): void {
  process.stdout.write(`${typeof text === "string" ? text : say(text)}\n`);
}
