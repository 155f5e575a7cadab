import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { errorText } from '../api/errors'

// Runs one change against the server: asks first when `confirm` is given, says "saved" or the
// server's reason, and reports whether it went through so the page can reload.
export function useAction() {
  const { t } = useI18n()
  const busy = ref(false)

  async function run(change: () => Promise<unknown>, confirm?: string): Promise<boolean> {
    if (confirm) {
      try {
        await ElMessageBox.confirm(confirm, { confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel'), type: 'warning' })
      } catch {
        return false
      }
    }
    busy.value = true
    try {
      await change()
      ElMessage.success(t('common.saved'))
      return true
    } catch (error) {
      ElMessage.error(errorText(error, t))
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, run }
}
