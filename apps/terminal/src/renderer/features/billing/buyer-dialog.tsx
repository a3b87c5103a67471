import { GST_STATE_CODES, type Sale, type SaleBuyer } from '@kiryana/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerminalDatabase } from '../../db/database';
import { useServices } from '../../services/terminal-services';
import { Dialog } from '../../ui/dialog';
import {
  buyerOf,
  EMPTY_BUYER_FORM,
  formOf,
  gstinFieldState,
  knownBuyersOf,
  pickKnownBuyer,
  type BuyerForm,
  type BuyerFormProblem,
} from './buyer';

/** How many recent bills are searched for earlier buyers (newest first, indexed on createdAt). */
const RECENT_BILLS_FOR_BUYERS = 2000;

/** The buyers of this store's recent bills, newest first (there is no customer master yet). */
async function knownBuyers(db: TerminalDatabase, storeId: string): Promise<SaleBuyer[]> {
  const docs = await db.sales
    .find({ sort: [{ createdAt: 'desc' }], limit: RECENT_BILLS_FOR_BUYERS })
    .exec();
  return knownBuyersOf(
    docs
      .map((doc) => doc.toJSON() as Pick<Sale, 'kind' | 'buyer' | 'storeId'>)
      .filter((sale) => sale.storeId === storeId),
  );
}

/**
 * The B2B buyer of the bill (Shift+F8): GSTIN checked as it is typed, name, state (from the GSTIN when
 * there is one, else from the list) and address; a buyer of an earlier bill is picked by typing its
 * GSTIN or name. The buyer reaches the bill only when every field is right.
 */
export function BuyerDialog(props: {
  buyer: SaleBuyer | null;
  onSubmit: (buyer: SaleBuyer | null) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const [form, setForm] = useState<BuyerForm>(
    props.buyer === null ? EMPTY_BUYER_FORM : formOf(props.buyer),
  );
  const [problems, setProblems] = useState<readonly BuyerFormProblem[]>([]);
  const [known, setKnown] = useState<readonly SaleBuyer[]>([]);
  useEffect(() => {
    let live = true;
    void knownBuyers(services.db, services.credential.storeId).then((buyers) => {
      if (live) setKnown(buyers);
    });
    return () => {
      live = false;
    };
  }, [services.db, services.credential.storeId]);

  const gstin = gstinFieldState(form.gstin);
  const stateLocked = gstin.kind === 'valid' || gstin.kind === 'invalid' || gstin.kind === 'typing';
  const stateCode = gstin.kind === 'empty' ? form.stateCode : form.gstin.trim().slice(0, 2);
  const language = i18n.language === 'hi' ? 'hi' : 'en';
  const problemOf = (field: BuyerFormProblem['field']) =>
    problems.find((problem) => problem.field === field);
  const edit = (change: Partial<BuyerForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setProblems([]);
  };
  // A GSTIN or name of an earlier buyer fills the whole form.
  const pickOrEdit = (field: 'gstin' | 'name', value: string) => {
    const picked = pickKnownBuyer(known, value);
    if (picked !== undefined && value.trim().length >= (field === 'gstin' ? 15 : 1))
      setForm(formOf(picked));
    else edit({ [field]: value });
    setProblems([]);
  };
  const gstinMessage =
    gstin.kind === 'invalid'
      ? t(`buyer.gstinProblem.${gstin.problem}`, { code: gstin.stateCode })
      : gstin.kind === 'typing'
        ? t('buyer.gstinTyping', { count: gstin.typed })
        : gstin.kind === 'valid'
          ? t('buyer.gstinValid')
          : t('buyer.unregistered');

  return (
    <Dialog
      title={t('buyer.title')}
      testId="buyer-dialog"
      onCancel={props.onCancel}
      onSubmit={() => {
        const result = buyerOf(form);
        if (result.ok) props.onSubmit(result.buyer);
        else setProblems(result.problems);
      }}
    >
      <label>
        {t('buyer.gstin')}
        <input
          data-testid="buyer-gstin"
          list="known-buyer-gstins"
          autoComplete="off"
          maxLength={20}
          value={form.gstin}
          aria-invalid={gstin.kind === 'invalid' || problemOf('gstin') !== undefined}
          onChange={(event) => {
            pickOrEdit('gstin', event.target.value.toUpperCase());
          }}
        />
      </label>
      <p
        className={gstin.kind === 'invalid' ? 'error' : 'hint'}
        role={gstin.kind === 'invalid' ? 'alert' : undefined}
        data-testid="buyer-gstin-message"
        data-state={gstin.kind}
      >
        {gstinMessage}
      </p>
      <datalist id="known-buyer-gstins">
        {known
          .filter((buyer) => buyer.gstin !== null)
          .map((buyer) => (
            <option key={buyer.gstin} value={buyer.gstin ?? ''}>
              {buyer.name}
            </option>
          ))}
      </datalist>
      <label>
        {t('buyer.name')}
        <input
          data-testid="buyer-name"
          list="known-buyer-names"
          autoComplete="off"
          maxLength={200}
          value={form.name}
          onChange={(event) => {
            pickOrEdit('name', event.target.value);
          }}
        />
      </label>
      <datalist id="known-buyer-names">
        {known.map((buyer) => (
          <option key={`${buyer.gstin ?? ''}|${buyer.name}`} value={buyer.name}>
            {buyer.gstin ?? t('buyer.unregisteredShort')}
          </option>
        ))}
      </datalist>
      <label>
        {t('buyer.state')}
        <select
          data-testid="buyer-state"
          value={stateCode}
          disabled={stateLocked}
          onChange={(event) => {
            edit({ stateCode: event.target.value });
          }}
        >
          <option value="">{t('buyer.chooseState')}</option>
          {GST_STATE_CODES.map((state) => (
            <option key={state.code} value={state.code}>
              {state.code} · {state.name[language]}
            </option>
          ))}
        </select>
      </label>
      {stateLocked && <p className="hint">{t('buyer.stateFromGstin')}</p>}
      <label>
        {t('buyer.address')}
        <textarea
          data-testid="buyer-address"
          maxLength={500}
          rows={2}
          value={form.address}
          onChange={(event) => {
            edit({ address: event.target.value });
          }}
        />
      </label>
      {problems.map((problem) => (
        <p className="error" role="alert" key={problem.field} data-testid="buyer-problem">
          {t(problem.key, { code: stateCode })}
        </p>
      ))}
      <div className="actions">
        <button type="submit" data-testid="buyer-submit">
          {t('buyer.submit')}
        </button>
        {props.buyer !== null && (
          <button
            type="button"
            data-testid="buyer-remove"
            onClick={() => {
              props.onSubmit(null);
            }}
          >
            {t('buyer.remove')}
          </button>
        )}
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
