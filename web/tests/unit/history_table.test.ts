import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import HistoryTable from '../../src/components/HistoryTable.vue'
import { buildTree } from '../../src/stores/orgs'
import { appPlugins, eventually } from './support'

describe('the history table', () => {
  it('names family members\' and local fields, shows coded values in words, newest first', async () => {
    const { plugins } = appPlugins()
    const wrapper = mount(HistoryTable, {
      props: {
        entries: [
          { at: '2026-11-01T02:00:00Z', field: 'father.contact_frequency', old: 'weekly', new: 'monthly', user_id: 'u' },
          { at: '2026-11-02T02:00:00Z', field: 'extra.bus_route', old: '', new: '2路', user_id: 'u' },
        ],
      },
      global: { plugins },
    })
    const rowTexts = () => wrapper.findAll('.el-table__row').map((row) => row.text())
    await eventually(() => expect(rowTexts()[0]).toContain('bus_route'))  // the table fills its cells after its rows
    const rows = rowTexts()
    expect(rows[1]).toContain('父亲 · 与孩子联系')
    expect(rows[1]).toContain('每周')
    expect(rows[1]).toContain('每月')
    expect(rows[1]).toContain('10:00')  // 02:00 UTC is 10:00 in China
  })
})

describe('the organisation tree', () => {
  it('nests organisations under their parents, roots being those whose parent is out of reach', () => {
    const org = (id: string, code: string, parent: string | null) => ({ id, code, name: code, kind: 'school', parent_id: parent, active: true })
    const tree = buildTree([org('c2', 'qs-zx-3-1', 's1'), org('s1', 'qs-zx', 't0'), org('c1', 'qs-zx-1-1', 's1')])
    expect(tree.map((node) => node.org.code)).toEqual(['qs-zx'])
    expect(tree[0].children.map((node) => node.org.code)).toEqual(['qs-zx-1-1', 'qs-zx-3-1'])
  })
})
