// Peak resident memory of a process and everything it started, read from /proc while it runs.
import { readdirSync, readFileSync } from "node:fs";

/** The pid and its descendants (children of every thread), now. */
function tree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const p = out[i] as number;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, "utf8").split(" "))
          if (c.trim()) out.push(Number(c));
      } catch {}
    }
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples the tree's summed RSS every `everyMs` until `stop()`; returns the peak in MB. */
export function watchTree(pid: number, everyMs = 50): { stop(): number } {
  let peak = 0;
  const sample = () => {
    const kb = tree(pid).reduce((n, p) => n + rssKb(p), 0);
    if (kb > peak) peak = kb;
  };
  sample();
  const t = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(t);
      return peak / 1024;
    },
  };
}
