/**
 * macOS: "Install the keyturn command" links /usr/local/bin/keyturn to the launcher inside
 * Keyturn.app (resources/cli/keyturn). Without write access to /usr/local/bin it asks for an
 * administrator's password through osascript, as other apps' command-line installers do. It never
 * replaces a `keyturn` that is not a link to a Keyturn.app.
 */
export const CLI_LINK_PATH = '/usr/local/bin/keyturn';

/** What is at the link's path now: nothing, a link (and where to), or another file. */
export type LinkSite =
  { readonly kind: 'absent' } | { readonly kind: 'link'; readonly target: string } | { readonly kind: 'file' };

export type LinkPlan = 'link' | 'already-linked' | 'occupied';

/** Link when nothing is there or a link to a Keyturn launcher (an older or moved app) is. */
export function planCliLink(launcher: string, site: LinkSite): LinkPlan {
  if (site.kind === 'absent') return 'link';
  if (site.kind === 'file') return 'occupied';
  if (site.target === launcher) return 'already-linked';
  return /\/Keyturn[^/]*\.app\/Contents\/Resources\/bin\/keyturn$/.test(site.target) ? 'link' : 'occupied';
}

/** An AppleScript string literal holding `text` exactly. */
export function appleScriptString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The osascript program that makes the link as an administrator; the shell sees quoted paths only. */
export function adminLinkScript(launcher: string, linkPath = CLI_LINK_PATH): string {
  const dir = linkPath.slice(0, linkPath.lastIndexOf('/'));
  return [
    `do shell script "mkdir -p " & quoted form of ${appleScriptString(dir)} & " && ln -sfn " & `,
    `quoted form of ${appleScriptString(launcher)} & " " & quoted form of ${appleScriptString(linkPath)} `,
    'with administrator privileges',
  ].join('');
}

export interface LinkDeps {
  readonly launcher: string;
  site(path: string): LinkSite;
  /** Replaces whatever link is at `path` with one to `target`; throws (EACCES) without rights. */
  link(target: string, path: string): void;
  /** Runs an osascript program; rejects when the user cancels or it fails. */
  runAsAdmin(script: string): Promise<void>;
}

/** Links the command and returns a sentence for the user (a notification). */
export async function installCliCommand(deps: LinkDeps): Promise<string> {
  const plan = planCliLink(deps.launcher, deps.site(CLI_LINK_PATH));
  if (plan === 'already-linked') return `The keyturn command is already installed (${CLI_LINK_PATH}).`;
  if (plan === 'occupied') {
    return `${CLI_LINK_PATH} is another program; remove it first to install Keyturn's keyturn command.`;
  }
  try {
    deps.link(deps.launcher, CLI_LINK_PATH);
  } catch {
    try {
      await deps.runAsAdmin(adminLinkScript(deps.launcher));
    } catch {
      return 'The keyturn command was not installed (no administrator permission).';
    }
  }
  return `Installed: open a new terminal and run keyturn --help (${CLI_LINK_PATH}).`;
}
