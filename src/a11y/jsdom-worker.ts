// The jsdom pass's thread (see jsdom-thread.ts): runs axe over the pages it is sent, one at a time.
import { parentPort } from "node:worker_threads";
import { axeJsdom } from "./jsdom-pass.ts";

interface Job {
  id: number;
  html: string;
  url: string;
  rules: string[];
}

parentPort?.on("message", (m: Job) => {
  axeJsdom(m.html, m.url, m.rules).then(
    (run) => parentPort?.postMessage({ id: m.id, run }),
    (e: unknown) => parentPort?.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
