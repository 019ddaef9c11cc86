import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  DEFAULT_LEAD_TIMES,
  MINUTE_MS,
  expiresWithin,
  expiringFrom,
  expiryState,
  msUntilExpiry,
  type ExpiryFacts,
} from '../../../src/main/lifecycle/expiry';

const NOW = Date.UTC(2030, 0, 1);
const token = (facts: Partial<ExpiryFacts>): ExpiryFacts => ({
  kind: 'api-key',
  expiresAt: null,
  revoked: false,
  ...facts,
});

describe('expiryState', () => {
  it('is unknown when no expiry is known', () => {
    expect(expiryState(token({ expiresAt: null }), NOW)).toBe('unknown');
  });

  it('is fresh one millisecond before the lead time begins', () => {
    expect(expiryState(token({ expiresAt: NOW + 14 * DAY_MS + 1 }), NOW)).toBe('fresh');
  });

  it('is expiring exactly at the lead time', () => {
    expect(expiryState(token({ expiresAt: NOW + 14 * DAY_MS }), NOW)).toBe('expiring');
  });

  it('is expiring one millisecond before expiry', () => {
    expect(expiryState(token({ expiresAt: NOW + 1 }), NOW)).toBe('expiring');
  });

  it('is expired exactly at the expiry instant', () => {
    expect(expiryState(token({ expiresAt: NOW }), NOW)).toBe('expired');
  });

  it('is expired after the expiry instant', () => {
    expect(expiryState(token({ expiresAt: NOW - DAY_MS }), NOW)).toBe('expired');
  });

  it('says revoked even when also expired or unknown', () => {
    expect(expiryState(token({ revoked: true, expiresAt: NOW - 1 }), NOW)).toBe('revoked');
    expect(expiryState(token({ revoked: true, expiresAt: null }), NOW)).toBe('revoked');
    expect(expiryState(token({ revoked: true, expiresAt: NOW + 100 * DAY_MS }), NOW)).toBe('revoked');
  });

  it('uses days for long-lived keys and minutes for sessions', () => {
    const inTenMinutes = NOW + 10 * MINUTE_MS;
    expect(expiryState(token({ kind: 'api-key', expiresAt: inTenMinutes }), NOW)).toBe('expiring');
    expect(expiryState(token({ kind: 'session', expiresAt: inTenMinutes }), NOW)).toBe('fresh');
    expect(expiryState(token({ kind: 'session', expiresAt: NOW + 5 * MINUTE_MS }), NOW)).toBe('expiring');
    expect(expiryState(token({ kind: 'satellite-token', expiresAt: NOW + 7 * DAY_MS + 1 }), NOW)).toBe('fresh');
    expect(expiryState(token({ kind: 'satellite-token', expiresAt: NOW + 7 * DAY_MS }), NOW)).toBe('expiring');
    expect(expiryState(token({ kind: 'personal-access-token', expiresAt: NOW + 14 * DAY_MS }), NOW)).toBe('expiring');
  });

  it('honours custom lead times', () => {
    const leadTimes = { ...DEFAULT_LEAD_TIMES, 'api-key': DAY_MS };
    expect(expiryState(token({ expiresAt: NOW + 2 * DAY_MS }), NOW, leadTimes)).toBe('fresh');
  });
});

describe('expiry helpers', () => {
  it('expiresWithin includes the window edge and already expired tokens, not revoked or unknown ones', () => {
    expect(expiresWithin(token({ expiresAt: NOW + DAY_MS }), NOW, DAY_MS)).toBe(true);
    expect(expiresWithin(token({ expiresAt: NOW + DAY_MS + 1 }), NOW, DAY_MS)).toBe(false);
    expect(expiresWithin(token({ expiresAt: NOW - 1 }), NOW, DAY_MS)).toBe(true);
    expect(expiresWithin(token({ expiresAt: NOW, revoked: true }), NOW, DAY_MS)).toBe(false);
    expect(expiresWithin(token({ expiresAt: null }), NOW, DAY_MS)).toBe(false);
  });

  it('expiringFrom is the start of the lead time, null when it never comes', () => {
    expect(expiringFrom(token({ kind: 'session', expiresAt: NOW }))).toBe(NOW - 5 * MINUTE_MS);
    expect(expiringFrom(token({ expiresAt: null }))).toBeNull();
    expect(expiringFrom(token({ expiresAt: NOW, revoked: true }))).toBeNull();
  });

  it('msUntilExpiry is negative once expired', () => {
    expect(msUntilExpiry(token({ expiresAt: NOW - 5 }), NOW)).toBe(-5);
    expect(msUntilExpiry(token({ expiresAt: null }), NOW)).toBeNull();
  });
});
