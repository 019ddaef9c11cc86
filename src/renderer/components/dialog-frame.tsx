import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface DialogFrameProps {
  readonly title: ReactNode;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly wide?: boolean;
  /** A dialog whose work is running must not close on Escape or a click outside. */
  readonly isBusy?: boolean;
  /** alertdialog for confirmations of something that cannot be undone. */
  readonly role?: 'dialog' | 'alertdialog';
}

/**
 * Every dialog's frame (react-aria-components): a modal that traps focus, closes on Escape and
 * gives focus back to what had it when it opened.
 */
export function DialogFrame({
  title,
  onClose,
  children,
  wide,
  isBusy = false,
  role,
}: DialogFrameProps): React.JSX.Element {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen
      isDismissable={!isBusy}
      isKeyboardDismissDisabled={isBusy}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Modal className={`modal${wide === true ? ' wide' : ''}`}>
        <Dialog className="dialog" role={role}>
          <Heading slot="title">{title}</Heading>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
