import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/i18n';
import { UpdateNoticeView } from './update-notice';

function render(billOpen: boolean): string {
  return renderToStaticMarkup(
    createElement(UpdateNoticeView, { version: '1.4.0', billOpen, onRestart: () => undefined }),
  );
}

describe('UpdateNoticeView', () => {
  it('offers "Restart to update" with no bill open', async () => {
    await createI18n('en');
    const html = render(false);
    expect(html).toContain('Update 1.4.0 ready: installs when the terminal is closed');
    expect(html).toMatch(/<button type="button" data-testid="restart-to-update">Restart to update/);
    expect(html).not.toContain('Complete or hold the open bill first');
  });

  it('disables the button and says why while a bill is open, in Hindi too', async () => {
    await createI18n('en');
    expect(render(true)).toMatch(/<button[^>]* disabled=""[^>]*>Restart to update/);
    expect(render(true)).toContain('Complete or hold the open bill first (F9), then restart.');
    await createI18n('hi');
    const hindi = render(true);
    expect(hindi).toContain('अपडेट 1.4.0 तैयार');
    expect(hindi).toMatch(/disabled=""[^>]*>अपडेट के लिए फिर से शुरू करें/);
  });
});
