import { useEffect, useState } from 'react';
import type { ProviderForm } from '../../../shared/window-views';

/** The providers' connection forms, asked of main once per dialog. */
export function useProviderForms(): { forms: readonly ProviderForm[]; error: string | null } {
  const [forms, setForms] = useState<readonly ProviderForm[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void window.keyturn.providerForms().then((result) => {
      if (result.ok) setForms(result.value);
      else setError(result.error.message);
    });
  }, []);
  return { forms, error };
}
