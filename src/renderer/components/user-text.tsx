interface UserTextProps {
  readonly text: string;
  readonly className?: string;
  /** Wrap onto several lines (detail pane) instead of one line with an ellipsis. */
  readonly wrap?: boolean;
}

/**
 * Any string a user (or an import, or a provider) typed: isolated from the text around it
 * (dir="auto", unicode-bidi: isolate), one line cut with an ellipsis, the whole text in a tooltip.
 */
export function UserText({ text, className, wrap = false }: UserTextProps): React.JSX.Element {
  return (
    <span dir="auto" className={`user-text${wrap ? ' wrap' : ''} ${className ?? ''}`} title={wrap ? undefined : text}>
      {text}
    </span>
  );
}
