import { useRef } from 'react';
import { NoticeBar } from '../../components/notice-bar';
import { useKeyturnStore, type KeyturnStore } from '../../store';
import type { AppScreen } from '../../store/ui-slice';
import { ApprovalDialog } from '../cli-approval/approval-dialog';
import { DialogHost } from '../dialog-host';
import { PendingScreen } from '../rotation/pending-screen';
import { useStoredSettings } from '../settings/apply-theme';
import { AuditScreen } from '../audit/audit-screen';
import { CommandPalette } from '../palette/command-palette';
import { RestoredKeyDialog } from '../transfer/restored-key-dialog';
import { TransferScreen } from '../transfer/transfer-screen';
import { SettingsScreen } from '../settings/settings-screen';
import { DetailPane } from '../token-detail/detail-pane';
import { AppHeader } from './app-header';
import { ListHeading } from './list-heading';
import { Sidebar } from './sidebar';
import { TokenList } from './token-list';
import { useVaultKeys } from './use-vault-keys';

function TokensScreen(): React.JSX.Element {
  return (
    <>
      <section className="main-pane" aria-labelledby="list-title">
        <ListHeading />
        <TokenList />
      </section>
      <DetailPane />
    </>
  );
}

/** The unlocked window's screens, by name. */
const SCREENS: Readonly<Record<AppScreen, () => React.JSX.Element>> = {
  vault: TokensScreen,
  pending: PendingScreen,
  settings: SettingsScreen,
  audit: AuditScreen,
  transfer: TransferScreen,
};

const selectScreen = (state: KeyturnStore): AppScreen => state.screen;

/** The unlocked vault: header, sidebar, the current screen, the notice line, the dialog host and CLI approvals. */
export function VaultScreen(): React.JSX.Element {
  const screen = useKeyturnStore(selectScreen);
  const searchRef = useRef<HTMLInputElement>(null);
  useVaultKeys(searchRef);
  useStoredSettings();
  const Screen = SCREENS[screen];
  return (
    <main className={`screen vault${screen === 'vault' ? '' : ' no-detail'}`} aria-label="Keyturn vault">
      <AppHeader searchRef={searchRef} />
      <Sidebar />
      <Screen />
      <NoticeBar />
      <DialogHost />
      <RestoredKeyDialog />
      <CommandPalette />
      <ApprovalDialog />
    </main>
  );
}
