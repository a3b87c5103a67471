import { describe, expect, it } from 'vitest';
import { readUpdateSettings, updateAction } from '../../src/main/auto-update-policy';

describe('updateAction', () => {
  it('installs only when asked with no bill open; otherwise waits for the app to quit', () => {
    const table = [
      // downloaded, billOpen, userAsked → action
      [false, false, false, 'none'],
      [false, false, true, 'none'],
      [false, true, true, 'none'],
      [true, false, false, 'install-on-quit'],
      [true, true, false, 'install-on-quit'],
      [true, true, true, 'refuse-bill-open'],
      [true, false, true, 'restart-now'],
    ] as const;
    for (const [downloaded, billOpen, userAsked, expected] of table) {
      expect(
        updateAction({ downloaded, billOpen, userAsked }),
        `${downloaded} ${billOpen} ${userAsked}`,
      ).toBe(expected);
    }
  });
});

describe('readUpdateSettings', () => {
  it('defaults to the stable channel, a check every 4 hours and the URL built into the installer', () => {
    expect(readUpdateSettings({})).toEqual({
      enabled: true,
      channel: 'stable',
      checkIntervalMs: 4 * 3_600_000,
      feedUrl: null,
    });
  });

  it('reads the channel, the interval, an https override and "off"', () => {
    expect(
      readUpdateSettings({
        KIRYANA_UPDATES: 'off',
        KIRYANA_UPDATE_CHANNEL: 'beta',
        KIRYANA_UPDATE_CHECK_HOURS: '24',
        KIRYANA_UPDATE_URL: 'https://updates.example.in/terminal/',
      }),
    ).toEqual({
      enabled: false,
      channel: 'beta',
      checkIntervalMs: 24 * 3_600_000,
      feedUrl: 'https://updates.example.in/terminal/',
    });
  });

  it('refuses a wrong setting with its name rather than guessing', () => {
    expect(() => readUpdateSettings({ KIRYANA_UPDATE_CHANNEL: 'nightly' })).toThrow(
      /KIRYANA_UPDATE_CHANNEL/,
    );
    expect(() => readUpdateSettings({ KIRYANA_UPDATE_CHECK_HOURS: '0' })).toThrow(
      /KIRYANA_UPDATE_CHECK_HOURS/,
    );
    expect(() => readUpdateSettings({ KIRYANA_UPDATE_CHECK_HOURS: '1.5' })).toThrow(/whole number/);
    expect(() => readUpdateSettings({ KIRYANA_UPDATE_CHECK_HOURS: '169' })).toThrow(/168/);
    expect(() => readUpdateSettings({ KIRYANA_UPDATES: 'yes' })).toThrow(/KIRYANA_UPDATES/);
    expect(() => readUpdateSettings({ KIRYANA_UPDATE_URL: 'http://10.0.0.5/updates' })).toThrow(
      /https/,
    );
  });
});
