import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useKeyturnStore } from '../../store';
import { ApprovalCard } from './approval-card';

/**
 * `keyturn get/run/env` asking the running app for a secret (issue 15): every waiting request, each
 * answered on its own. Above any other dialog; Escape and a click outside do not close it (a
 * request not answered is denied by main when its time runs out).
 */
export function ApprovalDialog(): React.JSX.Element | null {
  const approvals = useKeyturnStore((state) => state.approvals);
  if (approvals.length === 0) return null;
  const title = approvals.length === 1 ? 'A terminal is asking' : `${approvals.length} terminals are asking`;
  return (
    <ModalOverlay className="modal-overlay approvals-overlay" isOpen isDismissable={false} isKeyboardDismissDisabled>
      <Modal className="modal wide">
        <Dialog className="dialog" role="alertdialog">
          <Heading slot="title">{title}</Heading>
          <p className="lead">
            Approve only a command you just ran yourself. Keyturn hands the secret to that process, not to the screen.
          </p>
          {approvals.map((request, index) => (
            <ApprovalCard key={request.id} request={request} isFirst={index === 0} />
          ))}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
