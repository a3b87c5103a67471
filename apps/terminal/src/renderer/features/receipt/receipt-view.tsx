import type { ReceiptModel } from './receipt-model';

/** The printable GST invoice; print CSS shows only this element on paper. */
export function ReceiptView(props: { model: ReceiptModel; labels: ReceiptLabels }) {
  const { model, labels } = props;
  return (
    <article className="receipt" data-testid="receipt">
      <header>
        <strong>{model.storeName}</strong>
        <div>{model.address}</div>
        {model.gstin !== null && <div data-testid="receipt-gstin">GSTIN: {model.gstin}</div>}
        <h3>{model.title}</h3>
        {model.legend !== null && <div data-testid="receipt-legend">{model.legend}</div>}
        <div data-testid="receipt-invoice-no">{model.invoiceNo}</div>
        {model.originalInvoiceNo !== null && (
          <div>
            {labels.against} {model.originalInvoiceNo}
          </div>
        )}
        <div>{model.dateTime}</div>
        {model.buyer !== null && (
          <div data-testid="receipt-buyer">
            {model.buyer.label}: {model.buyer.name} · GSTIN: {model.buyer.gstin}
          </div>
        )}
        {model.placeOfSupply !== null && (
          <div data-testid="receipt-place-of-supply">
            {model.placeOfSupply.label}: {model.placeOfSupply.amount}
          </div>
        )}
      </header>
      <table className="receipt-items">
        <thead>
          <tr>
            <th>{labels.item}</th>
            <th>HSN</th>
            <th className="num">{labels.qty}</th>
            <th className="num">{labels.rate}</th>
            <th className="num">MRP</th>
            {model.showsTax && <th className="num">GST</th>}
            <th className="num">{labels.amount}</th>
          </tr>
        </thead>
        <tbody>
          {model.items.map((item, index) => (
            <tr key={index}>
              <td>{item.name}</td>
              <td>{item.hsn}</td>
              <td className="num">{item.qty}</td>
              <td className="num">{item.rate}</td>
              <td className="num">{item.mrp}</td>
              {item.gstRate !== null && <td className="num">{item.gstRate}</td>}
              <td className="num">{item.amount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="receipt-totals">
        {model.totals.map((row) => (
          <div key={row.label}>
            <dt>{row.label}</dt>
            <dd>{row.amount}</dd>
          </div>
        ))}
        <div className="grand">
          <dt>{model.grandTotal.label}</dt>
          <dd data-testid="receipt-total">{model.grandTotal.amount}</dd>
        </div>
      </dl>
      {model.showsTax && (
        <table className="receipt-tax" data-testid="receipt-tax">
          <thead>
            <tr>
              <th>GST</th>
              <th className="num">{labels.taxable}</th>
              {model.hasIgst ? (
                <th className="num">IGST</th>
              ) : (
                <>
                  <th className="num">CGST</th>
                  <th className="num">SGST</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {model.taxRows.map((row) => (
              <tr key={row.rate}>
                <td>{row.rate}</td>
                <td className="num">{row.taxable}</td>
                {model.hasIgst ? (
                  <td className="num">{row.igst}</td>
                ) : (
                  <>
                    <td className="num">{row.cgst}</td>
                    <td className="num">{row.sgst}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <dl className="receipt-payments">
        {model.payments.map((row, index) => (
          <div key={index}>
            <dt>{row.label}</dt>
            <dd>{row.amount}</dd>
          </div>
        ))}
      </dl>
      {model.savings !== null && <p className="receipt-savings">{model.savings}</p>}
      <footer>{model.footer}</footer>
    </article>
  );
}

/** Column headings of the on-screen receipt. */
export type ReceiptLabels = {
  item: string;
  qty: string;
  rate: string;
  amount: string;
  taxable: string;
  against: string;
};
