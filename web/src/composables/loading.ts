import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { errorText } from '../api/errors'

// A part of a page filled from the server: whether it is loading, and what went wrong in the
// user's words. `initially`: loading from the first render (no flash of "nothing here").
export function useLoading(initially = false) {
  const { t } = useI18n()
  const loading = ref(initially)
  const message = ref('')

  async function load(fetch: () => Promise<void>): Promise<void> {
    loading.value = true
    message.value = ''
    try {
      await fetch()
    } catch (error) {
      message.value = errorText(error, t)
    } finally {
      loading.value = false
    }
  }

  return { loading, message, load }
}
