import { quantityKindOfLine, type Sale } from '@kiryana/shared';
import { createAccessTokens, createSyncApi } from '@kiryana/sync-client';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../services/terminal-services';
import { useSettings, useStore } from '../../services/use-terminal-data';
import { recentSales } from '../../db/sales-queries';
import type { Stored } from '../../db/schemas';
import { useFormat } from '../../i18n/use-format';
import { parseEnteredQuantity } from '../billing/billing-dialogs';
import { useManagerApproval } from '../sign-in/manager-approval';
import { ReceiptDialog } from '../receipt/receipt-dialog';
import { completeReturn } from './complete-return';
import { findBillForReturn, type BillQuery, type FindBillProblem } from './find-bill';
import { returnableQuantities } from './return-bill';

type SaleDoc = Stored<Sale>;

/**
 * Returns: find the bill by its invoice number (or pick a recent one, also one made offline),
 * enter how much of each line comes back, and issue a credit note refunded by the original tenders.
 * A bill older than the terminal's local history comes from the server (find-bill.ts).
 */
export function ReturnsScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const services = useServices();
  const store = useStore();
  const settings = useSettings();
  // Bill lookups only: replication has its own client in the sync session.
  const api = useMemo(() => {
    const { credential, clock, platform } = services;
    const fetchFn = platform.fetchFor(credential.serverUrl);
    return createSyncApi(
      fetchFn,
      credential.serverUrl,
      createAccessTokens(fetchFn, credential, clock),
    );
  }, [services]);
  const [invoiceNo, setInvoiceNo] = useState('');
  const [recent, setRecent] = useState<SaleDoc[]>([]);
  const [original, setOriginal] = useState<SaleDoc | null>(null);
  const [left, setLeft] = useState<Map<number, number>>(new Map());
  const [entered, setEntered] = useState<Record<number, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const manager = useManagerApproval();
  const [creditNote, setCreditNote] = useState<SaleDoc | null>(null);
  // The returns the server reported for a bill fetched from it; empty for a bill kept here.
  const [serverReturns, setServerReturns] = useState<readonly SaleDoc[] | null>(null);

  useEffect(() => {
    void recentSales(services.db, 20).then((sales) => {
      setRecent(sales.filter((sale) => sale.kind === 'sale'));
    });
  }, [services.db, creditNote]);

  const problemText = (problem: FindBillProblem): string => {
    switch (problem) {
      case 'NOT_A_SALE':
        return t('returns.problem.NOT_A_SALE');
      case 'OFFLINE':
        return t('returns.olderThanKept', {
          days: format.number(settings.historyRetentionDays),
        });
      case 'UNREACHABLE':
        return t('returns.unreachable');
      case 'NOT_FOUND':
        return t('returns.notFound');
    }
  };

  const open = async (query: BillQuery) => {
    const found = await findBillForReturn(
      { db: services.db, network: services.network, api },
      query,
    );
    if (!found.ok) {
      setMessage(problemText(found.problem));
      return;
    }
    const { sale, earlierReturns, source } = found.bill;
    setOriginal(sale);
    setServerReturns(source === 'server' ? earlierReturns : null);
    setLeft(returnableQuantities(sale, earlierReturns));
    setEntered({});
    setMessage(null);
  };

  const submit = async () => {
    if (original === null) return;
    const selected = new Map<number, number>();
    for (const line of original.lines) {
      const text = entered[line.lineNo] ?? '';
      if (text.trim() === '') continue;
      const qtyBase = parseEnteredQuantity(text, line.priceBasisQty > 1 ? 'g' : 'piece');
      if (qtyBase === undefined) {
        setMessage(t('returns.invalidQuantity', { line: line.lineNo }));
        return;
      }
      selected.set(line.lineNo, qtyBase);
    }
    const result = await completeReturn(
      {
        db: services.db,
        clock: services.clock,
        newId: services.newId,
        storeId: services.credential.storeId,
        terminalId: services.credential.deviceId,
        cashierId: services.cashier$.value?.userId ?? null,
        seriesCode: services.series.sale,
        returnSeriesCode: services.series.return,
        timeZone: store?.timezone,
        serially: services.serially,
      },
      original,
      selected,
      serverReturns ?? [],
    );
    if (!result.ok) {
      const { problem } = result;
      setMessage(
        problem.code === 'DOCUMENT'
          ? t(`saleCheck.${problem.problems[0]?.code ?? 'UNKNOWN'}`)
          : t(`returns.problem.${problem.code}`),
      );
      return;
    }
    setCreditNote(result.sale);
  };

  return (
    <section className="returns" data-testid="returns-screen">
      <form
        className="find"
        onSubmit={(event) => {
          event.preventDefault();
          void open({ invoiceNo });
        }}
      >
        <label>
          {t('returns.invoiceNo')}
          <input
            data-testid="return-invoice-input"
            value={invoiceNo}
            autoFocus
            onChange={(event) => {
              setInvoiceNo(event.target.value);
            }}
          />
        </label>
        <button type="submit">{t('returns.find')}</button>
      </form>
      {message !== null && (
        <div className="message error" role="status" data-testid="returns-message">
          {message}
        </div>
      )}
      {original === null ? (
        <table className="recent">
          <caption>{t('returns.recent')}</caption>
          <tbody>
            {recent.map((sale) => (
              <tr key={sale.id} onClick={() => void open({ id: sale.id })}>
                <td>{sale.invoiceNo}</td>
                <td>{format.dateTime(sale.createdAt)}</td>
                <td className="num">{format.money(sale.totals.totalMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <form
          className="return-lines"
          onSubmit={(event) => {
            event.preventDefault();
            manager.approve('refund', () => {
              void submit();
            });
          }}
        >
          {serverReturns !== null && (
            <p className="message" data-testid="returns-from-server">
              {t('returns.fromServer')}
            </p>
          )}
          <h2>
            {original.invoiceNo} · {format.dateTime(original.createdAt)} ·{' '}
            {format.money(original.totals.totalMinor)}
          </h2>
          <table>
            <thead>
              <tr>
                <th>{t('billing.item')}</th>
                <th className="num">{t('returns.sold')}</th>
                <th className="num">{t('returns.returnable')}</th>
                <th className="num">{t('returns.returnQty')}</th>
              </tr>
            </thead>
            <tbody>
              {original.lines.map((line) => {
                const kind = quantityKindOfLine(line);
                return (
                  <tr key={line.lineNo} data-testid="return-line">
                    <td>{line.name}</td>
                    <td className="num">{format.qty(line.qtyBase, kind)}</td>
                    <td className="num">{format.qty(left.get(line.lineNo) ?? 0, kind)}</td>
                    <td className="num">
                      <input
                        data-testid={`return-qty-${line.lineNo}`}
                        value={entered[line.lineNo] ?? ''}
                        disabled={(left.get(line.lineNo) ?? 0) === 0}
                        onChange={(event) => {
                          setEntered({ ...entered, [line.lineNo]: event.target.value });
                        }}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p>
            {t('returns.refundBy')}{' '}
            {original.payments.map((payment) => t(`payment.method.${payment.method}`)).join(', ')}
          </p>
          <div className="actions">
            <button type="submit" data-testid="return-submit">
              {t('returns.submit')}
            </button>
            <button
              type="button"
              onClick={() => {
                setOriginal(null);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {creditNote !== null && original !== null && (
        <ReceiptDialog
          sale={creditNote}
          originalInvoiceNo={original.invoiceNo}
          autoPrint={false}
          onClose={() => {
            setCreditNote(null);
            setOriginal(null);
            setInvoiceNo('');
          }}
        />
      )}
      {manager.dialog}
    </section>
  );
}
