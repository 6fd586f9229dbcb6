import { bi, say } from "../i18n/bilingual.ts";
import type { RunProgress, StallReport } from "../inspect/inspect.ts";

export interface RunStatus {
  progress(p: RunProgress): void;
  /** A stalled site, always said (on a terminal or not): what it waited for and how long. */
  stall(s: StallReport): void;
  stop(): void;
}

const n = (x: number) => x.toLocaleString("en-US");

/** One line of how an inspection run is going. */
export function describeProgress(p: RunProgress, now = performance.now()): string {
  const s = Math.max(0.001, (now - p.startedAt) / 1000);
  const rate = Math.round(p.pages / s);
  return say(
    bi(
      `网站 ${p.sitesDone}/${p.sites} · 页面 ${n(p.pages)}（失败 ${n(p.pagesFailed)}）· ${n(rate)} 页/秒 · 提前结束 ${p.sitesCut}`,
      `sites ${p.sitesDone}/${p.sites} · pages ${n(p.pages)} (${n(p.pagesFailed)} failed) · ${n(rate)} pages/s · cut short ${p.sitesCut}`,
    ),
  );
}

export function describeStall(s: StallReport): string {
  const sec = (ms: number) => Math.round(ms / 1000);
  const w = s.wait;
  return say(
    bi(
      `警告：${s.site} 已 ${sec(s.idleMs)} 秒没有进展${w ? `，等待 ${w.kind}（${w.what}）已 ${sec(s.waitedMs)} 秒` : ""}；结束该网站的检查，报告保留已获得的结果`,
      `warning: ${s.site} made no progress for ${sec(s.idleMs)} s${w ? `, waiting for ${w.kind} (${w.what}) for ${sec(s.waitedMs)} s` : ""}; its inspection was ended and its report keeps what was learned`,
    ),
  );
}

/**
 * Progress of an inspection run on standard error: a line redrawn in place on a terminal (never
 * in CI or a pipe, so logs and --json output stay clean), and a warning line for every stalled
 * site wherever standard error goes.
 */
export function startRunStatus(stream: NodeJS.WriteStream = process.stderr): RunStatus {
  const live = stream.isTTY === true && !process.env.CI;
  let last = "";
  const draw = () => {
    if (!live || !last) return;
    // A terminal of unknown size (a pty nobody sized, as under `script`) says 0 columns.
    const width = Math.max(20, (stream.columns || 100) - 1);
    // Wide (Chinese) characters take two columns: cut by columns, not by characters.
    let cols = 0;
    let cut = "";
    for (const ch of last) {
      cols += /[\u1100-\uFFDC]/.test(ch) ? 2 : 1;
      if (cols > width) break;
      cut += ch;
    }
    stream.write(`\r\x1b[2K${cut}`);
  };
  const clear = () => {
    if (live && last) stream.write("\r\x1b[2K");
  };
  return {
    progress(p) {
      last = describeProgress(p);
      draw();
    },
    stall(s) {
      clear();
      stream.write(`govscore: ${describeStall(s)}\n`);
      draw();
    },
    stop() {
      clear();
      last = "";
    },
  };
}
