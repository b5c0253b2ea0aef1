// The baseline: a bare Express 5 handler returning a JSON body held in memory, run as its own child process
// by bench/servers.ts. No middleware, no logging; Express's per-response ETag hashing is off (the platform
// turns it off too and sends a precomputed ETag), so this is the ceiling for a handler that answers from memory.
import fs from 'node:fs';
import express from 'express';

const bodyFile = process.env.BARE_BODY_FILE;
const routePath = process.env.BARE_PATH ?? '/';
const port = Number(process.env.PORT ?? 0);
if (!bodyFile || !port) {
  console.error('bare-server: BARE_BODY_FILE and PORT are required');
  process.exit(2);
}
const body = fs.readFileSync(bodyFile, 'utf8');

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.get(routePath, (_req, res) => {
  res.type('application/json').send(body);
});

const server = app.listen(port, '127.0.0.1', (err?: Error) => {
  if (err) {
    console.error(err);
    process.exit(1);
  }
  console.log(`bare server on http://127.0.0.1:${port}${routePath} (${Buffer.byteLength(body)} bytes)`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
