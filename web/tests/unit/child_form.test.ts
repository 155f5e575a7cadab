import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ChildFormPage from '../../src/pages/ChildFormPage.vue'
import { appPlugins, eventually, stubServer } from './support'

afterEach(() => vi.unstubAllGlobals())

const kChild = {
  id: 'c1', org: 'qs-zx-3-1', version: 4, name: '吕欣怡', gender: 'female', id_number: '', birth_date: '2017-05-06',
  grade: 3, completeness: 37, extra: {}, family: [], history: [], boarding: false, status: 'in_care',
}
const kOrgs = { orgs: [{ id: 'o1', code: 'qs-zx-3-1', name: '三年级1班', kind: 'class', parent_id: null, active: true }] }

async function mountForm(patchAnswer: { status?: number; body: unknown }) {
  const sent = stubServer({
    'GET /api/v1/orgs/qs-zx-3-1/archive-settings': { body: { fields: [], required: [], default_required: [] } },
    'GET /api/v1/orgs': { body: kOrgs },
    'GET /api/v1/children/c1': { body: kChild },
    'PATCH /api/v1/children/c1': patchAnswer,
  })
  const { plugins } = appPlugins()
  const wrapper = mount(ChildFormPage, { props: { id: 'c1' }, global: { plugins } })
  await eventually(() => expect((wrapper.find('[data-test=input-name]').element as HTMLInputElement).value).toBe('吕欣怡'))
  return { wrapper, sent }
}

describe('the child form', () => {
  it('sends only the changed fields with the version it edits', async () => {
    const { wrapper, sent } = await mountForm({ body: { ...kChild, hobbies: '画画', version: 5 } })
    await wrapper.find('[data-test=input-hobbies]').setValue('画画')
    await wrapper.find('form').trigger('submit')
    await eventually(() => expect(sent.find((request) => request.method === 'PATCH')?.body).toEqual({ hobbies: '画画', version: 4 }))
  })

  it('shows the server\'s message at the field it names', async () => {
    const { wrapper } = await mountForm({
      status: 422, body: { error: { code: 'id_number_length', message: '身份证号应为 18 位', field: 'id_number' } },
    })
    await wrapper.find('[data-test=input-id_number]').setValue('3411')
    await wrapper.find('form').trigger('submit')
    await eventually(() => expect(wrapper.find('.el-form-item__error').exists()).toBe(true))
    const item = wrapper.findAll('.el-form-item').find((candidate) => candidate.find('[data-test=input-id_number]').exists())
    expect(item?.find('.el-form-item__error').text()).toBe('身份证号应为 18 位')
    expect(wrapper.find('.el-alert').exists()).toBe(false)  // named fields are not repeated at the top
  })
})
