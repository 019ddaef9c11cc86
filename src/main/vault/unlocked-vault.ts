/**
 * An unlocked vault: validates input, runs each change in one IMMEDIATE transaction, keeps the
 * decrypted names and token list in memory, and notices other processes' commits (PRAGMA
 * data_version) to reload what changed before answering. lock() zeroes every key.
 */
import { KeyturnError } from '../../shared/errors';
import type {
  ConnectionView,
  EnvironmentKind,
  EnvironmentView,
  ProviderId,
  TenantView,
  TokenView,
  VersionStatus,
  VersionView,
} from '../../shared/model';
import { appendAudit, readAudit, verifyAuditChain } from './audit-log';
import { corrupt } from './crypto';
import * as conn from './connections';
import * as sessions from './connection-sessions';
import * as device from './device-wrap';
import * as journal from './journal';
import * as cascade from './cascade';
import { updateEnvironmentRow } from './environment-edit';
import type { Header, PasswordWrapPlan } from './header';
import { claimJournal, isJournalClaimed, type JournalClaim } from './journal-lock';
import { checkPasswordAsync, replaceRecoveryKey } from './key-protection';
import { derivePasswordKey, derivePasswordKeyAsync } from './kdf';
import { groupFacts, groupOfChunk, type FirstScreenRecord, type MemberPart } from './first-screen-codec';
import {
  currentParts,
  keepFirstScreen,
  prepared,
  readChunkRevs,
  readGroupNumbers,
  sameChunkRevs,
  storeGroupPart,
  storeRowsPart,
} from './first-screen';
import { holdsAllRows } from './first-screen-delta';
import { columnsOfViews } from './first-screen-build';
import { readFirstScreen } from './first-screen-read';
import { foldLastUses, readAllUses, readChunkUses, writeLastUse } from './last-used';
import { zeroKeys } from './keys';
import { openField, read, sealField, write, type Session } from './session';
import * as tenants from './tenants';
import { openChunk, openChunkColumns } from './token-chunks';
import type { ChunkColumns } from './token-codec';
import { retireStalePending } from './stale-pending';
import { TokenCache } from './token-cache';
import * as tokens from './tokens';
import type {
  AuditAction,
  AuditEntry,
  AuditVerdict,
  Credential,
  JournalEntry,
  LockOutcome,
  NewConnection,
  ImportUpdate,
  NewToken,
  RemovedCounts,
  RotationOperation,
  TokenPatch,
  UseAudit,
  Vault,
} from './types';
import * as v from './validation';
import * as versions from './versions';
import { z } from 'zod';

export interface VaultHooks {
  /** The file's header (KDF parameters and wraps), read and checked against the policy. */
  readonly header: () => Header;
  /** A new password wrap at the header's KDF cost (fresh salt); its KDF runs outside any transaction. */
  readonly planPasswordChange: () => PasswordWrapPlan;
  /** Seals the vault key under the derived wrapping key (zeroing it), stores the wrap, audits. */
  readonly commitPasswordChange: (s: Session, plan: PasswordWrapPlan, wrapKey: Uint8Array) => void;
  readonly onLock: (vault: UnlockedVault) => void;
}

interface Names {
  readonly tenants: Map<string, TenantView>;
  readonly environments: Map<string, EnvironmentView>;
}

const RECORDED: LockOutcome = { recorded: true };

function currentDataVersion(s: Session): number {
  return read(s.db, () => Number(s.db.pragma('data_version', { simple: true })));
}

export class UnlockedVault implements Vault {
  private session: Session | null;
  private readonly cache = new TokenCache();
  /** Tenant and environment names, opened on first need: `get` finds by blind index and needs none. */
  private names: Names | null = null;
  private dataVersion = -1;
  /** The first-screen record as last read, kept until the list is decrypted (first-screen.ts). */
  private screen: FirstScreenRecord | null = null;
  /** The chunks whose first-screen facts are known stored (in their group part), as far as this process knows: chunk id → revision. */
  private storedParts = new Map<number, number>();
  /** What the stored first-screen rows part describes, with all its rows, as far as this process knows. */
  private recorded: string | null = null;

  constructor(
    readonly path: string,
    session: Session,
    private readonly hooks: VaultHooks,
  ) {
    this.session = session;
    this.dataVersion = currentDataVersion(session);
  }

  get isLocked(): boolean {
    return this.session === null;
  }

  lock(): LockOutcome {
    const s = this.session;
    if (!s) return RECORDED;
    try {
      write(s.db, () => appendAudit(s, 'lock', null, ''));
      return RECORDED;
    } catch (cause) {
      const why = cause instanceof KeyturnError ? cause.message : 'Unexpected internal error';
      return { recorded: false, warning: `The vault is locked, but its audit log could not record the lock: ${why}` };
    } finally {
      zeroKeys(s.keys);
      this.session = null;
      this.cache.clear();
      this.names = null;
      this.screen = null;
      this.storedParts = new Map();
      this.recorded = null;
      this.hooks.onLock(this);
    }
  }

