import { onBeforeUnmount, onMounted, ref } from 'vue'

// True on a phone-sized screen, where pages show fewer columns and the menu becomes a drawer.
export function useNarrow(maxWidth = 768) {
  const narrow = ref(false)
  let query: MediaQueryList | undefined
  const update = () => (narrow.value = query?.matches ?? false)
  onMounted(() => {
    query = window.matchMedia(`(max-width: ${maxWidth}px)`)
    update()
    query.addEventListener('change', update)
  })
  onBeforeUnmount(() => query?.removeEventListener('change', update))
  return narrow
}
