/**
 * When the terminal may install a downloaded update, and how the updater is configured. Pure
 * functions: the Electron wiring (auto-update.ts) only feeds them facts and obeys the answer.
 *
 * The rule: an update downloads in the background and is installed when the app quits (the
 * cashier closed it, or Windows shut down) or when the cashier presses "Restart to update" while no
 * bill is open. The terminal never restarts itself: a restart in the middle of a sale would lose
 * the bill on screen (the cart lives in the renderer's memory), and one in the middle of a shift
 * would surprise the cashier at the counter.
 *
 * Facts not yet pushed to the server do NOT hold an update back: they live in the SQLite files
 * under the user's data folder, which the NSIS, AppImage and deb updates never touch, and the
 * next start pushes them. Holding back would keep a terminal that is offline for days on the old
 * version, which is exactly when a fix matters. The price is that every release must open the
 * previous release's database (see docs/releasing-terminal.md, "Database changes").
 */
import type { UpdateAction } from '../bridge/bridge-api';

/** What the main process knows when it decides. */
export type UpdateFacts = {
  /** An update is downloaded (and its sha512 checked by electron-updater). */
  readonly downloaded: boolean;
  /** The renderer reports a bill with lines, a weight being entered or a payment in progress. */
  readonly billOpen: boolean;
  /** The cashier pressed "Restart to update". */
  readonly userAsked: boolean;
};

/**
 * Decides what to do with an update; the only place that may answer 'restart-now'. Nothing
 * downloaded → 'none'; downloaded and nobody asked → 'install-on-quit' (the "update ready"
 * notice); asked while a bill is open → 'refuse-bill-open'; asked with none → 'restart-now'.
 */
export function updateAction(facts: UpdateFacts): UpdateAction {
  if (!facts.downloaded) return 'none';
  if (!facts.userAsked) return 'install-on-quit';
  return facts.billOpen ? 'refuse-bill-open' : 'restart-now';
}

/** Release channels: a beta terminal also takes stable releases newer than its version. */
const UPDATE_CHANNELS = ['stable', 'beta'] as const;
type UpdateChannel = (typeof UPDATE_CHANNELS)[number];

export type UpdateSettings = {
  /** False: never check (a chain that pushes installers through its own device management). */
  readonly enabled: boolean;
  readonly channel: UpdateChannel;
  /** Milliseconds between checks after the one at start. */
  readonly checkIntervalMs: number;
  /** Overrides the URL built into the installer (app-update.yml), e.g. a pilot group's server. */
  readonly feedUrl: string | null;
};

const HOUR_MS = 3_600_000;
const DEFAULT_CHECK_HOURS = 4;
// More often than hourly only loads the update server; less than weekly misses urgent fixes.
const MIN_CHECK_HOURS = 1;
const MAX_CHECK_HOURS = 168;

/** Environment variables the updater reads (documented in docs/releasing-terminal.md). */
export const UPDATE_ENV = {
  enabled: 'KIRYANA_UPDATES',
  channel: 'KIRYANA_UPDATE_CHANNEL',
  checkHours: 'KIRYANA_UPDATE_CHECK_HOURS',
  feedUrl: 'KIRYANA_UPDATE_URL',
} as const;

/**
 * Reads the updater's settings from the environment. A wrong value is an error, not a silent
 * default: a terminal on the wrong channel or never checking is found only when it is too late.
 */
export function readUpdateSettings(
  env: Readonly<Record<string, string | undefined>>,
): UpdateSettings {
  const enabled = env[UPDATE_ENV.enabled] ?? 'on';
  if (enabled !== 'on' && enabled !== 'off') {
    throw new Error(`${UPDATE_ENV.enabled} must be "on" or "off", not "${enabled}".`);
  }
  const channel = env[UPDATE_ENV.channel] ?? 'stable';
  if (!(UPDATE_CHANNELS as readonly string[]).includes(channel)) {
    throw new Error(
      `${UPDATE_ENV.channel} must be one of ${UPDATE_CHANNELS.join(', ')}, not "${channel}".`,
    );
  }
  const hoursText = env[UPDATE_ENV.checkHours] ?? String(DEFAULT_CHECK_HOURS);
  const hours = Number(hoursText);
  if (!Number.isInteger(hours) || hours < MIN_CHECK_HOURS || hours > MAX_CHECK_HOURS) {
    throw new Error(
      `${UPDATE_ENV.checkHours} must be a whole number of hours from ${MIN_CHECK_HOURS} to ${MAX_CHECK_HOURS}, not "${hoursText}".`,
    );
  }
  const feedUrl = env[UPDATE_ENV.feedUrl] ?? null;
  if (feedUrl !== null && !/^https:\/\/[^/]/.test(feedUrl)) {
    // Over plain HTTP anyone on the shop's network could offer a "newer" latest.yml.
    throw new Error(`${UPDATE_ENV.feedUrl} must be an https:// URL, not "${feedUrl}".`);
  }
  return {
    enabled: enabled === 'on',
    channel: channel as UpdateChannel,
    checkIntervalMs: hours * HOUR_MS,
    feedUrl,
  };
}
