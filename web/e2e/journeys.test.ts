import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { choose, launch, newContext, saved, screenshot, signIn } from './browser'
import { kOtherTeacher } from './global-setup'

// What a head teacher, another school's teacher and a county official do on the web app,
// against a real server and the demo county. The steps run in order and share the data they make.
const baseUrl = inject('baseUrl')
const demoPassword = inject('demoPassword')
const kNewPassword = 'Teacher-own-password-2026'
const kChild = { name: '吕欣怡', initials: 'lxy', hobby: '画画和跳绳' }
let browser: Browser
let createdChildId = ''

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

async function teacherPage(phone = false): Promise<Page> {
  const page = await (await newContext(browser, baseUrl, phone)).newPage()
  await signIn(page, 'demo.teacher', kNewPassword)
  return page
}

describe('a head teacher', () => {
  it('signs in the first time, sets a password and sees the class', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage()
    await page.goto('/')
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login')
    await screenshot(page, 'login')
    await signIn(page, 'demo.teacher', demoPassword, kNewPassword)
    await page.locator('[data-test=my-children] li').first().waitFor()
    expect(await page.locator('[data-test=my-children] li').count()).toBeGreaterThan(0)
    await screenshot(page, 'home-teacher')
  })

  it('creates an archive, finds it by pinyin initials, edits a field and sees the change in the history', async () => {
    const page = await teacherPage()
    await page.goto('/children/new')
    await page.fill('[data-test=input-name]', kChild.name)
    await choose(page, 'child-gender', '女')
    await page.fill('#child-birth_date', '2017-05-06')
    await page.keyboard.press('Enter')
    await screenshot(page, 'child-form')
    await page.click('[data-test=save]')
    await page.waitForURL(/\/children\/[0-9a-f]{32}$/)
    createdChildId = page.url().split('/').pop()!

    await page.goto('/children')
    await page.fill('[data-test=search]', kChild.initials)
    const row = page.locator('[data-test=children] .el-table__row', { hasText: kChild.name })
    await row.waitFor()
    await screenshot(page, 'children')
    await row.locator('a').click()
    await page.waitForURL(`**/children/${createdChildId}`)

    await page.click('[data-test=edit]')
    await expect.poll(() => page.inputValue('[data-test=input-name]')).toBe(kChild.name)
    await page.fill('[data-test=input-hobbies]', kChild.hobby)
    await page.click('[data-test=save]')
    await page.waitForURL(`**/children/${createdChildId}`)
    await expect.poll(() => page.textContent('[data-test=field-hobbies]')).toBe(kChild.hobby)
    await page.getByRole('tab', { name: '修改记录' }).click()
    const change = page.locator('[data-test=history] .el-table__row', { hasText: kChild.hobby })
    await change.waitFor()
    expect(await change.textContent()).toContain('兴趣爱好')
    await screenshot(page, 'child-history')
  })

  it('adds a parent and pairs a helper', async () => {
    const page = await teacherPage()
    await page.goto(`/children/${createdChildId}`)
    await page.getByRole('tab', { name: '家庭' }).click()
    await page.click('[data-test=add-parent]')
    await choose(page, 'member-relation', '母亲')
    await page.fill('#member-name', '王秀英')
    await page.fill('#member-phone', '13912345678')
    await page.fill('#member-work_city', '苏州')
    await page.click('[data-test=member-save]')
    await page.locator('.el-descriptions', { hasText: '王秀英' }).waitFor()
    expect(await page.locator('.el-descriptions', { hasText: '王秀英' }).textContent()).toContain('139****5678')

    // The village director works outside the school: found by typing, with their load shown.
    await page.getByRole('tab', { name: '帮扶人' }).click()
    await page.click('[data-test=pair]')
    await page.click('#pair-helper', { force: true })
    await page.locator('.el-select-dropdown__item:visible').first().waitFor()  // the school's people
    await page.locator('#pair-helper').fill('demo.vil')
    const village = page.locator('.el-select-dropdown__item:visible', { hasText: 'demo.village' })
    await village.waitFor()
    expect(await village.textContent()).toContain('已结对 2/3')
    await village.click()
    await choose(page, 'pair-role', '村干部')
    await page.click('[data-test=pair-save]')
    await page.locator('.el-table__row', { hasText: 'demo.village' }).waitFor()
    await screenshot(page, 'child-helpers')
  })

  it('shows the server\'s verdict at the field it names', async () => {
    const page = await teacherPage()
    await page.goto(`/children/${createdChildId}/edit`)
    await expect.poll(() => page.inputValue('[data-test=input-name]')).toBe(kChild.name)  // the record is loaded
    await page.fill('[data-test=input-id_number]', '34112220170506002')  // 17 characters
    await page.click('[data-test=save]')
    const error = page.locator('.el-form-item.is-error', { has: page.locator('[data-test=input-id_number]') })
    await error.waitFor()
    expect(await error.locator('.el-form-item__error').textContent()).toContain('18 位')
  })

  it('reveals a masked ID number with a reason', async () => {
    const page = await teacherPage()
    await page.goto('/children')
    await page.locator('[data-test=children] .el-table__row a').first().click()
    await page.waitForURL(/\/children\/[0-9a-f]{32}$/)
    const number = page.locator('[data-test=number]').first()
    expect(await number.textContent()).toContain('*')
    await page.locator('[data-test=reveal]').first().click()
    await page.fill('[data-test=reveal-reason]', '家访前核对身份信息')
    await page.click('[data-test=reveal-submit]')
    await expect.poll(() => number.textContent()).toMatch(/^\d{17}[\dX]$/)
    await screenshot(page, 'child')
  })

  it('prints the contact cards of the list', async () => {
    const page = await teacherPage()
    await page.goto('/children')
    await page.fill('[data-test=search]', kChild.initials)
    await page.locator('[data-test=children] .el-table__row', { hasText: kChild.name }).waitFor()
    await page.click('[data-test=print]')
    await page.click('[data-test=print-cards]')
    const [printed] = await Promise.all([page.context().waitForEvent('page'), page.click('[data-test=print-open]')])
    await printed.waitForLoadState()
    expect(new URL(printed.url()).pathname).toBe('/api/v1/print/contact-cards')
    expect(await printed.textContent('body')).toContain(kChild.name)
    await screenshot(printed, 'print-contact-cards')
  })

  it('uses the same pages on a phone', async () => {
    const page = await teacherPage(true)
    await screenshot(page, 'home-teacher')
    await page.goto('/children')
    await page.locator('[data-test=children] .el-table__row').first().waitFor()
    await screenshot(page, 'children')
    await page.goto(`/children/${createdChildId}`)
    await page.locator('[data-test=child-name]').waitFor()
    await screenshot(page, 'child')
    await page.click('[data-test=menu]')
    await page.locator('.el-drawer').waitFor()
    await screenshot(page, 'menu')
  })
})

