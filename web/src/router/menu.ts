// The pages beyond home and children, each with the action the server must allow for it to be
// offered (session.actions); the server still checks every request.
export interface MenuPage {
  name: string
  label: string
  action: string
  notFor?: string[]  // roles that hold the action but have nothing on the page (a helper reads only their children)
}

export const kWorkPages: MenuPage[] = [
  { name: 'care', label: 'nav.care', action: 'read_children', notFor: ['helper'] },
  { name: 'transfers', label: 'nav.transfers', action: 'write_children' },
  { name: 'children-import', label: 'nav.import', action: 'write_children' },
]

export const kAdminPages: MenuPage[] = [
  { name: 'admin-orgs', label: 'nav.orgs', action: 'manage_orgs' },
  { name: 'admin-users', label: 'nav.users', action: 'manage_users' },
  { name: 'admin-fields', label: 'nav.fields', action: 'manage_archive' },
  { name: 'admin-promotion', label: 'nav.promotion', action: 'write_children' },
  { name: 'admin-audit', label: 'nav.audit', action: 'read_audit' },
]
