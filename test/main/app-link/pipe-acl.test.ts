/**
 * The Windows pipe's access list: what main accepts as "this user only" when PowerShell reads it
 * back, and what it does when PowerShell fails or reports anything else. The script itself runs on
 * Windows only (socket-gate.test.ts reads a real pipe's list back there, in the CI desktop job).
 */
import { describe, expect, it } from 'vitest';
import {
  parsePipeAclReport,
  PIPE_ACL_SCRIPT,
  pipeAclProblem,
  restrictPipeToUser,
  type PipeAclRunner,
} from '../../../src/main/app-link/pipe-acl';
import { KeyturnError } from '../../../src/shared/errors';

const USER = 'S-1-5-21-3623811015-3361044348-30300820-1013';
const PIPE = '\\\\.\\pipe\\keyturn-app-link-0123456789abcdef0123456789abcdef';

const report = (dacl: string, sid = USER): string => `sid ${sid}\r\ndacl ${dacl}\r\n`;
const answering =
  (output: string, calls: string[][] = []): PipeAclRunner =>
  (script, name) => {
    calls.push([script, name]);
    return Promise.resolve(output);
  };

describe('the DACL main accepts for its pipe', () => {
  it('is one protected allow entry for the user PowerShell ran as', () => {
    const read = parsePipeAclReport(report(`D:P(A;;0x1f019f;;;${USER})`));
    expect(read).toEqual({ sid: USER, dacl: `D:P(A;;0x1f019f;;;${USER})` });
    if (read === null) throw new Error('expected a report');
    expect(pipeAclProblem(read)).toBeNull();
    expect(pipeAclProblem({ sid: USER, dacl: `D:P(A;;FA;;;${USER})` })).toBeNull();
  });

  it.each([
    ['the default list (Everyone may read)', `D:(A;;FA;;;SY)(A;;FA;;;BA)(A;;FA;;;${USER})(A;;FR;;;WD)(A;;FR;;;AN)`],
    ['a second entry for Everyone', `D:P(A;;0x1f019f;;;${USER})(A;;FR;;;WD)`],
    ['an entry that is not protected from inheritance', `D:(A;;0x1f019f;;;${USER})`],
    ['a deny entry', `D:P(D;;0x1f019f;;;${USER})`],
    ['an inheritable entry', `D:P(A;OICI;0x1f019f;;;${USER})`],
    ["another account's entry", 'D:P(A;;0x1f019f;;;S-1-5-21-1-2-3-500)'],
    ['Everyone by alias', 'D:P(A;;0x1f019f;;;WD)'],
    ['no list at all (a NULL DACL: everyone)', 'D:NO_ACCESS_CONTROL'],
    ['an empty list', 'D:P'],
  ])('is refused when it is %s', (_, dacl) => {
    expect(pipeAclProblem({ sid: USER, dacl })).not.toBeNull();
  });

  it('is refused when PowerShell did not name a user', () => {
    expect(pipeAclProblem({ sid: 'nobody', dacl: 'D:P(A;;FA;;;nobody)' })).toMatch(/did not name the current user/);
  });

  it.each([
    ['nothing', ''],
    ['one line', `sid ${USER}`],
    ['a third line', `${report(`D:P(A;;FA;;;${USER})`)}extra\n`],
    ['lines out of order', `dacl D:P(A;;FA;;;${USER})\nsid ${USER}\n`],
  ])('reads no report from %s', (_, output) => {
    expect(parsePipeAclReport(output)).toBeNull();
  });
});

describe('restrictPipeToUser', () => {
  it('runs the script against the pipe by its short name and accepts the list read back', async () => {
    const calls: string[][] = [];
    await restrictPipeToUser(PIPE, answering(report(`D:P(A;;0x1f019f;;;${USER})`), calls));
    expect(calls).toEqual([[PIPE_ACL_SCRIPT, 'keyturn-app-link-0123456789abcdef0123456789abcdef']]);
  });

  it('asks for a protected single-entry list, for the current user, and reads it back through the same handle', () => {
    expect(PIPE_ACL_SCRIPT).toContain('SetAccessRuleProtection($true, $false)');
    expect(PIPE_ACL_SCRIPT).toContain('WindowsIdentity]::GetCurrent().User');
    expect(PIPE_ACL_SCRIPT).toContain('ChangePermissions');
    expect(PIPE_ACL_SCRIPT).toContain('$pipe.SetAccessControl($security)');
    expect(PIPE_ACL_SCRIPT).toContain("$pipe.GetAccessControl().GetSecurityDescriptorSddlForm('Access')");
    expect(PIPE_ACL_SCRIPT).not.toMatch(/AddAccessRule\([^)]*(Everyone|WD|World)/);
  });

  it.each([
    ['the list read back lets Everyone read', report(`D:P(A;;0x1f019f;;;${USER})(A;;FR;;;WD)`), /not a single entry/],
    ['the list names another account', report('D:P(A;;0x1f019f;;;S-1-5-18)'), /names another account/],
    ['PowerShell printed something else', 'Access denied\r\n', /did not report the access list/],
  ])('refuses the pipe when %s', async (_, output, reason) => {
    const refused = restrictPipeToUser(PIPE, answering(output));
    await expect(refused).rejects.toBeInstanceOf(KeyturnError);
    await expect(refused).rejects.toThrow(reason);
  });

  it('says why when PowerShell fails or cannot run', async () => {
    const failing: PipeAclRunner = () => Promise.reject(new Error('Exception calling "Connect": timed out'));
    await expect(restrictPipeToUser(PIPE, failing)).rejects.toThrow(
      /Could not make the app link's pipe private to this user: Exception calling "Connect": timed out/,
    );
  });

  it('refuses a name that is not a local pipe, without running anything', async () => {
    const calls: string[][] = [];
    await expect(restrictPipeToUser('\\\\server\\pipe\\x', answering('', calls))).rejects.toThrow(/Not a local pipe/);
    expect(calls).toEqual([]);
  });
});
