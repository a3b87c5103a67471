import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/dialog';
import { useServices } from '../../services/terminal-services';
import {
  needsManager,
  permissionFor,
  type CounterAction,
  type CounterPerson,
  type PinCheck,
} from '../pin/pin-gate';

/**
 * Asks for a manager's PIN (someone holding the action's permission), checked offline by the
 * gate, which counts and locks wrong PINs as at sign-in and queues the outcome for the audit log.
 */
export function ManagerPinDialog(props: {
  action: CounterAction;
  onAuthorised: (manager: CounterPerson) => void;
  onCancel: () => void;
  /** What the manager's PIN does; authorising the action by default (e.g. `gate.unlock` instead). */
  check?: (managerId: string, pin: string) => Promise<PinCheck>;
  title?: string;
}) {
  const { t } = useTranslation();
  const { pinGate } = useServices();
  const [managers, setManagers] = useState<CounterPerson[]>([]);
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [refusal, setRefusal] = useState<Exclude<PinCheck, { ok: true }> | null>(null);
  // While the PIN is being checked (about a second) further submits are ignored; the ref guards
  // a second Enter that arrives before React has rendered the first one's busy state.
  const [checking, setChecking] = useState(false);
  const busy = useRef(false);
  useEffect(() => {
    void pinGate.people().then((people) => {
      const allowed = people.filter((p) => p.permissions.includes(permissionFor(props.action)));
      setManagers(allowed);
      setManagerId(allowed[0]?.userId ?? '');
    });
  }, [pinGate, props.action]);
  const submit = () => {
    if (managerId === '' || pin === '' || busy.current) return;
    busy.current = true;
    setChecking(true);
    setRefusal(null);
    const check = props.check ?? ((id, typed) => pinGate.authorise(id, typed, props.action));
    void check(managerId, pin).then(
      (check) => {
        busy.current = false;
        setChecking(false);
        setPin('');
        if (check.ok) props.onAuthorised(check.person);
        else setRefusal(check);
      },
      () => {
        // No PIN key yet (PIN sync fetches it): the manager may try again.
        busy.current = false;
        setChecking(false);
      },
    );
  };
  return (
    <Dialog
      title={props.title ?? t('manager.title', { action: t(`manager.action.${props.action}`) })}
      testId="manager-dialog"
      onCancel={props.onCancel}
      onSubmit={submit}
    >
      {managers.length === 0 ? (
        <p>{t('manager.nobody')}</p>
      ) : (
        <>
          <label>
            {t('manager.person')}
            <select
              data-testid="manager-person"
              value={managerId}
              onChange={(event) => {
                setManagerId(event.target.value);
              }}
            >
              {managers.map((person) => (
                <option key={person.userId} value={person.userId}>
                  {person.displayName}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('signIn.pin')}
            <input
              data-testid="manager-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onChange={(event) => {
                setPin(event.target.value);
              }}
            />
          </label>
        </>
      )}
      {checking && (
        <p role="status" data-testid="manager-busy">
          {t('signIn.checking')}
        </p>
      )}
      {refusal !== null && (
        <p
          className="error"
          role="alert"
          data-testid="manager-message"
          data-reason={refusal.reason}
        >
          {refusal.reason === 'wrong'
            ? t('signIn.wrong', { count: refusal.attemptsLeft })
            : t(`signIn.${refusal.reason}`)}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" data-testid="manager-submit" disabled={checking}>
          {t('common.ok')}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * Runs counter actions that may need a manager: `approve(action, run, discountBp)` runs at once
 * when the signed-in cashier may do it alone (`needsManager`), otherwise after a manager's PIN.
 * Render `dialog`; `open` tells the screen to leave its keys alone meanwhile.
 */
export function useManagerApproval(): {
  approve: (action: CounterAction, run: () => void, discountBp?: number) => void;
  dialog: ReactNode;
  open: boolean;
} {
  const { cashier$ } = useServices();
  const [pending, setPending] = useState<{ action: CounterAction; run: () => void } | null>(null);
  const approve = (action: CounterAction, run: () => void, discountBp = 0) => {
    const cashier = cashier$.value;
    if (cashier !== null && !needsManager(cashier, action, discountBp)) run();
    else setPending({ action, run });
  };
  const dialog =
    pending === null ? null : (
      <ManagerPinDialog
        action={pending.action}
        onAuthorised={() => {
          setPending(null);
          pending.run();
        }}
        onCancel={() => {
          setPending(null);
        }}
      />
    );
  return { approve, dialog, open: pending !== null };
}
