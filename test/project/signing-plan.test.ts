import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { signingPlan } from '../../scripts/signing-plan.mjs';

const MAC_CERT = { CSC_LINK: 'base64-p12', CSC_KEY_PASSWORD: 'pw' };
const API_KEY = { APPLE_API_KEY: '/tmp/key.p8', APPLE_API_KEY_ID: 'KEYID', APPLE_API_ISSUER: 'issuer' };

describe('signingPlan', () => {
  it('skips macOS signing and notarization with a clear line when no secret is set', () => {
    const plan = signingPlan('mac', { CSC_LINK: '', APPLE_ID: '  ' });
    expect(plan.ok).toBe(true);
    expect(plan.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    expect(plan.log).toContain('macOS code signing: SKIPPED — secrets CSC_LINK, CSC_KEY_PASSWORD are not set.');
    expect(plan.log.join('\n')).toMatch(/notarization with an Apple ID: SKIPPED/);
    expect(plan.log.join('\n')).toMatch(/UNSIGNED/);
  });

  it('signs and notarizes when a certificate and one notarization group are complete', () => {
    const plan = signingPlan('mac', { ...MAC_CERT, ...API_KEY });
    expect(plan).toMatchObject({ ok: true, env: {} });
    expect(plan.log).toContain('macOS code signing: on (CSC_LINK, CSC_KEY_PASSWORD set).');
    expect(plan.log.join('\n')).toMatch(/App Store Connect API key: on/);
  });

  it('fails a half-set group instead of shipping unsigned quietly, naming what is missing', () => {
    const plan = signingPlan('mac', { ...MAC_CERT, APPLE_ID: 'dev@keyturn.app' });
    expect(plan.ok).toBe(false);
    expect(plan.log.join('\n')).toContain('APPLE_ID set but APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID missing');
  });

  it('fails notarization without a signing certificate', () => {
    expect(signingPlan('mac', API_KEY).ok).toBe(false);
  });

  it('signs Windows with its own certificate, and says when it does not', () => {
    expect(signingPlan('win', { WIN_CSC_LINK: 'pfx', WIN_CSC_KEY_PASSWORD: 'pw' })).toMatchObject({
      ok: true,
      env: {},
    });
    const unsigned = signingPlan('win', {});
    expect(unsigned.ok).toBe(true);
    expect(unsigned.log.join('\n')).toMatch(/Windows code signing: SKIPPED.*\n.*UNSIGNED/);
  });

  it('prints only NAME=value lines on stdout, the log on stderr (as the workflow appends to GITHUB_ENV)', () => {
    const run = spawnSync(process.execPath, ['scripts/signing-plan.mjs', 'mac'], {
      env: { PATH: process.env['PATH'] },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('CSC_IDENTITY_AUTO_DISCOVERY=false\n');
    expect(run.stderr).toMatch(/macOS code signing: SKIPPED/);
    expect(spawnSync(process.execPath, ['scripts/signing-plan.mjs', 'beos']).status).toBe(1);
  });
});
