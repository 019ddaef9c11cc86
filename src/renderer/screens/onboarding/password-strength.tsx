import { useEffect, useId, useState } from 'react';

type Score = 0 | 1 | 2 | 3 | 4;

const WORDS: Readonly<Record<Score, string>> = {
  0: 'Very weak: guessed in moments',
  1: 'Weak: guessed quickly by an attacker with the file',
  2: 'Fair: add words or length',
  3: 'Strong',
  4: 'Very strong',
};

type Estimate = (password: string) => Score;

let estimator: Promise<Estimate> | null = null;

/**
 * zxcvbn-ts (a maintained estimator) with its common dictionaries, loaded on the first keystroke:
 * the dictionaries are large and only the create-vault screen needs them.
 */
function loadEstimator(): Promise<Estimate> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => {
      const zxcvbn = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
      return (password) => zxcvbn.check(password).score;
    },
  );
  return estimator;
}

/** A strength meter for the new master password; it advises, main enforces the minimum length. */
export function PasswordStrength({ password }: { readonly password: string }): React.JSX.Element | null {
  const id = useId();
  const [score, setScore] = useState<Score | null>(null);
  useEffect(() => {
    if (password === '') {
      setScore(null);
      return;
    }
    let isCurrent = true;
    void loadEstimator().then((estimate) => {
      if (isCurrent) setScore(estimate(password));
    });
    return () => {
      isCurrent = false;
    };
  }, [password]);
  if (score === null) return null;
  return (
    <div className={`strength score-${score}`}>
      <meter id={id} min={0} max={4} low={2} high={3} optimum={4} value={score} aria-label="Password strength" />
      <label htmlFor={id} className="strength-words" aria-live="polite">
        {WORDS[score]}
      </label>
    </div>
  );
}