  changePassword(newPassword: string): void {
    const password = this.newPassword(newPassword);
    const plan = this.hooks.planPasswordChange();
    this.commitPasswordChange(plan, derivePasswordKey(password, plan.salt, plan.params));
  }

  async changePasswordAsync(newPassword: string): Promise<void> {
    const password = this.newPassword(newPassword);
    const plan = this.hooks.planPasswordChange();
    this.commitPasswordChange(plan, await derivePasswordKeyAsync(password, plan.salt, plan.params));
  }

  private newPassword(newPassword: string): string {
    this.open();
    return v.parseInput(z.string().min(1).max(1024), newPassword, 'password');
  }

  /**
   * Checked again after the KDF: a lock() (or the file's close()) during an async derivation has
   * zeroed the vault key, and sealing it would store a wrap of zeros. The password stays unchanged.
   */
  private commitPasswordChange(plan: PasswordWrapPlan, wrapKey: Uint8Array): void {
    if (!this.session) {
      wrapKey.fill(0);
      throw new KeyturnError(
        'VAULT_LOCKED',
        'The vault was locked before the new password was stored; it is unchanged',
      );
    }
    this.hooks.commitPasswordChange(this.session, plan, wrapKey);
  }

  async verifyPasswordAsync(password: string): Promise<void> {
    this.open();
    const checked = v.parseInput(z.string().min(1).max(1024), password, 'password');
    await checkPasswordAsync(this.hooks.header(), checked, () => this.open());
  }

  replaceRecoveryKey(): string {
    return replaceRecoveryKey(this.open());
  }

  // device unlock

  get hasDeviceUnlock(): boolean {
    const s = this.open();
    return read(s.db, () => device.hasDeviceWrap(s.db));
  }

  enableDeviceUnlock(): Uint8Array {
    return device.enableDeviceUnlock(this.open());
  }

  disableDeviceUnlock(): void {
    device.disableDeviceUnlock(this.open());
  }

  // tenants and environments

  addTenant(name: string): TenantView {
    const s = this.open();
    const clean = v.parseInput(v.segmentNameSchema, name, 'tenant name');
    const view = write(s.db, () => tenants.insertTenant(s, clean));
    this.names?.tenants.set(view.id, view);
    return view;
  }

  renameTenant(id: string, name: string): TenantView {
    const s = this.open();
    const tid = v.parseInput(v.idSchema, id, 'id');
    const clean = v.parseInput(v.segmentNameSchema, name, 'tenant name');
    const view = write(s.db, () => tenants.renameTenantRow(s, tid, clean));
    this.names?.tenants.set(view.id, view);
    return view;
  }

  removeTenant(id: string): void {
    const s = this.open();
    const tid = v.parseInput(v.idSchema, id, 'id');
    write(s.db, () => tenants.deleteTenant(s, tid));
    this.names?.tenants.delete(tid);
  }

  removeTenantCascade(id: string): RemovedCounts {
    const s = this.open();
    const tid = v.parseInput(v.idSchema, id, 'id');
    return this.applyCascade(
      this.writeTokens(
        s,
        () => cascade.deleteTenantCascade(s, tid),
        (r) => r.changes,
      ),
      () => this.names?.tenants.delete(tid),
    );
  }

  listTenants(): readonly TenantView[] {
    return [...this.loadedNames().tenants.values()];
  }

  /** The blind tag leads to the row; its sealed name must be the one asked for (else VAULT_CORRUPT). */
  findTenant(name: string): TenantView | null {
    const s = this.refresh();
    const asked = v.parseInput(z.string(), name, 'name');
    const id = read(s.db, () => tenants.findTenantId(s, asked));
    if (id === null) return null;
    const view = this.loadedNames(s).tenants.get(id) ?? this.reloadedNames(s).tenants.get(id);
    if (!view || !tenants.sameName(view.name, asked)) throw corrupt(`tenant ${id}`);
    return view;
  }

  addEnvironment(tenantId: string, name: string, kind: EnvironmentKind): EnvironmentView {
    const s = this.open();
    const tid = v.parseInput(v.idSchema, tenantId, 'tenantId');
    const clean = v.parseInput(v.segmentNameSchema, name, 'environment name');
    const k = v.parseInput(v.environmentKindSchema, kind, 'kind');
    const view = write(s.db, () => tenants.insertEnvironment(s, tid, clean, k));
    this.names?.environments.set(view.id, view);
    return view;
  }

  removeEnvironment(id: string): void {
    const s = this.open();
    const eid = v.parseInput(v.idSchema, id, 'id');
    write(s.db, () => tenants.deleteEnvironment(s, eid));
    this.names?.environments.delete(eid);
  }

