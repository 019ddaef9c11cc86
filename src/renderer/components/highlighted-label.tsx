import { memo } from 'react';
import type { MatchRange } from '../../shared/window-views';

interface HighlightedLabelProps {
  readonly label: string;
  readonly matches: readonly MatchRange[];
}

/**
 * A label with the parts that matched the search marked; isolated and truncated like any user
 * text. Memoised: a list row re-rendered for its selection leaves it alone.
 */
export const HighlightedLabel = memo(function HighlightedLabel({
  label,
  matches,
}: HighlightedLabelProps): React.JSX.Element {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of matches) {
    if (start < at || end <= start) continue;
    if (start > at) parts.push(label.slice(at, start));
    parts.push(<mark key={start}>{label.slice(start, end)}</mark>);
    at = end;
  }
  if (at < label.length) parts.push(label.slice(at));
  return (
    <span dir="auto" className="user-text token-label" title={label}>
      {parts}
    </span>
  );
});
