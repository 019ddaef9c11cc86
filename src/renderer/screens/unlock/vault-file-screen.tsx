import type { VaultFileProblem } from '../../../shared/ipc';
import { Brand } from '../../components/brand';
import { useKeyturnStore } from '../../store';

interface VaultFileScreenProps {
  readonly problem: VaultFileProblem;
  readonly path: string;
  readonly message: string;
  readonly advice: string;
}

const TITLES: Readonly<Record<VaultFileProblem, string>> = {
  corrupt: 'The vault file is damaged',
  'too-new': 'The vault file is from a newer Keyturn',
  unreadable: 'The vault file cannot be read',
};

/** A vault file Keyturn cannot open: what is wrong, where the file is, and what to do. */
export function VaultFileScreen({ problem, path, message, advice }: VaultFileScreenProps): React.JSX.Element {
  const refreshStatus = useKeyturnStore((state) => state.refreshStatus);
  return (
    <main className="screen center">
      <section className="card wide" role="alert" aria-labelledby="file-problem-title">
        <Brand subtitle="Keyturn cannot open your vault" />
        <h2 id="file-problem-title">{TITLES[problem]}</h2>
        <p>{message}</p>
        <div className="field">
          <span className="field-label">The file</span>
          <code className="file-path">{path}</code>
        </div>
        <div className="field">
          <span className="field-label">What to do</span>
          <p>{advice}</p>
        </div>
        <button type="button" className="primary" onClick={() => void refreshStatus()}>
          Try again
        </button>
      </section>
    </main>
  );
}
