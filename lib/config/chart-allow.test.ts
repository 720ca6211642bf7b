import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { chartRefusal, matchesChartPattern, type TChartPolicy } from './chart-allow';

// helmdeck.yaml's folder holds charts/ (allowed) next to a folder that is not.
const root = mkdtempSync(path.join(os.tmpdir(), 'helmdeck-charts-'));
const base = path.join(root, 'etc', 'helmdeck');
const chart = (dir: string) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: x\nversion: 1.0.0\n');
};
chart(path.join(base, 'charts', 'web'));
chart(path.join(base, 'charts', 'team', 'nested'));
chart(path.join(root, 'srv', 'evil-chart'));
symlinkSync(path.join(root, 'srv', 'evil-chart'), path.join(base, 'charts', 'linked'));
symlinkSync(path.join(base, 'charts', 'web'), path.join(base, 'charts', 'alias'));
after(() => rmSync(root, { recursive: true, force: true }));

const policy: TChartPolicy = { allowedCharts: ['./charts/*'], configured: [], baseDir: base };

describe('chart allow-list', () => {
  test('a chart inside the allowed folder may be used, also through a link that stays inside', () => {
    assert.equal(chartRefusal(policy, './charts/web'), null);
    assert.equal(chartRefusal(policy, './charts/alias'), null);
  });

  test('".." segments are refused before anything is looked up', () => {
    const escape = './charts/../../../../srv/evil-chart';
    assert.equal(chartRefusal(policy, escape), 'must not contain ".." path segments');
    assert.equal(chartRefusal(policy, './charts/web/..'), 'must not contain ".." path segments');
  });

  test('no oracle: an existing and a missing server path get the same answer', () => {
    assert.equal(
      chartRefusal(policy, './charts/../../../../etc'),
      chartRefusal(policy, './charts/../../../../no-such-dir'),
    );
  });

  test('"*" stays inside one path segment; "**" is needed to go deeper', () => {
    assert.equal(matchesChartPattern(['./charts/*'], './charts/team/nested'), false);
    assert.match(chartRefusal(policy, './charts/team/nested') ?? '', /not in .*allowed charts/);
    assert.match(
      chartRefusal(policy, './charts/team/nested') ?? '',
      /"\*" in \.\/charts\/\* matches one path segment, never a "\/"/,
    );
    assert.doesNotMatch(chartRefusal(policy, './other/web') ?? '', /path segment/);
    assert.equal(matchesChartPattern(['./charts/**'], './charts/team/nested'), true);
    assert.equal(
      matchesChartPattern(['oci://r.example.com/team/*'], 'oci://r.example.com/team/a/b'),
      false,
    );
    assert.equal(
      matchesChartPattern(['oci://r.example.com/team/*'], 'oci://r.example.com/team/a'),
      true,
    );
  });

  test('a symbolic link out of the allowed folder is refused with a message naming the folder only', () => {
    const refusal = chartRefusal(policy, './charts/linked');
    assert.match(refusal ?? '', /leads outside the allowed chart folder \.\/charts/);
    assert.ok(!refusal?.includes(root), 'no server path in the message');
  });

  test('a missing chart folder is "not found", without a server path', () => {
    assert.equal(chartRefusal(policy, './charts/missing'), 'was not found (no such chart folder)');
  });

  test('without allowedCharts only the configured charts may be used', () => {
    const configuredOnly = { configured: ['./charts/web'], baseDir: base };
    assert.equal(chartRefusal(configuredOnly, './charts/web'), null);
    assert.match(chartRefusal(configuredOnly, './charts/alias') ?? '', /configured/);
  });
});
