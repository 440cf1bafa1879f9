/**
 * The texts sent to citizens. In Chinese only: a mainland mobile number, and the SMS signature
 * 【…】 the operators require at the start. Parameters are filled in before the text is queued,
 * so what the gateway sends is exactly what was stored.
 */
export const SMS_SIGNATURE = '【一件事一次办】';

export const SMS_TEMPLATES = {
  /** A call-back booked at a kiosk while video help was closed or nobody was online. */
  callBackBooked:
    '您在{site}政务服务终端预约的回电已登记，工作人员将在服务时间内尽快致电您。如有急事请拨打政务服务便民热线{hotline}。',
  /** A department asked for 补正 (more or corrected material) on a case. */
  correctionRequested:
    '您的办件{caseNumber}需要补正材料：{materials}。请凭办件编号到政务服务终端或窗口补交。咨询电话{hotline}。',
} as const;

export type SmsTemplate = keyof typeof SMS_TEMPLATES;

/** The message for `template`, signed; a missing parameter is an error, never a blank. */
export function smsText(template: SmsTemplate, params: Record<string, string>): string {
  const body = SMS_TEMPLATES[template].replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v = params[key];
    if (v === undefined) throw new Error(`SMS ${template}: no value for {${key}}`);
    return v;
  });
  return `${SMS_SIGNATURE}${body}`;
}