  updateEnvironment(id: string, patch: { readonly name?: string; readonly kind?: EnvironmentKind }): EnvironmentView {
    const s = this.open();
    const eid = v.parseInput(v.idSchema, id, 'id');
    const name = patch.name === undefined ? undefined : v.parseInput(v.nameSchema, patch.name, 'name');
    const kind = patch.kind === undefined ? undefined : v.parseInput(v.environmentKindSchema, patch.kind, 'kind');
    const view = write(s.db, () => updateEnvironmentRow(s, eid, { name, kind }));
    this.names?.environments.set(view.id, view);
    return view;
  }

  removeEnvironmentCascade(id: string): RemovedCounts {
    const s = this.open();
    const eid = v.parseInput(v.idSchema, id, 'id');
    return this.applyCascade(
      this.writeTokens(
        s,
        () => cascade.deleteEnvironmentCascade(s, eid),
        (r) => r.changes,
      ),
    );
  }

  /** After commit: the re-sealed chunks and the removed environments leave the in-memory copies. */
  private applyCascade(result: cascade.CascadeResult, more?: () => void): RemovedCounts {
    for (const c of result.changes) this.cache.setChunk(c.chunkId, c.rev, c.tokens);
    for (const id of result.environmentIds) this.names?.environments.delete(id);
    more?.();
    return result.counts;
  }

  listEnvironments(tenantId?: string): readonly EnvironmentView[] {
    const all = [...this.loadedNames().environments.values()];
    return tenantId === undefined ? all : all.filter((e) => e.tenantId === tenantId);
  }

  /** As findTenant: the environment's sealed name and tenant must be the ones asked for. */
  findEnvironment(tenantId: string, name: string): EnvironmentView | null {
    const s = this.refresh();
    const tid = v.parseInput(z.string(), tenantId, 'tenantId');
    const asked = v.parseInput(z.string(), name, 'name');
    const id = read(s.db, () => tenants.findEnvironmentId(s, tid, asked));
    if (id === null) return null;
    const view = this.loadedNames(s).environments.get(id) ?? this.reloadedNames(s).environments.get(id);
    if (!view || view.tenantId !== tid || !tenants.sameName(view.name, asked)) throw corrupt(`environment ${id}`);
    return view;
  }

  // tokens

  addToken(token: NewToken): TokenView {
    const [view] = this.addTokens([token]);
    if (!view) throw new KeyturnError('INTERNAL', 'Unexpected internal error');
    return view;
  }

  addTokens(list: readonly NewToken[]): readonly TokenView[] {
    const s = this.open();
    const inputs = v.parseInput(z.array(v.newTokenSchema).min(1), list, 'tokens');
    const result = this.writeTokens(
      s,
      () => tokens.insertTokens(s, inputs),
      (r) => r.changes,
    );
    for (const c of result.changes) this.cache.setChunk(c.chunkId, c.rev, c.tokens);
    return result.views;
  }

  importTokens(adds: readonly NewToken[], updates: readonly ImportUpdate[]): void {
    const s = this.open();
    const inputs = v.parseInput(z.array(v.newTokenSchema), adds, 'tokens');
    const checked = updates.map((update) => ({
      tokenId: v.parseInput(v.idSchema, update.tokenId, 'tokenId'),
      secret: v.parseInput(v.secretSchema, update.secret, 'secret'),
      expiresAt: update.expiresAt,
    }));
    const changes = this.writeTokens(
      s,
      () => {
        const made: tokens.ChunkChange[] = inputs.length === 0 ? [] : tokens.insertTokens(s, inputs).changes;
        for (const update of checked) {
          if (!s.db.prepare('SELECT 1 FROM tokens WHERE id = ?').get(update.tokenId))
            throw new KeyturnError('NOT_FOUND', 'No token with that id');
          retireStalePending(s, update.tokenId);
          const added = versions.insertVersion(s, update.tokenId, update.secret, 'pending', null, update.expiresAt);
          const { change } = this.promoteTx(s, update.tokenId, added.id);
          if (change) made.push(change);
        }
        return made;
      },
      (made) => made,
    );
    for (const c of changes) this.cache.setChunk(c.chunkId, c.rev, c.tokens);
  }

  updateToken(id: string, patch: TokenPatch): TokenView {
    const s = this.open();
    const tid = v.parseInput(v.idSchema, id, 'id');
    const p = v.parseInput(v.tokenPatchSchema, patch, 'patch');
    const { view, change } = this.writeTokens(
      s,
      () => tokens.patchToken(s, tid, p),
      (r) => [r.change],
    );
    this.cache.setChunk(change.chunkId, change.rev, change.tokens);
    return view;
  }

  removeToken(id: string): void {
    const s = this.open();
    const tid = v.parseInput(v.idSchema, id, 'id');
    const change = this.writeTokens(
      s,
      () => tokens.deleteToken(s, tid),
      (c) => [c],
    );
    this.cache.setChunk(change.chunkId, change.rev, change.tokens);
  }

