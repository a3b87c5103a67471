import { type DeviceCredential, enrollDevice } from '@kiryana/sync-client';
import { deriveOperatorToken } from '@kiryana/sync-server/operator';

/**
 * Enrols a simulated terminal the way a real one is enrolled: an operator makes a one-time code
 * for the store (`POST /v1/operator/enrolment-codes`, what `pnpm cli enroll` does), and the
 * terminal's own `enrollDevice` exchanges it for its device credential.
 */
export async function enrolTerminal(input: {
  readonly serverUrl: string;
  readonly deviceTokenSecret: string;
  readonly storeCode: string;
  readonly terminalName: string;
}): Promise<DeviceCredential> {
  const response = await fetch(`${input.serverUrl}/v1/operator/enrolment-codes`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${deriveOperatorToken(input.deviceTokenSecret)}`,
    },
    body: JSON.stringify({ storeCode: input.storeCode, ttlHours: 1 }),
  });
  if (response.status !== 201) {
    throw new Error(
      `enrolment code for ${input.storeCode}: ${String(response.status)} ${await response.text()}`,
    );
  }
  const { code } = (await response.json()) as { code: string };
  return enrollDevice(fetch, input.serverUrl, code, input.terminalName);
}
