import { describe, expect, it } from 'vitest';

// Every catalogue file: `en.json`/`de.json` (the app's) and `<area>.<lang>.json` (one area each).
const files = import.meta.glob<Catalogue>('./locales/*.json', { eager: true, import: 'default' });
const byLanguage = (language: string) =>
  Object.entries(files).filter(
    ([path]) => path.endsWith(`/${language}.json`) || path.endsWith(`.${language}.json`),
  );

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

function merged(language: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [, catalogue] of byLanguage(language))
    for (const [k, v] of flatten(catalogue)) out.set(k, v);
  return out;
}

const english = merged('en');
const german = merged('de');
const placeholders = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}|<(\w+)>/g)].map((m) => m[0]).sort();

describe('message catalogues', () => {
  it.each(['en', 'de'])('no two %s files define the same area', (language) => {
    const areas = byLanguage(language).flatMap(([, catalogue]) => Object.keys(catalogue));
    expect(areas.length).toBeGreaterThan(5);
    expect(areas.filter((area, i) => areas.indexOf(area) !== i)).toEqual([]);
  });

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
