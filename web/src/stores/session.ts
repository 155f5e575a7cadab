import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError, configureClient, del, get, post, put } from '../api/client'
import type { Role, Session } from '../api/types'

// Who is signed in, in which of their roles they act, and when they last reached the server
// (the idle warning counts from there).
export const useSessionStore = defineStore('session', () => {
  const session = ref<Session | null>(null)
  const activeRoleIndex = ref(0)
  const lastActivityAt = ref(Date.now())
  const expired = ref(false)

  const user = computed(() => session.value?.user ?? null)
  const activeRole = computed<Role | null>(() => user.value?.roles[activeRoleIndex.value] ?? user.value?.roles[0] ?? null)
  const mustChangePassword = computed(() => session.value?.must_change_password ?? false)
  const mustEnrollTotp = computed(() => session.value?.must_enroll_totp ?? false)
  const idleSeconds = computed(() => session.value?.idle_seconds ?? 30 * 60)
  const can = (action: string) => session.value?.actions?.includes(action) ?? false

  function adopt(next: Session | null) {
    session.value = next
    configureClient({ csrfToken: next?.csrf_token ?? '' })
    lastActivityAt.value = Date.now()
    if (next) expired.value = false
    if (activeRoleIndex.value >= (next?.user.roles.length ?? 0)) activeRoleIndex.value = 0
  }

  async function load(): Promise<void> {
    try {
      adopt(await get<Session>('/api/v1/session'))
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error
      adopt(null)
    }
  }

  async function login(username: string, password: string, otp: string): Promise<void> {
    adopt(await post<Session>('/api/v1/session', { username, password, otp: otp || undefined }))
  }

  async function logout(): Promise<void> {
    try {
      await del('/api/v1/session')
    } finally {
      adopt(null)
    }
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    await put('/api/v1/session/password', { old_password: oldPassword, new_password: newPassword })
    await load()
  }

  function markExpired() {
    adopt(null)
    expired.value = true
  }

  configureClient({
    onActivity: () => (lastActivityAt.value = Date.now()),
    onUnauthenticated: () => markExpired(),
  })

  return {
    session, user, activeRole, activeRoleIndex, lastActivityAt, expired, mustChangePassword, mustEnrollTotp,
    idleSeconds, can, load, login, logout, changePassword, markExpired, adopt,
  }
})
