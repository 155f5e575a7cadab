import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

// Component tests: each page and component mounted in happy-dom with the API answered by a
// fetch stub that records what was sent.
export default mergeConfig(viteConfig, defineConfig({
  test: {
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,  // the first mount of a page compiles its Element Plus components
    // Element Plus imports its CSS from its modules; let Vite, not Node, load them.
    server: { deps: { inline: ['element-plus'] } },
  },
}))