describe('a helper on a home visit', () => {
  it('works on a phone over a slow network: the children, then one child\'s page', async () => {
    const context = await newContext(browser, baseUrl, true)
    const page = await context.newPage()
    // A weak rural mobile connection: 400 ms round trips, about 50 KB/s down.
    const network = await context.newCDPSession(page)
    await network.send('Network.enable')
    await network.send('Network.emulateNetworkConditions',
      { offline: false, latency: 400, downloadThroughput: 50 * 1024, uploadThroughput: 20 * 1024 })
    const started = Date.now()
    await signIn(page, 'demo.helper', demoPassword, 'Helper-own-password-2026')
    const first = page.locator('[data-test=my-children] a').first()
    await first.waitFor({ timeout: 60_000 })
    console.log(`helper's home on a slow phone network: ${Date.now() - started} ms from the sign-in page`)
    await screenshot(page, 'home-helper')
    await first.click()
    await page.locator('[data-test=child-name]').waitFor({ timeout: 60_000 })
    expect(await page.locator('[data-test=edit]').count()).toBe(0)  // a helper reads; the school writes
    await screenshot(page, 'child-helper')
  }, 180_000)
})

describe('a must-visit (五必访)', () => {
  it('is raised by the head teacher; the helper records a home visit with a photo on a phone and sees it close', async () => {
    const helper = await (await newContext(browser, baseUrl, true)).newPage()
    await signIn(helper, 'demo.helper', 'Helper-own-password-2026')
    const firstChild = helper.locator('[data-test=my-children] a').first()
    await firstChild.waitFor()
    const childId = (await firstChild.getAttribute('href'))!.split('/').pop()!
    const childName = (await firstChild.locator('strong').textContent())!

    const teacher = await teacherPage()
    await teacher.goto(`/children/${childId}`)
    await teacher.getByRole('tab', { name: '帮扶', exact: true }).click()
    await teacher.click('[data-test=raise-signal]')
    await choose(teacher, 'signal-type', '情绪低落')
    await teacher.fill('#signal-note', '上课时哭了，说想妈妈')
    await teacher.click('[data-test=dialog-confirm]')
    await teacher.locator('[data-test=signals]', { hasText: '情绪低落' }).waitFor()
    await screenshot(teacher, 'child-care-teacher')

    // The helper's to-do shows the must-visit, open.
    await helper.goto('/')
    const mustVisit = helper.locator('[data-test=my-tasks] [data-test=task]', { hasText: '必访：情绪低落' })
    await mustVisit.waitFor()
    expect(await mustVisit.getAttribute('data-status')).toBe('open')
    expect(await mustVisit.textContent()).toContain(childName)
    await screenshot(helper, 'home-helper-todo')

    // A reminder says so too; it leads to the child.
    await expect.poll(() => helper.locator('[data-test=bell] .el-badge__content').textContent()).toBe('1')
    await helper.click('[data-test=bell]')
    const reminder = helper.locator('[data-test=reminders] button', { hasText: '情绪低落，请尽快家访' })
    await reminder.waitFor()
    await screenshot(helper, 'reminders')
    await reminder.click()
    await helper.waitForURL(`**/children/${childId}?tab=care`)

    // A home visit, with a photo taken on the phone: the reminder opened the care tab.
    await helper.click('[data-test=add-record]')
    await helper.fill('#record-content', '到家里看望，和奶奶一起陪孩子给妈妈打了视频电话')
    await helper.fill('#record-place', '孩子家中')
    await helper.click('[data-test=mood-fair]')
    const photo = await helper.evaluate(() => {
      const canvas = document.createElement('canvas')
      canvas.width = 1200
      canvas.height = 900
      const pen = canvas.getContext('2d')!
      pen.fillStyle = '#6a9f7f'
      pen.fillRect(0, 0, 1200, 900)
      pen.fillStyle = '#f4e3b1'
      pen.fillRect(300, 200, 600, 500)
      return canvas.toDataURL('image/jpeg', 0.95)
    })
    await helper.setInputFiles('[data-test=record-photos]',
      { name: 'visit.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo.split(',')[1], 'base64') })
    await helper.locator('.record-dialog', { hasText: '已选 1 张照片' }).waitFor()
    await screenshot(helper, 'record-form')
    await helper.click('[data-test=record-save]')
    await helper.locator('.record-dialog').waitFor({ state: 'hidden' })

    const record = helper.locator('[data-test=record]', { hasText: '视频电话' })
    await record.locator('[data-test=record-photos] img').waitFor()
    expect(await record.textContent()).toContain('情绪：一般')
    const closed = helper.locator('[data-test=child-tasks] [data-test=task]', { hasText: '必访：情绪低落' })
    await expect.poll(() => closed.getAttribute('data-status')).toBe('done')
    await screenshot(helper, 'child-care')

    // Its author puts a detail right while the window is open, then adds a correction.
    await record.locator('[data-test=record-more]').click()
    await helper.click('[data-test=record-edit]')
    await helper.fill('#record-place', '孩子家中（外婆家）')
    await helper.click('[data-test=record-save]')
    await helper.locator('.record-dialog').waitFor({ state: 'hidden' })
    await record.filter({ hasText: '外婆家' }).waitFor()
    await record.locator('[data-test=record-more]').click()
    await helper.locator('[data-test=record-revisions]').waitFor()
    await helper.fill('#correction-note', '视频电话是和爸爸打的，不是妈妈')
    await helper.click('[data-test=record-correct]')
    await helper.locator('[data-test=record-corrections]', { hasText: '和爸爸打的' }).waitFor()
    await screenshot(helper, 'record-detail')
    await helper.keyboard.press('Escape')
    await helper.locator('.record-detail').waitFor({ state: 'hidden' })

    await helper.goto('/')
    await helper.locator('[data-test=my-done]').waitFor({ state: 'attached' })
    expect(await helper.locator('[data-test=my-tasks] [data-test=task]', { hasText: '必访：情绪低落' }).count()).toBe(0)
    expect(await helper.locator('[data-test=my-done]').textContent()).toContain('必访：情绪低落')
  }, 120_000)
})

describe('a teacher of another school', () => {
  it('cannot reach the first school\'s child, by address or by search', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage()
    await signIn(page, kOtherTeacher.username, kOtherTeacher.password, kOtherTeacher.password + '-own')
    await page.goto(`/children/${createdChildId}`)
    await page.locator('[data-test=child-error]').waitFor()
    expect(await page.textContent('[data-test=child-error]')).toContain('找不到')
    await page.goto('/children')
    await page.fill('[data-test=search]', kChild.initials)
    await page.waitForLoadState('networkidle')
    await expect.poll(() => page.locator('[data-test=children] .el-table__row', { hasText: kChild.name }).count()).toBe(0)
  })
})

describe('a county official', () => {
  it('sees the county\'s figures and drills down to a township by clicking', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage()
    await signIn(page, 'demo.county', demoPassword, 'County-own-password-2026')
    await page.locator('[data-test=org-chart] canvas').waitFor()
    const countyTotal = Number(await page.locator('[data-test=total] .el-statistic__number').textContent())
    expect(countyTotal).toBeGreaterThan(0)
    await screenshot(page, 'home-county')
    await page.locator('[data-test=below] button').first().click()
    await page.locator('[data-test=up]').waitFor()
    await expect.poll(async () => Number(await page.locator('[data-test=total] .el-statistic__number').textContent()))
      .toBeLessThan(countyTotal)
    await screenshot(page, 'home-township')

    // 不留缺口: the children with no main helper, counted here and listed one click away.
    const gaps = Number(await page.locator('[data-test=gaps] .el-statistic__number').textContent())
    expect(gaps).toBeGreaterThan(0)
    await page.click('[data-test=gaps]')
    await page.waitForURL(/has_main_helper=false/)
    await page.locator('[data-test=children] .el-table__row').first().waitFor()
    expect(await page.locator('.children__total').textContent()).toContain(String(gaps))
  })

  it('sees this term\'s care compliance by township, with the must-visit done', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage()
    await signIn(page, 'demo.county', 'County-own-password-2026')
    await page.goto('/care')
    const township = page.locator('[data-test=compliance-orgs] .el-table__row', { hasText: '青山镇' })
    await township.waitFor()
    expect(await township.textContent()).toContain('100%')
    await screenshot(page, 'care-county')

    // The county adds a rule of its own: a family call every month, owed by the main helper.
    await page.getByRole('tab', { name: '关爱规则' }).click()
    await page.click('[data-test=rule-add]')
    await page.fill('#rule-key', 'monthly_call')
    await page.locator('#rule-count').fill('2')
    await choose(page, 'rule-period', '月')
    const dialog = page.locator('.el-dialog', { hasText: '新增关爱规则' })
    await dialog.locator('[data-test=dialog-confirm]').click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('[data-test=rules] li', { hasText: '主要帮扶人每月至少2次家访' }).waitFor()
    await screenshot(page, 'care-rules')
  })
})

