import { pathToFileURL } from 'node:url';
import { openDatabase } from './boot/open-database';
import { readPgliteOwner } from './boot/pglite-owner';
import { type Env, loadEnv } from './env';
import { verifyAuditLog } from './features/audit/audit-verify';

/**
 * `pnpm --filter @kiryana/sync-server audit:verify [chain …]`: recomputes the audit chains in the
 * configured database and prints the first broken link of each; exit status 0 when intact, 2 when
 * broken, 1 when it could not run. With embedded PGlite held by a running server, use the API
 * instead (`GET /v1/audit/verify` with an auditor's token): one process owns that folder.
 */
export async function runAuditVerify(
  env: Env,
  chains: readonly string[],
  write: (line: string) => void,
): Promise<number> {
  if (!env.DATABASE_URL) {
    const owner = await readPgliteOwner(env.DATA_DIR);
    if (owner) {
      write(
        `The server with pid ${owner.pid} holds ${env.DATA_DIR}; call GET ${owner.url}/v1/audit/verify as an auditor, or stop it first.`,
      );
      return 1;
    }
  }
  const { db } = await openDatabase(env);
  try {
    const result = await verifyAuditLog(db, chains.length > 0 ? { chains } : {});
    write(JSON.stringify(result, null, 2));
    for (const broken of result.breaks) {
      write(`BROKEN ${broken.chain} at seq ${broken.seq}: ${broken.problem}`);
    }
    if (result.ok) write(`audit log intact: ${result.chains} chains, ${result.entries} entries`);
    return result.ok ? 0 : 2;
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runAuditVerify(loadEnv(), process.argv.slice(2), (line) =>
    process.stdout.write(`${line}\n`),
  ).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `audit verify failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