  getToken(id: string): TokenView {
    const s = this.refresh();
    const tid = v.parseInput(v.idSchema, id, 'id');
    const row = read(s.db, () =>
      s.db.prepare('SELECT chunk_id, environment_id, last_used_at FROM tokens WHERE id = ?').get(tid),
    ) as { chunk_id: number; environment_id: string; last_used_at: number | null } | undefined;
    if (!row) throw new KeyturnError('NOT_FOUND', 'No token with that id');
    const cached = this.cache.find(row.chunk_id, tid);
    if (cached) {
      if (cached.environmentId !== row.environment_id) throw corrupt(`token ${tid}`);
      // Another process may have recorded a use since the chunk was loaded (a use leaves its rev).
      if (row.last_used_at === null || (cached.lastUsedAt ?? -1) >= row.last_used_at) return cached;
      this.cache.applyUses(row.chunk_id, new Map([[tid, row.last_used_at]]));
      return this.cache.find(row.chunk_id, tid) as TokenView;
    }
    const loaded = read(s.db, () => tokens.readTokenChunk(s, tid, this.cache.pool));
    this.cache.setChunk(loaded.chunkId, loaded.rev, loaded.tokens);
    return loaded.tokens[loaded.index] as TokenView;
  }

  /**
   * Blind tags lead to the rows; the sealed tenant and environment names and the token's sealed
   * metadata (its chunk) prove they are the ones asked for, so a tag swapped in the file is
   * VAULT_CORRUPT, never another token. Two small names and one chunk are opened: constant in
   * vault size.
   */
  findToken(tenantName: string, environmentName: string, label: string): TokenView | null {
    const s = this.refresh();
    const [tn, en, lb] = [tenantName, environmentName, label].map((x) => v.parseInput(z.string(), x, 'name')) as [
      string,
      string,
      string,
    ];
    const tenantId = read(s.db, () => tenants.findTenantId(s, tn));
    const envId = tenantId === null ? null : read(s.db, () => tenants.findEnvironmentId(s, tenantId, en));
    if (tenantId === null || envId === null) return null;
    const row = read(s.db, () =>
      s.db.prepare('SELECT id FROM tokens WHERE blind = ?').get(tokens.tokenBlind(s, envId, lb)),
    ) as { id: string } | undefined;
    if (!row) return null;
    const path = { tenantId, tenantName: tn, environmentId: envId, environmentName: en };
    read(s.db, () => tenants.proveEnvironmentPath(s, path));
    const view = this.getToken(row.id);
    const isAsked = view.environmentId === envId && view.tenantId === tenantId && tenants.sameName(view.label, lb);
    if (!isAsked) throw corrupt(`token ${row.id}`);
    return view;
  }

  listTokens(): readonly TokenView[] {
    this.loadAllChunks();
    return this.cache.list();
  }

  searchTokens(query: string): readonly TokenView[] {
    const { needle, envMatches } = this.searchTerms(query);
    return this.cache.search(needle, envMatches);
  }

  matchTokens(query: string): Uint8Array | null {
    const { needle, envMatches } = this.searchTerms(query);
    return this.cache.match(needle, envMatches);
  }

  /** The list loaded, the query normalised, and the environments whose names (or tenant's) hold it. */
  private searchTerms(query: string): { needle: string; envMatches: Set<string> } {
    const q = v.parseInput(z.string().max(1000), query, 'query');
    this.loadAllChunks();
    const needle = q.normalize('NFC').trim().toLowerCase();
    const envMatches = new Set<string>();
    const names = this.loadedNames();
    for (const env of names.environments.values()) {
      const tenant = names.tenants.get(env.tenantId)?.name ?? '';
      if (env.name.toLowerCase().includes(needle) || tenant.toLowerCase().includes(needle)) envMatches.add(env.id);
    }
    return { needle, envMatches };
  }

  prepareSearch(chunkLimit: number): boolean {
    return this.cache.prepareSearch(chunkLimit);
  }

  isTokenListLoaded(): boolean {
    this.refresh();
    return this.cache.isComplete;
  }

  loadTokens(chunkLimit: number): boolean {
    const s = this.refresh();
    if (this.cache.isComplete) return true;
    const missing = read(s.db, () => readChunkRevs(s)).filter((r) => this.cache.revOf(r.id) !== r.rev);
    if (missing.length <= chunkLimit) {
      this.loadAllChunks();
      return true;
    }
    const fetch = s.db.prepare('SELECT rev, sealed FROM token_chunks WHERE id = ?');
    const fetched = read(s.db, () =>
      s.db.transaction(() =>
        missing.slice(0, chunkLimit).map(({ id }) => ({
          id,
          row: fetch.get(id) as { rev: number; sealed: Uint8Array } | undefined,
          uses: readChunkUses(s, id),
        })),
      )(),
    );
    for (const { id, row, uses } of fetched) {
      if (!row) continue;
      const chunk = openChunk(s, id, row.sealed, this.cache.pool);
      foldLastUses(chunk, uses);
      this.cache.setChunk(id, row.rev, chunk);
    }
    return false;
  }

