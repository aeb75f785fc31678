import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readServerEnv } from '@/lib/server/env';
import { createServices, type Services } from '@/lib/server/services';
import { tempDataDir } from '../harness';

/** The workspace's secrets and data are readable by this user only, whatever the umask. */
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('file modes of a new data dir (sqlite)', () => {
  let services: Services | undefined;
  let parent: string | undefined;
  afterEach(async () => {
    await services?.close();
    if (parent) fs.rmSync(parent, { recursive: true, force: true });
  });

  it('creates the data dir 0700 and the token, database, -wal and -shm files 0600', async () => {
    parent = tempDataDir();
    const dataDir = path.join(parent, 'fresh', 'data');
    const umask = process.umask(0); // the loosest umask: modes must come from the code, not the shell
    try {
      services = await createServices({ env: readServerEnv({ BENCHTOP_DATA_DIR: dataDir }), log: () => undefined });
    } finally {
      process.umask(umask);
    }
    await services.projects.list(); // a read maps the -shm file
    expect(modeOf(dataDir).toString(8)).toBe('700');
    for (const name of ['workspace-token', 'benchtop.sqlite', 'benchtop.sqlite-wal', 'benchtop.sqlite-shm']) {
      expect(modeOf(path.join(dataDir, name)).toString(8), name).toBe('600');
    }
  });
});
