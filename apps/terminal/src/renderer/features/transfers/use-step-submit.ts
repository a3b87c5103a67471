import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordStep } from '../../db/facts';
import { useServices } from '../../services/terminal-services';
import type { StepOutcome } from './transfer-steps';

/**
 * Saving a transfer step from a counter form: builds the step when the form is sent, records it, or
 * keeps the form open saying why not (a quantity that does not parse, the machine's refusal, the
 * storage failing). `saving` holds while the write is under way, so the button sends once.
 * @example
 * const { message, saving, submit } = useStepSubmit(() => dispatchStep(ctx, state, lines), onDone);
 */
export function useStepSubmit(
  build: () => StepOutcome | null,
  onDone: () => void,
): { message: string | null; saving: boolean; submit: () => Promise<void> } {
  const { t } = useTranslation();
  const services = useServices();
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (): Promise<boolean> => {
    const outcome = build();
    if (outcome === null) {
      setMessage(t('transfers.invalidQuantity'));
      return false;
    }
    if (!outcome.ok) {
      setMessage(t(`workflowError.${outcome.code}`, { defaultValue: outcome.message }));
      return false;
    }
    try {
      await services.serially(() => recordStep(services.db, outcome.row));
    } catch (error) {
      setMessage(String(error));
      return false;
    }
    return true;
  };
  const submit = async () => {
    setSaving(true);
    const done = await save();
    setSaving(false);
    if (done) onDone();
  };
  return { message, saving, submit };
}
