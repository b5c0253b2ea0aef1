// PROVISIONING_DRIVER=pulumi without the Pulumi engine: the process says so at start, plainly, and does not start
// (rather than failing at the first job).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server-process.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-no-engines-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the Pulumi driver without its engine', () => {
  it('refuses to start, naming what is missing and how to get it', async () => {
    const server = startServer({
      DATA_DIR: dataDir,
      PROVISIONING_DRIVER: 'pulumi',
      PULUMI_CONFIG_PASSPHRASE: 'a-passphrase',
      ZHENGYUN_ENGINES_DIR: path.join(dataDir, 'no-engines-here'),
      PATH: path.dirname(process.execPath), // node only: no pulumi
    });
    const exit = await server.exited;
    expect(exit.code).toBe(1);
    expect(server.output()).toMatch(/PROVISIONING_DRIVER=pulumi, but the Pulumi engine is not available: The pulumi CLI is not installed/);
    expect(server.output()).toContain('npm run engines');
    expect(fs.existsSync(path.join(dataDir, 'pgdata'))).toBe(false); // stopped before the database was opened
  });
});
