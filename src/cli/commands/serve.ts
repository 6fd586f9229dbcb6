import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { bi, say } from "../../i18n/bilingual.ts";
import { buildApp } from "../../server/app.ts";
import { AccountError, createAccount } from "../../server/routes/accounts.ts";
import { DEFAULT_WEB_DIR } from "../../server/web-app.ts";
import { openStore } from "../../store/open.ts";
import type { AccountRole } from "../../store/schema.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { listenOrExplain } from "../listen.ts";
import { printLine } from "../output.ts";
import { withStore } from "../with-store.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

export function register(program: Command): void {
  program
    .command("serve")
    .description(
      "启动评估工作台 API（/api，文档 /api/docs）(serve the workspace API at /api, docs at /api/docs)",
    )
    .option("--host <host>", "监听地址 (listen address)", "127.0.0.1")
    .option("--port <n>", "端口 (port)", "8080")
    .option("--secure-cookies", "仅通过 HTTPS 发送会话 Cookie（部署在 TLS 之后时）(cookies over https only)")
    .option("--allow-private", "巡检时允许内网与回环地址 (inspections may reach private addresses)")
    .option("--web-dir <dir>", "已构建的网页应用目录 (the built web app; default dist/web)")
    .action(
      async (o: {
        host: string;
        port: string;
        secureCookies?: boolean;
        allowPrivate?: boolean;
        webDir?: string;
      }) => {
        const store = await openStore().catch((e: Error) => {
          throw new CliError(
            say(bi(`无法打开数据库：${e.message}`, `cannot open the database: ${e.message}`)),
            ExitCode.unavailable,
          );
        });
        const app = await buildApp({
          store,
          logger: true,
          secureCookies: o.secureCookies === true,
          allowPrivate: o.allowPrivate === true,
          webDir: o.webDir ?? DEFAULT_WEB_DIR,
        });
        const address = await listenOrExplain(app, o.host, Number(o.port));
        const webDir = o.webDir ?? DEFAULT_WEB_DIR;
        printLine(
          existsSync(join(webDir, "index.html"))
            ? bi(`评估工作台：${address}/`, `the evaluation workspace: ${address}/`)
            : bi(
                `未找到网页应用（${webDir}），请先运行 npm run build:web`,
                `no built web app in ${webDir} (run npm run build:web)`,
              ),
        );
        printLine(
          bi(
            `工作台 API：${address}/api，接口文档：${address}/api/docs`,
            `workspace API: ${address}/api, docs: ${address}/api/docs`,
          ),
        );
        const stop = async () => {
          await app.close();
          await store.close();
          process.exit(0);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      },
    );

  const account = program.command("account").description("管理工作台账号 (workspace accounts)");
  account
    .command("add")
    .description("新建账号；密码从标准输入读取 (create an account; the password is read from stdin)")
    .argument("<username>", "用户名 (username)")
    .requiredOption("--role <role>", "admin | evaluator | expert | submitter")
    .option("--name <name>", "显示名 (display name)")
    .option("--body <id>", "填报账号所属单位 (the body of a submitter)")
    .action(async (username: string, o: { role: string; name?: string; body?: string }) => {
      if (!["admin", "evaluator", "expert", "submitter"].includes(o.role))
        throw new CliError(say(bi(`未知角色 ${o.role}`, `unknown role ${o.role}`)), ExitCode.usage);
      const password = process.env.GOVSCORE_PASSWORD ?? (await readStdin());
      await withStore(async (store) => {
        try {
          await createAccount(store.db, {
            username,
            displayName: o.name ?? username,
            password,
            role: o.role as AccountRole,
            bodyId: o.body ?? null,
          });
        } catch (e) {
          if (e instanceof AccountError) throw new CliError(e.message, ExitCode.invalidInput);
          throw e;
        }
      });
      printLine(bi(`已创建账号 ${username}（${o.role}）`, `created account ${username} (${o.role})`));
    });
}