describe('the administrators', () => {
  it('a system admin adds a user, who gets a temporary password shown once', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage()
    await signIn(page, 'demo.admin', demoPassword, 'Admin-own-password-2026')
    await page.goto('/admin/users')
    await page.click('[data-test=add-user]')
    await page.fill('#user-username', 'new.teacher')
    await page.fill('#user-display', '王老师')
    await choose(page, 'user-org', '三年级1班')
    await page.getByRole('button', { name: '保存' }).click()
    const issued = page.locator('[data-test=temporary-password]')
    await saved(page, issued)
    expect(await issued.textContent()).toContain('new.teacher')
    // The address reminders are mailed to: a wrong one is refused at its field, a right one kept.
    // The new user's dialog is closed first: a click while it fades out may land on its overlay.
    await page.locator('.el-dialog', { hasText: '新建用户' }).waitFor({ state: 'hidden' })
    const row = page.locator('.el-table__row', { hasText: 'new.teacher' })
    await row.locator('[data-test=set-email]').click()
    const dialog = page.locator('.el-dialog', { hasText: '设置邮箱' })
    await dialog.waitFor()
    await page.fill('#mailing-email', 'wang laoshi@example')
    await dialog.locator('[data-test=dialog-confirm]').click()
    await dialog.locator('.el-form-item__error', { hasText: '电子邮箱格式不正确' }).waitFor()
    await page.fill('#mailing-email', 'wang@qs.example.cn')
    await dialog.locator('[data-test=dialog-confirm]').click()
    await row.locator('.users__email', { hasText: 'wang@qs.example.cn' }).waitFor()
    await screenshot(page, 'admin-users')
    await page.goto('/admin/fields')
    await page.locator('[data-test=add-field]').waitFor()
    await screenshot(page, 'admin-fields')
  })

  it('an audit admin finds who read a child', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage()
    await signIn(page, 'demo.auditor', demoPassword, 'Auditor-own-password-2026')
    await page.goto(`/admin/audit?object_type=child&object_id=${createdChildId}`)
    const rows = page.locator('[data-test=audit] .el-table__row')
    await rows.first().waitFor()
    expect(await rows.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('child.read')]))
    await screenshot(page, 'admin-audit')
  })
})