  /**
   * One write transaction that rewrites chunks (`changesOf` says which): the first-screen parts of
   * those chunks are made again and the rows part moves along with it when it was current
   * (keepFirstScreen), so a write in any process leaves them current. With all its rows this
   * process need not renew the rows part.
   */
  private writeTokens<T>(s: Session, fn: () => T, changesOf: (result: T) => readonly tokens.ChunkChange[]): T {
    const { result, kept } = write(s.db, () => {
      const before = readChunkRevs(s);
      const done = fn();
      return { result: done, kept: keepFirstScreen(s, before, changesOf(done)) };
    });
    for (const [id, rev] of kept.parts) this.storedParts.set(id, rev);
    if (kept.rows !== null && holdsAllRows(kept.rows)) this.recorded = screenMark(kept.rows.tag, kept.rows.chunks);
    return result;
  }

  firstScreen(tag: string): FirstScreenRecord | null {
    const s = this.refresh();
    const { record, storedParts, rowsStored } = read(s.db, () =>
      s.db.transaction(() => readFirstScreen(s, tag, this.screen, (id, rev) => this.chunkColumns(s, id, rev)))(),
    );
    this.screen = this.cache.isComplete ? null : record;
    for (const [id, rev] of storedParts) this.storedParts.set(id, rev);
    if (rowsStored) this.recorded = screenMark(record.tag, record.chunks);
    return record;
  }

  /**
   * Inside a read transaction: the chunk's tokens at `rev` as columns, from memory or decrypted.
   * Nothing decrypted here is kept: the list is loaded afterwards (loadTokens), views and all.
   */
  private chunkColumns(s: Session, id: number, rev: number): ChunkColumns {
    const cached = this.cache.revOf(id) === rev ? this.cache.tokensOf(id) : undefined;
    if (cached !== undefined) return columnsOfViews(cached);
    const row = prepared(s.db, 'SELECT sealed FROM token_chunks WHERE id = ?').get(id) as
      { sealed: Uint8Array } | undefined;
    return row === undefined ? columnsOfViews([]) : openChunkColumns(s, id, row.sealed);
  }

  writeFirstScreen(tag: string, pickRows: (list: readonly TokenView[]) => readonly TokenView[]): boolean {
    const s = this.refresh();
    this.loadAllChunks();
    const chunks = this.cache.chunkRevs();
    const mark = screenMark(tag, chunks);
    const unknown = chunks.filter((c) => this.storedParts.get(c.id) !== c.rev);
    // Facts stored by another process (or before this unlock) are opened, not made again: opening
    // is cheaper than sealing, and most are current. A group part gone from the file since is due again.
    const found = unknown.length === 0 ? [] : read(s.db, () => s.db.transaction(() => currentParts(s, unknown))());
    for (const c of found) this.storedParts.set(c.id, c.rev);
    const present = read(s.db, () => readGroupNumbers(s));
    const groupsDue = new Set(
      chunks
        .filter((c) => this.storedParts.get(c.id) !== c.rev || !present.has(groupOfChunk(c.id)))
        .map((c) => groupOfChunk(c.id)),
    );
    const rowsDue = this.recorded !== mark;
    if (groupsDue.size === 0 && !rowsDue) return false;
    const list = this.cache.list();
    const rows = rowsDue ? pickRows(list) : [];
    const written = write(s.db, () => {
      const onDisk = readChunkRevs(s);
      const revOf = new Map(onDisk.map((c) => [c.id, c.rev]));
      // Whole groups from memory: every member at the revision on disk (one written since is left out).
      const parts = chunks.filter((c) => groupsDue.has(groupOfChunk(c.id)) && revOf.get(c.id) === c.rev);
      const members = new Map<number, MemberPart[]>();
      for (const c of parts) {
        const group = groupOfChunk(c.id);
        const into = members.get(group) ?? [];
        into.push({ id: c.id, rev: c.rev, groups: groupFacts(this.cache.tokensOf(c.id) ?? []) });
        members.set(group, into);
      }
      for (const [group, of] of members) storeGroupPart(s, group, of);
      if (!rowsDue || !sameChunkRevs(onDisk, chunks)) return { parts, rows: false };
      const chunkOf = s.db.prepare('SELECT chunk_id FROM tokens WHERE id = ?');
      const rowChunks = rows.map((row) => (chunkOf.get(row.id) as { chunk_id: number }).chunk_id);
      const complete = rows.length === list.length;
      return { parts, rows: storeRowsPart(s, { tag, complete, chunks, rowChunks, rows }) };
    });
    for (const c of written.parts) this.storedParts.set(c.id, c.rev);
    if (written.rows) this.recorded = mark;
    return written.parts.length > 0 || written.rows;
  }

  recordUse(tokenId: string, at: number, audit: UseAudit): void {
    const s = this.open();
    const tid = v.parseInput(v.idSchema, tokenId, 'tokenId');
    const when = v.parseInput(v.useTimeSchema, at, 'at');
    const { action, detail } = v.parseInput(v.useAuditSchema, audit, 'audit');
    const use = write(s.db, () => {
      const written = writeLastUse(s, tid, when);
      appendAudit(s, action, tid, detail);
      return written;
    });
    this.cache.applyUses(use.chunkId, new Map([[tid, use.lastUsedAt]]));
  }

