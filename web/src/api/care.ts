import { childPath } from './children'
import { apiPath, del, get, post, put, upload, type Query } from './client'
import type { CareRecord, CareRecordDetail, CareRule, CareSettingValues, CareSignal, CareTask, Compliance, Evidence, HelperCandidate, Page } from './types'

// Care work in the words the pages use: records with their photos, signals, tasks, and whom a
// child can be paired with.
export const kRecordKinds = ['home_visit', 'school_visit', 'talk', 'parent_call', 'guardian_talk', 'letter',
  'family_call', 'counselling', 'tutoring', 'material_help', 'health_check', 'activity', 'meeting']
export const kSignalTypes = ['bad_mood', 'unwell', 'grades_dropped', 'late_or_left_early', 'quarrel']
export const kStateChoices = ['good', 'fair', 'poor']
export const kPairingRoles = ['main', 'surrogate_parent', 'mentor', 'volunteer', 'village_cadre']
// What a rule may count: the kinds of record, a letter by whom it is to, and whose role owes it.
export const kRuleKinds = [...kRecordKinds.filter((kind) => kind !== 'letter'), 'letter_to_parents', 'letter_to_child']
export const kRuleRoles = ['head_teacher', ...kPairingRoles]
export const kRulePeriods = ['week', 'month', 'term', 'school_year']
// The message key naming whose role owes a rule.
export const ruleRoleKey = (role: string) => (role === 'head_teacher' ? 'role.head_teacher' : 'pairing_role.' + role)

export const recordsOf = (child: string, page = 1) =>
  get<Page<CareRecord>>(childPath(child, 'records'), { page, page_size: 20 })
export const addRecord = (child: string, fields: Record<string, unknown>) => post<CareRecord>(childPath(child, 'records'), fields)
export const recordDetail = (child: string, record: string) => get<CareRecordDetail>(childPath(child, 'records', record))
export const editRecord = (child: string, record: string, fields: Record<string, unknown>) =>
  put<CareRecord>(childPath(child, 'records', record), fields)
export const correctRecord = (child: string, record: string, note: string) =>
  post(childPath(child, 'records', record, 'corrections'), { note })

export const addEvidence = (child: string, record: string, photo: Blob) =>
  upload<Evidence>(childPath(child, 'records', record, 'evidence'), photo)
export const removeEvidence = (child: string, record: string, evidence: string) =>
  del(childPath(child, 'records', record, 'evidence', evidence))
export const evidenceAddress = (child: string, record: string, evidence: string, thumbnail: boolean) =>
  childPath(child, 'records', record, 'evidence', evidence) + (thumbnail ? '?size=thumb' : '')

export const signalsOf = (child: string) => get<{ items: CareSignal[] }>(childPath(child, 'signals'))
export const raiseSignal = (child: string, type: string, note: string) =>
  post<CareSignal & { task: CareTask }>(childPath(child, 'signals'), { type, note })

export const tasksOfChild = (child: string) => get<Page<CareTask>>(childPath(child, 'tasks'))
export const myTasks = (query: Query = {}) => get<Page<CareTask>>('/api/v1/tasks', { mine: 1, page_size: 100, ...query })

export const helperCandidates = (child: string, q: string) =>
  get<{ items: HelperCandidate[]; cap: number }>(childPath(child, 'helpers'), { q })

// A phone's photo made small before it travels: at most `edge` pixels on its longer side, as a
// JPEG. On a rural mobile link a 4 MB photo takes minutes; this one a few seconds. The server
// cleans whatever arrives anyway (metadata, orientation), so this is only about the bytes.
export async function shrinkPhoto(file: File, edge = 1600): Promise<Blob> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch {
    return file  // a format this browser cannot draw (HEIC on most): the server decides
  }
  const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85))
  return blob && blob.size < file.size ? blob : file
}

export const lateTasks = (org: string, page: number) =>
  get<Page<CareTask>>('/api/v1/tasks', { org, status: 'late', page, page_size: 20 })
export const complianceOf = (org: string) => get<Compliance>('/api/v1/tasks/compliance', { org })

const orgPath = (org: string, ...rest: string[]) => apiPath('orgs', org, ...rest)
export const careRules = (org: string) =>
  get<{ in_force: CareRule[]; own: CareRule[]; presets: { name: string; rules: CareRule[] }[] }>(orgPath(org, 'care-rules'))
export const saveCareRule = (org: string, rule: Pick<CareRule, 'key' | 'kinds' | 'min_count' | 'period' | 'helper_role' | 'active' | 'version'>) =>
  put<CareRule>(orgPath(org, 'care-rules', rule.key), rule)
export const adoptPreset = (org: string, preset: string) => post<{ items: CareRule[] }>(orgPath(org, 'care-presets', preset))
export const careSettings = (org: string) =>
  get<{ in_force: CareSettingValues; own: CareSettingValues }>(orgPath(org, 'care-settings'))
export const saveCareSettings = (org: string, values: CareSettingValues) =>
  put<{ in_force: CareSettingValues; own: CareSettingValues }>(orgPath(org, 'care-settings'), values)

export interface Reminder {
  id: string
  kind: 'must_visit' | 'signal_raised' | 'task_late'
  detail: string
  child: { id: string; name: string } | null
  created_at: string
  read: boolean
}
export const reminders = () => get<{ items: Reminder[]; unread: number }>('/api/v1/notifications')
export const markRead = (ids: string[]) => post<{ items: Reminder[]; unread: number }>('/api/v1/notifications/read', { ids })
