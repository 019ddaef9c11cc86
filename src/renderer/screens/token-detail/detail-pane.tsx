import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { TokenDetail } from '../../../shared/window-views';
import { EnvironmentBadge } from '../../components/environment-badge';
import { FormError } from '../../components/form-error';
import { useTokenDetail } from '../../lib/use-token-detail';
import { useKeyturnStore } from '../../store';
import { DetailActions } from './detail-actions';
import { DetailFacts } from './detail-facts';
import { RotationPanel } from './rotation-panel';
import { RotationReminder } from './rotation-reminder';
import { VersionsTable } from './versions-table';

/** The selected token: everything about it but its value (which is revealed only on request). */
export function DetailPane(): React.JSX.Element {
  const tokenId = useKeyturnStore((state) => state.selectedId);
  return (
    <aside className="detail" aria-label="Token details">
      {tokenId === null ? (
        <p className="hint">Select a token to see its details.</p>
      ) : (
        <Detail key={tokenId} tokenId={tokenId} />
      )}
    </aside>
  );
}

function Detail({ tokenId }: { readonly tokenId: string }): React.JSX.Element {
  const detail = useTokenDetail(tokenId);
  if (detail.state === 'loading') return <p aria-busy="true">Loading…</p>;
  if (detail.state === 'error') return <FormError message={detail.message} />;
  return <DetailBody detail={detail.detail} />;
}

function DetailBody({ detail }: { readonly detail: TokenDetail }): React.JSX.Element {
  const token = detail.token;
  return (
    <>
      <h2 className="detail-title" dir="auto">
        {token.label}
      </h2>
      <div className="detail-where">
        <EnvironmentBadge
          tenantName={token.tenantName}
          environmentName={token.environmentName}
          kind={token.environmentKind}
        />
      </div>
      <DetailActions detail={detail} />
      <RotationReminder detail={detail} />
      <Tabs className="tabs">
        <TabList className="tab-list" aria-label="Token sections">
          <Tab id="overview" className="tab">
            Overview
          </Tab>
          <Tab id="history" className="tab">
            History
          </Tab>
          <Tab id="rotation" className="tab">
            Rotation
          </Tab>
        </TabList>
        <TabPanel id="overview" className="tab-panel">
          <DetailFacts detail={detail} />
        </TabPanel>
        <TabPanel id="history" className="tab-panel">
          <VersionsTable versions={detail.versions} />
        </TabPanel>
        <TabPanel id="rotation" className="tab-panel">
          <RotationPanel detail={detail} />
        </TabPanel>
      </Tabs>
    </>
  );
}
