/**
 * The error-code catalogue shared by every process. A code is stable API: clients switch on
 * it, the kiosk shows its localized message, and REST maps it to an HTTP status.
 */
export const ErrorCatalogue = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容不符合要求', en: 'The request is not valid' },
  UNKNOWN_EVENT: { status: 400, zh: '不支持的操作', en: 'Unknown operation' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request is too large' },
  NOT_FOUND: { status: 404, zh: '未找到', en: 'Not found' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  LOGIN_THROTTLED: {
    status: 429,
    zh: '登录失败次数过多，请稍后再试',
    en: 'Too many failed sign-ins; try again later',
  },
  LOGIN_BUSY: {
    status: 429,
    zh: '登录人数较多，请稍等几秒后再试',
    en: 'Many people are signing in; try again in a few seconds',
  },
  ORIGIN_REFUSED: {
    status: 403,
    zh: '请求来自未授权的网页，已拒绝',
    en: 'The request came from a page that is not allowed',
  },
  TEXT_UNSAFE: {
    status: 400,
    zh: '内容含有不可见的控制字符或文字方向字符，请删除后重新输入',
    en: 'The text contains invisible control or text-direction characters; remove them and type it again',
  },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  CONFLICT: { status: 409, zh: '与当前状态冲突', en: 'This conflicts with the current state' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁', en: 'Too many requests' },
  INTERNAL: { status: 500, zh: '系统内部错误', en: 'Internal error' },
  MEDIA_UNAVAILABLE: {
    status: 503,
    zh: '视频服务暂不可用',
    en: 'Video service is unavailable',
  },
  // Said to citizens and staff alike while PostgreSQL is lost: nothing new is taken, nothing lost.
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '系统数据服务暂时中断，暂停受理新的业务，请稍后再试',
    en: 'The records service is briefly interrupted and new requests are paused; please try again shortly',
  },
  // 一件事 domain
  HELP_CLOSED: {
    status: 409,
    zh: '视频帮办现在不在服务时间，可以预约回电或拨打12345热线',
    en: 'Video help is outside its service hours; you can book a call-back or ring the 12345 hotline',
  },
  CALL_BACK_TAKEN: {
    status: 409,
    zh: '这个回电已由其他工作人员处理',
    en: 'Another member of staff is already handling this call-back',
  },
  CATALOGUE_UNKNOWN_BUNDLE: { status: 404, zh: '未找到该一件事', en: 'Unknown bundle' },
  CATALOGUE_UNKNOWN_ITEM: { status: 404, zh: '未找到该事项', en: 'Unknown item' },
  CATALOGUE_DRAFTS_INVALID: {
    status: 422,
    zh: '草稿未通过目录检查，请先按提示修改',
    en: 'The drafts fail the catalogue checks; fix what is marked first',
  },
  CATALOGUE_CHANGED: {
    status: 409,
    zh: '目录已由他人发布了新版本，请重新核对草稿后再发布',
    en: 'Someone published a new catalogue version meanwhile; review the drafts again, then publish',
  },
  CATALOGUE_NO_CHANGES: {
    status: 409,
    zh: '没有可发布的改动',
    en: 'There are no changes to publish',
  },
  FIELD_INVALID: { status: 422, zh: '填写的内容有误', en: 'A field is not valid' },
  ITEMS_INCOMPLETE: {
    status: 422,
    zh: '所选事项不完整：部分事项必须一并办理',
    en: 'Some items must be chosen together',
  },
  UPLOAD_TYPE: {
    status: 415,
    zh: '只能上传图片或 PDF 文件',
    en: 'Only images and PDF files are accepted',
  },
  CASE_NOT_FOUND: {
    status: 404,
    zh: '未找到与该编号和身份证后四位相符的办件',
    en: 'No case matches this number and these four characters',
  },
  CASE_LOOKUP_LIMITED: {
    status: 429,
    zh: '为保护申请人信息，该办件的查询已暂停，请稍后再试',
    en: 'To protect the applicant, lookups of this case are paused for a while',
  },
  SECOND_FACTOR_MISMATCH: {
    status: 403,
    zh: '办件编号与身份证后四位不匹配',
    en: 'Case number and ID digits do not match',
  },
  ALREADY_RATED: { status: 409, zh: '该办件已评价', en: 'This case has already been rated' },
  CASE_ALREADY_OPEN: {
    status: 409,
    zh: '已有一份相同事项的申请正在办理，不能重复提交',
    en: 'An application for the same matter is already in progress; it cannot be filed twice',
  },
  // identity at the kiosk (only from the device bridge)
  IDENTITY_NOT_ATTESTED: {
    status: 403,
    zh: '请先在读卡区放置身份证或出示电子身份证',
    en: 'Please place your ID card on the reader or show your electronic ID first',
  },
  IDENTITY_FROM_DEVICE_ONLY: {
    status: 400,
    zh: '身份信息只能由读卡设备提供',
    en: 'Identity can only come from the card reader',
  },
  CONSENT_REQUIRED: {
    status: 422,
    zh: '本事项涉及未成年人的个人信息，需要监护人同意后才能提交',
    en: "This application includes a minor's personal information; a parent or guardian must agree before it is filed",
  },
  RATING_NOT_ALLOWED: {
    status: 403,
    zh: '只能评价本次在此办理的办件',
    en: 'Only a case handled in this visit can be rated here',
  },
  // least privilege for case data (staff)
  CASE_OTHER_DEPARTMENT: {
    status: 403,
    zh: '该办件没有您所在部门的事项，无权查看或办理',
    en: 'This case has no part for your department; you cannot see or work it',
  },
  SUBCASE_VERSION_CONFLICT: {
    status: 409,
    zh: '另一位审核人员刚刚办理了此子件，您的操作未执行；请查看最新状态后再决定',
    en: 'Another reviewer has just acted on this sub-case, so your action was not applied; check its current state and decide again',
  },
  SUBCASE_ACTION_NOT_ALLOWED: {
    status: 409,
    zh: '子件当前状态不允许此操作',
    en: "This action is not possible in the sub-case's current state",
  },
  SUBCASE_REASON_UNKNOWN: {
    status: 422,
    zh: '请从该事项的理由清单中选择理由',
    en: "Choose a reason from this item's list",
  },
  CORRECTION_NOT_OPEN: {
    status: 409,
    zh: '该办件目前没有需要补正的材料',
    en: 'This case is not waiting for more material',
  },
  CORRECTION_NOT_APPLICANT: {
    status: 403,
    zh: '只有申请人本人刷身份证后才能补交材料',
    en: 'Only the applicant, identified by their ID card, can supply material',
  },
  CASE_OTHER_REGION: {
    status: 403,
    zh: '该办件不在您服务的地区，且不是您接办的跨省通办来电，无权查看或办理',
    en: 'This case was filed outside the regions you serve and not in a call assigned to you; you cannot see or work it',
  },
  CALL_OTHER_REGION: {
    status: 403,
    zh: '该通话来自您不负责的地区，无法监听',
    en: 'This call comes from a region you do not supervise; you cannot monitor it',
  },
  CASE_FIELD_NOT_NEEDED: {
    status: 403,
    zh: '该信息不属于您部门事项所需，无权查看',
    en: 'Your department’s items do not use this field; you cannot see it',
  },
  // administration (三员分立)
  DUTIES_CONFLICT: {
    status: 409,
    zh: '系统管理员、安全管理员、审计员三种职责不能由同一账号兼任',
    en: 'One account cannot hold two of system administrator, security administrator and auditor',
  },
  SELF_GRANT: {
    status: 403,
    zh: '不能为自己的账号授权或修改权限',
    en: 'You cannot grant or change anything on your own account',
  },
  SECOND_APPROVER_REQUIRED: {
    status: 403,
    zh: '该授权须由另一位安全管理员审批',
    en: 'Another security administrator must approve this grant',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改密码',
    en: 'Change your password first',
  },
  // terminals and devices
  TERMINAL_REVOKED: { status: 401, zh: '终端凭证已吊销', en: 'Terminal credential revoked' },
  ENROLMENT_CODE_INVALID: {
    status: 401,
    zh: '注册码无效或已使用',
    en: 'Enrolment code invalid or used',
  },
  DEVICE_UNAVAILABLE: { status: 503, zh: '设备不可用', en: 'Device unavailable' },
  RECEIPT_NOT_FOUND: {
    status: 404,
    zh: '本次办理还没有可重新打印的回执',
    en: 'There is no receipt of this visit to print again',
  },
  // video booth
  TICKET_NOT_FOUND: { status: 404, zh: '未找到排队号', en: 'Ticket not found' },
  OFFER_EXPIRED: { status: 409, zh: '来电已超时', en: 'The offer has expired' },
  NOT_IN_CALL: { status: 403, zh: '您不在该通话中', en: 'You are not in this call' },
  NO_AGENT_AVAILABLE: { status: 503, zh: '暂无可用坐席', en: 'No agent is available' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ErrorCatalogue;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** zod-style path of the failing value, e.g. ["items", 0, "code"]. */
  path?: (string | number)[];
  details?: Record<string, unknown>;
}

/** What every acknowledgement carries: the data, or an error body. */
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly path: (string | number)[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    opts: { path?: (string | number)[]; details?: Record<string, unknown> } = {},
  ) {
    super(message ?? ErrorCatalogue[code].en);
    this.name = 'AppError';
    this.code = code;
    this.path = opts.path;
    this.details = opts.details;
  }

  get status(): number {
    return ErrorCatalogue[this.code].status;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.path) body.path = this.path;
    if (this.details) body.details = this.details;
    return body;
  }

  static validation(message: string, path: (string | number)[] = []): AppError {
    return new AppError('VALIDATION_FAILED', message, { path });
  }
  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }
  static forbidden(message: string = ErrorCatalogue.FORBIDDEN.en): AppError {
    return new AppError('FORBIDDEN', message);
  }
  static unauthenticated(): AppError {
    return new AppError('UNAUTHENTICATED');
  }
  static conflict(message: string): AppError {
    return new AppError('CONFLICT', message);
  }
}

export function localizedMessage(code: ErrorCode, lang: 'zh-CN' | 'en'): string {
  const entry = ErrorCatalogue[code];
  return lang === 'en' ? entry.en : entry.zh;
}
