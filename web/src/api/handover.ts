import { del, get, post } from './client'

// Children leaving a school: transfers to another school, and the year-end promotion.
export interface Transfer {
  id: string
  child: { id: string; name: string; gender: string; birth_date: string; id_number: string }
  from: string
  to: string
  reason: string
  state: 'pending' | 'accepted' | 'declined' | 'withdrawn'
  requested_at: string
  decided_at: string | null
  note: string
}

export interface PromotionPlan {
  org: string
  into_year: number
  already_promoted_at: string | null
  schools: { code: string; name: string; top_grade: number; children_by_grade: Record<string, number> }[]
  promoted: number
  graduating: number
  without_grade: { id: string; name: string; org: string }[]
}

const id = encodeURIComponent

export const requestTransfer = (child: string, to: string, reason: string) =>
  post<Transfer>(`/api/v1/children/${id(child)}/transfers`, { to, reason })
export const listTransfers = (direction: 'in' | 'out', state = '') =>
  get<{ items: Transfer[]; total: number }>('/api/v1/transfers', { direction, state })
export const acceptTransfer = (transfer: string, org?: string) => post<Transfer>(`/api/v1/transfers/${id(transfer)}/accept`, { org })
export const declineTransfer = (transfer: string, note: string) => post<Transfer>(`/api/v1/transfers/${id(transfer)}/decline`, { note })
export const withdrawTransfer = (transfer: string) => del<Transfer>(`/api/v1/transfers/${id(transfer)}`)

export const previewPromotion = (org: string) => get<PromotionPlan>(`/api/v1/orgs/${id(org)}/promotion`)
export const promote = (org: string, intoYear: number) => post(`/api/v1/orgs/${id(org)}/promotion`, { into_year: intoYear })
