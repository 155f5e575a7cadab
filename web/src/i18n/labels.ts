import { useI18n } from 'vue-i18n'

// Names of archive fields and of their coded values, with a plain fallback for anything the
// label files do not know (a county's own field, an old value).
export function useLabels() {
  const { t, te } = useI18n()
  const fieldLabel = (field: string) => (te(`field.${field}`) ? t(`field.${field}`) : field)
  const valueLabel = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return '—'
    const key = `value.${field}.${String(value)}`
    return te(key) ? t(key) : String(value)
  }
  return { fieldLabel, valueLabel }
}

// The coded fields a form offers as choices, in the server's order (domain/children/child.cpp).
export const kChildChoices: Record<string, string[]> = {
  gender: ['male', 'female'],
  left_behind_type: ['both_parents_away', 'one_away_other_unable', 'one_parent_away'],
  care_arrangement: ['grandparents', 'relatives', 'other', 'nobody'],
  poverty_status: ['none', 'low_income', 'monitored', 'extreme_hardship'],
  risk_level: ['low', 'medium', 'high'],
  status: ['in_care', 'no_longer_left_behind', 'transferred_out', 'graduated', 'archived'],
}

// The same for a parent's or guardian's fields (domain/children/family.cpp).
export const kFamilyChoices: Record<string, string[]> = {
  relation: ['father', 'mother', 'grandfather', 'grandmother', 'maternal_grandfather', 'maternal_grandmother', 'uncle',
    'aunt', 'sibling', 'other'],
  education: ['none', 'primary', 'junior', 'senior', 'college'],
  contact_frequency: ['daily', 'weekly', 'monthly', 'rarely', 'never'],
  literacy: ['literate', 'partly', 'illiterate'],
  capacity: ['good', 'fair', 'poor'],
}

// A stored UTC time as people in China read it, in the app's language, wherever the browser is.
export function useChinaTime() {
  const { locale } = useI18n()
  return (at: string) => new Date(at).toLocaleString(locale.value, { timeZone: 'Asia/Shanghai' })
}
