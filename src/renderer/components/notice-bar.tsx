import { useKeyturnStore } from '../store';

const HELP = '↑ ↓ select · Enter copy · Ctrl+C copy · Ctrl+Shift+C copy fresh · / search · Ctrl+N add · Ctrl+L lock';

/** One line at the bottom: what just happened (copied, what went wrong) or the main shortcuts. */
export function NoticeBar(): React.JSX.Element {
  const notice = useKeyturnStore((state) => state.notice);
  return (
    <footer className={`notice ${notice?.tone ?? ''}`} role="status" aria-live="polite">
      {notice?.text ?? HELP}
    </footer>
  );
}
