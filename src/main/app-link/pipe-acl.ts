/**
 * Windows: makes the app link's named pipe open to this user only. Node's `net` creates the pipe
 * with the default security descriptor (read access for Everyone and Anonymous) and cannot pass
 * one of its own, nor reach the handles libuv keeps. A pipe's security descriptor belongs to the
 * pipe, not to one instance: set through any handle that has WRITE_DAC, it holds for every
 * instance libuv has made and will make. The creator owner (this process's user) has WRITE_DAC
 * under the default descriptor, so a client handle opened by this user with it is enough.
 *
 * Windows PowerShell 5.1 (part of Windows 10 and 11, on .NET Framework) does that in a few lines
 * of .NET, without a native module: it connects to the pipe asking for ChangePermissions, writes a
 * protected DACL with one entry (full control for the current user's SID), and reads the DACL back
 * through the same handle. Main trusts the pipe only when the DACL it reads back is exactly that.
 * Its connection is one the gate sees and closes like any client that never says hello.
 */
import { execFile } from 'node:child_process';
import { win32 } from 'node:path';
import { KeyturnError } from '../../shared/errors';

/** What PowerShell printed: `sid <the user's SID>` then `dacl <the DACL read back, in SDDL>`. */
export interface PipeAclReport {
  readonly sid: string;
  readonly dacl: string;
}

/** Runs the script against the pipe (its short name) and gives back what it printed on stdout. */
export type PipeAclRunner = (script: string, pipeShortName: string) => Promise<string>;

const SID = /^S-1-[0-9]+(-[0-9]+)+$/;
const PIPE_PREFIX = '\\\\.\\pipe\\';

/** The script, run by Windows PowerShell with the pipe's short name in KEYTURN_PIPE. */
export const PIPE_ACL_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  'Add-Type -AssemblyName System.Core',
  '$user = [System.Security.Principal.WindowsIdentity]::GetCurrent().User',
  "$rights = [System.IO.Pipes.PipeAccessRights]'ReadData, WriteData, ReadPermissions, ChangePermissions'",
  '$pipe = New-Object System.IO.Pipes.NamedPipeClientStream(' +
    "'.', $env:KEYTURN_PIPE, $rights, [System.IO.Pipes.PipeOptions]::None, " +
    '[System.Security.Principal.TokenImpersonationLevel]::Anonymous, [System.IO.HandleInheritability]::None)',
  'try {',
  '  $pipe.Connect(10000)',
  '  $security = New-Object System.IO.Pipes.PipeSecurity',
  '  $security.SetAccessRuleProtection($true, $false)',
  '  $security.AddAccessRule((New-Object System.IO.Pipes.PipeAccessRule(' +
    '$user, [System.IO.Pipes.PipeAccessRights]::FullControl, [System.Security.AccessControl.AccessControlType]::Allow)))',
  '  $pipe.SetAccessControl($security)',
  "  [Console]::Out.WriteLine('sid ' + $user.Value)",
  "  [Console]::Out.WriteLine('dacl ' + $pipe.GetAccessControl().GetSecurityDescriptorSddlForm('Access'))",
  '} finally {',
  '  $pipe.Dispose()',
  '}',
].join('\n');

/** The two lines, or null when the output is anything else. */
export function parsePipeAclReport(output: string): PipeAclReport | null {
  const lines = output.split(/\r?\n/).filter((line) => line !== '');
  if (lines.length !== 2) return null;
  const [sidLine, daclLine] = lines as [string, string];
  if (!sidLine.startsWith('sid ') || !daclLine.startsWith('dacl ')) return null;
  return { sid: sidLine.slice('sid '.length), dacl: daclLine.slice('dacl '.length) };
}

/**
 * Why the DACL read back is not "this user only", or null when it is: protected (nothing inherited),
 * one entry, an allow entry without flags, for the user's SID. The rights are not compared (the
 * SDDL spells full control for a pipe as a hex mask); a missing right only stops this user.
 */
export function pipeAclProblem(report: PipeAclReport): string | null {
  if (!SID.test(report.sid)) return 'PowerShell did not name the current user';
  const entry = /^D:P\(A;;[0-9A-Za-z]+;;;(S-[0-9-]+)\)$/.exec(report.dacl);
  if (entry === null) return `the pipe's access list is not a single entry for this user (${report.dacl})`;
  if (entry[1] !== report.sid) return `the pipe's access list names another account (${entry[1]})`;
  return null;
}

/** Windows PowerShell 5.1, from the system folder (never whatever `powershell` is first on PATH). */
function powershellPath(): string {
  return win32.join(
    process.env['SystemRoot'] ?? 'C:\\Windows',
    'System32',
    'WindowsPowerShell',
    'v1.0',
    'powershell.exe',
  );
}

const RUN_LIMIT_MS = 30_000;

/** The runner used on Windows: the script as -EncodedCommand (UTF-16LE, base64), no profile. */
export const runWindowsPowerShell: PipeAclRunner = (script, pipeShortName) =>
  new Promise((resolve, reject) => {
    const encoded = Buffer.from(script, 'utf16le').toString('base64');
    execFile(
      powershellPath(),
      ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded],
      {
        env: { ...process.env, KEYTURN_PIPE: pipeShortName },
        timeout: RUN_LIMIT_MS,
        maxBuffer: 64 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error === null) resolve(stdout);
        else reject(new Error(firstLine(stderr) ?? error.message));
      },
    );
  });

function firstLine(text: string): string | null {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '');
  return line === undefined ? null : line.trim().slice(0, 300);
}

/**
 * Gives the pipe a DACL for this user only and checks it took; throws a KeyturnError saying why
 * not otherwise (the caller then does not publish the pipe).
 */
export async function restrictPipeToUser(pipe: string, run: PipeAclRunner = runWindowsPowerShell): Promise<void> {
  if (!pipe.startsWith(PIPE_PREFIX)) throw new KeyturnError('INTERNAL', `Not a local pipe name: ${pipe}`);
  let output: string;
  try {
    output = await run(PIPE_ACL_SCRIPT, pipe.slice(PIPE_PREFIX.length));
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new KeyturnError('INTERNAL', `Could not make the app link's pipe private to this user: ${reason}`);
  }
  const report = parsePipeAclReport(output);
  const problem = report === null ? 'PowerShell did not report the access list' : pipeAclProblem(report);
  if (problem !== null)
    throw new KeyturnError('INTERNAL', `Could not make the app link's pipe private to this user: ${problem}`);
}