  // versions and secrets

  openSecret(tokenId: string, versionId?: string): string {
    const s = this.open();
    const tid = v.parseInput(v.idSchema, tokenId, 'tokenId');
    const vid = versionId === undefined ? undefined : v.parseInput(v.idSchema, versionId, 'versionId');
    return read(s.db, () => versions.readSecret(s, tid, vid));
  }

  listVersions(tokenId: string): readonly VersionView[] {
    const s = this.open();
    const tid = v.parseInput(v.idSchema, tokenId, 'tokenId');
    return read(s.db, () => versions.readVersions(s, tid));
  }

  addVersion(
    tokenId: string,
    secret: string,
    options?: { status?: VersionStatus; providerKeyId?: string | null; expiresAt?: number | null },
  ): VersionView {
    const s = this.open();
    const tid = v.parseInput(v.idSchema, tokenId, 'tokenId');
    const sec = v.parseInput(v.secretSchema, secret, 'secret');
    const o = v.parseInput(v.versionOptionsSchema, options, 'options') ?? {};
    const status = o.status ?? 'pending';
    const result = this.writeTokens(
      s,
      () => {
        if (!s.db.prepare('SELECT 1 FROM tokens WHERE id = ?').get(tid))
          throw new KeyturnError('NOT_FOUND', 'No token with that id');
        if (status === 'current') {
          retireStalePending(s, tid);
          const added = versions.insertVersion(s, tid, sec, 'pending', o.providerKeyId ?? null, o.expiresAt ?? null);
          return this.promoteTx(s, tid, added.id);
        }
        if (status === 'pending' && versions.hasStatus(s, tid, 'pending')) {
          throw new KeyturnError('INVALID_INPUT', 'The token already has a pending version');
        }
        return {
          version: versions.insertVersion(s, tid, sec, status, o.providerKeyId ?? null, o.expiresAt ?? null),
          change: null,
        };
      },
      changeOf,
    );
    if (result.change) this.cache.setChunk(result.change.chunkId, result.change.rev, result.change.tokens);
    return result.version;
  }

  promoteVersion(tokenId: string, versionId: string): VersionView {
    const s = this.open();
    const tid = v.parseInput(v.idSchema, tokenId, 'tokenId');
    const vid = v.parseInput(v.idSchema, versionId, 'versionId');
    const result = this.writeTokens(s, () => this.promoteTx(s, tid, vid), changeOf);
    if (result.change) this.cache.setChunk(result.change.chunkId, result.change.rev, result.change.tokens);
    return result.version;
  }

  setVersionStatus(versionId: string, status: VersionStatus): VersionView {
    const s = this.open();
    const vid = v.parseInput(v.idSchema, versionId, 'versionId');
    const st = v.parseInput(v.versionStatusSchema, status, 'status');
    const result = this.writeTokens(
      s,
      () => {
        const existing = versions.versionOf(s, vid);
        if (st === 'current') return this.promoteTx(s, existing.tokenId, vid);
        if (existing.status === st) return { version: existing, change: null };
        if (st === 'pending' && versions.hasStatus(s, existing.tokenId, 'pending')) {
          throw new KeyturnError('INVALID_INPUT', 'The token already has a pending version');
        }
        return { version: versions.rewriteVersion(s, vid, { status: st }), change: null };
      },
      changeOf,
    );
    if (result.change) this.cache.setChunk(result.change.chunkId, result.change.rev, result.change.tokens);
    return result.version;
  }

  replaceSecret(versionId: string, secret: string, expiresAt: number | null): VersionView {
    const s = this.open();
    const vid = v.parseInput(v.idSchema, versionId, 'versionId');
    const sec = v.parseInput(v.secretSchema, secret, 'secret');
    const exp = v.parseInput(v.timeSchema, expiresAt, 'expiresAt');
    const result = this.writeTokens(
      s,
      () => {
        const version = versions.rewriteVersion(s, vid, { secret: sec, expiresAt: exp });
        const change =
          version.status === 'current' ? tokens.patchToken(s, version.tokenId, { expiresAt: exp }).change : null;
        return { version, change };
      },
      changeOf,
    );
    if (result.change) this.cache.setChunk(result.change.chunkId, result.change.rev, result.change.tokens);
    return result.version;
  }

