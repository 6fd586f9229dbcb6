/** Progress of the inspection runs this server started, by evaluation code. */
export interface RunProgress {
  evaluation: string;
  state: "running" | "done" | "failed";
  startedAt: string;
  finishedAt: string | null;
  done: number;
  total: number | null;
  error: string | null;
}

export class RunRegistry {
  private readonly runs = new Map<string, RunProgress>();

  get(code: string): RunProgress | undefined {
    return this.runs.get(code);
  }

  /** Starts `work` unless a run of the same evaluation is still going; returns the progress record. */
  start(
    code: string,
    work: (progress: RunProgress) => Promise<void>,
  ): { started: boolean; progress: RunProgress } {
    const current = this.runs.get(code);
    if (current?.state === "running") return { started: false, progress: current };
    const progress: RunProgress = {
      evaluation: code,
      state: "running",
      startedAt: new Date().toISOString(),
      finishedAt: null,
      done: 0,
      total: null,
      error: null,
    };
    this.runs.set(code, progress);
    work(progress).then(
      () => {
        progress.state = "done";
        progress.finishedAt = new Date().toISOString();
      },
      (e: unknown) => {
        progress.state = "failed";
        progress.error = e instanceof Error ? e.message : String(e);
        progress.finishedAt = new Date().toISOString();
      },
    );
    return { started: true, progress };
  }

  /** Waits for every run (tests, shutdown). */
  async settle(): Promise<void> {
    while ([...this.runs.values()].some((r) => r.state === "running"))
      await new Promise((r) => setTimeout(r, 50));
  }
}
