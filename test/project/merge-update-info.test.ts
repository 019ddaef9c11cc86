import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mergeUpdateInfo, type UpdateInfo } from '../../scripts/merge-update-info.mjs';
import { tempDir } from '../support/temp-dir';

const x64: UpdateInfo = {
  version: '1.2.0',
  files: [{ url: 'Keyturn-1.2.0-x64-mac.zip', sha512: 'aaa', size: 10 }],
  path: 'Keyturn-1.2.0-x64-mac.zip',
  sha512: 'aaa',
  releaseDate: '2026-11-30T10:00:00.000Z',
};
const arm64: UpdateInfo = {
  version: '1.2.0',
  files: [{ url: 'Keyturn-1.2.0-arm64-mac.zip', sha512: 'bbb', size: 11 }],
  path: 'Keyturn-1.2.0-arm64-mac.zip',
  sha512: 'bbb',
  releaseDate: '2026-11-30T10:05:00.000Z',
};

describe('mergeUpdateInfo', () => {
  it("lists both architectures' zips in one latest-mac.yml, with the later build date", () => {
    const merged = mergeUpdateInfo([x64, arm64]);
    expect(merged.files?.map((file) => file.url)).toEqual(['Keyturn-1.2.0-x64-mac.zip', 'Keyturn-1.2.0-arm64-mac.zip']);
    expect(merged.version).toBe('1.2.0');
    expect(merged.releaseDate).toBe(arm64.releaseDate);
  });

  it('refuses builds of different versions, or one file name with two contents', () => {
    expect(() => mergeUpdateInfo([x64, { ...arm64, version: '1.2.1' }])).toThrow(/versions differ/);
    expect(() => mergeUpdateInfo([x64, { ...x64, files: [{ url: x64.path ?? '', sha512: 'zzz' }] }])).toThrow(
      /differs/,
    );
    expect(() => mergeUpdateInfo([])).toThrow(/nothing/);
  });

  it('reads the files and writes YAML on stdout, as the publish job runs it', () => {
    const dir = tempDir('update-info');
    writeFileSync(join(dir, 'a.yml'), stringify(x64));
    writeFileSync(join(dir, 'b.yml'), stringify(arm64));
    const run = spawnSync(process.execPath, ['scripts/merge-update-info.mjs', join(dir, 'a.yml'), join(dir, 'b.yml')], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect((parse(run.stdout) as UpdateInfo).files).toHaveLength(2);
  });
});
