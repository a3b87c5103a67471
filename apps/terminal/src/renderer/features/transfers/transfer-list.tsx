import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { useServices } from '../../services/terminal-services';
import type { LocalTransfer } from '../../db/local-transfer';
import { directionOf, openToDispatch, pendingToReceive } from './transfer-steps';
import { storeLabel, useKnownStores } from './workflow-ui';

/** What the transfers screen shows: the list, the request form, or a step form for one transfer. */
export type TransferView =
  | { readonly name: 'list' | 'request' }
  | { readonly name: 'dispatch'; readonly transferId: string }
  | { readonly name: 'receive'; readonly transferId: string };

/** This store's incoming and outgoing transfers, with the step each one waits for here. */
export function TransferList(props: {
  transfers: readonly LocalTransfer[];
  onOpen: (view: TransferView) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { credential } = useServices();
  const stores = useKnownStores();
  const hindi = i18n.language === 'hi';
  const rows = props.transfers
    .map((transfer) => ({ transfer, direction: directionOf(transfer.state, credential.storeId) }))
    .filter((row) => row.direction !== null);
  if (rows.length === 0) return <p data-testid="transfers-empty">{t('transfers.none')}</p>;
  return (
    <table className="transfers-list" data-testid="transfers-list">
      <thead>
        <tr>
          <th>{t('transfers.direction')}</th>
          <th>{t('transfers.otherStore')}</th>
          <th>{t('transfers.requestedAt')}</th>
          <th>{t('transfers.lines')}</th>
          <th>{t('transfers.statusLabel')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map(({ transfer, direction }) => {
          const { state } = transfer;
          const other = direction === 'incoming' ? state.fromStoreId : state.toStoreId;
          const canDispatch =
            direction === 'outgoing' &&
            openToDispatch(state).length > 0 &&
            (state.status === 'approved' || state.status === 'dispatching');
          const canReceive =
            direction === 'incoming' &&
            pendingToReceive(state).length > 0 &&
            (state.status === 'dispatching' || state.status === 'in_transit');
          return (
            <tr
              key={state.transferId}
              data-testid="transfer-row"
              data-transfer-id={state.transferId}
              data-direction={direction}
              data-status={state.status}
            >
              <td>{t(`transfers.${direction ?? 'incoming'}`)}</td>
              <td title={transfer.label}>{storeLabel(stores, other, hindi)}</td>
              <td>{format.dateTime(state.requested.at)}</td>
              <td className="num">{format.number(state.lines.length)}</td>
              <td data-testid="transfer-status">
                {t(`transfers.status.${state.status}`)}
                {transfer.pendingFactIds.length > 0 && (
                  <span className="badge" data-testid="transfer-pending">
                    {t('transfers.pending')}
                  </span>
                )}
                {transfer.refused.length > 0 && (
                  <span className="badge" data-testid="transfer-refused">
                    {t('transfers.refused')}
                  </span>
                )}
              </td>
              <td>
                {canDispatch && (
                  <button
                    type="button"
                    data-testid="transfer-dispatch"
                    onClick={() => {
                      props.onOpen({ name: 'dispatch', transferId: state.transferId });
                    }}
                  >
                    {t('transfers.dispatch')}
                  </button>
                )}
                {canReceive && (
                  <button
                    type="button"
                    data-testid="transfer-receive"
                    onClick={() => {
                      props.onOpen({ name: 'receive', transferId: state.transferId });
                    }}
                  >
                    {t('transfers.receive')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
