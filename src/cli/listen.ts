import type { FastifyInstance } from "fastify";
import { bi, say } from "../i18n/bilingual.ts";
import { CliError, ExitCode } from "./exit-codes.ts";

/** Starts listening, turning a taken or forbidden port into a clear error that names it. */
export async function listenOrExplain(app: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    return await app.listen({ host, port });
  } catch (e) {
    await app.close();
    const code = (e as { code?: string }).code;
    if (code === "EADDRINUSE" || code === "EACCES")
      throw new CliError(
        say(
          bi(
            `无法在 ${host}:${port} 上监听（${code === "EADDRINUSE" ? "端口已被占用" : "没有权限"}），请用 --port 换一个端口`,
            `cannot listen on ${host}:${port} (${code === "EADDRINUSE" ? "the port is in use" : "permission denied"}); choose another with --port`,
          ),
        ),
        ExitCode.unavailable,
      );
    throw e;
  }
}
