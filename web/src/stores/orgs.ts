import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { get } from '../api/client'
import type { Org } from '../api/types'

export interface OrgNode {
  org: Org
  children: OrgNode[]
}

// The organisations within the user's reach, as a tree, and the one the pages look at.
export const useOrgStore = defineStore('orgs', () => {
  const orgs = ref<Org[]>([])
  const selectedCode = ref('')
  let loading: Promise<void> | null = null

  const byCode = computed(() => new Map(orgs.value.map((org) => [org.code, org])))
  const tree = computed<OrgNode[]>(() => buildTree(orgs.value))

  function load(): Promise<void> {
    loading ??= get<{ orgs: Org[] }>('/api/v1/orgs').then((answer) => {
      orgs.value = answer.orgs
    }).finally(() => (loading = null))
    return loading
  }

  function childrenOf(code: string): Org[] {
    const parent = byCode.value.get(code)
    return parent ? orgs.value.filter((org) => org.parent_id === parent.id) : []
  }

  function parentOf(code: string): Org | null {
    const org = byCode.value.get(code)
    return orgs.value.find((other) => other.id === org?.parent_id) ?? null
  }

  function nameOf(code: string): string {
    return byCode.value.get(code)?.name ?? code
  }

  function reset() {
    orgs.value = []
    selectedCode.value = ''
  }

  return { orgs, selectedCode, byCode, tree, load, childrenOf, parentOf, nameOf, reset }
})

export function buildTree(orgs: Org[]): OrgNode[] {
  const nodes = new Map(orgs.map((org) => [org.id, { org, children: [] as OrgNode[] }]))
  const roots: OrgNode[] = []
  for (const node of nodes.values()) {
    const parent = node.org.parent_id ? nodes.get(node.org.parent_id) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  const byName = (a: OrgNode, b: OrgNode) => a.org.code.localeCompare(b.org.code)
  const sort = (list: OrgNode[]) => {
    list.sort(byName)
    list.forEach((node) => sort(node.children))
  }
  sort(roots)
  return roots
}