describe('a transfer between schools', () => {
  it('is asked for by the head teacher and accepted into a class by the other school', async () => {
    const teacher = await teacherPage()
    await teacher.goto(`/children/${createdChildId}`)
    await teacher.getByRole('button', { name: '申请转学' }).click()
    await choose(teacher, 'transfer-to', 'ds-zx', 'ds-zx')  // another township's school, typed as its code
    await teacher.fill('#transfer-reason', '随父母回户籍地上学')
    await teacher.locator('.el-dialog').getByRole('button', { name: '申请转学' }).click()
    await teacher.locator('.el-message--success').waitFor()

    const principal = await (await newContext(browser, baseUrl)).newPage()
    await signIn(principal, 'principal.ds-zx', demoPassword, 'Principal-own-password-2026')
    await principal.goto('/transfers')
    const row = principal.locator('[data-test=transfers] .el-table__row', { hasText: kChild.name })
    await row.waitFor()
    await screenshot(principal, 'transfers')
    await row.getByRole('button', { name: '接收', exact: true }).click()
    await choose(principal, 'transfer-into', '三年级1班')
    await principal.locator('.el-dialog').getByRole('button', { name: '接收', exact: true }).click()
    await expect.poll(() => row.textContent()).toContain('已接收')

    // The receiving class's head teacher now finds the child; the sender no longer does.
    const receiver = await (await newContext(browser, baseUrl)).newPage()
    await signIn(receiver, kOtherTeacher.username, kOtherTeacher.password + '-own')
    await receiver.goto('/children')
    await receiver.fill('[data-test=search]', kChild.initials)
    await receiver.locator('[data-test=children] .el-table__row', { hasText: kChild.name }).waitFor()
    await teacher.goto(`/children/${createdChildId}`)
    await teacher.locator('[data-test=child-error]').waitFor()
  })
})

