import { useEffect, useRef, useState } from 'preact/hooks';
import { CameraError, type CameraProblem } from '../camera/document-camera.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';

/** What the camera part shows: starting, the live view, taking, the photo to check, a problem. */
type Phase = 'starting' | 'live' | 'capturing' | 'review' | CameraProblem;

/**
 * The document camera, inline on the materials screen (no pop-up). The stream runs only while
 * this is on screen. A photo is shown to the citizen before it is used (retake or use it); only
 * then does the JPEG go to the upload. The photo is held here until then and dropped on retake,
 * on leaving and on a wipe (the part unmounts).
 */
export function CameraCapture({
  name,
  onCaptured,
  onCancel,
  onSkip,
}: {
  name: string;
  onCaptured: (jpeg: Blob) => void;
  onCancel: () => void;
  /** Offered when the camera fails; absent where the document cannot be left out. */
  onSkip?: () => void;
}) {
  const { camera } = useServices();
  const { busy } = useFlow();
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<Phase>('starting');
  const [photo, setPhoto] = useState<{ blob: Blob; url: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);

  // the preview's object URL lives exactly as long as the photo
  useEffect(() => {
    if (!photo) return;
    reviewHeading.current?.focus();
    return () => URL.revokeObjectURL(photo.url);
  }, [photo]);

  useEffect(() => {
    heading.current?.focus();
    let cancelled = false;
    const el = video.current;
    if (!el) return;
    camera
      .start(el)
      .then(() => !cancelled && setPhase('live'))
      .catch(
        (e: unknown) => !cancelled && setPhase(e instanceof CameraError ? e.problem : 'failed'),
      );
    return () => {
      cancelled = true;
      camera.stop();
      el.srcObject = null;
    };
  }, [camera]);

  const shoot = async () => {
    const el = video.current;
    if (!el || phase !== 'live') return;
    setPhase('capturing');
    try {
      const blob = await camera.capture(el);
      setPhoto({ blob, url: URL.createObjectURL(blob) });
      setPhase('review');
    } catch (e) {
      setPhase(e instanceof CameraError ? e.problem : 'failed');
    }
  };

  const retake = () => {
    setPhoto(null);
    setPhase('live');
    heading.current?.focus();
  };

  const problem = phase === 'denied' || phase === 'missing' || phase === 'failed' ? phase : null;
  return (
    <section class="camera" aria-labelledby="camera-h">
      <h2 id="camera-h" ref={heading} tabIndex={-1}>
        <Icon name="camera" /> {t('materials.cameraTitle', { name })}
      </h2>
      {/* it names 拍照, which the review replaces with its own two buttons */}
      {phase !== 'review' && <p>{t('materials.cameraInstruction')}</p>}
      {/* the stream keeps running under the photo, so a retake is instant */}
      <video
        ref={video}
        class="camera-view"
        hidden={phase === 'review'}
        playsInline
        muted
        aria-label={t('materials.cameraPreview')}
      />
      {photo && phase === 'review' && (
        <div class="camera-review">
          <h3 ref={reviewHeading} tabIndex={-1}>
            {t('camera.reviewTitle')}
          </h3>
          <img
            class="camera-photo"
            src={photo.url}
            alt={t('camera.previewAlt', { name })}
            data-testid="camera-photo"
          />
          <p>{t('camera.reviewHint')}</p>
        </div>
      )}
      {phase === 'starting' && <Message tone="pending">{t('materials.cameraStarting')}</Message>}
      <div role="status" class="camera-status">
        {phase === 'capturing' && <Message tone="pending">{t('camera.capturing')}</Message>}
        {busy === 'upload' && <Message tone="pending">{t('busy.working')}</Message>}
      </div>
      {problem && <Message tone="warning">{t(`materials.camera.${problem}`)}</Message>}
      <div class="button-row">
        {(phase === 'live' || phase === 'capturing') && (
          <button
            type="button"
            class="btn btn-primary btn-large"
            disabled={phase === 'capturing'}
            aria-busy={phase === 'capturing'}
            onClick={() => void shoot()}
          >
            <Icon name="camera" /> {t('materials.shoot')}
          </button>
        )}
        {photo && phase === 'review' && (
          <>
            <button
              type="button"
              class="btn btn-primary btn-large"
              disabled={busy === 'upload'}
              onClick={() => onCaptured(photo.blob)}
            >
              <Icon name="check" /> {t('camera.use')}
            </button>
            <button
              type="button"
              class="btn btn-secondary"
              disabled={busy === 'upload'}
              onClick={retake}
            >
              <Icon name="camera" /> {t('camera.retake')}
            </button>
          </>
        )}
        {problem && onSkip && (
          <button type="button" class="btn btn-primary" onClick={onSkip}>
            {t('materials.skip', { name })}
          </button>
        )}
        <button type="button" class="btn btn-secondary" onClick={onCancel}>
          {t('materials.cancelCamera')}
        </button>
      </div>
    </section>
  );
}
