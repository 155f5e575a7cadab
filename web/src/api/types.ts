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

// What a list shows of a child; the whole record (Child) is read one child at a time.
export interface ChildSummary {
  id: string
  org: string
  version: number
  name: string
  gender: string
  birth_date: string
  grade: number | null
  left_behind_type: string
  care_arrangement: string
  risk_level: string
  status: string
  completeness: number
}

export interface Child extends ChildSummary {
  id_number: string
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
  total_capped?: boolean  // the children list counts to a bound: more than `total` match
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

export interface HelperCandidate {
  username: string
  display_name: string
  load: number
}

export interface Evidence {
  id: string
  record: string
  width: number
  height: number
  uploaded_at: string
}

// How the child seemed: a choice (good | fair | poor) and a note, either may be empty.
export interface ChildState {
  choice: string | null
  note: string
}

export interface CareRecord {
  id: string
  child: string
  kind: string
  letter_to: string | null
  occurred_at: string
  occurred_on: string
  place: string
  participants: string
  content: string
  mood: ChildState
  health: ChildState
  study: ChildState
  follow_up: string | null
  follow_up_by: string | null
  author: { id: string; display_name: string }
  created_at: string
  version: number
  evidence: Evidence[]
}

// One record as its detail answers: what it was before each edit, the corrections added since,
// and until when its author may still edit it.
export interface CareRecordDetail extends CareRecord {
  revisions: { version: number; replaced_at: string }[]
  corrections: { id: string; at: string; by: { id: string; display_name: string }; note: string }[]
  editable_until: string
}

export interface CareSignal {
  id: string
  type: string
  note: string
  observed_on: string
  created_at: string
}

export interface CareTask {
  id: string
  child: string
  child_name: string
  kind: string
  source: 'rule' | 'signal' | 'follow_up'
  name: string
  helper: { username: string; display_name: string } | null
  period_start: string
  due: string
  required: number
  done_count: number
  status: 'open' | 'done' | 'late'
  done_on: string | null
}

export interface TaskCounts {
  done: number
  late: number
  open: number
  rate: number | null  // done ÷ (done + late); null when nothing was due
}

export interface Compliance {
  org: string
  term: { key: string; name: string; starts_on: string; ends_on: string }
  total: TaskCounts
  by_org: Record<string, TaskCounts>
  by_helper: Record<string, TaskCounts>
}

export interface CareRule {
  key: string
  org: string
  kinds: string[]
  min_count: number
  period: 'week' | 'month' | 'term' | 'school_year'
  helper_role: string
  active: boolean
  preset: string | null
  version: number
}

export interface CareSettingValues {
  max_children_per_helper: number | null
  must_visit_days: number | null
  correction_hours: number | null
}
