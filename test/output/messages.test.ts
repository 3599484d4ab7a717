import { messages } from '../../src/i18n/messages/output';

describe('output messages', () => {
  it('has the same keys and placeholders in 中文 and English', () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
    const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(messages.en)) expect([k, params(messages.zh[k as keyof typeof messages.zh])]).toEqual([k, params(messages.en[k as keyof typeof messages.en])]);
  });
});
