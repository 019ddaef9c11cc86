/**
 * Issue 9: help and docs disagreed (`--expires` units; `create --provider` missing from help).
 * Every command's options in `keyturn CMD --help` are the options docs/cli.md gives it, and both
 * list the same commands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_HELP, globalHelp } from '../../src/cli/help';
import { ROOT } from './harness';

const DOCS = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
const options = (text: string): string[] => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].sort();

/** The usage lines of a command's help (those naming `keyturn …`), not its prose. */
function helpOptions(name: string): string[] {
  const usage = (COMMAND_HELP[name] ?? '')
    .split('\n')
    .filter((line) => line.startsWith('keyturn '))
    .join(' ');
  return options(usage);
}

/** Every backticked usage in the first column of the docs' command table, by command name. */
function docsUsages(): Map<string, string[]> {
  const table = DOCS.slice(DOCS.indexOf('## Commands'), DOCS.indexOf('## Exit codes'));
  const usages = new Map<string, string[]>();
  for (const row of table.split('\n').filter((line) => line.startsWith('| `'))) {
    const firstCell = row.split(/(?<!\\)\|/)[1] ?? '';
    for (const [, usage = ''] of firstCell.matchAll(/`([^`]+)`/g)) {
      const name = usage.split(' ')[0] ?? '';
      usages.set(name, [...(usages.get(name) ?? []), usage]);
    }
  }
  return usages;
}

describe('help and docs/cli.md', () => {
  it('list the same commands', () => {
    expect([...docsUsages().keys()].sort()).toEqual(Object.keys(COMMAND_HELP).sort());
  });

  it('give every command the same options', () => {
    const usages = docsUsages();
    for (const name of Object.keys(COMMAND_HELP)) {
      const documented = options((usages.get(name) ?? []).join(' '));
      expect({ name, options: documented }).toEqual({ name, options: helpOptions(name) });
    }
  });

  it('give the same global options', () => {
    const globals = DOCS.slice(DOCS.indexOf('## Global options'), DOCS.indexOf('## Commands'));
    const documented = options(
      globals
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .map((line) => line.split('|')[1] ?? '')
        .join(' '),
    );
    const helped = options(
      globalHelp()
        .split('\n')
        .find((line) => line.startsWith('Global options')) ?? '',
    );
    expect(documented).toEqual(helped);
  });
});
