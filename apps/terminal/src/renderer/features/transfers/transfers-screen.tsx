import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DispatchForm } from './dispatch-form';
import { ReceiveForm } from './receive-form';
import { RequestForm } from './request-form';
import { TransferList, type TransferView } from './transfer-list';
import { useLocalWorkflow } from './use-local-workflow';

/**
 * Transfers between stores at the counter: this store's incoming and outgoing transfers with their
 * status (folded with steps not uploaded yet), asking another store for stock, dispatching an
 * approved transfer and counting one that arrived. Every step works offline.
 */
export function TransfersScreen() {
  const { t } = useTranslation();
  const [view, setView] = useState<TransferView>({ name: 'list' });
  const { transfers } = useLocalWorkflow();
  const back = () => {
    setView({ name: 'list' });
  };
  const selected =
    view.name === 'dispatch' || view.name === 'receive'
      ? transfers.find((tr) => tr.state.transferId === view.transferId)
      : undefined;
  return (
    <section className="stock transfers" data-testid="transfers-screen">
      <nav className="tabs">
        {(['list', 'request'] as const).map((name) => (
          <button
            key={name}
            type="button"
            data-testid={`transfers-tab-${name}`}
            className={name === view.name ? 'active' : undefined}
            onClick={() => {
              setView({ name });
            }}
          >
            {t(`transfers.tab.${name}`)}
          </button>
        ))}
      </nav>
      {view.name === 'list' && <TransferList transfers={transfers} onOpen={setView} />}
      {view.name === 'request' && <RequestForm onDone={back} />}
      {view.name === 'dispatch' && selected !== undefined && (
        <DispatchForm transfer={selected} onDone={back} />
      )}
      {view.name === 'receive' && selected !== undefined && (
        <ReceiveForm transfer={selected} onDone={back} />
      )}
    </section>
  );
}
