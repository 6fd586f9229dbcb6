// Load benchmark of the public results endpoint (issue target: ≥ 2,000 requests/s with p99 < 50 ms
// on this machine). The server runs in a child process over an in-memory database holding one
// published evaluation; autocannon loads it from this process over 127.0.0.1. Side by side, the
// same server answers the same bytes from a bare route (the ceiling of Fastify + HTTP here).
//   npm run bench:api -- [--bodies 400] [--seconds 10] [--connections 50]
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values } = parseArgs({
  options: {
    bodies: { type: "string", default: "400" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
  },
});

const child = spawn(
  process.execPath,
  ["--import", "tsx", "bench/support/results-server.ts", "--bodies", values.bodies],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const line: string = await new Promise((resolve) => {
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolve);
});
const { base, bytes } = JSON.parse(line) as { base: string; bytes: number };

async function load(path: string) {
  const r = await autocannon({
    url: `${base}${path}`,
    connections: Number(values.connections),
    duration: Number(values.seconds),
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

// Warm both paths first, so neither pays for JIT or the first cache fill in its figures.
await autocannon({ url: `${base}/api/evaluations/bench/results`, connections: 10, duration: 2 });
await autocannon({ url: `${base}/baseline`, connections: 10, duration: 2 });
const api = await load("/api/evaluations/bench/results");
const ceiling = await load("/baseline");
child.kill("SIGTERM");

console.log(
  `public results endpoint, ${values.bodies} bodies (${(bytes / 1024).toFixed(1)} KiB per answer), ${values.connections} connections, ${values.seconds} s each`,
);
console.log(
  `  GET /api/evaluations/:code/results  ${api.rps.toFixed(0)} req/s  p50 ${api.p50} ms  p99 ${api.p99} ms  errors ${api.errors}`,
);
console.log(
  `  bare route, same bytes (ceiling)    ${ceiling.rps.toFixed(0)} req/s  p50 ${ceiling.p50} ms  p99 ${ceiling.p99} ms  errors ${ceiling.errors}`,
);
console.log(
  `  ratio to ceiling ${(api.rps / ceiling.rps).toFixed(2)}; target ≥ 2000 req/s with p99 < 50 ms: ${api.rps >= 2000 && api.p99 < 50 ? "met" : "NOT met"}`,
);
