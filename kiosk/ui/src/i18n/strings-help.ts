/**
 * Video help when it cannot answer: closed (outside the service hours) or nobody online. Said
 * plainly, with no wait estimate, and every action named here is a button on the same panel.
 */
export const helpStrings = {
  'help.closed.title': {
    zh: '视频帮办现在不在服务时间',
    en: 'Video help is closed at the moment',
  },
  'help.closed.body': {
    zh: '现在没有工作人员值班，无法视频连线。',
    en: 'No member of staff is on duty now, so a video call is not possible.',
  },
  'help.closed.next': {
    zh: '下次服务时间从{when}开始。',
    en: 'Video help opens again on {when}.',
  },
  'help.noAgent.title': {
    zh: '现在没有工作人员在线',
    en: 'No member of staff is online right now',
  },
  'help.noAgent.body': {
    zh: '所有工作人员都不在线，现在无法接通视频，也无法估计要等多久。',
    en: 'Every member of staff is offline, so we cannot connect a video call now or say how long a wait would be.',
  },
  'help.callBack.offer': {
    zh: '您可以留下手机号码，工作人员会在服务时间内给您回电；登记后会发短信到这个号码确认。',
    en: 'You can leave your mobile number: a member of staff will ring you back during service hours, and a text message to that number confirms the booking.',
  },
  'help.callBack.phoneLabel': { zh: '手机号码（11位）', en: 'Mobile number (11 digits)' },
  'help.callBack.invalid': {
    zh: '请输入以1开头的11位手机号码。',
    en: 'Enter an 11-digit mobile number that starts with 1.',
  },
  'help.callBack.submit': { zh: '预约回电', en: 'Book a call-back' },
  'help.callBack.sending': { zh: '正在登记回电…', en: 'Booking the call-back…' },
  'help.callBack.failed': {
    zh: '回电没有登记成功。请再按一次“预约回电”，或拨打热线 {hotline}。',
    en: 'The call-back was not booked. Press "Book a call-back" again, or ring the hotline {hotline}.',
  },
  'help.callBack.bookedTitle': { zh: '已预约回电', en: 'Call-back booked' },
  'help.callBack.booked': {
    zh: '已登记。工作人员会拨打 {phone} 给您回电，确认短信也会发到这个号码。您现在可以继续自助办理，或离开。',
    en: 'Booked. A member of staff will ring you on {phone}, and a confirming text message goes to that number. You can carry on by yourself now, or leave.',
  },
  'help.hotline': {
    zh: '急事请拨打政务服务便民热线 {hotline}。',
    en: 'For anything urgent, ring the government service hotline {hotline}.',
  },
  'attract.place': { zh: '本机位置：{place}', en: 'This terminal: {place}' },
  'attract.hotline': {
    zh: '政务服务便民热线 {hotline}',
    en: 'Government service hotline {hotline}',
  },
} as const;
