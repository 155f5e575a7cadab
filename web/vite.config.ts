import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Element Plus components (and their CSS) are imported where a template uses them, so the
// first page loads only what it shows. `npm run dev` proxies the API to a local server.
export default defineConfig({
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver()], dts: false })],
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  build: { target: 'es2020', chunkSizeWarningLimit: 600 },
})
