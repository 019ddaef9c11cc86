/**
 * What the dialog host (screens/dialog-host.tsx) can show: one dialog at a time, asked for by
 * kind. A new dialog (issue 13's settings, backup, import) is a new kind here and a new entry in
 * the host's table.
 */
export type LifecycleOperation = 'rotate' | 'revoke' | 'verify' | 'retry';

export type DialogRequest =
  | { readonly kind: 'change-password' }
  | { readonly kind: 'new-recovery-key' }
  | { readonly kind: 'device-unlock' }
  | { readonly kind: 'add-tenant' }
  | { readonly kind: 'rename-tenant'; readonly tenantId: string }
  | { readonly kind: 'remove-tenant'; readonly tenantId: string }
  | { readonly kind: 'add-environment'; readonly tenantId: string }
  | { readonly kind: 'edit-environment'; readonly environmentId: string }
  | { readonly kind: 'remove-environment'; readonly environmentId: string }
  | { readonly kind: 'add-token'; readonly environmentId: string | null }
  | { readonly kind: 'edit-token'; readonly tokenId: string }
  | { readonly kind: 'delete-token'; readonly tokenId: string }
  | { readonly kind: 'connect'; readonly environmentId: string }
  | { readonly kind: 'create-token'; readonly environmentId: string }
  | {
      readonly kind: 'lifecycle';
      readonly operation: LifecycleOperation;
      readonly tokenId: string | null;
      readonly label: string;
      /** For a retry: the journal entry to finish. */
      readonly journalId?: string;
      /** Delete the token once it is revoked ("Revoke, then delete"). */
      readonly thenDelete?: boolean;
    }
  | {
      readonly kind: 'manual-rotation';
      readonly tokenId: string;
      readonly label: string;
      /** An entry already waiting for the value (from Pending work). */
      readonly journalId?: string;
      /** Main's words on what to do (from the `needs-value` answer). */
      readonly message?: string | null;
    };

export type DialogKind = DialogRequest['kind'];
