import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useFieldErrors } from '../api/errors'

// A form's round trip: busy while it runs, earlier errors cleared, the server's verdict shown at
// the field it names (or on one line). Resolves true when the change went through.
export function useSubmit() {
  const { t } = useI18n()
  const errors = useFieldErrors()
  const busy = ref(false)

  async function submit(change: () => Promise<unknown>): Promise<boolean> {
    busy.value = true
    errors.clear()
    try {
      await change()
      return true
    } catch (error) {
      errors.show(error, t)
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, errors, submit }
}
