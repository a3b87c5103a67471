// `pnpm start`: runs every part of Kiryana on one machine, with embedded PGlite and demo data
// unless DATABASE_URL is set. Ports: PORT (sync server, 8787), ADMIN_PORT (admin web, 5173),
// TERMINAL_PORT (browser terminal, 5180). Each part is a child process; output passes through,
// and when one part stops the others are stopped too.
import { runParts, startPlan } from './start-parts.mjs';

let plan;
try {
  plan = startPlan(process.env);
} catch (error) {
  console.error(`pnpm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const running = runParts(plan.parts, { env: process.env, stdio: 'inherit' });

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    running.stop(signal);
  });
}

const status = await running.done;
process.exit(status);
