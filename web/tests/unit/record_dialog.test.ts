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
})
