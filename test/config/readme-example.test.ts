// The README's config example must stay valid: people copy it.
import { readFileSync } from 'fs';
import path from 'path';
import { parseConfig } from '../../src/config';

test('the config example in README.md is a valid config', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const block = /## Configuration[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const r = parseConfig(JSON.parse(block!));
  expect(r.ok ? [] : r.errors).toEqual([]);
  if (r.ok) {
    expect(r.config.methods.rules[0].otherwise).toBe('C');
    expect(r.config.methods.clv?.enabled).toBe(true);
  }
});
