/** @jest-environment jsdom */
// The analysis date follows the pane's language, not the browser's (jsdom's is en-US, like an
// English Chromium): a text field for YYYY-MM-DD with the pane's placeholder and messages, the
// date committed to the config only when it names a real day, arrow keys moving it by a day.
import './shims';
import '@testing-library/jest-dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { defaultConfig } from '../../src/config';
import { t, type Locale } from '../../src/i18n';
import { demoPort, loadSheet, paneUser, renderPane, testHost } from './support';

describe.each(['zh-CN', 'en-US'] as const)('analysis date in a %s pane (browser en-US)', (locale: Locale) => {
  const tr = (k: Parameters<typeof t>[1], p?: Record<string, string>) => t(locale, k, p);

  test('is typed as YYYY-MM-DD with the pane’s words, refuses what is not a day, and reaches the config', async () => {
    expect(navigator.language).toBe('en-US');
    const { host, log } = testHost(demoPort(), { displayLanguage: locale, classify: () => new Promise(() => {}) });
    const user = paneUser();
    renderPane(host, defaultConfig({ locale }));
    await loadSheet(user, tr('data.orders.title'), 'Orders', { address: tr('data.address.label') });
    await user.click(screen.getByRole('tab', { name: tr('step.methods') }));
    const input = screen.getByLabelText(tr('methods.analysisDate')) as HTMLInputElement;
    // Not a native date input: Chromium would show that in the browser's language and order.
    expect(input.type).toBe('text');
    expect(input).toHaveAttribute('placeholder', tr('field.date.placeholder'));
    expect(input).toHaveAttribute('lang', locale);

    // Half a date is not an error while it is being typed; it is when the user leaves the field.
    await user.type(input, '2024-0');
    expect(input).not.toHaveAttribute('aria-invalid', 'true');
    fireEvent.blur(input);
    expect(screen.getByText(tr('field.error.date', { text: '2024-0' }))).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, '06/30/2024');
    expect(screen.getByText(tr('field.error.date', { text: '06/30/2024' }))).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(input, { target: { value: '2024-02-30' } });
    expect(screen.getByText(tr('field.error.dateNotReal', { text: '2024-02-30' }))).toBeInTheDocument();

    // Keyboard: type a real day, then step it with the arrow keys (across a month end).
    await user.clear(input);
    await user.type(input, '2006-12-30');
    expect(screen.queryByText(tr('field.error.dateNotReal', { text: '2024-02-30' }))).not.toBeInTheDocument();
    expect(input).not.toHaveAttribute('aria-invalid', 'true');
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowDown}');
    expect(input.value).toBe('2006-12-31');

    // The CLV holdout end is the same field.
    await user.click(screen.getByRole('button', { name: new RegExp(`^${tr('methods.clv')}`) }));
    const holdout = screen.getByLabelText(tr('methods.clv.holdout')) as HTMLInputElement;
    expect([holdout.type, holdout.placeholder]).toEqual(['text', tr('field.date.placeholder')]);

    await user.click(screen.getByRole('button', { name: tr('run.run') }));
    await waitFor(() => expect(log.classified.length).toBe(1));
    expect(log.classified[0].config.analysisDate).toBe('2006-12-31');
  }, 60_000);
});
