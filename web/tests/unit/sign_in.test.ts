import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import LoginPage from '../../src/pages/LoginPage.vue'
import IdleWarning from '../../src/components/IdleWarning.vue'
import LanguagePicker from '../../src/components/LanguagePicker.vue'
import { useSessionStore } from '../../src/stores/session'
import { appPlugins, eventually, stubServer } from './support'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
  document.body.innerHTML = ''
})

const kSession = {
  user: { id: 'u1', username: 'demo.teacher', display_name: '张老师', roles: [] }, csrf_token: 't', idle_seconds: 1800,
  must_change_password: false, must_enroll_totp: false, totp_enabled: true, actions: ['read_children'],
}

describe('signing in', () => {
  it('asks for the authenticator code when the server wants one, then sends it', async () => {
    let attempts = 0
    const sent = stubServer({
      'POST /api/v1/session': () => (++attempts === 1
        ? { status: 401, body: { error: { code: 'second_factor_required', message: '请输入身份验证器上的 6 位动态码', field: null } } }
        : { body: kSession }),
    })
    const { plugins, router } = appPlugins()
    const wrapper = mount(LoginPage, { global: { plugins } })
    await eventually(() => expect(wrapper.find('#login-username').exists()).toBe(true))
    await wrapper.find('#login-username').setValue('demo.teacher')
    await wrapper.find('#login-password').setValue('a-long-password')
    expect(wrapper.find('#login-otp').exists()).toBe(false)
    await wrapper.find('form').trigger('submit')
    await eventually(() => expect(wrapper.find('#login-otp').exists()).toBe(true))
    expect(wrapper.text()).toContain('请输入身份验证器上的 6 位动态码')
    await wrapper.find('#login-otp').setValue(' 123456 ')
    await wrapper.find('form').trigger('submit')
    await eventually(() => expect(router.currentRoute.value.fullPath).toBe('/'))
    expect(sent[1].body).toEqual({ username: 'demo.teacher', password: 'a-long-password', otp: '123456' })
  })

  it('says why a session ended when it was the idle timeout', async () => {
    const { plugins } = appPlugins()
    useSessionStore().markExpired()
    const wrapper = mount(LoginPage, { global: { plugins } })
    expect(wrapper.text()).toContain('登录已超时，请重新登录')
  })

  it('shows the server\'s lockout message', async () => {
    stubServer({ 'POST /api/v1/session': { status: 401, body: { error: { code: 'account_locked', message: '登录失败次数过多，账户已暂时锁定', field: null } } } })
    const { plugins } = appPlugins()
    const wrapper = mount(LoginPage, { global: { plugins } })
    await wrapper.find('form').trigger('submit')
    await eventually(() => expect(wrapper.find('[role=alert]').text()).toContain('账户已暂时锁定'))
  })
})

describe('an idle session', () => {
  it('is warned two minutes before it ends, and staying asks the server again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    const sent = stubServer({ 'GET /api/v1/session': { body: kSession } })
    const { plugins } = appPlugins()
    const session = useSessionStore()
    session.adopt({ ...kSession, idle_seconds: 300 })
    mount(IdleWarning, { global: { plugins }, attachTo: document.body })
    const warning = () => document.querySelector('[data-test=idle-warning]')
    vi.advanceTimersByTime(170_000)
    await eventually(() => expect(warning()).toBeNull())
    vi.advanceTimersByTime(20_000)  // 190 s idle: 110 s left
    await eventually(() => expect(warning()?.textContent).toContain('110 秒后将自动退出登录'))
    ;(Array.from(document.querySelectorAll('button')).find((button) => button.textContent?.includes('继续使用')) as HTMLButtonElement).click()
    await eventually(() => expect(sent.map((request) => request.url)).toContain('/api/v1/session'))
  })

  it('signs out here too when the time is up', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    const { plugins } = appPlugins()
    const session = useSessionStore()
    session.adopt({ ...kSession, idle_seconds: 60 })
    mount(IdleWarning, { global: { plugins } })
    vi.advanceTimersByTime(61_000)
    await eventually(() => expect(session.session).toBeNull())
    expect(session.expired).toBe(true)
  })
})

describe('the language', () => {
  it('switches the whole app and is remembered', async () => {
    const { plugins } = appPlugins()
    const wrapper = mount({ components: { LanguagePicker }, template: '<div><LanguagePicker /><p>{{ $t("login.submit") }}</p></div>' },
      { global: { plugins }, attachTo: document.body })
    expect(wrapper.find('p').text()).toBe('登录')
    await wrapper.find('.el-select__wrapper').trigger('click')
    await eventually(() => expect(document.querySelector('.el-select-dropdown__item')).not.toBeNull())
    const option = (label: string) => Array.from(document.querySelectorAll('.el-select-dropdown__item')).find((item) => item.textContent === label) as HTMLElement
    option('繁體中文').click()
    await eventually(() => expect(wrapper.find('p').text()).toBe('登入'))
    expect(localStorage.getItem('shouwang.language')).toBe('zh-TW')
    option('English').click()
    await eventually(() => expect(wrapper.find('p').text()).toBe('Sign in'))
  })
})
