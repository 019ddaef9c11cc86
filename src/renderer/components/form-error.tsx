/** What went wrong, in main's sentence (never a code); announced when it appears. */
export function FormError({
  message,
  id,
}: {
  readonly message: string | null;
  readonly id?: string;
}): React.JSX.Element | null {
  if (message === null) return null;
  return (
    <p id={id} className="error" role="alert">
      {message}
    </p>
  );
}
