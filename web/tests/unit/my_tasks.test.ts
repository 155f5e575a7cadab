import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import MyTasks from '../../src/components/MyTasks.vue'
import type { CareTask } from '../../src/api/types'
import { appPlugins, eventually, stubServer } from './support'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

function task(id: string, status: CareTask['status'], due: string): CareTask {
  return { id, child: 'c1', child_name: '张小明', kind: 'home_visit', source: 'rule', name: 'term_home_visit',
    helper: null, period_start: '2026-09-01', due, required: 1, done_count: status === 'done' ? 1 : 0, status,
    done_on: status === 'done' ? '2026-10-01' : null }
}

describe('my to-do', () => {
  it('asks for what is owed and for what was done lately, late first', async () => {
    const sent = stubServer({
      'GET /api/v1/tasks': ({ url }) => ({
        body: { page: 1, page_size: 100, today: '2026-11-22', total: 2,
          items: url.includes('status=todo') ? [task('t2', 'open', '2027-01-31'), task('t1', 'late', '2026-10-31')]
            : [task('t3', 'done', '2026-11-30')] },
      }),
    })
    const { plugins } = appPlugins()
    const wrapper = mount(MyTasks, { global: { plugins } })
    await eventually(() => expect(wrapper.findAll('[data-test=my-tasks] li')).toHaveLength(2))
    expect(wrapper.find('[data-test=late-count]').exists()).toBe(true)
    expect(wrapper.find('[data-test=my-done]').text()).not.toBe('')
    const asked = sent.map((request) => new URL(request.url, 'http://x').searchParams)
    expect(asked.map((query) => query.get('status')).sort()).toEqual(['done', 'todo'])
    const doneSince = asked.find((query) => query.get('status') === 'done')?.get('due_from') ?? ''
    expect(doneSince).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const daysBack = (Date.now() - Date.parse(doneSince)) / 86_400_000
    expect(daysBack).toBeGreaterThan(59)
    expect(daysBack).toBeLessThan(62)
  })
})
