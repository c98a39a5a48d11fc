import { configDefaults, defineConfig } from 'vitest/config'

// Five projects, so the everyday loop (`npm run test:unit`) needs no build and starts no child
// `node`. A new test file lands in `unit` unless it is named in one of the lists below.

/** Real processes, where a spawned `node dist/cli.js` proves what an in-process run cannot (needs `npm run build`). */
const CLI_PROCESS_TESTS = ['test/cli-smoke.test.ts', 'test/cli-closed-pipe.test.ts', 'test/cli-review-pty.test.ts', 'test/cli-demo.test.ts']

/** The built and packed package, browsers and the API clients that run our collections (need `npm run build`). */
const PACKAGE_TESTS = [
  'test/package.test.ts',
  'test/package-consumer-types.test.ts',
  'test/testing-readme-examples.test.ts',
  'test/node-entry-isolation.test.ts',
  'test/browser.test.ts',
  'test/report-html-browser.test.ts',
  'test/collections-clients.test.ts',
  'test/collections-clients-large.test.ts',
  'test/redis-acceptance.test.ts',
]

/**
 * Sweeps over whole real API definitions from ../shared/fixtures (Stripe, GitHub, Kubernetes, Linear):
 * each normalizes and diffs megabytes, and users' machines skip them (no ../shared) anyway.
 */
const FIXTURE_TESTS = [
  'test/change-set-by-cause.test.ts',
  'test/openapi-rules-e2e.test.ts',
  'test/graphql-fixtures.test.ts',
  'test/openapi-normalize-large.test.ts',
  'test/cli-report-stripe.test.ts',
]

/** Long runs: the randomized soak, and the sweep that parses every YAML file of ../shared/fixtures twice. */
const SOAK_TESTS = ['test/soak.test.ts', 'test/yaml-fixtures-compat.test.ts']

export default defineConfig({
  test: {
    testTimeout: 20_000,
    pool: 'forks',
    // vitest's default in a run is one worker fewer than the cores: on a 2-core machine, one file at a time.
    maxWorkers: '100%',
    // Type tests (test/**/*.test-d.ts) are checked once, by `tsc --noEmit` in `npm test` (tsconfig.json includes test/).
    typecheck: { enabled: false },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...CLI_PROCESS_TESTS, ...PACKAGE_TESTS, ...FIXTURE_TESTS, ...SOAK_TESTS] },
      },
      { extends: true, test: { name: 'cli', include: CLI_PROCESS_TESTS } },
      { extends: true, test: { name: 'package', include: PACKAGE_TESTS } },
      { extends: true, test: { name: 'fixtures', include: FIXTURE_TESTS } },
      { extends: true, test: { name: 'soak', include: SOAK_TESTS } },
    ],
  },
})
