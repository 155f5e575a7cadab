import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'

// Starts a real `shouwang serve` on a fresh SQLite database filled with the demo county, plus a
// head teacher of another school, and hands the tests its address and the demo password.
// CTest passes the binary in SHOUWANG_BIN; by hand it defaults to the Debug build.
export const kOutput = resolve(import.meta.dirname, '../e2e-output')
export const kOtherTeacher = { username: 'teacher.ds', password: 'Other-school-teacher-2026' }

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    demoPassword: string
  }
}

function waitForPort(server: ChildProcess): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error('shouwang serve did not start: ' + output)), 20_000)
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const found = /listening on http:\/\/[\d.]+:(\d+)/.exec(output)
      if (found) {
        clearTimeout(timer)
        resolvePort(Number(found[1]))
      }
    })
    server.on('exit', (code) => reject(new Error(`shouwang serve exited with ${code}: ${output}`)))
  })
}

export default async function setup(project: TestProject) {
  const binary = process.env.SHOUWANG_BIN ?? resolve(import.meta.dirname, '../../build/debug/src/shouwang')
  const dataDir = mkdtempSync(join(tmpdir(), 'shouwang-e2e-'))
  mkdirSync(kOutput, { recursive: true })
  const demo = execFileSync(binary, ['demo', '--data-dir', dataDir], { encoding: 'utf8' })
  const password = /password (\S+?),/.exec(demo)?.[1]
  if (!password) throw new Error('no demo password in: ' + demo)
  execFileSync(binary, ['user', 'add', '--username', kOtherTeacher.username, '--role', 'head_teacher', '--org', 'ds-zx-3-1',
    '--password-stdin', '--data-dir', dataDir], { input: kOtherTeacher.password + '\n' })

  const log = openSync(join(kOutput, 'server.log'), 'w')
  const server = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', log] })
  const stop = () => server.exitCode === null && server.kill('SIGTERM')
  process.on('exit', stop)  // even when the runner dies, the server does not outlive it
  const port = await waitForPort(server)
  project.provide('baseUrl', `http://127.0.0.1:${port}`)
  project.provide('demoPassword', password)

  return async () => {
    stop()
    await new Promise((done) => (server.exitCode === null ? server.once('exit', done) : done(null)))
    rmSync(dataDir, { recursive: true, force: true })
  }
}
