import { describe, expect, it } from 'vitest';
import {
  CLI_LINK_PATH,
  adminLinkScript,
  appleScriptString,
  installCliCommand,
  planCliLink,
  type LinkDeps,
  type LinkSite,
} from '../../../src/main/electron/cli-link';

const LAUNCHER = '/Applications/Keyturn.app/Contents/Resources/bin/keyturn';

/** /usr/local/bin as a map, with or without the right to write there; records admin scripts. */
class FakeBin implements LinkDeps {
  readonly launcher = LAUNCHER;
  readonly adminScripts: string[] = [];
  constructor(
    public current: LinkSite,
    private readonly writable: boolean,
    private readonly adminAllowed = true,
  ) {}
  site(): LinkSite {
    return this.current;
  }
  link(target: string): void {
    if (!this.writable) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    this.current = { kind: 'link', target };
  }
  async runAsAdmin(script: string): Promise<void> {
    this.adminScripts.push(script);
    if (!this.adminAllowed) throw new Error('User canceled.');
    this.current = { kind: 'link', target: LAUNCHER };
  }
}

describe('planCliLink', () => {
  it('links into an empty place, or over a link to another Keyturn.app', () => {
    expect(planCliLink(LAUNCHER, { kind: 'absent' })).toBe('link');
    expect(planCliLink(LAUNCHER, { kind: 'link', target: LAUNCHER })).toBe('already-linked');
    const moved = '/Users/u/Downloads/Keyturn 2.app/Contents/Resources/bin/keyturn';
    expect(planCliLink(LAUNCHER, { kind: 'link', target: moved })).toBe('link');
  });

  it("never replaces someone else's keyturn", () => {
    expect(planCliLink(LAUNCHER, { kind: 'file' })).toBe('occupied');
    expect(planCliLink(LAUNCHER, { kind: 'link', target: '/opt/homebrew/bin/keyturn' })).toBe('occupied');
  });
});

describe('installCliCommand', () => {
  it('links directly when /usr/local/bin is writable', async () => {
    const bin = new FakeBin({ kind: 'absent' }, true);
    expect(await installCliCommand(bin)).toMatch(/^Installed/);
    expect(bin.current).toEqual({ kind: 'link', target: LAUNCHER });
    expect(bin.adminScripts).toEqual([]);
  });

  it('asks for an administrator when it is not, and says so when refused', async () => {
    const bin = new FakeBin({ kind: 'absent' }, false);
    expect(await installCliCommand(bin)).toMatch(/^Installed/);
    expect(bin.adminScripts).toHaveLength(1);
    const refused = new FakeBin({ kind: 'absent' }, false, false);
    expect(await installCliCommand(refused)).toMatch(/not installed/);
    expect(refused.current).toEqual({ kind: 'absent' });
  });

  it('leaves an occupied place and an existing link alone', async () => {
    const other = new FakeBin({ kind: 'file' }, true);
    expect(await installCliCommand(other)).toContain(CLI_LINK_PATH);
    expect(other.current).toEqual({ kind: 'file' });
    expect(await installCliCommand(new FakeBin({ kind: 'link', target: LAUNCHER }, true))).toMatch(/already/);
  });
});

describe('adminLinkScript', () => {
  it('escapes AppleScript literals and hands the shell only quoted paths', () => {
    expect(appleScriptString('a "b" \\c')).toBe('"a \\"b\\" \\\\c"');
    const hostile = '/Users/x/"$(rm -rf ~)"\\ Keyturn.app/Contents/Resources/bin/keyturn';
    const script = adminLinkScript(hostile);
    expect(script).toContain(`quoted form of ${appleScriptString(hostile)}`);
    expect(script).toMatch(/ln -sfn " & quoted form of/);
    expect(script).toMatch(/with administrator privileges$/);
  });

  it('reads each literal back as the path (AppleScript escapes \\ and " as JSON does)', () => {
    const path = '/Apps/K "1"\\.app/Contents/Resources/bin/keyturn';
    expect(JSON.parse(appleScriptString(path))).toBe(path);
  });
});
