import { apiPath, del, get, patch, post, put, type Query } from './client'
import type { ArchiveSettings, ExtraField, Org } from './types'

// The administration API: organisations and terms, users and roles, extra fields and the
// required list, the audit log.
export interface Term {
  key: string
  name: string
  starts_on: string
  ends_on: string
}

export interface ManagedUser {
  id: string
  username: string
  display_name: string
  email: string
  active: boolean
  must_change_password: boolean
  totp_enabled: boolean
  locked_until: string | null
  roles: { role: string; org_code: string }[]
}

export interface AuditEntry {
  seq: number
  at: string
  action: string
  outcome: string
  user_id: string
  role: string
  object_type: string
  object_id: string
  client_address: string
  request_id: string
}

export const addOrg = (org: { code: string; name: string; kind: string; parent: string; pupils?: number }) =>
  post<Org>('/api/v1/orgs', org)
export const changeOrg = (code: string, changes: { name?: string; active?: boolean }) => patch<Org>(apiPath('orgs', code), changes)
export const setPupils = (code: string, pupils: number) => put(apiPath('orgs', code, 'pupils'), { pupils })
export const termsOf = (code: string) => get<{ current: Term; county_terms: Term[] }>(apiPath('orgs', code, 'terms'))
export const setTerm = (county: string, term: Term) =>
  put(apiPath('orgs', county, 'terms', term.key), { starts_on: term.starts_on, ends_on: term.ends_on, name: term.name || undefined })

export const listUsers = () => get<{ users: ManagedUser[] }>('/api/v1/users')
export const addUser = (user: { username: string; display_name?: string; email?: string; role: string; org: string }) =>
  post<{ user: ManagedUser; temporary_password: string }>('/api/v1/users', user)
export const setUserActive = (username: string, active: boolean) => patch(apiPath('users', username), { active })
export const setUserEmail = (username: string, email: string) => patch(apiPath('users', username), { email })
export const resetPassword = (username: string) => post<{ temporary_password: string }>(apiPath('users', username, 'password'))
export const unlockUser = (username: string) => del(apiPath('users', username, 'lock'))
export const removeTotp = (username: string) => del(apiPath('users', username, 'totp'))
export const grantRole = (username: string, role: string, org: string) => post(apiPath('users', username, 'roles'), { role, org })
export const revokeRole = (username: string, role: string, org: string) => del(apiPath('users', username, 'roles', role, org))

export const archiveSettings = (code: string) => get<ArchiveSettings>(apiPath('orgs', code, 'archive-settings'))
export const addField = (code: string, field: { key: string; label: string; kind: string; choices?: string[] }) =>
  post<ExtraField>(apiPath('orgs', code, 'child-fields'), field)
export const changeField = (code: string, key: string, changes: Partial<ExtraField> & { version: number }) =>
  patch<ExtraField>(apiPath('orgs', code, 'child-fields', key), changes)
export const setRequired = (code: string, fields: string[]) => put(apiPath('orgs', code, 'required-fields'), { fields })
export const clearRequired = (code: string) => del(apiPath('orgs', code, 'required-fields'))

export const auditEntries = (filters: Query) => get<{ entries: AuditEntry[]; next_before_seq?: number }>('/api/v1/audit', filters)
