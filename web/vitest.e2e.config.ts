import { defineConfig } from 'vitest/config'

// End-to-end tests: Debian's chromium, driven by playwright-core, against a real
// `shouwang serve` on a fresh database (e2e/global-setup.ts starts and stops it).
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 15_000 } },  // as long as a page action may take
  },
})
