import { useKeyturnStore } from '../store';

/** One line at the bottom for what just happened (copied, or what went wrong). */
export function NoticeBar(): React.JSX.Element {
  const notice = useKeyturnStore((state) => state.notice);
  return (
    <footer className={`notice ${notice?.tone ?? ''}`} role="status" aria-live="polite">
      {notice?.text ?? '↑ ↓ PgUp PgDn select · Enter copy · / search · Ctrl+L lock'}
    </footer>
  );
}
