/**
 * Electron accelerators ("CommandOrControl+Shift+K") as the global shortcut setting takes them:
 * one or more modifiers, then exactly one key. A shortcut without a modifier would take a plain
 * key away from every other app, so it is refused. Pure: main checks it before registering, and
 * the window may use it to explain a refusal before it asks.
 */

const MODIFIERS = new Set(
  [
    'command',
    'cmd',
    'control',
    'ctrl',
    'commandorcontrol',
    'cmdorctrl',
    'alt',
    'option',
    'altgr',
    'shift',
    'super',
    'meta',
  ].map((name) => name.toLowerCase()),
);

const NAMED_KEYS = new Set(
  [
    'plus',
    'space',
    'tab',
    'capslock',
    'numlock',
    'scrolllock',
    'backspace',
    'delete',
    'insert',
    'return',
    'enter',
    'up',
    'down',
    'left',
    'right',
    'home',
    'end',
    'pageup',
    'pagedown',
    'escape',
    'esc',
    'volumeup',
    'volumedown',
    'volumemute',
    'medianexttrack',
    'mediaprevioustrack',
    'mediastop',
    'mediaplaypause',
    'printscreen',
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
  ].map((name) => name.toLowerCase()),
);

function isKey(part: string): boolean {
  const lower = part.toLowerCase();
  if (NAMED_KEYS.has(lower)) return true;
  if (/^[a-z0-9]$/i.test(part)) return true;
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(part)) return true;
  if (/^num[0-9]$/i.test(part)) return true;
  return /^[)!@#$%^&*(:;<=>?_~{}|"',./`[\]\\-]$/.test(part);
}

/** Why the text is not a usable accelerator, as a sentence; null when it is one. */
export function acceleratorProblem(text: string): string | null {
  const parts = text.split('+').map((part) => part.trim());
  if (parts.some((part) => part === ''))
    return `“${text}” is not a shortcut: write modifiers and a key joined by +, as in CommandOrControl+Shift+K.`;
  const key = parts[parts.length - 1] ?? '';
  const modifiers = parts.slice(0, -1);
  if (modifiers.length === 0 || !modifiers.every((part) => MODIFIERS.has(part.toLowerCase())))
    return `“${text}” needs at least one modifier (CommandOrControl, Alt, Shift, Super) before its key.`;
  if (new Set(modifiers.map((part) => part.toLowerCase())).size !== modifiers.length)
    return `“${text}” names a modifier twice.`;
  if (!isKey(key)) return `“${text}” does not end with a key Keyturn knows (a letter, a digit, F1–F24, Space…).`;
  return null;
}
