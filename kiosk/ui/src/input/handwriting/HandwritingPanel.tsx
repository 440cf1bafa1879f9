import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/strings.ts';
import { MODEL_PATH } from './recognizer.ts';
import { RecognizerClient, type RecognizerState } from './recognizer-client.ts';
import type { Candidate, Point } from './stroke.ts';
import './handwriting.css';

export interface HandwritingPanelProps {
  onCommit(text: string): void;
  elder: boolean;
  lang: 'zh-CN' | 'en';
}

/** Candidates shown at once: two rows of four fit beside the pad at kiosk width. */
const SHOWN = 8;
/** Recognise this long after the pen lifts, so a quick next stroke does not waste a run. */
const DEBOUNCE_MS = 120;
const PAD_PX = { normal: 480, elder: 600 };

/**
 * A drawing pad for one Chinese character (finger or mouse), with undo and clear, and the
 * closest characters shown large beside it, updated after every stroke; tapping one commits it
 * and clears the pad. Recognition runs offline in a worker (see recognizer.worker.ts).
 */
export function HandwritingPanel({ onCommit, elder, lang }: HandwritingPanelProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const drawing = useRef<{ id: number; points: Point[] } | null>(null);
  const client = useRef<RecognizerClient | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [count, setCount] = useState(0);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [state, setState] = useState<RecognizerState>('loading');
  const size = elder ? PAD_PX.elder : PAD_PX.normal;

  useEffect(() => {
    const c = new RecognizerClient(`${import.meta.env.BASE_URL}${MODEL_PATH}`, {
      onCandidates: setCandidates,
      onState: setState,
    });
    client.current = c;
    return () => {
      if (timer.current) clearTimeout(timer.current);
      c.close();
    };
  }, []);

  useEffect(() => redraw(), [size]);

  function context(): CanvasRenderingContext2D | null {
    const el = canvas.current;
    if (!el) return null;
    const ratio = window.devicePixelRatio || 1;
    if (el.width !== size * ratio) {
      el.width = size * ratio;
      el.height = size * ratio;
    }
    const ctx = el.getContext('2d');
    ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
    return ctx;
  }

  function redraw(): void {
    const ctx = context();
    if (!ctx) return;
    ctx.clearRect(0, 0, size, size);
    guides(ctx, size);
    ctx.strokeStyle = '#1a1a1a';
    ctx.lineWidth = elder ? 12 : 10;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    const all = drawing.current ? [...strokes.current, drawing.current.points] : strokes.current;
    for (const s of all) {
      ctx.beginPath();
      s.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
      if (s.length === 1) ctx.lineTo(s[0]!.x + 0.1, s[0]!.y);
      ctx.stroke();
    }
  }

  function at(e: PointerEvent): Point {
    const r = canvas.current!.getBoundingClientRect();
    return {
      x: ((e.clientX - r.left) * size) / r.width,
      y: ((e.clientY - r.top) * size) / r.height,
    };
  }

  function changed(): void {
    setCount(strokes.current.length);
    redraw();
    if (timer.current) clearTimeout(timer.current);
    if (strokes.current.length === 0) {
      client.current?.cancel();
      setCandidates([]);
      return;
    }
    const snapshot = strokes.current.map((s) => [...s]);
    timer.current = setTimeout(() => client.current?.recognize(snapshot, SHOWN), DEBOUNCE_MS);
  }

  function down(e: PointerEvent): void {
    if (drawing.current) return; // one finger writes; a palm or second finger is ignored
    canvas.current?.setPointerCapture(e.pointerId);
    drawing.current = { id: e.pointerId, points: [at(e)] };
    if (timer.current) clearTimeout(timer.current);
    redraw();
  }

  function move(e: PointerEvent): void {
    if (drawing.current?.id !== e.pointerId) return;
    const events = e.getCoalescedEvents?.() ?? [e];
    for (const ev of events.length > 0 ? events : [e]) drawing.current.points.push(at(ev));
    redraw();
  }

  function up(e: PointerEvent): void {
    if (drawing.current?.id !== e.pointerId) return;
    strokes.current = [...strokes.current, drawing.current.points];
    drawing.current = null;
    changed();
  }

  function undo(): void {
    strokes.current = strokes.current.slice(0, -1);
    changed();
  }

  function clear(): void {
    strokes.current = [];
    changed();
  }

  function commit(char: string): void {
    onCommit(char);
    clear();
  }

  const status =
    state === 'failed'
      ? t(lang, 'hw.failed')
      : state === 'loading'
        ? t(lang, 'hw.loading')
        : candidates.length === 0
          ? t(lang, 'hw.waiting')
          : null;

  return (
    <section class={`hw-panel${elder ? ' hw-elder' : ''}`} aria-label={t(lang, 'hw.panel')}>
      <div class="hw-pad-column">
        <canvas
          ref={canvas}
          class="hw-pad"
          style={{ width: `${size}px`, height: `${size}px` }}
          role="img"
          aria-label={t(lang, 'hw.pad')}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
        />
        <p class="hw-hint">{t(lang, 'hw.hint')}</p>
      </div>
      <div class="hw-side">
        <div class="hw-tools">
          <button type="button" class="hw-tool" onClick={undo} disabled={count === 0}>
            <span aria-hidden="true">↶ </span>
            {t(lang, 'hw.undo')}
          </button>
          <button type="button" class="hw-tool" onClick={clear} disabled={count === 0}>
            <span aria-hidden="true">✕ </span>
            {t(lang, 'hw.clear')}
          </button>
        </div>
        <ul class="hw-candidates" aria-label={t(lang, 'hw.candidates')}>
          {candidates.map((c, i) => (
            <li key={`${i}-${c.char}`}>
              <button
                type="button"
                class={`hw-candidate${i === 0 ? ' hw-best' : ''}`}
                lang="zh-CN"
                aria-label={t(lang, 'hw.candidate', { char: c.char })}
                onClick={() => commit(c.char)}
              >
                {c.char}
              </button>
            </li>
          ))}
        </ul>
        {status && (
          <p class="hw-status" role="status">
            {status}
          </p>
        )}
      </div>
    </section>
  );
}

/** The 田字格 guide lines writers are used to: a frame and dashed centre lines. */
function guides(ctx: CanvasRenderingContext2D, size: number): void {
  ctx.save();
  ctx.strokeStyle = '#8a9bb3';
  ctx.lineWidth = 1.5;
  ctx.setLineDash([8, 8]);
  ctx.beginPath();
  ctx.moveTo(size / 2, 0);
  ctx.lineTo(size / 2, size);
  ctx.moveTo(0, size / 2);
  ctx.lineTo(size, size / 2);
  ctx.stroke();
  ctx.restore();
}
