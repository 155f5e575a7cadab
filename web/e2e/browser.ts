import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { kOutput } from './global-setup'

// Debian's chromium, headless, with a fresh profile (Playwright makes a new one per launch) and
// no traffic of its own: this machine reaches nothing but the loopback server under test.
const kFlags = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic']

export const kDesktop = { width: 1366, height: 768 }
export const kPhone = { width: 360, height: 740 }

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: kFlags })
}

export async function newContext(browser: Browser, baseURL: string, phone = false): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: phone ? kPhone : kDesktop, locale: 'zh-CN', isMobile: phone, hasTouch: phone })
  context.setDefaultTimeout(15_000)  // the Debug server with sanitizers, beside other suites
  return context
}

const kShots = join(kOutput, 'screenshots')

// Saves the page as it looks now at the current size, named for the page and the size.
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(kShots, { recursive: true })
  const { width, height } = page.viewportSize() ?? kDesktop
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(400)  // charts and dialogs finish their animations
  await page.screenshot({ path: join(kShots, `${name}-${width}x${height}.png`), fullPage: false })
}

// Signs in through the login page; on a first sign-in, sets `newPassword` on the page that asks.
export async function signIn(page: Page, username: string, password: string, newPassword?: string): Promise<void> {
  await page.goto('/login')
  await page.fill('#login-username', username)
  await page.fill('#login-password', password)
  await page.click('button[type=submit]')
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  if (!page.url().endsWith('/password')) return
  if (!newPassword) throw new Error(`${username} must change the password first`)
  await page.fill('#old-password', password)
  await page.fill('#new-password', newPassword)
  await page.fill('#repeat-password', newPassword)
  await page.click('button[type=submit]')
  await page.waitForURL((url) => url.pathname === '/')
}

// Picks an option of an Element Plus select: open it, click the option with this text, until the
// select shows it. On a busy machine the click that opens the list can land while the dialog is
// still opening, and the list never shows; or the option's click lands while the list is still
// opening, selects nothing and leaves the list open over the form. Either way the list is closed,
// so it cannot hide the next button, and the pick is tried again. `typed` is typed into a
// filterable select first (a school of another township, named by its code).
export async function choose(page: Page, selectId: string, option: string, typed?: string): Promise<void> {
  const select = page.locator('.el-select', { has: page.locator(`#${selectId}`) })
  for (let attempt = 1; ; ++attempt) {
    await page.click(`#${selectId}`, { force: true })
    if (typed !== undefined) await page.locator(`#${selectId}`).fill(typed)
    await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click({ timeout: 5_000 })
      .catch(() => undefined)
    await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden', timeout: 2_000 })
      .catch(() => page.keyboard.press('Escape'))
    const shown = await select.textContent()
    if (shown?.includes(option)) return
    if (attempt === 3) throw new Error(`#${selectId} shows "${shown}" after picking "${option}" three times`)
  }
}

// Waits for `done` after a save. When the page shows a refusal at a field instead, fails with its
// words, so that a refused save says which field and why.
export async function saved(page: Page, done: Locator): Promise<void> {
  const refusal = page.locator('.el-form-item__error:visible').first()
  await done.or(refusal).first().waitFor()
  if (await refusal.isVisible()) throw new Error(`the save was refused: ${await refusal.textContent()}`)
}
