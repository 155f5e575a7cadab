// How the archive's fields are grouped on the child's page and in its form, and how each is
// edited. The server validates every value; the form only offers the right kind of input.
export type Input = 'text' | 'note' | 'date' | 'choice' | 'grade' | 'boolean'

export interface FieldSpec {
  name: string
  input: Input
}

const field = (name: string, input: Input = 'text'): FieldSpec => ({ name, input })

export const kChildSections: { key: string; fields: FieldSpec[] }[] = [
  {
    key: 'basic',
    fields: [field('name'), field('gender', 'choice'), field('id_number'), field('birth_date', 'date'), field('ethnicity'),
      field('household_registration'), field('home_address'), field('grade', 'grade'), field('boarding', 'boolean')],
  },
  {
    key: 'situation',
    fields: [field('left_behind_type', 'choice'), field('care_arrangement', 'choice'), field('poverty_status', 'choice'),
      field('risk_level', 'choice'), field('health', 'note'), field('disability', 'note')],
  },
  {
    key: 'growth',
    fields: [field('hobbies', 'note'), field('personality', 'note'), field('learning_attitude', 'note'),
      field('learning_method', 'note'), field('guardian_rapport', 'note'), field('parent_contact', 'note'), field('peer_buddy')],
  },
  { key: 'status_part', fields: [field('status', 'choice'), field('status_reason', 'note'), field('status_date', 'date')] },
]

export const kParentFields = ['relation', 'name', 'age', 'phone', 'work_city', 'employer', 'employer_phone', 'work_kind',
  'months_away', 'contact_frequency', 'education', 'hopes']
export const kGuardianFields = ['relation', 'name', 'age', 'phone', 'address', 'occupation', 'education', 'literacy',
  'capacity', 'health', 'discipline_style']
export const kMaskedFields = new Set(['id_number', 'phone', 'employer_phone'])
