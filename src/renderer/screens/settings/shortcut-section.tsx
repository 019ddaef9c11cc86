import { useEffect, useId, useState } from 'react';
import { acceleratorProblem } from '../../../shared/accelerator';
import type { SectionProps } from './settings-sections';

/**
 * The global shortcut that opens the window into the command palette, off by default. The text is
 * checked here to explain a refusal at once; main checks it again and registers it with the OS.
 */
export function ShortcutSection({ settings, save }: SectionProps): React.JSX.Element {
  const id = useId();
  const [draft, setDraft] = useState(settings.globalShortcut ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(settings.globalShortcut ?? ''), [settings.globalShortcut]);

  const apply = async (): Promise<void> => {
    const text = draft.trim();
    const refused = text === '' ? 'Type a shortcut such as CommandOrControl+Shift+K.' : acceleratorProblem(text);
    setProblem(refused);
    if (refused === null) await save({ globalShortcut: text }, 'global shortcut');
  };

  return (
    <section className="settings-group" aria-labelledby="settings-shortcut">
      <h3 id="settings-shortcut">Quick access</h3>
      <div className="setting-row">
        <label htmlFor={id}>Global shortcut</label>
        <span className="setting-control wide">
          <input
            id={id}
            className="mono"
            spellCheck={false}
            placeholder="Off"
            value={draft}
            aria-invalid={problem === null ? undefined : true}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void apply();
            }}
          />
          <button type="button" onClick={() => void apply()}>
            Set
          </button>
          <button
            type="button"
            disabled={settings.globalShortcut === null}
            onClick={() => {
              setProblem(null);
              void save({ globalShortcut: null }, 'global shortcut off');
            }}
          >
            Turn off
          </button>
        </span>
        <span id={`${id}-hint`} className="hint setting-hint">
          Opens Keyturn straight into the command palette from any app, e.g. <kbd>CommandOrControl+Shift+K</kbd>.
          Currently {settings.globalShortcut === null ? 'off' : settings.globalShortcut}.
        </span>
        {problem !== null && (
          <span className="error setting-hint" role="alert">
            {problem}
          </span>
        )}
      </div>
    </section>
  );
}
