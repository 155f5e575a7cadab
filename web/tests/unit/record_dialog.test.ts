import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import RecordDialog from '../../src/components/RecordDialog.vue'
import { appPlugins, eventually, stubServer } from './support'

afterEach(() => vi.unstubAllGlobals())

const kRecord = { id: 'r1', child: 'c1', kind: 'home_visit', evidence: [] }

describe('the care record dialog', () => {
  it('saves the record once and sends its photos after it, again only the photos when one failed', async () => {
    let uploads = 0
    const sent = stubServer({
      'POST /api/v1/children/c1/records/r1/evidence': () => (++uploads === 1
        ? { status: 503, body: { error: { code: 'unavailable', message: '服务暂时不可用', field: null } } }
        : { status: 201, body: { id: 'e' + uploads } }),
      'POST /api/v1/children/c1/records': { status: 201, body: kRecord },
    })
    const { plugins } = appPlugins()
    const wrapper = mount(RecordDialog, { props: { childId: 'c1', counsellor: false }, global: { plugins }, attachTo: document.body })
    await eventually(() => expect(document.querySelector('#record-content')).not.toBeNull())
    const content = document.querySelector('#record-content') as HTMLTextAreaElement
    content.value = '和奶奶聊了孩子最近的学习'
    content.dispatchEvent(new Event('input'))
    const photos = document.querySelector('[data-test=record-photos]') as HTMLInputElement
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'visit.jpg', { type: 'image/jpeg' })
    Object.defineProperty(photos, 'files', { value: [photo], configurable: true })
    photos.dispatchEvent(new Event('change'))
    await eventually(() => expect(document.body.textContent).toContain('已选 1 张照片'))

    const save = () => (document.querySelector('[data-test=record-save]') as HTMLButtonElement).click()
    await eventually(() => expect((document.querySelector('[data-test=record-save]') as HTMLButtonElement).disabled).toBe(false))
    save()
    await eventually(() => expect(document.body.textContent).toContain('服务暂时不可用'))
    expect(sent.map((request) => request.method + ' ' + request.url)).toEqual([
      'POST /api/v1/children/c1/records', 'POST /api/v1/children/c1/records/r1/evidence'])
    expect(sent[0].body).toMatchObject({ kind: 'home_visit', content: '和奶奶聊了孩子最近的学习', mood: { choice: null, note: '' } })
    expect(sent[1].body).toMatchObject({ size: photo.size, type: 'image/jpeg' })  // the bytes themselves, not JSON
    expect(sent[1].headers['Content-Type']).toBe('image/jpeg')
    expect(wrapper.emitted('saved')).toBeFalsy()

    save()  // only the photo goes again
    await eventually(() => expect(wrapper.emitted('saved')).toBeTruthy())
    expect(sent.filter((request) => request.url === '/api/v1/children/c1/records')).toHaveLength(1)
    expect(uploads).toBe(2)
    wrapper.unmount()
  })

  it('lets its author edit a record: the fields filled in, a PUT with the version, a photo removed at once', async () => {
    const kept = {
      id: 'r1', child: 'c1', kind: 'talk', letter_to: null, occurred_at: '2026-11-02T01:30:00.000Z', occurred_on: '2026-11-02',
      place: '教室', participants: '', content: '谈了期中考试', mood: { choice: 'fair', note: '' }, health: { choice: null, note: '' },
      study: { choice: 'poor', note: '数学退步' }, follow_up: null, follow_up_by: null, author: { id: 'u1', display_name: '李老师' },
      created_at: '2026-11-02T01:35:00.000Z', version: 3,
      evidence: [{ id: 'e1', media_type: 'image/jpeg', width: 640, height: 480 }, { id: 'e2', media_type: 'image/jpeg', width: 640, height: 480 }],
    }
    const sent = stubServer({
      'DELETE /api/v1/children/c1/records/r1/evidence/e1': { status: 200, body: {} },
      'PUT /api/v1/children/c1/records/r1': { status: 200, body: { ...kept, version: 4 } },
    })
    const { plugins } = appPlugins()
    const wrapper = mount(RecordDialog, { props: { childId: 'c1', counsellor: false, record: kept as never }, global: { plugins }, attachTo: document.body })
    await eventually(() => expect(document.querySelectorAll('[data-test=photo-remove]')).toHaveLength(2))
    expect(document.body.textContent).toContain('修改帮扶记录')
    expect((document.querySelector('#record-content') as HTMLTextAreaElement).value).toBe('谈了期中考试')
    expect((document.querySelector('#record-place') as HTMLInputElement).value).toBe('教室')

    ;(document.querySelector('[data-test=photo-remove]') as HTMLButtonElement).click()
    await eventually(() => expect(document.querySelector('.el-message-box')).not.toBeNull())
    ;(document.querySelector('.el-message-box__btns .el-button--primary') as HTMLButtonElement).click()
    await eventually(() => expect(document.querySelectorAll('[data-test=photo-remove]')).toHaveLength(1))

    const content = document.querySelector('#record-content') as HTMLTextAreaElement
    content.value = '谈了期中考试，约好每天读半小时书'
    content.dispatchEvent(new Event('input'))
    await eventually(() => expect(content.value).toContain('读半小时书'))
    ;(document.querySelector('[data-test=record-save]') as HTMLButtonElement).click()
    await eventually(() => expect(wrapper.emitted('saved')).toBeTruthy())
    expect(sent.map((request) => request.method + ' ' + request.url)).toEqual([
      'DELETE /api/v1/children/c1/records/r1/evidence/e1', 'PUT /api/v1/children/c1/records/r1'])
    expect(sent[1].body).toMatchObject({
      kind: 'talk', version: 3, occurred_at: '2026-11-02T09:30:00', place: '教室', content: '谈了期中考试，约好每天读半小时书',
      mood: { choice: 'fair', note: '' }, study: { choice: 'poor', note: '数学退步' },
    })
    wrapper.unmount()
  })
})
