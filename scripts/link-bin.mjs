// `npx keyturn` in this repository: npm links the bins of a project's dependencies into
// node_modules/.bin, never the project's own, so `prepare` (every `npm install`) links
// bin/keyturn.cjs there: a symlink, or a .cmd shim on Windows. `npm link` needs nothing from here.
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, 'node_modules', '.bin');
const target = join(root, 'bin', 'keyturn.cjs');

mkdirSync(binDir, { recursive: true });
if (process.platform === 'win32') {
  // `--` as in bin/keyturn.cjs's shebang: Node reads no --env-file from the user's arguments.
  writeFileSync(join(binDir, 'keyturn.cmd'), `@node -- "%~dp0\\${relative(binDir, target)}" %*\r\n`);
} else {
  const link = join(binDir, 'keyturn');
  rmSync(link, { force: true });
  symlinkSync(relative(binDir, target), link);
  chmodSync(target, 0o755);
}
