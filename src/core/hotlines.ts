// Hotline numbers the core's own copy uses; checked against shared/reference/driver-law-facts.md rows 65–67.
export const HOTLINES = {
  /** National transport service supervision hotline (row 65). */
  transport: '12328',
  /** Government service hotline (row 66). */
  government: '12345',
  /** Public legal service hotline (row 12). */
  legal: '12348',
  /** Police (row 67). */
  police: '110',
  /** Ambulance: universal emergency number (row 66 keeps it apart from 12345). */
  ambulance: '120',
  /** Traffic accident reporting (row 67). */
  roadAccident: '122',
  /** Fire (row 66 keeps it apart from 12345). */
  fire: '119',
  /** Police by text message, with the last three digits of the local area code, when calling is unsafe (row 47). */
  policeSms: '12110',
} as const;
