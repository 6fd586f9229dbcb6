import type { Command } from "commander";
import { register as db } from "./db.ts";
import { register as demo } from "./demo.ts";
import { register as registry } from "./registry.ts";

type Register = (program: Command) => void;

/** Every subcommand module, in the order `govscore --help` lists them. */
const modules: Register[] = [demo, registry, db];

export function registerAll(program: Command): void {
  for (const register of modules) register(program);
}
