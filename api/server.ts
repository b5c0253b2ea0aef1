// The server entry: `npm start` (built) or `npm run dev`.
import { loadConfigOrExit } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { startPlatform } from './platform.js';

async function main() {
  const config = loadConfigOrExit();
  // The signal handlers come before the start: a SIGTERM while the platform is still starting (it may already answer
  // /readyz) waits for the start to settle and stops it, rather than Node's default of killing the process.
  const starting = startPlatform(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const platform = await starting.catch(() => null);
    (platform?.log ?? createLogger(config.logLevel)).info({ signal }, 'shutting down');
    await platform?.stop();
    process.exit(platform ? 0 : 1);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await starting;
}

main().catch((err: unknown) => {
  console.error('Zhengyun failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
