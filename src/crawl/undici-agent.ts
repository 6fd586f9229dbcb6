import { createRequire } from "node:module";
import type { Agent as UndiciAgent } from "undici";

// undici's index loads every feature it has (fetch, caches, mock agents, WebSocket): 130 ms of each
// command's start-up, where the crawl needs the Agent alone. undici has no exports map and is
// pinned (package.json), so its Agent module is reachable on its own; a test holds it to be the
// same class the index exports.
const require = createRequire(import.meta.url);

export const Agent: typeof UndiciAgent = require("undici/lib/dispatcher/agent.js");
export type Agent = UndiciAgent;

/** undici's connector factory, reached the same way (the crawl builds one per destination port). */
export const buildConnector: typeof import("undici").buildConnector = require("undici/lib/core/connect.js");
