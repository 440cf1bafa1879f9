/** Call-backs booked at kiosks, worked from the agent's seat (agent-console/src/seat/CallBackPanel.tsx). */
export const callBackStrings = {
  cb_title: { zh: '预约回电', en: 'Call-backs' },
  cb_intro: {
    zh: '视频帮办不在服务时间或无人在线时，市民在终端留下手机号码预约回电。请按登记先后接手并回电。',
    en: 'Citizens book a call-back at a kiosk when video help is closed or nobody is online. Take them in the order they were booked and ring back.',
  },
  cb_none: { zh: '目前没有待回电的预约。', en: 'No call-backs are waiting.' },
  cb_col_phone: { zh: '手机号码', en: 'Mobile number' },
  cb_col_language: { zh: '语言', en: 'Language' },
  cb_col_action: { zh: '操作', en: 'Action' },
  cb_lang_zh: { zh: '中文', en: 'Chinese' },
  cb_lang_en: { zh: '英语', en: 'English' },
  cb_claim: { zh: '接手回电', en: 'Take it' },
  cb_mine: { zh: '由您处理', en: 'Yours' },
  cb_working: { zh: '正在回电：{site}', en: 'Calling back: {site}' },
  cb_reveal: { zh: '查看完整号码', en: 'Show the full number' },
  cb_revealAudited: {
    zh: '查看完整号码会连同理由记入审计日志。',
    en: 'Showing the full number is written to the audit log with your reason.',
  },
  cb_revealConfirm: { zh: '查看号码', en: 'Show the number' },
  cb_dial: { zh: '请拨打 {phone}', en: 'Ring {phone}' },
  cb_note: { zh: '备注（可不填）', en: 'Note (optional)' },
  cb_done: { zh: '已回电', en: 'Called back' },
  cb_unreachable: { zh: '无法接通', en: 'Could not reach' },
  cb_news_done: { zh: '已记录：已回电。', en: 'Recorded: called back.' },
  cb_news_unreachable: { zh: '已记录：无法接通。', en: 'Recorded: could not reach.' },
} as const satisfies Record<string, { zh: string; en: string }>;
