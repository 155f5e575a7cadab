import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import { useSessionStore } from '../stores/session'

// Pages load when first visited, so the login page does not carry the rest of the app.
const routes = [
  { path: '/login', name: 'login', component: () => import('../pages/LoginPage.vue'), meta: { public: true } },
  { path: '/password', name: 'password', component: () => import('../pages/PasswordPage.vue') },
  { path: '/totp', name: 'totp', component: () => import('../pages/TotpPage.vue') },
  {
    path: '/',
    component: () => import('../layouts/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('../pages/HomePage.vue') },
      { path: 'children', name: 'children', component: () => import('../pages/ChildrenPage.vue') },
      { path: 'children/import', name: 'children-import', component: () => import('../pages/ImportPage.vue') },
      { path: 'children/new', name: 'child-new', component: () => import('../pages/ChildFormPage.vue') },
      { path: 'children/:id', name: 'child', component: () => import('../pages/ChildPage.vue'), props: true },
      { path: 'children/:id/edit', name: 'child-edit', component: () => import('../pages/ChildFormPage.vue'), props: true },
      { path: 'care', name: 'care', component: () => import('../pages/CarePage.vue') },
      { path: 'transfers', name: 'transfers', component: () => import('../pages/TransfersPage.vue') },
      { path: 'admin/promotion', name: 'admin-promotion', component: () => import('../pages/admin/PromotionPage.vue') },
      { path: 'admin/orgs', name: 'admin-orgs', component: () => import('../pages/admin/OrgsPage.vue') },
      { path: 'admin/users', name: 'admin-users', component: () => import('../pages/admin/UsersPage.vue') },
      { path: 'admin/fields', name: 'admin-fields', component: () => import('../pages/admin/FieldsPage.vue') },
      { path: 'admin/audit', name: 'admin-audit', component: () => import('../pages/admin/AuditPage.vue') },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory(), routes })

// Where a signed-in user must go before anything else: a first password, then (for admins
// when required) a second factor.
export function requiredStep(session: ReturnType<typeof useSessionStore>): string | null {
  if (session.mustChangePassword) return 'password'
  if (session.mustEnrollTotp) return 'totp'
  return null
}

let loaded = false
router.beforeEach(async (to: RouteLocationNormalized) => {
  const session = useSessionStore()
  if (!loaded) {
    await session.load().catch(() => undefined)
    loaded = true
  }
  if (to.meta.public) return true
  if (!session.session) return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
  const step = requiredStep(session)
  if (step && to.name !== step) return { name: step }
  return true
})
