/**
 * How labels sort: the user's locale order, case and accents ignored, numbers in numeric order
 * ("key 2" before "key 10", "key 007" beside "key 7"). One collator for the process: building one
 * costs milliseconds, comparing with it about as much as a hand-written number-aware comparison
 * (bench/README.md), and it knows every script.
 */
import type { TokenView } from '../../shared/model';

let collator: Intl.Collator | undefined;

export function compareLabels(a: string, b: string): number {
  collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return collator.compare(a, b);
}

/** What the label order depends on beyond the labels: the collation's locale and options. */
export function labelCollation(): string {
  collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const { locale, sensitivity, numeric } = collator.resolvedOptions();
  return `${locale}/${sensitivity}/${String(numeric)}`;
}

/**
 * The list's label order over whole tokens: by label, then by age, then by id, so every two
 * tokens have one order (the window's sort and the first-screen record's rows both use it).
 */
export function compareTokensByLabel(a: TokenView, b: TokenView): number {
  return compareLabels(a.label, b.label) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
