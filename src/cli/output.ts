import { type Bilingual, say } from "../i18n/bilingual.ts";

/** Machine output: one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text: string | Bilingual = ""): void {
  process.stdout.write(`${typeof text === "string" ? text : say(text)}\n`);
}

/**
 * A JSON array written item by item, in index order, as items arrive in any order: a run over
 * hundreds of sites prints each report once its predecessors are out, and keeps only the ones
 * waiting for an earlier site (as text), not every report to the end.
 */
export class OrderedJsonArray {
  private next = 0;
  private readonly held = new Map<number, string>();
  private started = false;

  constructor(private readonly out: NodeJS.WritableStream = process.stdout) {}

  add(index: number, value: unknown): void {
    this.held.set(index, JSON.stringify(value, null, 2).replace(/\n/g, "\n  "));
    for (let s = this.held.get(this.next); s !== undefined; s = this.held.get(this.next)) {
      this.held.delete(this.next);
      this.out.write(`${this.started ? ",\n" : "[\n"}  ${s}`);
      this.started = true;
      this.next++;
    }
  }

  /** Closes the array (whatever is still held, in order). */
  end(): void {
    for (const i of [...this.held.keys()].sort((a, b) => a - b)) {
      this.out.write(`${this.started ? ",\n" : "[\n"}  ${this.held.get(i)}`);
      this.started = true;
    }
    this.held.clear();
    this.out.write(this.started ? "\n]\n" : "[]\n");
  }
}
