/// <reference types="node" />
// The import-direction rule (eslint.config.js, `import/no-restricted-paths`) only bites when the
// resolver turns each import into a file; if that ever breaks, the rule passes everything in
// silence. This lints forbidden imports through the real config and expects refusals.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  // Only this rule runs, so the type-aware parse (seconds per program) can be skipped.
  ruleFilter: ({ ruleId }) => ruleId === 'import/no-restricted-paths',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

/** The rule's messages for `source` linted as if it were the file at `filePath`. */
async function refusals(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'import/no-restricted-paths')
    .map((m) => m.message);
}

describe('import direction', { timeout: 60_000 }, () => {
  it.each([
    ['shared -> feature', 'src/lib/count-label.ts', '@/features/events/api/get-event'],
    ['shared -> app', 'src/components/Loading.tsx', '../app/layout'],
    ['feature -> app', 'src/features/events/components/EventCard.tsx', '@/app/router'],
    [
      'feature -> feature',
      'src/features/events/components/EventCard.tsx',
      '@/features/auth/api/get-me',
    ],
    [
      'feature -> feature (relative)',
      'src/features/users/api/get-users.ts',
      '../../auth/api/get-me',
    ],
  ])('refuses %s', async (_, filePath, specifier) => {
    const found = await refusals(filePath, `export * from '${specifier}';\n`);
    expect(found).toHaveLength(1);
  });

  it.each([
    ['feature -> shared', 'src/features/events/components/EventCard.tsx', '@/lib/datetime'],
    [
      'feature -> itself',
      'src/features/events/components/EventCard.tsx',
      '@/features/events/api/get-event',
    ],
    ['app -> feature', 'src/app/router.tsx', '@/features/auth/components/RequireAuth'],
  ])('allows %s', async (_, filePath, specifier) => {
    expect(await refusals(filePath, `export * from '${specifier}';\n`)).toEqual([]);
  });
});