// A valid ID number of 来安县 from its first seventeen characters (GB 11643 check character).
function idNumber(seventeen: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...seventeen].reduce((total, digit, index) => total + Number(digit) * weights[index], 0)
  return seventeen + '10X98765432'[sum % 11]
}

describe('a school leader bringing the school onto Shouwang', () => {
  it('imports the school\'s roster: sees the error at its row, corrects a column, imports, and the children are there', async () => {
    const rows = (firstId: string) => [
      '桃园村小学留守儿童花名册',
      '姓名,性别,身份证号,班级,监护人,与儿童关系,联系人手机',
      `钱多多,女,${firstId},二年级1班,钱奶奶,奶奶,13900005555`,
      `孙悟,男,${idNumber('34112220170909005')},2(2)班,孙爷爷,爷爷,13900006666`,
      '填表人：李老师',
    ].join('\r\n')
    const page = await (await newContext(browser, baseUrl)).newPage()
    await signIn(page, 'principal.sk-ty', demoPassword, 'Principal-own-password-2026')
    await page.goto('/children/import')
    await page.setInputFiles('[data-test=roster-file]',
      { name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(rows('341122201702020020')) })
    const errors = page.locator('[data-test=import-errors] .el-table__row')
    await errors.first().waitFor()
    expect(await errors.first().textContent()).toContain('身份证号校验位不正确')
    expect(await errors.first().textContent()).toContain('3')  // the spreadsheet's own row number
    expect(await page.locator('[data-test=import-commit]').isDisabled()).toBe(true)
    await screenshot(page, 'import-errors')

    await page.setInputFiles('[data-test=roster-file]',
      { name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(rows(idNumber('34112220170202002'))) })
    await page.locator('[data-test=import-numbers]').waitFor()
    expect(await page.locator('[data-test=import-errors]').count()).toBe(0)
    await page.click('[data-test=target-6]', { force: true })
    await page.locator('.el-select-dropdown__item:visible', { hasText: '监护人联系电话' }).first().click()
    await page.click('[data-test=import-recheck]')
    // Checked again with the column corrected: the numbers are back and nothing is left to recheck.
    const rechecked = async () => (await page.locator('[data-test=import-recheck]').count()) === 0 &&
      (await page.locator('[data-test=import-numbers]').count()) === 1
    await expect.poll(rechecked).toBe(true)
    expect(await page.locator('.sw-page').textContent()).toContain('将新建班级：二年级2班')
    await screenshot(page, 'import')
    await page.click('[data-test=import-commit]')
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
    await page.locator('[data-test=import-done]').waitFor()
    expect(await page.locator('[data-test=import-done]').textContent()).toContain('新建 2 名')

    await page.goto('/children')
    await page.fill('[data-test=search]', 'qdd')
    await page.locator('[data-test=children] .el-table__row', { hasText: '钱多多' }).waitFor()

    // The list as it is filtered, downloaded as a workbook.
    await page.click('[data-test=print]')
    await page.click('[data-test=export]')
    // The download opens in a new tab that closes as the file arrives: follow its request.
    const requested = page.context().waitForEvent('request', (request) => request.url().includes('/children/export.xlsx'))
    await page.locator('[data-test=print-dialog]').getByRole('button', { name: '下载' }).click()
    const request = await requested
    expect(new URL(request.url()).searchParams.get('q')).toBe('qdd')  // the list's filter
    const answer = await page.request.get(request.url())
    expect(answer.status()).toBe(200)
    expect(answer.headers()['content-disposition']).toContain("filename*=UTF-8''")
    expect((await answer.body()).subarray(0, 2).toString()).toBe('PK')
  })
})
