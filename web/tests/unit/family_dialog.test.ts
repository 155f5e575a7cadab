import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import FamilyMemberDialog from '../../src/components/FamilyMemberDialog.vue'
import { appPlugins, eventually, stubServer } from './support'

afterEach(() => vi.unstubAllGlobals())

const kFather = { id: 'm1', kind: 'parent' as const, name: '陈明亮', relation: 'father', phone: '150****3846', age: 40, version: 2 }

describe('the family member dialog', () => {
  it('keeps a masked phone unless a new one is typed, and sends numbers as numbers', async () => {
    const sent = stubServer({ 'PATCH /api/v1/children/c1/family/m1': { body: { ...kFather, version: 3 } } })
    const { plugins } = appPlugins()
    const wrapper = mount(FamilyMemberDialog, { props: { childId: 'c1', kind: 'parent', member: kFather }, global: { plugins }, attachTo: document.body })
    const input = (name: string) => document.querySelector(`#member-${name}`) as HTMLInputElement
    await eventually(() => expect(input('age')).not.toBeNull())
    expect(input('phone').value).toBe('')
    expect(input('phone').placeholder).toBe('150****3846')
    input('age').value = '41'
    input('age').dispatchEvent(new Event('input'))
    ;(document.querySelector('[data-test=member-save]') as HTMLButtonElement).click()
    await eventually(() => expect(sent.length).toBe(1))
    expect(sent[0].body).toEqual({ age: 41, version: 2 })
    await eventually(() => expect(wrapper.emitted('saved')).toBeTruthy())
    wrapper.unmount()
  })
})
