import { MIAXIS_PRODUCT_ID, MIAXIS_VENDOR_ID } from '../devices/id-card/hid-wrapper.ts';
import { HID_POS_USAGE_PAGE } from '../devices/scanner/hid-pos.ts';
import type { HidDeviceInfo } from '../transport/hid-transport.ts';

const hex4 = (n: number | undefined) => (n === undefined ? '-' : n.toString(16).padStart(4, '0'));

/** Known kiosk peripherals by what the bridge would open them as. */
function roleOf(d: HidDeviceInfo): string {
  if (d.vendorId === MIAXIS_VENDOR_ID && d.productId === MIAXIS_PRODUCT_ID) {
    return 'id-card reader (Miaxis)';
  }
  if (d.usagePage === HID_POS_USAGE_PAGE) return 'HID POS scanner';
  if (d.usagePage === 0x01 && d.usage === 0x06) return 'keyboard (wedge scanner?)';
  return '';
}

export function devicesTable(devices: HidDeviceInfo[]): string {
  if (devices.length === 0) {
    return [
      'No HID devices found.',
      'If a device is plugged in: check the udev rules (deploy/udev) and that the bridge user is in the plugdev group.',
    ].join('\n');
  }
  const rows = devices.map((d) => [
    `${hex4(d.vendorId)}:${hex4(d.productId)}`,
    `0x${hex4(d.usagePage)}`,
    `0x${hex4(d.usage)}`,
    String(d.interface),
    d.path ?? '-',
    [d.manufacturer, d.product].filter(Boolean).join(' ') || '-',
    roleOf(d) || '-',
  ]);
  const header = ['VID:PID', 'USAGE PAGE', 'USAGE', 'IFACE', 'PATH', 'PRODUCT', 'ROLE'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] as string).length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)].join('\n');
}
