import { describe, expect, it } from 'vitest';
import { clipboardEntries } from '../../../src/main/electron/system';

const raw = (format: string): string => `electron application/osclipboard;format="${format}"`;

describe('clipboard concealment', () => {
  it("marks a copy on Linux with KDE's password-manager hint, which Klipper and its followers skip", () => {
    expect(clipboardEntries('linux', 'sk-1')).toEqual({
      'text/plain': 'sk-1',
      [raw('x-kde-passwordManagerHint')]: 'secret',
    });
  });

  it("uses macOS's concealed type and Windows' history exclusion", () => {
    expect(clipboardEntries('darwin', 'sk-1')).toEqual({
      'text/plain': 'sk-1',
      [raw('org.nspasteboard.ConcealedType')]: '',
    });
    expect(clipboardEntries('win32', 'sk-1')).toEqual({
      'text/plain': 'sk-1',
      [raw('ExcludeClipboardContentFromMonitorProcessing')]: '',
    });
  });

  it('writes plain text where the platform has no marker', () => {
    expect(clipboardEntries('freebsd', 'sk-1')).toEqual({ 'text/plain': 'sk-1' });
  });
});
