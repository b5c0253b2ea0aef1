// The server entry: `npm start` (built) or `npm run dev`.
import { loadConfigOrExit } from '../core/config.js';
import { startPlatform } from './platform.js';

async function main() {
  const config = loadConfigOrExit();
  const platform = await startPlatform(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    platform.log.info({ signal }, 'shutting down');
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Zhengyun failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
