// One way to call the server: JSON in and out, the session cookie, the CSRF token on every
// request that changes something, the chosen language for the server's messages, and one
// error type that keeps the server's code, message and the field it names.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

interface ClientState {
  csrfToken: string
  language: string
  onUnauthenticated: (code: string) => void
  onActivity: () => void
}

const state: ClientState = {
  csrfToken: '',
  language: 'zh-CN',
  onUnauthenticated: () => {},
  onActivity: () => {},
}

export function configureClient(changes: Partial<ClientState>): void {
  Object.assign(state, changes)
}

const kStateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export type Query = Record<string, string | number | boolean | undefined | null>

// "/api/v1/orgs/qs-zx/care-rules" from its parts, each escaped.
export const apiPath = (...parts: string[]) => '/api/v1/' + parts.map(encodeURIComponent).join('/')

export function withQuery(path: string, query: Query = {}): string {
  const parameters = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') parameters.set(name, String(value))
  }
  const text = parameters.toString()
  return text ? `${path}?${text}` : path
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {}
  try {
    body = await response.json()
  } catch {
    // A proxy's HTML page or an empty body: keep the status alone.
  }
  const error = (body.error ?? {}) as { code?: string; message?: string; field?: string | null }
  return new ApiError(response.status, error.code ?? 'http_' + response.status, error.message ?? response.statusText,
    error.field ?? null, body)
}

export function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json')
}

// A file as the request's body (a photo of a care record): the server sniffs what it is.
export const upload = <T>(path: string, file: Blob) => send<T>('POST', path, file, file.type || 'application/octet-stream')

async function send<T>(method: string, path: string, body: BodyInit | undefined, type: string): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': state.language, Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = type
  if (kStateChanging.has(method) && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken
  let response: Response
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', '')
  }
  if (!response.ok) {
    const error = await errorOf(response)
    if (response.status === 401 && !path.endsWith('/session')) state.onUnauthenticated(error.code)
    throw error
  }
  state.onActivity()
  return (await response.json()) as T
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query))
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body)
export const put = <T>(path: string, body: unknown = {}) => api<T>('PUT', path, body)
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body)
export const del = <T>(path: string) => api<T>('DELETE', path)
