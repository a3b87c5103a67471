import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../services/terminal-services';
import { ManagerPinDialog } from './manager-approval';
import type { CounterPerson, PinCheck } from '../pin/pin-gate';

/** How often the screen looks for the server's list of people while it has none. */
const PEOPLE_POLL_MS = 1_000;

type Outcome = { kind: 'checking' } | { kind: 'failed'; check: Exclude<PinCheck, { ok: true }> };

/**
 * The counter's sign-in: pick yourself (↑↓ or the list), type your PIN, Enter. Shown before any
 * screen while nobody is signed in. The PIN is checked offline by the gate, which counts wrong
 * PINs and locks after too many, across reloads.
 */
export function SignInScreen() {
  const { t } = useTranslation();
  const { pinGate, cashier$ } = useServices();
  const [people, setPeople] = useState<CounterPerson[] | null>(null);
  const [userId, setUserId] = useState('');
  const [pin, setPin] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Counts finished checks, so a test (or an observer) can tell a new refusal from the last one.
  const [checks, setChecks] = useState(0);
  const [unlocking, setUnlocking] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);
  // Set from submit to answer: a second Enter before React renders the busy state is ignored too.
  const busy = useRef(false);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      void pinGate.people().then((list) => {
        if (!live) return;
        setPeople(list);
        if (list.length === 0) timer = setTimeout(load, PEOPLE_POLL_MS);
        else setUserId((current) => current || (list[0]?.userId ?? ''));
      });
    };
    load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [pinGate]);
  useEffect(() => {
    pinRef.current?.focus();
  }, [people]);

  const submit = () => {
    if (userId === '' || pin === '' || busy.current) return;
    busy.current = true;
    setOutcome({ kind: 'checking' });
    void pinGate.signIn(userId, pin).then(
      (check) => {
        busy.current = false;
        setPin('');
        setChecks((count) => count + 1);
        if (check.ok) {
          cashier$.next(check.person);
          return;
        }
        setOutcome({ kind: 'failed', check });
        pinRef.current?.focus();
      },
      () => {
        // No PIN key yet (PIN sync fetches it): the cashier may try again.
        busy.current = false;
        setOutcome(null);
      },
    );
  };

  const message = (check: Exclude<PinCheck, { ok: true }>): string =>
    check.reason === 'wrong'
      ? t('signIn.wrong', { count: check.attemptsLeft })
      : t(`signIn.${check.reason}`);

  if (people === null) return <p className="loading">{t('app.loading')}</p>;
  return (
    <>
      <form
        className="sign-in"
        data-testid="sign-in-screen"
        data-checks={checks}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2>{t('signIn.title')}</h2>
        {people.length === 0 ? (
          <p data-testid="sign-in-waiting">{t('signIn.waiting')}</p>
        ) : (
          <>
            <label>
              {t('signIn.person')}
              <select
                data-testid="sign-in-person"
                value={userId}
                onChange={(event) => {
                  setUserId(event.target.value);
                  setOutcome(null);
                }}
              >
                {people.map((person) => (
                  <option key={person.userId} value={person.userId}>
                    {person.displayName}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('signIn.pin')}
              <input
                ref={pinRef}
                data-testid="sign-in-pin"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                value={pin}
                onChange={(event) => {
                  setPin(event.target.value);
                }}
              />
            </label>
            <button
              type="submit"
              data-testid="sign-in-submit"
              disabled={outcome?.kind === 'checking'}
            >
              {t('signIn.submit')}
            </button>
          </>
        )}
        {outcome?.kind === 'checking' && (
          <p role="status" data-testid="sign-in-busy">
            {t('signIn.checking')}
          </p>
        )}
        {outcome?.kind === 'failed' && (
          <p
            className="error"
            role="alert"
            data-testid="sign-in-message"
            data-reason={outcome.check.reason}
          >
            {message(outcome.check)}
          </p>
        )}
        {outcome?.kind === 'failed' && outcome.check.reason === 'locked' && (
          <button
            type="button"
            data-testid="sign-in-unlock"
            onClick={() => {
              setUnlocking(true);
            }}
          >
            {t('signIn.unlock')}
          </button>
        )}
      </form>
      {unlocking && (
        <ManagerPinDialog
          action="void"
          title={t('signIn.unlock')}
          check={(managerId, managerPin) => pinGate.unlock(userId, managerId, managerPin)}
          onAuthorised={() => {
            setUnlocking(false);
            setOutcome(null);
            pinRef.current?.focus();
          }}
          onCancel={() => {
            setUnlocking(false);
          }}
        />
      )}
    </>
  );
}
