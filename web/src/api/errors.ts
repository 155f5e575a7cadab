import { reactive } from 'vue'
import { ApiError } from './client'

type Translate = (key: string) => string

// The words to show for a failed call: the server's own message (already in the user's
// language), or ours when the server could not be reached.
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('error.network')
    return error.message || t('error.generic')
  }
  return t('error.generic')
}

// Errors shown at the field the server names ("birth_date", "extra.bus_route", "phone"), and
// one line for the rest.
export function useFieldErrors() {
  const fields = reactive<Record<string, string>>({})
  const state = reactive({ general: '' })

  function clear() {
    for (const name of Object.keys(fields)) delete fields[name]
    state.general = ''
  }

  function show(error: unknown, t: Translate) {
    clear()
    const text = errorText(error, t)
    if (error instanceof ApiError && error.field) fields[error.field] = text
    else state.general = text
  }

  return { fields, state, clear, show }
}
