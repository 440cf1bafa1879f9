/** The department workbench's side at the kiosk: a 补正 request shown and answered. */
export const benchStrings = {
  'bench.correction.title': { zh: '需要您补交材料', en: 'Please supply more documents' },
  'bench.correction.asked': {
    zh: '{department}请您补交：{materials}。',
    en: '{department} asks you for: {materials}.',
  },
  'bench.correction.deadline': {
    zh: '请在{date}前补交。',
    en: 'Please supply them by {date}.',
  },
  'bench.correction.reason': { zh: '说明：{note}', en: 'Note: {note}' },
  'bench.correction.supplyNow': { zh: '现在补交材料', en: 'Supply the documents now' },
  'bench.correction.inPerson': {
    zh: '补交材料需要申请人本人刷身份证。',
    en: 'The applicant must place their own ID card to supply documents.',
  },
  'bench.correction.supplied': {
    zh: '材料已补交，部门将继续审核。',
    en: 'Your documents are in; the department will continue its review.',
  },
  'bench.correction.suppliedOn': { zh: '已于{date}补交', en: 'Supplied on {date}' },
  'bench.supply.title': { zh: '补交材料', en: 'Supply documents' },
  'bench.supply.intro': {
    zh: '请逐项拍摄下列材料，拍好后点“提交补交材料”。',
    en: 'Photograph each document below, then choose “Send the documents”.',
  },
  'bench.supply.send': { zh: '提交补交材料', en: 'Send the documents' },
  'bench.supply.allNeeded': {
    zh: '请先拍摄所有需要补交的材料。',
    en: 'Photograph every document asked for first.',
  },
  'bench.provisional': {
    zh: '（期限暂定：下一年度节假日安排尚未公布，可能调整）',
    en: "(provisional: next year's public holidays are not published yet, so it may move)",
  },
} as const satisfies Record<string, { zh: string; en: string }>;
