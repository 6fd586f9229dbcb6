// Worker threads do not inherit the parent's tsx loader in every launch mode (the test runner,
// bin/govscore.js's register()), so the worker registers it itself before loading the code.
import { register } from "tsx/esm/api";

register();
await import("./mc-worker.ts");
