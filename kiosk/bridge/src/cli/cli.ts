import { parseArgs } from 'node:util';
import { type HidBackend, type HidDeviceInfo, listHidDevices } from '../transport/hid-transport.ts';
import { DECODE_EXAMPLES, DECODE_KINDS, type DecodeKind, decode } from './decode-command.ts';
import { devicesTable } from './devices-command.ts';
import { parseHex } from './hex.ts';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_DECODE_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_DEVICE_ERROR = 3;

const USAGE = `kiosk-bridge — field tool for the kiosk device bridge

usage:
  kiosk-bridge devices [--json]
      list HID devices (vendor:product, usage page, path) as node-hid sees them
  kiosk-bridge decode --kind <${DECODE_KINDS.join('|')}> --hex "<bytes>" [--request 1..4]
      decode captured bytes and print JSON; exits 1 if anything fails to decode

examples:
  kiosk-bridge decode --kind id-card --hex "${DECODE_EXAMPLES.findCard}"
  kiosk-bridge decode --kind printer-status --hex "12 12 12 1e"
`;

/** Runs one command; returns the exit code. Never throws. */
export async function runCli(
  argv: string[],
  io: CliIo,
  deps: { backend?: HidBackend } = {},
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'devices':
        return await devicesCommand(rest, io, deps.backend);
      case 'decode':
        return decodeCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        io.err(`unknown command '${command}'\n\n${USAGE}`);
        return EXIT_USAGE;
    }
  } catch (error) {
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_USAGE;
  }
}

async function devicesCommand(
  args: string[],
  io: CliIo,
  backend: HidBackend | undefined,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  let devices: HidDeviceInfo[];
  try {
    devices = await listHidDevices(backend);
  } catch (error) {
    io.err(
      `cannot enumerate HID devices: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT_DEVICE_ERROR;
  }
  io.out(values.json ? JSON.stringify(devices, null, 2) : devicesTable(devices));
  return EXIT_OK;
}

function decodeCommand(args: string[], io: CliIo): number {
  const { values } = parseArgs({
    args,
    options: {
      kind: { type: 'string' },
      hex: { type: 'string' },
      request: { type: 'string' },
    },
    strict: true,
  });
  if (!values.kind || !(DECODE_KINDS as readonly string[]).includes(values.kind)) {
    io.err(`--kind must be one of ${DECODE_KINDS.join(', ')}`);
    return EXIT_USAGE;
  }
  if (values.hex === undefined) {
    io.err('--hex "<bytes>" is required');
    return EXIT_USAGE;
  }
  let request: number | undefined;
  if (values.request !== undefined) {
    request = Number(values.request);
    if (!Number.isInteger(request) || request < 1 || request > 4) {
      io.err('--request must be 1, 2, 3 or 4');
      return EXIT_USAGE;
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = parseHex(values.hex);
  } catch (error) {
    io.err(`--hex: ${(error as Error).message}`);
    return EXIT_USAGE;
  }
  const output = decode(values.kind as DecodeKind, bytes, request === undefined ? {} : { request });
  (output.ok ? io.out : io.err)(JSON.stringify(output.result, null, 2));
  return output.ok ? EXIT_OK : EXIT_DECODE_FAILED;
}