  private promoteTx(
    s: Session,
    tokenId: string,
    versionId: string,
  ): { version: VersionView; change: tokens.ChunkChange | null } {
    const target = versions.versionOf(s, versionId);
    if (target.tokenId !== tokenId) throw new KeyturnError('NOT_FOUND', 'No version with that id for this token');
    if (target.status === 'current') return { version: target, change: null };
    if (target.status === 'revoked') throw new KeyturnError('INVALID_INPUT', 'A revoked version cannot become current');
    const oldId = versions.currentVersionId(s, tokenId);
    if (oldId !== null) versions.rewriteVersion(s, oldId, { status: 'previous' });
    const version = versions.rewriteVersion(s, versionId, { status: 'current' });
    const patch: TokenPatch = { providerKeyId: version.providerKeyId, expiresAt: version.expiresAt };
    return { version, change: tokens.patchToken(s, tokenId, patch).change };
  }

  // connections

  addConnection(connection: NewConnection): ConnectionView {
    const s = this.open();
    const c = v.parseInput(v.newConnectionSchema, connection, 'connection');
    return write(s.db, () => conn.insertConnection(s, c));
  }

  updateConnection(
    id: string,
    patch: { baseUrl?: string; settings?: Readonly<Record<string, string>>; credential?: Credential },
  ): ConnectionView {
    const s = this.open();
    const cid = v.parseInput(v.idSchema, id, 'id');
    const p = v.parseInput(v.connectionPatchSchema, patch, 'patch');
    return write(s.db, () => conn.patchConnection(s, cid, p));
  }

  removeConnection(id: string): void {
    const s = this.open();
    const cid = v.parseInput(v.idSchema, id, 'id');
    write(s.db, () => conn.deleteConnection(s, cid));
  }

  listConnections(): readonly ConnectionView[] {
    const s = this.open();
    return read(s.db, () => conn.readConnections(s));
  }

  getConnection(id: string): ConnectionView {
    const s = this.open();
    const cid = v.parseInput(v.idSchema, id, 'id');
    return read(s.db, () => conn.readConnection(s, cid));
  }

  findConnection(environmentId: string, provider: ProviderId): ConnectionView | null {
    const s = this.open();
    const eid = v.parseInput(v.idSchema, environmentId, 'environmentId');
    const p = v.parseInput(v.newConnectionSchema.unwrap().shape.provider, provider, 'provider');
    return read(s.db, () => conn.lookupConnection(s, eid, p));
  }

  openCredential(connectionId: string): Credential {
    const s = this.open();
    const cid = v.parseInput(v.idSchema, connectionId, 'connectionId');
    return read(s.db, () => conn.readCredential(s, cid));
  }

  readConnectionSession(connectionId: string): string | null {
    const s = this.open();
    const cid = v.parseInput(v.idSchema, connectionId, 'connectionId');
    return read(s.db, () => sessions.readSession(s, cid));
  }

  writeConnectionSession(connectionId: string, value: string | null): void {
    const s = this.open();
    const cid = v.parseInput(v.idSchema, connectionId, 'connectionId');
    const sealed = value === null ? null : v.parseInput(v.connectionSessionSchema, value, 'session');
    write(s.db, () => sessions.writeSession(s, cid, sealed));
  }

  // settings

  getSetting(key: string): string | null {
    const s = this.open();
    const k = v.parseInput(v.settingKeySchema, key, 'key');
    const row = read(s.db, () => s.db.prepare('SELECT value FROM settings WHERE key = ?').get(k)) as
      { value: Uint8Array } | undefined;
    return row ? read(s.db, () => openSettingValue(s, k, row.value)) : null;
  }

  setSetting(key: string, value: string): void {
    const s = this.open();
    const k = v.parseInput(v.settingKeySchema, key, 'key');
    const val = v.parseInput(v.settingValueSchema, value, 'value');
    write(s.db, () =>
      s.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(k, sealSettingValue(s, k, val)),
    );
  }

  // journal

  addJournal(entry: {
    id?: string;
    tokenId: string | null;
    operation: RotationOperation;
    state: string;
    data: Record<string, unknown>;
  }): JournalEntry {
    const s = this.open();
    const e = v.parseInput(v.journalInputSchema, entry, 'entry');
    return write(s.db, () => journal.insertJournal(s, e));
  }

  updateJournal(id: string, state: string, data: Record<string, unknown>): JournalEntry {
    const s = this.open();
    const jid = v.parseInput(v.idSchema, id, 'id');
    const st = v.parseInput(v.journalInputSchema.unwrap().shape.state, state, 'state');
    const d = v.parseInput(v.journalInputSchema.unwrap().shape.data, data, 'data');
    return write(s.db, () => journal.patchJournal(s, jid, st, d));
  }

  getJournal(id: string): JournalEntry {
    const s = this.open();
    return read(s.db, () => journal.readJournal(s, v.parseInput(v.idSchema, id, 'id')));
  }

  listJournal(filter?: { unfinishedOnly?: boolean; tokenId?: string }): readonly JournalEntry[] {
    const s = this.open();
    const tokenId = filter?.tokenId === undefined ? undefined : v.parseInput(v.idSchema, filter.tokenId, 'tokenId');
    return read(s.db, () => journal.readJournals(s, { unfinishedOnly: filter?.unfinishedOnly, tokenId }));
  }

