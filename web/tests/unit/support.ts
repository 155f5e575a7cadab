import { vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import { makeI18n } from '../../src/i18n'

export interface Sent {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

type Answer = { status?: number; body: unknown }

// Replaces fetch with a table of answers by "METHOD path" (the first matching prefix wins) and
// records every request, so a test can check both what the page shows and what it sent.
export function stubServer(answers: Record<string, Answer | ((sent: Sent) => Answer)>): Sent[] {
  const sent: Sent[] = []
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    const request: Sent = {
      method: init.method ?? 'GET',
      url,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,  // a file stays as it is
    }
    sent.push(request)
    const key = Object.keys(answers).find((candidate) => `${request.method} ${url}`.startsWith(candidate))
    if (!key) return new Response(JSON.stringify({ error: { code: 'not_found', message: '', field: null } }), { status: 404 })
    const entry = answers[key]
    const answer = typeof entry === 'function' ? entry(request) : entry
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'Content-Type': 'application/json' } })
  }))
  return sent
}

// What a page needs around it: Pinia, vue-i18n in Chinese, and a router in memory.
export function appPlugins() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:rest(.*)*', name: 'any', component: { template: '<div />' } },
      { path: '/children/:id', name: 'child', component: { template: '<div />' } },
      { path: '/children', name: 'children', component: { template: '<div />' } },
      { path: '/login', name: 'login', component: { template: '<div />' } }],
  })
  return { pinia, router, plugins: [pinia, makeI18n('zh-CN'), router] }
}

// vi.waitFor with room for a loaded machine (its default second is too short when the C++
// suites run beside these tests).
export const eventually = <T>(check: () => T) => vi.waitFor(check, { timeout: 15_000, interval: 20 })
