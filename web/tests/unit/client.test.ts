import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureClient, get, patch, post } from '../../src/api/client'
import { stubServer } from './support'

afterEach(() => vi.unstubAllGlobals())

describe('the API client', () => {
  it('sends the CSRF token on changes only, and the chosen language always', async () => {
    const sent = stubServer({ 'GET /api/v1/children': { body: { items: [] } }, 'POST /api/v1/children': { body: {} } })
    configureClient({ csrfToken: 'token-1', language: 'en' })
    await get('/api/v1/children', { q: 'lxy', grade: '', page: 2 })
    await post('/api/v1/children', { name: '吕欣怡' })
    expect(sent[0].url).toBe('/api/v1/children?q=lxy&page=2')  // empty filters are left out
    expect(sent[0].headers['X-CSRF-Token']).toBeUndefined()
    expect(sent[1].headers['X-CSRF-Token']).toBe('token-1')
    expect(sent.map((request) => request.headers['Accept-Language'])).toEqual(['en', 'en'])
  })

  it('keeps the server\'s code, message and field', async () => {
    stubServer({ 'PATCH /api/v1/children/c1': { status: 422, body: { error: { code: 'id_number_length', message: '身份证号应为 18 位', field: 'id_number' } } } })
    const error = (await patch('/api/v1/children/c1', {}).catch((e) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect([error.status, error.code, error.message, error.field]).toEqual([422, 'id_number_length', '身份证号应为 18 位', 'id_number'])
  })

  it('tells the app when the session is gone, but not for a failed sign-in', async () => {
    const gone = vi.fn()
    configureClient({ onUnauthenticated: gone })
    stubServer({
      'GET /api/v1/children': { status: 401, body: { error: { code: 'session_expired', message: '', field: null } } },
      'POST /api/v1/session': { status: 401, body: { error: { code: 'invalid_credentials', message: '', field: null } } },
    })
    await get('/api/v1/children').catch(() => undefined)
    await post('/api/v1/session', {}).catch(() => undefined)
    expect(gone).toHaveBeenCalledTimes(1)
    expect(gone).toHaveBeenCalledWith('session_expired')
  })

  it('turns an unreachable server into a network error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch') }))
    const error = (await get('/api/v1/children').catch((e) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('network')
  })
})
