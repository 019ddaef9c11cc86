/**
 * Every GitHub Actions workflow validated against the workflow schema by action-validator
 * (@action-validator/core: the SchemaStore schema compiled into WebAssembly, so it runs offline),
 * and CI's promise checked: npm test on Linux, macOS and Windows, each with a Chromium.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const DIR = '.github/workflows';
const FILES = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name));

interface Job {
  readonly 'runs-on': string;
  readonly container?: string;
  readonly strategy?: { readonly matrix: { readonly os?: readonly string[] } };
  readonly steps: readonly { readonly run?: string; readonly uses?: string }[];
}

describe('the workflows', () => {
  it('are ci.yml and release.yml', () => {
    expect(FILES.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  for (const name of FILES) {
    it(`${name} is a valid workflow`, () => {
      const result = validateWorkflow(readFileSync(join(DIR, name), 'utf8'));
      expect(JSON.stringify(result.errors, null, 2)).toBe('[]');
    });
  }

  it('would be refused if one were not (the validator checks, it does not just parse)', () => {
    const broken = 'on: push\njobs:\n  test:\n    runs-onn: ubuntu-24.04\n    steps:\n      - run: npm test\n';
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
    const badStep = 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: a\n        uses: b@v1\n';
    expect(validateWorkflow(badStep).errors.length).toBeGreaterThan(0);
  });

  it('CI runs npm test on Linux (Debian, through .ci/run), macOS and Windows, each with a Chromium', () => {
    const ci = parse(readFileSync(join(DIR, 'ci.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      jobs: Record<string, Job>;
    };
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    const linux = ci.jobs['linux'];
    expect(linux?.container).toMatch(/^node:20-/);
    expect(linux?.steps.map((step) => step.run)).toContain('bash .ci/run');
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/apt-get install .*chromium[\s\S]*npm ci[\s\S]*npm test/);

    const desktop = ci.jobs['desktop'];
    expect(desktop?.strategy?.matrix.os?.map((os) => os.split('-')[0]).sort()).toEqual(['macos', 'windows']);
    const runs = desktop?.steps.map((step) => step.run ?? '') ?? [];
    const chromium = runs.findIndex((run) => run.includes('KEYTURN_CHROMIUM='));
    expect(chromium).toBeGreaterThan(runs.indexOf('npm ci --no-audit --no-fund'));
    expect(runs.indexOf('npm test')).toBeGreaterThan(chromium);
  });
});
