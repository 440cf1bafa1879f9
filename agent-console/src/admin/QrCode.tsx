import QRCode from 'qrcode';

/**
 * A QR code as SVG squares (crisp at any zoom, no canvas), from the same encoder the bridge
 * prints certificates with.
 */
export function QrCode({
  data,
  label,
  size = 200,
}: {
  data: string;
  label: string;
  size?: number;
}) {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const cells: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col)) cells.push(`M${col + quiet} ${row + quiet}h1v1h-1z`);
    }
  }
  const extent = n + 2 * quiet;
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${extent} ${extent}`}
      shape-rendering="crispEdges"
      class="qr"
    >
      <rect width={extent} height={extent} fill="#fff" />
      <path d={cells.join('')} fill="#000" />
    </svg>
  );
}
