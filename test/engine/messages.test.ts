// The engine's message catalogue: same keys in both languages, a message for every warning code.
import * as fs from 'fs';
import * as path from 'path';
import { messages } from '../../src/i18n/messages/engine';

describe('engine messages', () => {
  test('en and zh have the same keys and the same placeholders', () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
    const en = messages.en as Record<string, string>;
    const zh = messages.zh as Record<string, string>;
    for (const key of Object.keys(en)) {
      const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect([key, params(zh[key])]).toEqual([key, params(en[key])]);
    }
  });

  test('every warning code the engine emits has a message', () => {
    const src = path.resolve(__dirname, '../../src/engine');
    const files = ['classify.ts', 'methods/abc.ts', 'methods/rfm.ts', 'methods/activity.ts', 'methods/dimensions.ts'];
    const codes = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(path.join(src, f), 'utf8');
      for (const m of text.matchAll(/code: (?:config\.returns === 'net' \? )?'([a-z_]+)'(?: : '([a-z_]+)')?/g)) {
        codes.add(m[1]);
        if (m[2]) codes.add(m[2]);
      }
    }
    expect(codes.size).toBeGreaterThan(8);
    for (const code of codes) expect(Object.keys(messages.en)).toContain(`warning.${code}`);
  });
});
