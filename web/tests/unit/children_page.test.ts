import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ChildrenPage from '../../src/pages/ChildrenPage.vue'
import { appPlugins, eventually, stubServer } from './support'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const kChild = {
  id: 'c1', org_id: 'o1', org_code: 'qs-zx-3-1', name: '张小明', gender: 'male', birth_date: '2016-04-01', grade: 3,
  left_behind_type: 'both_parents_away', care_arrangement: 'grandparents', risk_level: 'low', completeness: 80,
}

function listAnswering(page: { total: number; total_capped?: boolean }) {
  stubServer({ 'GET /api/v1/children': { body: { items: [kChild], page: 1, page_size: 20, ...page } } })
  const { plugins } = appPlugins()
  return mount(ChildrenPage, { global: { plugins } })
}

describe('the children list', () => {
  it('shows the number of children found', async () => {
    const wrapper = listAnswering({ total: 37, total_capped: false })
    await eventually(() => expect(wrapper.find('.children__total').text()).toBe('共 37 条'))
  })

  it('says "over" the bound when more match than the server counts, and asks for filters', async () => {
    const wrapper = listAnswering({ total: 1000, total_capped: true })
    await eventually(() => expect(wrapper.find('.children__total').text()).toBe('超过 1000 条，可用筛选缩小范围'))
  })
})
