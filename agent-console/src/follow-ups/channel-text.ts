import { isKeyOf } from '@onething/contract/wire/ack';
import { type StringKey, strings } from '../i18n/strings.ts';

/** A case or rating channel in words (kiosk, video booth, on site, online); unknown ones as sent. */
export function channelText(channel: string, t: (key: StringKey) => string): string {
  const key = `super_channel_${channel}`;
  return isKeyOf(strings, key) ? t(key) : channel;
}