  hasOpenJournal(tokenId: string): boolean {
    const s = this.open();
    const id = v.parseInput(v.idSchema, tokenId, 'tokenId');
    return read(s.db, () => journal.hasOpenJournal(s.db, id));
  }

  claimJournal(journalId: string): JournalClaim | null {
    this.open();
    return claimJournal(this.path, v.parseInput(v.idSchema, journalId, 'journalId'));
  }

  isJournalClaimed(journalId: string): boolean {
    this.open();
    return isJournalClaimed(this.path, v.parseInput(v.idSchema, journalId, 'journalId'));
  }

  // audit

  audit(action: AuditAction, subjectId: string | null, detail = ''): void {
    const s = this.open();
    const a = v.parseInput(v.auditActionSchema, action, 'action');
    const subject = v.parseInput(v.idSchema.nullable(), subjectId, 'subjectId');
    const d = v.parseInput(v.auditDetailSchema, detail, 'detail');
    write(s.db, () => appendAudit(s, a, subject, d));
  }

  listAudit(options?: { limit?: number }): readonly AuditEntry[] {
    const s = this.open();
    const limit = v.parseInput(z.number().int().positive().optional(), options?.limit, 'limit');
    return read(s.db, () => readAudit(s, limit));
  }

  verifyAudit(): AuditVerdict {
    const s = this.open();
    return read(s.db, () => verifyAuditChain(s));
  }

  // internals

  private open(): Session {
    if (!this.session) throw new KeyturnError('VAULT_LOCKED', 'The vault is locked');
    return this.session;
  }

  /** Reloads names and changed chunks if another connection committed since we last looked. */
  private refresh(): Session {
    const s = this.open();
    const version = currentDataVersion(s);
    if (version === this.dataVersion) return s;
    this.names = null;
    const revs = read(s.db, () => s.db.prepare('SELECT id, rev FROM token_chunks').all()) as {
      id: number;
      rev: number;
    }[];
    const onDisk = new Map(revs.map((r) => [r.id, r.rev]));
    for (const id of this.cache.chunkIds()) {
      const rev = onDisk.get(id);
      if (rev === undefined || rev !== this.cache.revOf(id)) this.cache.dropChunk(id);
    }
    this.cache.isComplete = false;
    this.recorded = null;
    this.dataVersion = version;
    return s;
  }

  /** The names as of now (after reloading what another connection changed). */
  private loadedNames(s = this.refresh()): Names {
    this.names ??= {
      tenants: read(s.db, () => tenants.loadTenants(s)),
      environments: read(s.db, () => tenants.loadEnvironments(s)),
    };
    return this.names;
  }

  /** The names read again: a row another process committed after they were loaded is in them. */
  private reloadedNames(s: Session): Names {
    this.names = null;
    return this.loadedNames(s);
  }

  private loadAllChunks(): void {
    const s = this.refresh();
    if (this.cache.isComplete) return;
    const rows = read(s.db, () => s.db.prepare('SELECT id, rev FROM token_chunks ORDER BY id').all()) as {
      id: number;
      rev: number;
    }[];
    const missing = rows.filter((r) => this.cache.revOf(r.id) !== r.rev);
    const fetch = s.db.prepare('SELECT rev, sealed FROM token_chunks WHERE id = ?');
    // One read transaction: every chunk and every recorded use come from the same snapshot.
    const { fetched, uses } = read(s.db, () =>
      s.db.transaction(() => ({
        fetched: missing.map(({ id }) => ({
          id,
          row: fetch.get(id) as { rev: number; sealed: Uint8Array } | undefined,
        })),
        uses: readAllUses(s),
      }))(),
    );
    for (const { id, row } of fetched) {
      if (!row) continue;
      const chunk = openChunk(s, id, row.sealed, this.cache.pool);
      foldLastUses(chunk, uses.get(id));
      this.cache.setChunk(id, row.rev, chunk);
    }
    // Chunks kept from before may miss uses recorded since by another process.
    const loaded = new Set(fetched.map((f) => f.id));
    for (const [chunkId, chunkUses] of uses) if (!loaded.has(chunkId)) this.cache.applyUses(chunkId, chunkUses);
    this.cache.isComplete = true;
    this.screen = null;
  }
}

const changeOf = (result: { change: tokens.ChunkChange | null }): tokens.ChunkChange[] =>
  result.change === null ? [] : [result.change];

/** Which list a first-screen record describes: its tag and chunk revisions. */
function screenMark(tag: string, chunks: readonly { id: number; rev: number }[]): string {
  return `${tag}\u0000${chunks.map((c) => `${c.id}:${c.rev}`).join(',')}`;
}

const settingAad = (key: string): string => `settings/${key}/value`;

function sealSettingValue(s: Session, key: string, value: string): Uint8Array {
  return sealField(s, value, settingAad(key));
}

function openSettingValue(s: Session, key: string, sealed: Uint8Array): string {
  return openField(s, sealed, settingAad(key), `setting ${key}`);
}
