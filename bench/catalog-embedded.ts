// GET /api/catalog on the embedded default (no DATABASE_URL, DATA_DIR in a temporary folder), against the
// same bare baseline as bench/catalog.ts.
import type { Benchmark } from './harness.js';
import { catalogRows } from './catalog.js';
import { embeddedPlatform } from './servers.js';

const benchmark: Benchmark = {
  description: 'GET /api/catalog on the embedded database (the zero-configuration default) vs the bare baseline',
  async prepare(ctx) {
    await embeddedPlatform(ctx);
  },
  async run(ctx) {
    return catalogRows(ctx, await embeddedPlatform(ctx), 'GET /api/catalog (embedded)');
  },
};
export default benchmark;
