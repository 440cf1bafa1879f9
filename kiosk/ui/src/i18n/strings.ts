import { benchStrings } from './strings-bench.ts';
import type { Text } from '@onething/contract/rest/kiosk';
import type { Language } from '@onething/contract/sockets/kiosk';
import { kbdStrings } from './strings-kbd.ts';
import { formStrings } from './strings-form.ts';
import { honestStrings } from './strings-honest.ts';
import { consentStrings } from './strings-consent.ts';
import { hwStrings } from './strings-hw.ts';
import { helpStrings } from './strings-help.ts';
import { cameraStrings } from './strings-camera.ts';
import { paperStrings } from './strings-paper.ts';
import { addressStrings } from './strings-address.ts';

/**
 * Every string the kiosk shows or speaks, in Simplified Chinese and English. Components use
 * t(lang, key) and never hard-code text; `{name}` placeholders are filled from params.
 */
interface Entry {
  zh: string;
  en: string;
}

export const strings = {
  // shell
  'app.name': {
    zh: '一件事一次办 · 自助服务终端',
    en: 'One-stop government services · Self-service',
  },
  'nav.back': { zh: '上一步', en: 'Back' },
  'nav.finish': { zh: '结束办理', en: 'End session' },
  'nav.retry': { zh: '重试', en: 'Try again' },
  'nav.label': { zh: '操作', en: 'Actions' },
  'shell.settings': { zh: '显示与语音设置', en: 'Display and voice settings' },
  'toggle.elder': { zh: '长辈模式', en: 'Elder mode' },
  'toggle.voice': { zh: '语音播报', en: 'Voice guidance' },
  'toggle.on': { zh: '开', en: 'On' },
  'toggle.off': { zh: '关', en: 'Off' },
  'lang.switch': { zh: 'English', en: '简体中文' },
  'lang.switchName': { zh: '，切换到英文', en: ', switch to Simplified Chinese' },
  'lang.zh': { zh: '简体中文', en: '简体中文 (Simplified Chinese)' },
  'lang.en': { zh: 'English（英文）', en: 'English' },
  'live.step': { zh: '当前页面：{title}', en: 'Now showing: {title}' },
  'progress.label': { zh: '办理进度', en: 'Progress' },
  'progress.step': { zh: '第 {n} 步，共 {total} 步：{name}', en: 'Step {n} of {total}: {name}' },
  'progress.identify': { zh: '身份识别', en: 'Identify' },
  'progress.choose': { zh: '选择事项', en: 'Choose' },
  'progress.notice': { zh: '一次告知', en: 'Notice' },
  'progress.items': { zh: '选择子项', en: 'Items' },
  'progress.form': { zh: '填写表单', en: 'Form' },
  'progress.materials': { zh: '提交材料', en: 'Materials' },
  'progress.review': { zh: '核对提交', en: 'Review' },
  'progress.receipt': { zh: '领取回执', en: 'Receipt' },
  'busy.loading': { zh: '正在加载，请稍候…', en: 'Loading, please wait…' },
  'busy.working': { zh: '正在处理，请稍候…', en: 'Working, please wait…' },
  'icon.error': { zh: '错误', en: 'Problem' },
  'icon.warning': { zh: '注意', en: 'Attention' },
  'icon.info': { zh: '提示', en: 'Note' },
  'icon.success': { zh: '完成', en: 'Done' },
  'icon.pending': { zh: '进行中', en: 'In progress' },
  'message.prefix': { zh: '{word}：', en: '{word}: ' },

  // problems shown in the banner
  'problem.offline': {
    zh: '暂时连不上政务服务中心。您填写的内容都已保留，请稍后重试。',
    en: "We can't reach the service centre right now. Everything you have entered is kept. Please try again shortly.",
  },
  'problem.bridgeOffline': {
    zh: '本机设备服务未连接，暂时无法读卡和打印。',
    en: "The terminal's device service is not connected, so card reading and printing are unavailable for now.",
  },
  'problem.badResponse': {
    zh: '系统返回了无法识别的内容。请重试，或点击“视频帮办”。',
    en: 'The system gave an answer we could not understand. Please try again, or press "Video help".',
  },
  'problem.badRequest': {
    zh: '这一步的内容不完整，请检查后再试。',
    en: 'Something on this step is incomplete. Please check and try again.',
  },
  'problem.server': { zh: '{message}。', en: '{message}.' },
  'problem.device': { zh: '设备问题：{message}。', en: 'Device problem: {message}.' },
  'problem.dismiss': { zh: '知道了', en: 'OK' },

  // inactivity and card removal
  'idle.title': { zh: '您还在吗？', en: 'Are you still there?' },
  'idle.body': {
    zh: '为保护您的个人信息，{seconds} 秒后将清除本次办理的所有内容。',
    en: 'To protect your personal information, everything from this visit will be cleared in {seconds} seconds.',
  },
  'idle.continue': { zh: '我还在，继续办理', en: "I'm here – continue" },
  'cardRemoved.title': { zh: '身份证已取出', en: 'Your ID card was removed' },
  'cardRemoved.body': {
    zh: '您的信息仍保留在屏幕上。如需继续办理，请点击“继续办理”；如已办完，请点击“结束办理”清除信息。',
    en: 'Your details are still on screen. To carry on, press "Continue"; if you are done, press "Finish" to clear them.',
  },
  'cardRemoved.continue': { zh: '继续办理', en: 'Continue' },

  // video help (政务晓屋 call to a department agent)
  'video.button': { zh: '视频帮办', en: 'Video help' },
  'help.title': { zh: '视频帮办', en: 'Video help' },
  'help.requesting': {
    zh: '正在呼叫工作人员，请稍候…',
    en: 'Calling a member of staff, please wait…',
  },
  'help.waitingTitle': { zh: '正在为您排队', en: 'You are in the queue' },
  'help.position.next': {
    zh: '您是下一位，有工作人员空闲时会首先接听您。',
    en: 'You are next: the first member of staff who is free will answer you.',
  },
  'help.position.ahead': {
    zh: '您前面还有 {ahead} 位市民在等候。',
    en: 'There are {ahead} people ahead of you.',
  },
  'help.position.oneAhead': {
    zh: '您前面还有 1 位市民在等候。',
    en: 'There is 1 person ahead of you.',
  },
  'help.wait.soon': { zh: '预计不到 1 分钟。', en: 'Expected wait: under a minute.' },
  'help.wait.oneMinute': { zh: '预计等待约 1 分钟。', en: 'Expected wait: about 1 minute.' },
  'help.wait.minutes': {
    zh: '预计等待约 {minutes} 分钟。',
    en: 'Expected wait: about {minutes} minutes.',
  },
  'help.escalated': {
    zh: '正在为您联系其他地区的工作人员。',
    en: 'We are also contacting staff in other areas for you.',
  },
  'help.keepWorking': {
    zh: '等待期间，您可以继续在屏幕上办理，接通后工作人员能看到您办到哪一步。',
    en: 'You can carry on while you wait; once connected, the staff member can see how far you got.',
  },
  'help.cancel': { zh: '取消呼叫', en: 'Cancel the call' },
  'help.unreachable': {
    zh: '暂时连不上视频帮办服务。您可以继续自助办理，或到服务窗口咨询。',
    en: "We can't reach the video help service right now. You can carry on by yourself, or ask at a service window.",
  },
  'help.refused': {
    zh: '现在无法呼叫视频帮办：{message}。您可以继续自助办理，或到服务窗口咨询。',
    en: 'Video help cannot be called right now: {message}. You can carry on by yourself, or ask at a service window.',
  },
  'help.retry': { zh: '再呼叫一次', en: 'Call again' },
  'help.close': { zh: '关闭视频帮办', en: 'Close video help' },
  'help.connectedTitle': { zh: '已接通：{name}', en: 'Connected: {name}' },
  'help.agentDepartment': { zh: '所属部门：{department}', en: 'Department: {department}' },
  'help.agentRegion': { zh: '服务地区：{region}', en: 'Serving: {region}' },
  'help.agentVideo': { zh: '工作人员的画面', en: 'Video of the member of staff' },
  'help.selfVideo': { zh: '您自己的画面', en: 'Your own picture' },
  'help.noAgentVideo': {
    zh: '工作人员的画面还没有传过来。',
    en: "The staff member's picture has not arrived yet.",
  },
  'help.media.starting': {
    zh: '正在打开摄像头和麦克风…',
    en: 'Starting the camera and microphone…',
  },
  'help.media.receiveOnly': {
    zh: '本机的摄像头或麦克风无法使用，工作人员看不到也听不到您。请用下面的文字交流。',
    en: "This terminal's camera or microphone cannot be used, so the staff member can't see or hear you. Please use the text chat below.",
  },
  'help.media.unavailable': {
    zh: '视频暂时无法接通。您可以用下面的文字和工作人员交流。',
    en: 'Video is not available right now. You can talk to the staff member by text below.',
  },
  'help.quality.good': { zh: '通话质量：良好', en: 'Call quality: good' },
  'help.quality.fair': {
    zh: '通话质量：一般，画面可能不太清晰',
    en: 'Call quality: fair; the picture may be blurred',
  },
  'help.quality.poor': {
    zh: '通话质量：较差，声音和画面可能断断续续',
    en: 'Call quality: poor; sound and picture may break up',
  },
  'help.quality.unknown': { zh: '通话质量：正在检测', en: 'Call quality: checking' },
  'help.reconnecting': {
    zh: '连接中断了，正在重新连接，请稍候…',
    en: 'The connection dropped. Reconnecting, please wait…',
  },
  'help.mic': { zh: '麦克风', en: 'Microphone' },
  'help.camera': { zh: '摄像头', en: 'Camera' },
  'help.hangup': { zh: '挂断', en: 'Hang up' },
  'help.chatTitle': { zh: '文字交流', en: 'Text chat' },
  'help.chatHint': {
    zh: '听不清或不方便说话时，可以在这里打字。',
    en: "If you can't hear well or would rather not speak, type here.",
  },
  'help.chatLog': { zh: '聊天记录', en: 'Messages' },
  'help.chatEmpty': { zh: '还没有消息。', en: 'No messages yet.' },
  'help.chatInput': { zh: '输入消息', en: 'Your message' },
  'help.chatSend': { zh: '发送', en: 'Send' },
  'help.chatFailed': {
    zh: '消息没有发出去，请再试一次。',
    en: 'The message was not sent. Please try again.',
  },
  'help.chatYou': { zh: '您', en: 'You' },
  'help.chatSystem': { zh: '系统', en: 'System' },
  'help.chatLine': { zh: '{who}：{text}', en: '{who}: {text}' },
  'help.chat.agentConnected': {
    zh: '{name}（{department}）已接通',
    en: '{name} ({department}) is connected',
  },
  'help.chat.agentJoined': { zh: '{name} 加入了通话', en: '{name} joined the call' },
  'help.chat.supervisorJoined': {
    zh: '{name}（主管）加入了通话',
    en: '{name} (supervisor) joined the call',
  },
  'help.requeued.agentLost': {
    zh: '工作人员的网络中断了，您已回到队列最前面，请稍候。',
    en: 'The agent’s connection dropped. You are back at the front of the queue.',
  },
  'help.requeued.transfer': {
    zh: '您已被转接到其他窗口，请稍候。',
    en: 'You are being transferred to another desk. Please wait.',
  },
  'help.activityLabel': {
    zh: '工作人员在您终端上的操作',
    en: 'What the staff member is doing on your terminal',
  },
  'help.activity.none': {
    zh: '工作人员目前没有操作您的终端。',
    en: 'The staff member is not doing anything on your terminal.',
  },
  'help.activity.ask': {
    zh: '{agent}请求{what}，正在等您同意。',
    en: '{agent} asks to {what}; waiting for your answer.',
  },
  'help.activity.working': { zh: '正在{what}…', en: 'In progress: {what}…' },
  'help.activity.done': { zh: '已完成：{what}。', en: 'Done: {what}.' },
  'help.activity.declined': { zh: '您没有同意{what}。', en: 'You said no to: {what}.' },
  'help.activity.failed': { zh: '没有完成：{what}。', en: 'Not done: {what}.' },
  'help.what.readIdCard': { zh: '读取您的身份证', en: 'read your ID card' },
  'help.what.showForm': { zh: '请您核对“{title}”', en: 'check "{title}" with you' },
  'help.what.captureDocument': {
    zh: '拍摄您的材料“{material}”',
    en: 'photograph your document "{material}"',
  },
  'help.what.print': { zh: '为您打印“{title}”', en: 'print "{title}" for you' },
  'help.what.acceptCase': { zh: '代您提交申请', en: 'file your application for you' },
  'help.consent.title': { zh: '{agent}请求您同意', en: '{agent} asks for your permission' },
  'help.consent.readIdCard': {
    zh: '工作人员想读取您的身份证信息（姓名、身份证号码、住址等），用于为您办理。同意后请把身份证放到读卡区。',
    en: 'The staff member would like to read your ID card (name, ID number, address and so on) to handle your application. If you agree, place your card on the reader.',
  },
  'help.consent.showForm': {
    zh: '请核对下面的内容。内容正确请点“同意”；不正确请点“不同意”，再告诉工作人员哪里不对。',
    en: 'Please check the details below. If they are right, press "Yes, I agree"; if not, press "No" and tell the staff member what is wrong.',
  },
  'help.consent.captureDocument': {
    zh: '工作人员想请您拍摄材料“{material}”。同意后请把材料放到拍摄区。',
    en: 'The staff member would like you to photograph your document "{material}". If you agree, place it in the capture area.',
  },
  'help.consent.acceptCase': {
    zh: '工作人员将用您在本机填写的内容，代您提交申请（收件受理）。提交后会打印受理回执。如申请含有未成年人（如新生儿）的信息，同意即表示您是其监护人，同意提交这些信息。',
    en: "The staff member will file your application for you, using what you entered here. A receipt is printed afterwards. If it includes a child's information, agreeing also confirms that you are the child's parent or guardian and agree to file it.",
  },
  'help.agree': { zh: '同意', en: 'Yes, I agree' },
  'help.decline': { zh: '不同意', en: 'No' },
  'help.placeCard': {
    zh: '请把身份证平放在读卡区，读卡时请不要移动。',
    en: 'Lay your ID card flat on the card reader and keep it still while it is read.',
  },
  'help.stopAction': { zh: '不做了', en: 'Stop' },
  'help.ended': { zh: '视频通话已结束。', en: 'The video call has ended.' },
  'help.endedWaiting': {
    zh: '这次呼叫已结束。如还需要帮助，可以再次点击“视频帮办”。',
    en: 'This call request has ended. If you still need help, press "Video help" again.',
  },
  'help.caseFiled': {
    zh: '工作人员已代您提交申请，办件编号 {caseNumber}。',
    en: 'The staff member filed your application: case number {caseNumber}.',
  },
  'help.ratingTitle': { zh: '请评价刚才的视频帮办', en: 'Please rate the video help you had' },
  'help.ratingIntro': {
    zh: '为您服务的是{agent}。评价完全自愿，您的身份受到保护。差评会有专人回访。',
    en: 'You were helped by {agent}. Rating is voluntary and your identity is protected. Every poor rating is followed up by a named officer.',
  },

  // out of service
  'oos.title': { zh: '本机暂停服务', en: 'This terminal is out of service' },
  'oos.body': {
    zh: '请使用旁边的终端，或到服务窗口办理。给您带来不便，敬请谅解。',
    en: 'Please use another terminal or go to a service window. Sorry for the inconvenience.',
  },
  'oos.goTo': { zh: '请前往：', en: 'Please go to: ' },
  'oos.goToNote': {
    zh: '那里的终端可以正常办理。给您带来不便，敬请谅解。',
    en: 'The terminal there is in service. Sorry for the inconvenience.',
  },

  // attract
  'attract.title': { zh: '一件事 一次办', en: 'Get it done in one visit' },
  'attract.subtitle': {
    zh: '24 小时自助服务：一次告知、一表申请、一套材料、一次办好',
    en: '24-hour self-service: one notice, one form, one set of documents, one visit',
  },
  'attract.start': { zh: '开始办事', en: 'Start' },
  'attract.startHint': {
    zh: '也可以直接把身份证放到读卡区',
    en: 'Or simply place your ID card on the reader',
  },
  'attract.notReady': {
    zh: '终端还没有准备好，请稍后再点一次。',
    en: 'The terminal is not ready yet. Please try again in a moment.',
  },
  'attract.status': { zh: '查询办件进度', en: 'Check an application' },
  'attract.instant': { zh: '立即打印证明', en: 'Print a certificate now' },
  'attract.scanHint': {
    zh: '将回执上的二维码对准扫码口，可直接查询进度',
    en: 'Show the QR code on your receipt to the scanner to check progress',
  },

  // welcome
  'welcome.title': { zh: '请选择语言和显示方式', en: 'Choose your language and display' },
  'welcome.intro': {
    zh: '选择后点击“确定，继续”。办理过程中也可以随时在页面顶部更改。',
    en: 'Then press "OK, continue". You can change these at the top of the screen at any time.',
  },
  'welcome.language': { zh: '语言', en: 'Language' },
  'welcome.display': { zh: '显示方式', en: 'Display' },
  'welcome.standard': { zh: '标准模式', en: 'Standard' },
  'welcome.elder': {
    zh: '长辈模式：大字、每页选项更少',
    en: 'Elder mode: larger text, fewer choices',
  },
  'welcome.voice': { zh: '语音播报', en: 'Voice guidance' },
  'welcome.voiceOn': { zh: '播报每一步', en: 'Read each step aloud' },
  'welcome.voiceOff': { zh: '不播报', en: 'No voice' },
  'welcome.voiceUnavailable': {
    zh: '本机暂不支持语音播报。',
    en: 'Voice guidance is not available on this terminal.',
  },
  'welcome.continue': { zh: '确定，继续', en: 'OK, continue' },

  // identify
  'identify.title': { zh: '请放置身份证', en: 'Place your ID card' },
  'identify.intro': {
    zh: '请将居民身份证平放在读卡区，读卡时请不要移动。',
    en: 'Lay your resident ID card flat on the card reader and keep it still while it is read.',
  },
  'identify.orScan': {
    zh: '或者：打开电子身份证二维码，对准扫码口。',
    en: 'Or: show your electronic ID QR code to the scanner.',
  },
  'identify.waiting': { zh: '正在等待身份证…', en: 'Waiting for your card…' },
  'identify.checkingEid': { zh: '正在核验电子身份证…', en: 'Checking your electronic ID…' },
  'identify.problem.unreadable': {
    zh: '没能读出这张卡。请取出身份证，擦拭干净后平放，再试一次。',
    en: "We couldn't read the card. Please take it out, wipe it, lay it flat and try again.",
  },
  'identify.problem.badChecksum': {
    zh: '这张证件的号码没有通过校验，证件可能已损坏。请换用其他有效证件，或点击“视频帮办”。',
    en: 'The number on this card did not pass its check; the card may be damaged. Please use another valid document, or press "Video help".',
  },
  'identify.problem.expired': {
    zh: '这张身份证已超过有效期，不能在自助终端办理。请到服务窗口办理，或点击“视频帮办”。',
    en: 'This ID card has expired, so it cannot be used at this terminal. Please go to a service window, or press "Video help".',
  },
  'identify.problem.notYetValid': {
    zh: '这张身份证还没到有效期开始日期，暂时不能使用。请到服务窗口办理。',
    en: 'This ID card is not valid yet, so it cannot be used. Please go to a service window.',
  },
  'identify.problem.readerFault': {
    zh: '读卡器暂时出了故障。您可以改用电子身份证二维码，或点击“视频帮办”。',
    en: 'The card reader has a problem right now. You can use your electronic ID QR code instead, or press "Video help".',
  },
  'identify.problem.qrNotOurs': {
    zh: '这个二维码不是电子身份证，本机无法使用。请打开电子身份证二维码后再扫。',
    en: 'That code is not an electronic ID, so this terminal cannot use it. Please open your electronic ID QR code and scan again.',
  },
  'identify.problem.eidRejected': {
    zh: '电子身份证没有通过核验，二维码可能已过期。请刷新二维码后再扫，或使用身份证。',
    en: 'The electronic ID could not be verified; the code may have expired. Refresh it and scan again, or use your ID card.',
  },

  // choose a bundle
  'bundles.title': { zh: '您要办什么事？', en: 'What do you need to do?' },
  'bundles.intro': {
    zh: '{name}，您好。请按人生大事选择，或输入关键词搜索。',
    en: 'Hello, {name}. Choose by life event, or search by keyword.',
  },
  'bundles.introElder': {
    zh: '{name}，您好。请选择您要办的人生大事。',
    en: 'Hello, {name}. Choose the life event you need help with.',
  },
  'bundles.byLifeEvent': { zh: '按人生大事查找', en: 'Find by life event' },
  'bundles.allEvents': { zh: '全部', en: 'All' },
  'bundles.search': { zh: '搜索', en: 'Search' },
  'bundles.searchHint': {
    zh: '例如：出生、退休、开办',
    en: 'For example: birth, retirement, opening a business',
  },
  'bundles.none': {
    zh: '没有找到相关的事，请换个词试试，或点击“全部”。',
    en: 'Nothing matches. Please try another word, or press "All".',
  },
  'bundles.results': { zh: '可办理的事（{count} 件）', en: 'Services ({count})' },
  'bundles.counts': {
    zh: '{items} 个事项 · {departments} 个部门并联办理',
    en: '{items} items · {departments} departments in parallel',
  },
  'bundles.promised': { zh: '承诺 {days} 个工作日办结', en: 'Done within {days} working days' },
  'bundles.lead': { zh: '牵头部门：{name}', en: 'Lead department: {name}' },
  'bundles.subject.personal': { zh: '个人', en: 'Personal' },
  'bundles.subject.business': { zh: '企业', en: 'Business' },
  'bundles.chooseEvent': { zh: '请先选择人生大事', en: 'First, choose a life event' },
  'bundles.otherEvents': { zh: '选择其他人生大事', en: 'Choose another life event' },
  'bundles.empty': {
    zh: '目前没有可在本机办理的事。',
    en: 'No services can be handled at this terminal right now.',
  },

  // one-time notice
  'notice.title': { zh: '一次告知：{name}', en: 'Everything you need to know: {name}' },
  'notice.intro': {
    zh: '由{lead}牵头，{departments} 个部门并联办理，共 {items} 个事项。办理条件、材料、时限和费用都在这一页。',
    en: 'Led by {lead}; {departments} departments work in parallel on {items} items. Conditions, documents, time limits and fees are all on this page.',
  },
  'notice.items': { zh: '包含的事项', en: 'Items included' },
  'notice.department': { zh: '办理部门', en: 'Department' },
  'notice.conditions': { zh: '办理条件', en: 'Conditions' },
  'notice.appliesWhen': { zh: '适用情形', en: 'Applies when' },
  'notice.timeLimit': { zh: '办理时限', en: 'Time limit' },
  'notice.promisedDays': { zh: '承诺 {days} 个工作日', en: '{days} working days (promised)' },
  'notice.statutoryDays': { zh: '法定 {days} 个工作日', en: '{days} working days (by law)' },
  'notice.onTheSpot': { zh: '即办', en: 'Done on the spot' },
  'notice.noLimit': { zh: '以办理部门答复为准', en: 'As advised by the department' },
  'notice.fee': { zh: '收费', en: 'Fee' },
  'notice.result': { zh: '办理结果', en: 'Result' },
  'notice.delivery': { zh: '领取方式', en: 'How you receive it' },
  'notice.mandatory': { zh: '必办', en: 'Required' },
  'notice.materials': { zh: '需要准备的材料', en: 'Documents to prepare' },
  'notice.materialCount': { zh: '{form} {count} 份', en: '{form}, {count}' },
  'notice.licence': {
    zh: '可用电子证照“{name}”代替（免提交）',
    en: 'Can be replaced by the electronic licence "{name}" (no need to bring it)',
  },
  'notice.requiredBy': { zh: '用于：{items}', en: 'Used for: {items}' },
  'notice.process': { zh: '办理流程', en: 'How it works' },
  'notice.print': { zh: '打印这份告知单', en: 'Print this notice' },
  'notice.continue': { zh: '我已了解，选择要办的事项', en: 'I understand – choose items' },
  'material.original': { zh: '原件', en: 'Original' },
  'material.copy': { zh: '复印件', en: 'Copy' },
  'material.originalAndCopy': { zh: '原件和复印件', en: 'Original and copy' },
  'material.electronic': { zh: '电子版', en: 'Electronic' },

  // print progress
  'print.queued': { zh: '已发送到打印机，等待打印', en: 'Sent to the printer, waiting' },
  'print.waiting': {
    zh: '打印暂停：{detail}。处理好后会自动继续打印。',
    en: 'Printing is paused: {detail}. It carries on by itself once this is put right.',
  },
  'print.printing': { zh: '正在打印…', en: 'Printing…' },
  'print.done': { zh: '打印完成，请取走。', en: 'Printed. Please take it.' },
  'print.failed': { zh: '没有打印出来：{detail}', en: 'It did not print: {detail}' },
  'print.noDetail': { zh: '原因未知', en: 'reason unknown' },
  // why a job waits or failed (PrintProblem)
  'print.problem.paperOut': { zh: '打印纸用完了', en: 'the printer is out of paper' },
  'print.problem.coverOpen': { zh: '打印机盖没有关好', en: 'the printer cover is open' },
  'print.problem.fault': { zh: '打印机出了故障', en: 'the printer has a fault' },
  'print.problem.offline': { zh: '打印机没有就绪', en: 'the printer is not ready' },
  'print.problem.disconnected': { zh: '打印机没有连接', en: 'the printer is not connected' },
  'print.problem.interrupted': {
    zh: '打印中途被打断，可以重新打印',
    en: 'printing was interrupted; you can print it again',
  },
  'print.problem.cancelled': { zh: '打印已取消', en: 'printing was cancelled' },
  'print.problem.fontMissing': {
    zh: '本机暂时无法生成文件',
    en: 'this terminal cannot prepare the document now',
  },
  'print.problem.renderFailed': {
    zh: '本机暂时无法生成文件',
    en: 'this terminal cannot prepare the document now',
  },
  'print.problem.cupsMissing': {
    zh: '本机的A4打印机暂不可用',
    en: 'the A4 printer of this terminal is not available',
  },
  'print.problem.schedulerDown': {
    zh: '本机的A4打印机暂不可用',
    en: 'the A4 printer of this terminal is not available',
  },
  'print.problem.queueNotFound': {
    zh: '本机的A4打印机暂不可用',
    en: 'the A4 printer of this terminal is not available',
  },
  'print.problem.printFailed': {
    zh: 'A4打印机没有接收这份文件',
    en: 'the A4 printer did not take the document',
  },

  // choose items
  'items.title': { zh: '选择要办理的事项', en: 'Choose the items to apply for' },
  'items.intro': {
    zh: '默认全部办理，您也可以只办其中一部分。标有“必办”的事项不能取消。',
    en: 'Everything is chosen. You may apply for only some items; items marked "Required" cannot be removed.',
  },
  'items.selectAll': { zh: '全部办理', en: 'Choose all' },
  'items.chosen': { zh: '已选', en: 'Chosen' },
  'items.notChosen': { zh: '未选', en: 'Not chosen' },
  'items.requires': {
    zh: '需与以下事项一并办理：{names}',
    en: 'Must be done together with: {names}',
  },
  'items.refusedMandatory': {
    zh: '“{name}”是必办事项，不能取消。',
    en: '"{name}" is required and cannot be removed.',
  },
  'items.refusedNeeded': {
    zh: '“{name}”不能取消，因为必办事项“{blocker}”需要它。',
    en: '"{name}" cannot be removed because the required item "{blocker}" needs it.',
  },
  'items.count': { zh: '已选 {count} 项，共 {total} 项', en: '{count} of {total} chosen' },
  'items.none': { zh: '请至少选择一项。', en: 'Please choose at least one item.' },
  'items.continue': { zh: '下一步：填写申请表', en: 'Next: fill in the form' },

  // merged form
  'form.title': { zh: '填写申请表', en: 'Fill in the application form' },
  'form.intro': {
    zh: '已知的信息已为您填好，只需填写其余内容。{separate} 个填写项已合并为 {merged} 个，需要您填写 {toType} 个。',
    en: 'What we already know is filled in; you only answer the rest. {separate} questions were merged into {merged}; {toType} are for you.',
  },
  'form.required': { zh: '必填', en: 'Required' },
  'form.optional': { zh: '选填', en: 'Optional' },
  'form.locked': { zh: '不可修改', en: 'Cannot be changed' },
  'form.fallback': { zh: '未能自动获取：{reason}', en: 'Could not be filled in for you: {reason}' },
  'form.errorsTitle': { zh: '有 {count} 处需要修改', en: '{count} answers need fixing' },
  'form.errorItem': { zh: '“{label}”：{message}', en: '"{label}": {message}' },
  'form.fixField': { zh: '去修改“{label}”', en: 'Fix "{label}"' },
  'form.yes': { zh: '是', en: 'Yes' },
  'form.no': { zh: '否', en: 'No' },
  'form.notAnswered': { zh: '未填写', en: 'Not answered' },
  'form.continue': { zh: '检查并继续', en: 'Check and continue' },
  'form.part': { zh: '第 {n} 部分，共 {total} 部分', en: 'Part {n} of {total}' },
  'form.nextPart': { zh: '下一部分', en: 'Next part' },
  'form.prevPart': { zh: '上一部分', en: 'Previous part' },
  'form.otherError': { zh: '{message}', en: '{message}' },
  'source.citizen': { zh: '由您填写', en: 'Your answer' },
  'source.idCard': { zh: '来自身份证', en: 'From your ID card' },
  'source.householdRegistry': { zh: '来自户籍登记', en: 'From household registration' },
  'source.marriageRegistry': { zh: '来自婚姻登记', en: 'From marriage registration' },
  'source.socialSecurity': { zh: '来自社保登记', en: 'From social security records' },
  'source.propertyRegistry': { zh: '来自不动产登记', en: 'From the property register' },
  'source.licenceLibrary': { zh: '来自电子证照库', en: 'From the e-licence library' },
  'source.marketRegulation': { zh: '来自市场监管登记', en: 'From the business register' },

  // materials
  'materials.title': { zh: '提交材料', en: 'Documents' },
  'materials.intro': {
    zh: '已有电子证照的材料会自动附上，无需提交。其余材料请放在拍摄区拍照，也可以暂不提供。',
    en: 'Documents held as electronic licences are attached for you. Photograph the others in the capture area, or skip them for now.',
  },
  'materials.none': {
    zh: '这次办理不需要另外提交材料。',
    en: 'No other documents are needed this time.',
  },
  'materials.attached': { zh: '已自动附上（免提交）', en: 'Attached for you (no need to submit)' },
  'materials.captured': { zh: '已拍摄', en: 'Photographed' },
  'materials.skipped': { zh: '暂不提供', en: 'Skipped for now' },
  'materials.needed': { zh: '待提供', en: 'Still needed' },
  'materials.capture': { zh: '拍摄“{name}”', en: 'Photograph "{name}"' },
  'materials.retake': { zh: '重新拍摄“{name}”', en: 'Photograph "{name}" again' },
  'materials.skip': { zh: '暂不提供“{name}”', en: 'Skip "{name}"' },
  'materials.undoSkip': { zh: '改为提供“{name}”', en: 'Provide "{name}" after all' },
  'materials.skipConsequence': {
    zh: '如不提供，审批部门可能会联系您补交，办理时间可能延长。',
    en: 'If you skip it, the department may contact you for it later, and it may take longer.',
  },
  'materials.cameraTitle': { zh: '拍摄：{name}', en: 'Photograph: {name}' },
  'materials.cameraInstruction': {
    zh: '请将材料内容朝上平放在拍摄区，画面清晰后点击“拍照”。',
    en: 'Lay the document face up in the capture area. When the picture is sharp, press "Take photo".',
  },
  'materials.cameraPreview': { zh: '拍摄区画面', en: 'Camera view of the capture area' },
  'materials.shoot': { zh: '拍照', en: 'Take photo' },
  'materials.cancelCamera': { zh: '不拍了', en: 'Cancel' },
  'materials.cameraStarting': { zh: '正在打开拍摄仪…', en: 'Starting the document camera…' },
  'materials.camera.denied': {
    zh: '拍摄仪无法使用（没有获得使用权限）。您可以先不提供这份材料，之后再补交。',
    en: 'The document camera cannot be used (permission was not given). You can skip this document and provide it later.',
  },
  'materials.camera.missing': {
    zh: '本机没有找到拍摄仪。您可以先不提供这份材料，之后再补交。',
    en: 'No document camera was found on this terminal. You can skip this document and provide it later.',
  },
  'materials.camera.failed': {
    zh: '拍摄仪暂时无法使用。您可以再试一次，或先不提供这份材料。',
    en: 'The document camera is not working right now. You can try again, or skip this document.',
  },
  'materials.tooLarge': {
    zh: '照片太大，无法上传。请重新拍摄。',
    en: 'The photo is too large to upload. Please take it again.',
  },
  'materials.preview': { zh: '已拍摄的“{name}”', en: 'Photo of "{name}"' },
  'materials.continue': { zh: '下一步：核对信息', en: 'Next: review' },

  // review and submit
  'review.title': { zh: '核对并提交', en: 'Review and submit' },
  'review.intro': {
    zh: '请核对以下信息。需要修改时点击对应的“修改”按钮，已填写的内容不会丢失。',
    en: 'Please check the details below. Use a "Change" button to correct something; nothing you entered will be lost.',
  },
  'review.bundle': { zh: '办理的事', en: 'What you are applying for' },
  'review.applicant': { zh: '申请人', en: 'Applicant' },
  'review.name': { zh: '姓名', en: 'Name' },
  'review.idNumber': { zh: '身份证号', en: 'ID number' },
  'review.answers': { zh: '申请表内容', en: 'Your answers' },
  'review.materials': { zh: '材料', en: 'Documents' },
  'review.notProvided': {
    zh: '未提供（可能需要补交）',
    en: 'Not provided (you may be asked for it later)',
  },
  'review.materialState': { zh: '{name}：{state}', en: '{name}: {state}' },
  'review.changeItems': { zh: '修改办理事项', en: 'Change items' },
  'review.changeForm': { zh: '修改申请表', en: 'Change answers' },
  'review.changeMaterials': { zh: '修改材料', en: 'Change documents' },
  'review.declaration': {
    zh: '点击“确认提交”即表示您确认以上信息真实、准确。',
    en: 'By pressing "Submit" you confirm that the information above is true and accurate.',
  },
  'review.submit': { zh: '确认提交', en: 'Submit' },
  'review.submitting': { zh: '正在提交，请稍候…', en: 'Submitting, please wait…' },
  'review.failed': {
    zh: '提交没有成功。您填写的内容都已保留，可以再试一次。',
    en: 'The submission did not go through. Everything you entered is kept; you can try again.',
  },
  'review.unreachable': {
    zh: '暂时连不上政务服务中心。您可以稍后重试，或把申请保存在本机，网络恢复后自动提交（只提交一次）。',
    en: "We can't reach the service centre right now. Try again shortly, or save the application on this terminal to be sent automatically (once) when the connection returns.",
  },
  'review.queue': { zh: '保存在本机，稍后自动提交', en: 'Save here and send it later' },

  // queued in the outbox
  'queued.title': { zh: '申请已保存，等待发送', en: 'Application saved, waiting to be sent' },
  'queued.intro': {
    zh: '网络恢复后，本机会自动提交您的申请，且只提交一次。请记下参考号，凭参考号到服务窗口查询。',
    en: 'When the connection returns, this terminal sends your application automatically, exactly once. Note the reference; a service window can find your application with it.',
  },
  'queued.reference': { zh: '参考号', en: 'Reference' },
  'queued.pending': {
    zh: '本机待发送的申请：{count} 份',
    en: 'Applications waiting on this terminal: {count}',
  },
  'queued.print': { zh: '打印参考号', en: 'Print the reference' },

  // receipt
  'receipt.title': { zh: '已提交', en: 'Application submitted' },
  'receipt.intro': {
    zh: '您的申请已提交，各部门已收件；受理后将并联办理，进度可随时查询。',
    en: 'Your application has been submitted and the departments have received it; once they accept it they work on it in parallel. You can check progress at any time.',
  },
  'receipt.duplicate': {
    zh: '这份申请之前已经提交过，下面是原来的办件。',
    en: 'This application had already been submitted; here is the original case.',
  },
  'receipt.caseNumber': { zh: '办件编号', en: 'Case number' },
  'receipt.due': { zh: '预计 {date} 前办结', en: 'Expected to be done by {date}' },
  'receipt.writeDown': {
    zh: '回执没有打印出来，请记下办件编号：{caseNumber}',
    en: 'The receipt did not print. Please write down the case number: {caseNumber}',
  },
  'receipt.reprint': { zh: '再打印一张回执', en: 'Print the receipt again' },
  'receipt.continue': { zh: '下一步：评价服务', en: 'Next: rate this service' },

  // printed documents
  'receiptDoc.title': { zh: '一件事一次办 受理回执', en: 'Application receipt' },
  'receiptDoc.bundle': { zh: '事项：{name}', en: 'Service: {name}' },
  'receiptDoc.case': { zh: '办件编号：{caseNumber}', en: 'Case number: {caseNumber}' },
  'receiptDoc.submitted': { zh: '提交时间：{time}', en: 'Submitted: {time}' },
  'receiptDoc.due': { zh: '预计办结：{date}', en: 'Expected by: {date}' },
  'receiptDoc.department': { zh: '{department}：{items}', en: '{department}: {items}' },
  'receiptDoc.scan': {
    zh: '扫描二维码或在自助终端查询办理进度',
    en: 'Scan the code or use a self-service terminal to check progress',
  },
  'receiptDoc.footer': {
    zh: '查询时需要身份证号后四位',
    en: 'You will need the last 4 characters of your ID number',
  },
  'queuedDoc.title': { zh: '申请已保存 待发送', en: 'Application saved' },
  'queuedDoc.reference': { zh: '参考号：{reference}', en: 'Reference: {reference}' },
  'queuedDoc.note': {
    zh: '网络恢复后本机自动提交，凭参考号到服务窗口查询',
    en: 'Sent automatically when the connection returns; ask at a service window with this reference',
  },
  'noticeDoc.item': { zh: '【{name}】{department}', en: '[{name}] {department}' },
  'noticeDoc.materials': { zh: '需要准备的材料：', en: 'Documents to prepare:' },
  'noticeDoc.process': { zh: '办理流程：', en: 'How it works:' },

  // rating
  'rating.title': { zh: '请评价本次服务', en: 'Please rate this service' },
  'rating.intro': {
    zh: '评价完全自愿，您的身份受到保护，不影响办理结果。差评会有专人回访。',
    en: 'Rating is voluntary, your identity is protected, and it does not affect your application. Every poor rating is followed up by a named officer.',
  },
  'rating.overall': { zh: '总体评价', en: 'Overall' },
  'rating.level.very_satisfied': { zh: '非常满意', en: 'Very satisfied' },
  'rating.level.satisfied': { zh: '满意', en: 'Satisfied' },
  'rating.level.basic': { zh: '基本满意', en: 'Fairly satisfied' },
  'rating.level.unsatisfied': { zh: '不满意', en: 'Unsatisfied' },
  'rating.level.very_unsatisfied': { zh: '非常不满意', en: 'Very unsatisfied' },
  'rating.more': { zh: '分项评价（可选）', en: 'More detail (optional)' },
  'rating.dimension.efficiency': { zh: '办事效率', en: 'Speed' },
  'rating.dimension.competence': { zh: '服务能力', en: 'Competence' },
  'rating.dimension.attitude': { zh: '服务态度', en: 'Attitude' },
  'rating.dimension.guideAccuracy': { zh: '指引准确', en: 'Accurate guidance' },
  'rating.dimension.convenience': { zh: '办事便捷', en: 'Convenience' },
  'rating.dimension.ease': { zh: '沟通顺畅', en: 'Easy to follow' },
  'rating.comment': { zh: '意见和建议（可选）', en: 'Comments (optional)' },
  'rating.submit': { zh: '提交评价', en: 'Send rating' },
  'rating.skip': { zh: '不评价，直接结束', en: 'Skip rating' },
  'rating.chooseFirst': {
    zh: '请先选择总体评价，或点击“不评价，直接结束”。',
    en: 'Please choose an overall rating first, or press "Skip rating".',
  },

  // finish
  'finish.title': { zh: '办理完成，谢谢您！', en: 'All done – thank you!' },
  'finish.intro': {
    zh: '请取走您的身份证和回执。点击“结束办理”会立即清除本次的所有信息；无人操作时也会自动清除。',
    en: 'Please take your ID card and receipt. "Finish" clears everything from this visit at once; it is also cleared automatically if nobody uses the terminal.',
  },
  'finish.rated': { zh: '感谢您的评价。', en: 'Thank you for your rating.' },

  // status lookup
  'status.title': { zh: '查询办件进度', en: 'Check an application' },
  'status.intro': {
    zh: '将回执上的二维码对准扫码口，或输入办件编号；再输入身份证号后四位。',
    en: 'Show the QR code on your receipt to the scanner, or type the case number; then enter the last 4 characters of your ID number.',
  },
  'status.caseNumber': { zh: '办件编号', en: 'Case number' },
  'status.idLast4': { zh: '身份证号后四位', en: 'Last 4 characters of your ID number' },
  'status.idLast4Hint': { zh: '最后一位可能是 X', en: 'The last one may be X' },
  'status.invalid.caseNumber': {
    zh: '请输入 6 到 40 位的办件编号（字母、数字或短横线）。',
    en: 'Enter the case number: 6 to 40 letters, digits or dashes.',
  },
  'status.invalid.idLast4': {
    zh: '请输入 4 位：前 3 位是数字，最后一位是数字或 X。',
    en: 'Enter 4 characters: 3 digits, then a digit or X.',
  },
  'status.scanned': {
    zh: '已读取回执上的办件编号，请输入身份证号后四位。',
    en: 'The case number was read from your receipt. Now enter the last 4 characters of your ID number.',
  },
  'status.qrNotOurs': {
    zh: '这个二维码不是本系统的回执，请扫描回执上的二维码。',
    en: 'That code is not from one of our receipts. Please scan the code on your receipt.',
  },
  'status.refused.notFound': {
    zh: '没有找到与这个办件编号和身份证号后四位相符的办件。请对照回执核对办件编号，再核对身份证号码的最后四位（最后一位可能是 X），改正后再点“查询”。',
    en: 'No case matches this case number and these 4 characters. Check the number against your receipt and the last 4 characters of your ID number (the last may be X), correct them and press "Check" again.',
  },
  'status.search': { zh: '查询', en: 'Check' },
  'statusView.title': { zh: '办件进度', en: 'Application progress' },
  'statusView.intro': {
    zh: '办件编号 {caseNumber}：{name}',
    en: 'Case {caseNumber}: {name}',
  },
  'statusView.overall': { zh: '总体状态：{status}', en: 'Overall: {status}' },
  'statusView.submitted': { zh: '提交时间：{date}', en: 'Submitted: {date}' },
  'statusView.due': { zh: '预计办结：{date}', en: 'Expected by: {date}' },
  'statusView.updated': { zh: '更新于 {date}', en: 'Updated {date}' },
  'statusView.note': { zh: '说明：{note}', en: 'Note: {note}' },
  'statusView.departments': { zh: '各部门办理情况', en: 'Each department' },
  'statusView.again': { zh: '查询其他办件', en: 'Check another application' },

  // instant certificate
  'instant.chooseTitle': { zh: '立即打印证明', en: 'Print a certificate now' },
  'instant.chooseIntro': {
    zh: '以下证明可以在本机当场开具并打印。',
    en: 'These certificates are issued and printed here, on the spot.',
  },
  'instant.none': {
    zh: '本机暂时没有可以当场开具的证明。',
    en: 'No certificates can be issued at this terminal right now.',
  },
  'instant.confirmTitle': { zh: '确认开具：{name}', en: 'Confirm: {name}' },
  'instant.confirmIntro': {
    zh: '请核对以下信息，勾选确认后点击“开具并打印”。',
    en: 'Check the details below, tick to confirm, then press "Issue and print".',
  },
  'instant.issuedFor': { zh: '开具对象', en: 'Issued for' },
  'instant.issuer': { zh: '出具部门', en: 'Issued by' },
  'instant.confirmCheck': {
    zh: '我确认以上信息无误，申请开具此证明。',
    en: 'I confirm these details are correct and ask for this certificate.',
  },
  'instant.confirmFirst': {
    zh: '请先勾选确认。',
    en: 'Please tick the confirmation first.',
  },
  'instant.issue': { zh: '开具并打印', en: 'Issue and print' },
  'instant.printTitle': { zh: '打印证明', en: 'Printing your certificate' },
  'instant.issuedIntro': { zh: '证明已开具。', en: 'Your certificate has been issued.' },
  'instant.done': {
    zh: '证明已打印，请在 A4 出纸口取走。',
    en: 'Your certificate has been printed. Please take it from the A4 tray.',
  },
  'instant.serial': { zh: '证明编号：{serial}', en: 'Certificate number: {serial}' },
  'instant.verify': {
    zh: '任何人都可以扫描证明上的二维码核验真伪。',
    en: 'Anyone can scan the QR code on the certificate to check that it is genuine.',
  },
  'instant.reprint': { zh: '重新打印', en: 'Print again' },
  'instant.printUnavailable': {
    zh: '本机的 A4 打印机暂时不能打印。证明已经开具，请记下证明编号 {serial}：可以稍后点击“重新打印”，或凭编号到服务窗口打印。',
    en: 'This terminal\'s A4 printer cannot print right now. Your certificate has been issued: note its number, {serial}. You can press "Print again" later, or have it printed at a service window with that number.',
  },

  // demo simulator
  'sim.toggle': { zh: '演示模拟器', en: 'Demo simulator' },
  'sim.title': { zh: '演示模拟器（仅演示模式）', en: 'Demo simulator (demo mode only)' },
  'sim.personId': { zh: '人员编号', en: 'Person ID' },
  'sim.fault': { zh: '模拟故障', en: 'Simulated fault' },
  'sim.fault.none': { zh: '无故障', en: 'No fault' },
  'sim.fault.badChecksum': { zh: '号码校验错误', en: 'Bad checksum' },
  'sim.fault.unreadable': { zh: '无法读取', en: 'Unreadable' },
  'sim.fault.expired': { zh: '已过期', en: 'Expired' },
  'sim.placePerson': { zh: '放置此人的身份证', en: "Place this person's card" },
  'sim.people': { zh: '演示人员（示例数据）', en: 'Demo people (seeded data)' },
  'sim.person': { zh: '{name}：{story}', en: '{name}: {story}' },
  'sim.placeCardOf': { zh: '放置身份证', en: 'Place ID card' },
  'sim.eidOf': { zh: '扫电子身份证', en: 'Scan e-ID' },
  'sim.placeRandom': { zh: '放置随机有效身份证', en: 'Place a random valid card' },
  'sim.remove': { zh: '取出身份证', en: 'Remove the card' },
  'sim.scanText': { zh: '扫码内容', en: 'Code text' },
  'sim.scan': { zh: '模拟扫码', en: 'Scan this code' },
  'sim.paper': { zh: '回执打印纸', en: 'Receipt paper' },
  'sim.paper.ok': { zh: '正常', en: 'OK' },
  'sim.paper.near_end': { zh: '将用完', en: 'Nearly out' },
  'sim.paper.out': { zh: '缺纸', en: 'Out' },
  'sim.setPaper': { zh: '设置纸张状态', en: 'Set paper state' },
  'sim.ok': { zh: '已执行', en: 'Done' },
  'sim.failed': { zh: '没有成功：{message}', en: 'Failed: {message}' },
  ...kbdStrings,
  ...formStrings,
  ...honestStrings,
  ...consentStrings,
  ...hwStrings,
  ...helpStrings,
  ...cameraStrings,
  ...paperStrings,
  ...addressStrings,
  ...benchStrings,
} as const satisfies Record<string, Entry>;

export type StringKey = keyof typeof strings;
export type Params = Record<string, string | number>;

/** The localized string for a key, with `{placeholders}` filled; a missing param stays visible. */
export function t(lang: Language, key: StringKey, params?: Params): string {
  const entry: Entry = strings[key];
  const text = lang === 'en' ? entry.en : entry.zh;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : m,
  );
}

/** A server-provided bilingual text in the citizen's language. */
export function pick(lang: Language, text: Text): string {
  return lang === 'en' ? text.en || text.zh : text.zh || text.en;
}

/** Placeholder names used by a template, for the completeness test. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}
