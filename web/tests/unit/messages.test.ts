import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { messages } from '../../src/i18n'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key))
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.vue') || path.endsWith('.ts') ? [path] : []
  })
}

describe('the messages', () => {
  it('have the same keys in every language', () => {
    const simplified = keys(messages['zh-CN']).sort()
    expect(keys(messages.en).sort()).toEqual(simplified)
    expect(keys(messages['zh-TW']).sort()).toEqual(simplified)
  })

  it('are the only place with words: no Chinese is written into a component or script', () => {
    const han = /[\u4e00-\u9fff]/
    const offenders = sources(join(import.meta.dirname, '../../src'))
      .filter((path) => readFileSync(path, 'utf8').split('\n')
        .map((line) => line.replace(/\/\/.*$|<!--.*?-->/g, ''))  // comments may name things in Chinese
        .some((line) => han.test(line)))
    expect(offenders).toEqual([])
  })

  it('write Traditional characters for zh-TW', () => {
    expect(messages['zh-TW'].app.tagline).toBe('留守兒童關愛管理')
    expect((messages['zh-TW'] as { field: Record<string, string> }).field.id_number).toBe('身份證號')
  })
})
