/**
 * Progress of long work (a rotation's steps, an import of many tokens), pushed to whoever
 * shows it: the CLI prints it on a terminal; the window may ignore it.
 */
export type ProgressEvent =
  /** A provider call is about to start (`create key`, `asking satori`). */
  | { readonly kind: 'call'; readonly label: string }
  /** A lifecycle journal step was committed (`created`, `tested`, `promoted`, `done`). */
  | { readonly kind: 'step'; readonly step: string }
  /** What a provider call is waiting for (a rate limit, a retry after a timeout), as a sentence. */
  | { readonly kind: 'provider'; readonly message: string }
  /** Part of a batch is done (`imported`, `restored`). */
  | { readonly kind: 'count'; readonly label: string; readonly done: number; readonly total: number | null };

export type ProgressPort = (event: ProgressEvent) => void;
