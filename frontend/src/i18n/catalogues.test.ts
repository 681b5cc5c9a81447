import { describe, expect, it } from 'vitest';
import de from './locales/de.json';
import en from './locales/en.json';

type Catalogue = { [key: string]: string | Catalogue };

/** `{ a: { b: 'x' } }` -> `{ 'a.b': 'x' }`. */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const english = flatten(en);
const german = flatten(de);
const placeholders = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}|<(\w+)>/g)].map((m) => m[0]).sort();

describe('message catalogues', () => {
  it('German has every key English has, and no other', () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each([
    ['en', english],
    ['de', german],
  ])('%s has no empty message', (_, catalogue) => {
    const empty = [...catalogue].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('German keeps the placeholders and tags of each English message', () => {
    const differing = [...english]
      .filter(([key, text]) => {
        const other = german.get(key);
        return other !== undefined && placeholders(other).join() !== placeholders(text).join();
      })
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });
});
