// The shapes the server answers with (share/openapi.json describes them in full).

export interface Role {
  role: string
  org_code: string
  org_id: string
}

export interface User {
  id: string
  username: string
  display_name: string
  roles: Role[]
}

export interface Session {
  user: User
  csrf_token: string
  must_change_password: boolean
  must_enroll_totp: boolean
  totp_enabled: boolean
  idle_seconds?: number
  actions?: string[]  // what the user's roles allow: read_children, write_children, manage_users, …
}

export interface Org {
  id: string
  code: string
  name: string
  kind: string
  parent_id: string | null
  active: boolean
}

export interface Child {
  id: string
  org: string
  version: number
  name: string
  gender: string
  id_number: string
  birth_date: string
  grade: number | null
  completeness: number
  extra: Record<string, string>
  [field: string]: unknown
}

export interface FamilyMember {
  id: string
  kind: 'parent' | 'guardian'
  name: string
  relation: string
  phone: string
  version: number
  [field: string]: unknown
}

export interface HistoryEntry {
  at: string
  field: string
  old: string
  new: string
  user_id: string
}

export interface ChildRecord extends Child {
  family: FamilyMember[]
  history: HistoryEntry[]
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export interface Figures {
  total: number
  breakdowns: Record<string, Record<string, number>>
}

export interface Pairing {
  id: string
  helper: { username: string; display_name: string }
  role: string
  starts_on: string
  ends_on: string | null
  open: boolean
}

export interface ExtraField {
  key: string
  label: string
  kind: 'text' | 'number' | 'date' | 'choice'
  choices: string[]
  active: boolean
  org: string
  version: number
}

export interface ArchiveSettings {
  org: string
  fields: ExtraField[]
  required: string[]
  default_required: string[]
  required_set_at: string | null
}
