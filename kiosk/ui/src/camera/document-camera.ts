export type CameraProblem = 'denied' | 'missing' | 'failed';

export class CameraError extends Error {
  readonly problem: CameraProblem;
  constructor(problem: CameraProblem, message: string) {
    super(message);
    this.name = 'CameraError';
    this.problem = problem;
  }
}

/** Maps getUserMedia's DOMException names onto what the citizen is told. */
export function cameraProblemOf(err: unknown): CameraProblem {
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  return 'failed';
}

/**
 * The document camera (高拍仪) through getUserMedia. One stream at a time; stop() ends every
 * track so the camera light goes out the moment the citizen is done or the session is wiped.
 */
export class DocumentCamera {
  #stream: MediaStream | null = null;

  get active(): boolean {
    return this.#stream !== null;
  }

  async start(video: HTMLVideoElement): Promise<void> {
    this.stop();
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new CameraError('missing', 'getUserMedia is not available');
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 2592 }, height: { ideal: 1944 }, facingMode: 'environment' },
        audio: false,
      });
    } catch (e) {
      throw new CameraError(cameraProblemOf(e), 'getUserMedia failed');
    }
    this.#stream = stream;
    video.srcObject = stream;
    video.muted = true;
    try {
      await video.play();
    } catch {
      this.stop();
      throw new CameraError('failed', 'video did not play');
    }
  }

  /** The current frame as a JPEG. */
  async capture(video: HTMLVideoElement, quality = 0.85): Promise<Blob> {
    if (!this.#stream || video.videoWidth === 0) {
      throw new CameraError('failed', 'no picture yet');
    }
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new CameraError('failed', 'no 2d context');
    ctx.drawImage(video, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', quality),
    );
    // the canvas held the document's pixels: drop them now rather than at collection time
    canvas.width = 0;
    canvas.height = 0;
    if (!blob) throw new CameraError('failed', 'encoding failed');
    return blob;
  }

  stop(): void {
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = null;
  }
}
