import { openStore, type Store } from "../store/open.ts";
import { CliError, ExitCode } from "./exit-codes.ts";

/** Opens the configured database for one command and always closes it. */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = await openStore();
  } catch (error) {
    throw new CliError(
      `无法打开数据库 (cannot open the database): ${error instanceof Error ? error.message : String(error)}`,
      ExitCode.unavailable,
    );
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
