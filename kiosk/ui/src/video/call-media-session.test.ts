import { describe, expect, it } from 'vitest';
import type { FlowAction } from '../flow/flow-reducer.ts';
import type { CallMedia, StartCallMedia } from './call-media.ts';
import { CallMediaSession } from './call-media-session.ts';
import type { HelpSocket } from './video-help.ts';

const signalling = {} as HelpSocket['signalling'];

function fakeMedia(log: string[]): CallMedia {
  return {
    outcome: 'live',
    local: null,
    remote: null as unknown as MediaStream,
    setEnabled: async (kind, on) => {
      log.push(`${kind} ${on}`);
    },
    leave: async () => {
      log.push('left');
    },
  };
}

describe('CallMediaSession', () => {
  it('joins, passes device switches on, and leaves', async () => {
    const log: string[] = [];
    const seen: FlowAction[] = [];
    const start: StartCallMedia = async (_s, callId) => {
      log.push(`join ${callId}`);
      return fakeMedia(log);
    };
    const media = new CallMediaSession(signalling, (a) => seen.push(a), start);
    await media.join('c1');
    expect(seen).toEqual([{ type: 'helpMedia', media: 'live' }]);
    expect(media.current).not.toBeNull();
    await media.setEnabled('audio', false);
    media.leave();
    expect(media.current).toBeNull();
    await media.setEnabled('video', false);
    expect(log).toEqual(['join c1', 'audio false', 'left']);
  });

  it('leaves media that arrives after the call ended, and reports nothing of it', async () => {
    const log: string[] = [];
    const seen: FlowAction[] = [];
    let arrive: (m: CallMedia) => void = () => undefined;
    const start: StartCallMedia = () => new Promise((resolve) => (arrive = resolve));
    const media = new CallMediaSession(signalling, (a) => seen.push(a), start);
    const joining = media.join('c1');
    media.leave();
    arrive(fakeMedia(log));
    await joining;
    expect(log).toEqual(['left']);
    expect(seen).toEqual([]);
    expect(media.current).toBeNull();
  });

  it('carries on without media when the join fails', async () => {
    const seen: FlowAction[] = [];
    const media = new CallMediaSession(
      signalling,
      (a) => seen.push(a),
      async () => {
        throw new Error('MEDIA_UNAVAILABLE');
      },
    );
    await media.join('c1');
    expect(seen).toEqual([{ type: 'helpMedia', media: 'unavailable' }]);
  });
});
