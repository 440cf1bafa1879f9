/** The separate consents the kiosk asks for (a guardian's for a minor's data). */
export const consentStrings = {
  'consent.minor.title': { zh: '监护人同意', en: "A parent's or guardian's consent" },
  'consent.minor.text': {
    zh: '本申请含有未成年人的个人信息（如孩子的姓名、出生日期和健康信息）。提交后，这些信息将交给办理各事项的部门，仅用于本次办理。',
    en: "This application includes a child's personal information (such as the child's name, date of birth and health details). Once filed, it goes to the departments handling each item, only for this application.",
  },
  'consent.minor.question': {
    zh: '您是这名未成年人的父母或其他监护人，并同意提交这些信息吗？',
    en: "Are you the child's parent or guardian, and do you agree to file this information?",
  },
  'consent.minor.agree': { zh: '我是监护人，同意并提交', en: 'I am the guardian: agree and file' },
  'consent.minor.decline': { zh: '不同意', en: 'I do not agree' },
  'consent.minor.declined': {
    zh: '未获得监护人同意，本申请没有提交。可请孩子的其他监护人来办理，或点“确认提交”重新选择。',
    en: "Without a guardian's consent the application has not been filed. Another parent or guardian can apply, or press Submit to choose again.",
  },
} as const satisfies Record<string, { zh: string; en: string }>;
