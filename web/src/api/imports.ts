import { apiPath, get, post, upload, withQuery } from './client'

// A roster imported as a job (server: http/import_jobs.h): uploaded, checked, corrected, committed.

export interface ImportProblem {
  row: number
  column: string
  message: string
}

export interface ImportReport {
  rows: number
  created: number
  updated: number
  unchanged: number
  errors: ImportProblem[]
  error_rows: number
  warnings: ImportProblem[]
  warning_rows: number
  duplicates: { row: number; same_as_row: number }[]
  classes: { written: string; code: string; name: string; exists: boolean; rows: number }[]
  header_row: number
  columns: { column: number; header: string; target: string }[]
  committed: boolean
}

export type ImportState = 'checking' | 'checked' | 'committing' | 'committed' | 'failed'

export interface ImportJob {
  id: string
  org: string
  file_name: string
  state: ImportState
  progress: { committing: boolean; rows_done: number; rows_total: number }
  mapping: Record<string, string>
  targets: string[]
  report: ImportReport | null
  error: { code: string; message: string; field: string | null } | null
}

export type ImportMapping = Record<string, string>  // column (A = 0) → target, '' for none

export const startImport = (org: string, file: File) =>
  upload<ImportJob>(withQuery('/api/v1/imports', { org, name: file.name }), file)
export const importJob = (id: string) => get<ImportJob>(apiPath('imports', id))
export const recheckImport = (id: string, mapping: ImportMapping) => post<ImportJob>(apiPath('imports', id, 'check'), { mapping })
export const commitImport = (id: string, mapping: ImportMapping) => post<ImportJob>(apiPath('imports', id, 'commit'), { mapping })
export const isRunning = (job: ImportJob) => job.state === 'checking' || job.state === 'committing'
