import type { Command } from "commander";
import { register as db } from "./db.ts";
import { register as demo } from "./demo.ts";
import { register as evaluation } from "./evaluation.ts";
import { register as explain } from "./explain.ts";
import { register as inspect } from "./inspect.ts";
import { register as monitor } from "./monitor.ts";
import { register as recheck } from "./recheck.ts";
import { register as registry } from "./registry.ts";
import { register as release } from "./release.ts";
import { register as score } from "./score.ts";
import { register as serve } from "./serve.ts";
import { register as uncertainty } from "./uncertainty.ts";
import { register as worker } from "./worker.ts";

type Register = (program: Command) => void;

/** Every subcommand module, in the order `govscore --help` lists them. */
const modules: Register[] = [
  demo,
  registry,
  db,
  score,
  uncertainty,
  explain,
  inspect,
  recheck,
  evaluation,
  release,
  serve,
  monitor,
  worker,
];

export function registerAll(program: Command): void {
  for (const register of modules) register(program);
}
