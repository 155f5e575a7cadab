import { apiPath, del, get, patch, post, withQuery, type Query } from './client'
import type { ChildRecord, ChildSummary, FamilyMember, Figures, Page, Pairing } from './types'

// The children's API in the words the pages use.
export interface ChildFilters {
  q?: string
  org?: string
  grade?: number | ''
  gender?: string
  left_behind_type?: string
  care_arrangement?: string
  risk_level?: string
  complete?: '' | 'true' | 'false'
  has_main_helper?: '' | 'true' | 'false'
}

export const listChildren = (filters: ChildFilters, page: number, pageSize: number) =>
  get<Page<ChildSummary>>('/api/v1/children', { ...filters, page, page_size: pageSize } as Query)

export const childFigures = (filters: ChildFilters) => get<Figures>('/api/v1/children/figures', filters as Query)

export const getChild = (id: string) => get<ChildRecord>(`/api/v1/children/${encodeURIComponent(id)}`)

export const createChild = (fields: Record<string, unknown>) => post<ChildRecord>('/api/v1/children', fields)

export const updateChild = (id: string, fields: Record<string, unknown>) =>
  patch<ChildRecord>(`/api/v1/children/${encodeURIComponent(id)}`, fields)

export const revealNumber = (id: string, field: string, reason: string, member?: string) =>
  post<{ field: string; value: string }>(`/api/v1/children/${encodeURIComponent(id)}/reveal`, { field, reason, member })

export const pairingsOf = (id: string) =>
  get<{ items: Pairing[] }>(`/api/v1/children/${encodeURIComponent(id)}/pairings`)

// The print views are server-rendered HTML pages, opened in a new tab with the list's filters.
// A print view (HTML), the same as a workbook, or the whole list as a workbook.
export type PrintView = 'contact-cards' | 'class-register' | 'contact-cards.xlsx' | 'class-register.xlsx' | 'export'

export function printAddress(view: PrintView, filters: ChildFilters, options: Query = {}): string {
  const path = view === 'export' ? '/api/v1/children/export.xlsx' : `/api/v1/print/${view}`
  return withQuery(path, { ...filters, ...options } as Query)
}

export const childPath = (id: string, ...rest: string[]) => apiPath('children', id, ...rest)

export const addFamilyMember = (id: string, fields: Record<string, unknown>) => post<FamilyMember>(childPath(id, 'family'), fields)
export const updateFamilyMember = (id: string, member: string, fields: Record<string, unknown>) =>
  patch<FamilyMember>(childPath(id, 'family', member), fields)
export const removeFamilyMember = (id: string, member: string) => del(childPath(id, 'family', member))

export const pairHelper = (id: string, helper: string, role: string) => post<Pairing>(childPath(id, 'pairings'), { helper, role })
export const endPairing = (id: string, pairing: string) => del(childPath(id, 'pairings', pairing))
