import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';
import { codeText } from '../staff-contract.ts';
import { callScore, fill, qualityLevel } from './format.ts';
import type { CallMedia, RemotePeer } from './use-call-media.ts';

const QUALITY: Record<'good' | 'fair' | 'poor', { label: StringKey; icon: string }> = {
  good: { label: 'seat_quality_good', icon: '▮▮▮' },
  fair: { label: 'seat_quality_fair', icon: '▮▮▯' },
  poor: { label: 'seat_quality_poor', icon: '▮▯▯' },
};

/** A <video> showing a stream; the stream is a DOM property, not an attribute. */
function Video({
  stream,
  muted,
  testId,
  label,
  mirrored = false,
}: {
  stream: MediaStream;
  muted: boolean;
  testId: string;
  label: string;
  mirrored?: boolean;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    v.srcObject = stream;
    void v.play().catch(() => undefined);
  }, [stream]);
  return (
    <video
      ref={ref}
      autoplay
      playsInline
      muted={muted}
      data-testid={testId}
      aria-label={label}
      class={mirrored ? 'seat-mirror' : undefined}
    />
  );
}

function peerLabel(p: RemotePeer, t: (k: StringKey) => string): string {
  if (p.role === 'citizen') return t('seat_video_citizen');
  if (p.role === 'supervisor') return fill(t('seat_video_supervisor'), { name: p.name });
  return fill(t('seat_video_agent'), { name: p.name });
}

/**
 * The call's video: the remote peers (the citizen first), the agent's own picture, mute and
 * camera toggles, connection quality in words and numbers, and plain notices when video is
 * unavailable or reconnecting. `send` is false for a supervisor listening in.
 */
export function MediaPanel({ media, send }: { media: CallMedia; send: boolean }) {
  const { t, lang } = useT();
  const remotes = [...media.remotes].sort(
    (a, b) => Number(b.role === 'citizen') - Number(a.role === 'citizen'),
  );
  const score = callScore(media.scores);
  const quality = score === null ? null : { score, level: qualityLevel(score) };
  const level = quality?.level ?? null;

  return (
    <section class="seat-card seat-media" aria-labelledby="seat-media-title">
      <h3 id="seat-media-title">{t('seat_videoTitle')}</h3>
      <p class="seat-call-status" role="status" aria-live="polite">
        {media.phase === 'starting' && t('seat_media_starting')}
        {media.phase === 'live' && media.reconnecting && (
          <span class="seat-warn">
            <span aria-hidden="true">⟳</span> {t('seat_media_reconnecting')}
          </span>
        )}
        {media.phase === 'live' && !media.reconnecting && t('seat_media_live')}
        {media.phase === 'unavailable' && (
          <span class="seat-warn" data-testid="video-unavailable">
            <span aria-hidden="true">⊘</span> {t('seat_media_unavailable')}{' '}
            {media.reason === 'MEDIA_UNAVAILABLE' ? codeText(media.reason, lang) : ''}
          </span>
        )}
        {media.phase === 'failed' && (
          <span class="seat-warn">
            <span aria-hidden="true">✖</span> {t('seat_media_failed')}
          </span>
        )}
      </p>
      {media.deviceError && send && media.phase !== 'unavailable' && (
        <p class="seat-warn">{t('seat_media_noDevice')}</p>
      )}
      {(media.phase === 'live' || media.phase === 'starting') && (
        <div class="seat-videos">
          {remotes.length === 0 ? (
            <div class="seat-video-wait">
              <p>{t('seat_media_waitingRemote')}</p>
            </div>
          ) : (
            remotes.map((p) => (
              <figure
                key={p.peerId}
                class={p.role === 'citizen' ? 'seat-remote seat-remote-citizen' : 'seat-remote'}
              >
                <Video
                  stream={p.stream}
                  muted={false}
                  testId={p.role === 'citizen' ? 'remote-video' : 'guest-video'}
                  label={peerLabel(p, t)}
                />
                <figcaption>
                  {peerLabel(p, t)}
                  {p.videoPaused && (
                    <span class="seat-muted"> · {t('seat_media_remoteCameraOff')}</span>
                  )}
                </figcaption>
              </figure>
            ))
          )}
          {send && media.local && media.local.getVideoTracks().length > 0 && (
            <figure class="seat-local">
              <Video
                stream={media.local}
                muted
                mirrored
                testId="local-video"
                label={t('seat_video_self')}
              />
              <figcaption>
                {t('seat_video_self')}
                {!media.micOn && <span class="seat-muted"> · {t('seat_micIsOff')}</span>}
                {!media.camOn && <span class="seat-muted"> · {t('seat_cameraIsOff')}</span>}
              </figcaption>
            </figure>
          )}
        </div>
      )}
      {media.phase === 'live' && (
        <div class="seat-media-bar">
          {send && media.local && media.local.getTracks().length > 0 && (
            <>
              {/* The label names what a press does; the state is said next to the picture. */}
              <button
                type="button"
                class={media.micOn ? 'seat-toggle' : 'seat-toggle seat-toggle-off'}
                onClick={() => media.setEnabled('audio', !media.micOn)}
              >
                {t(media.micOn ? 'seat_muteMic' : 'seat_unmuteMic')}
              </button>
              <button
                type="button"
                class={media.camOn ? 'seat-toggle' : 'seat-toggle seat-toggle-off'}
                onClick={() => media.setEnabled('video', !media.camOn)}
              >
                {t(media.camOn ? 'seat_cameraOff' : 'seat_cameraOn')}
              </button>
            </>
          )}
          <p class={`seat-quality seat-quality-${level ?? 'none'}`} data-testid="quality">
            <span>{t('seat_quality')}</span>{' '}
            {quality === null ? (
              t('seat_quality_measuring')
            ) : (
              <strong>
                <span aria-hidden="true" class="seat-bars">
                  {QUALITY[quality.level].icon}
                </span>{' '}
                {fill(t('seat_qualityValue'), {
                  level: t(QUALITY[quality.level].label),
                  score: quality.score,
                })}
              </strong>
            )}
          </p>
        </div>
      )}
    </section>
  );
}
