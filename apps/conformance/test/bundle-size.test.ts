import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script shared with the `bundle-size` command; it has no type declarations.
import { APPS, appSize } from '../bench/bundle-size.mjs';

const KiB = 1024;

describe('bundle size (esbuild, minified + gzipped ESM)', () => {
  // The budgets (bench/bundle-size.mjs) are the sizes measured with ofetch and valibot as ordinary dependencies,
  // plus 10 %: they catch growth, and are never a reason for a build trick.
  for (const app of APPS as { name: string; source: string; budget: number }[]) {
    it(`${app.name} stays within ${app.budget / KiB} KiB`, async () => {
      const { gzipped, minified } = (await appSize(app.source)) as { gzipped: number; minified: number };
      console.log(
        `${app.name}: ${(minified / KiB).toFixed(1)} KiB minified, ${(gzipped / KiB).toFixed(1)} KiB gzipped`,
      );
      expect(gzipped).toBeGreaterThan(1 * KiB);
      expect(gzipped).toBeLessThanOrEqual(app.budget);
    }, 60_000);
  }
});
