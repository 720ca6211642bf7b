import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, test } from 'node:test';
import { withValuesFile } from './values-file';

describe('values temp file', () => {
  test('holds the values readable by the owner only, and is gone afterwards', async () => {
    let seen = '';
    await withValuesFile({ db: { password: 's3cret' } }, async (file) => {
      seen = file;
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { db: { password: 's3cret' } });
    });
    assert.equal(existsSync(seen), false);
  });

  test('is removed when the command using it fails', async () => {
    let seen = '';
    await assert.rejects(
      withValuesFile({ a: 1 }, async (file) => {
        seen = file;
        throw new Error('helm failed');
      }),
      /helm failed/,
    );
    assert.ok(seen !== '' && !existsSync(seen));
  });
});
