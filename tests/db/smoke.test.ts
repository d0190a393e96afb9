import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/temp-db';

let t: TestDb | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('demo district', () => {
  it('has 45 puskesmas and 38 specialists', async () => {
    t = await createTestDb({ demo: true });
    const info = await t.api.client['app:info']();
    expect(info.counts.puskesmas).toBe(45);
    expect(info.counts.specialists).toBe(38);
  });
});
