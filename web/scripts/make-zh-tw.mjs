// Writes src/locales/zh-TW.json from the Simplified messages — the app's zh-CN.json and the
// archive's field and value names shared with the print views (share/print/labels.json) — with
// OpenCC (mainland → Taiwan, with Taiwan phrases), the conversion the server uses for printed
// labels, so the Traditional text is never edited by hand and never falls behind.
import { readFileSync, writeFileSync } from 'node:fs'
import * as OpenCC from 'opencc-js'

const here = new URL('../src/locales/', import.meta.url)
const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'twp' })
const convert = (value) =>
  typeof value === 'string'
    ? toTaiwan(value)
    : Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, convert(inner)]))

const readJson = (url) => JSON.parse(readFileSync(url, 'utf8'))
const labels = readJson(new URL('../../share/print/labels.json', import.meta.url))['zh-CN']
const simplified = { ...readJson(new URL('zh-CN.json', here)), field: labels.fields, value: labels.values }
writeFileSync(new URL('zh-TW.json', here), JSON.stringify(convert(simplified), null, 1) + '\n')
