import { useEffect, useState } from 'react';
import type { TokenRecognition } from '../../../shared/window-views';

/** Recognises a pasted token in main (offline), a moment after the paste or the last keystroke. */
export function useRecognition(secret: string): TokenRecognition | null {
  const [recognition, setRecognition] = useState<TokenRecognition | null>(null);
  useEffect(() => {
    if (secret.trim() === '') {
      setRecognition(null);
      return undefined;
    }
    let isCurrent = true;
    const timer = setTimeout(() => {
      void window.keyturn.recogniseToken({ secret: secret.trim() }).then((result) => {
        if (isCurrent) setRecognition(result.ok ? result.value : null);
      });
    }, 150);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [secret]);
  return recognition;
}
