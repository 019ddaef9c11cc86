/** The Keyturn mark. */
export function BrandMark(): React.JSX.Element {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
      <circle cx="11" cy="16" r="7" fill="none" stroke="currentColor" strokeWidth="3" />
      <path d="M18 16h11M25 16v5M29 16v4" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

/** The Keyturn mark and name, for the cards before the vault opens. */
export function Brand({ subtitle }: { readonly subtitle: string }): React.JSX.Element {
  return (
    <header className="brand">
      <BrandMark />
      <h1>Keyturn</h1>
      <p className="subtitle">{subtitle}</p>
    </header>
  );
}
