import type { types } from 'mediasoup-client';

/**
 * mediasoup's own parameter objects cross the media contract as records: the router decides
 * their fields (it may offer header extensions mediasoup-client's types do not list), and
 * mediasoup-client validates them in full when it uses them (ortc.validateAndNormalize*).
 * These guards check the structure mediasoup-client reads first, so a broken answer fails as
 * the call client's error rather than deep inside mediasoup-client, and give it its types.
 */
type Guard<T> = (value: unknown) => value is T;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isArrayOf<T>(value: unknown, item: Guard<T>): value is T[] {
  return Array.isArray(value) && value.every(item);
}

function isMediaKind(value: unknown): value is types.MediaKind {
  return value === 'audio' || value === 'video';
}

function isCodecCapability(value: unknown): value is types.RtpCodecCapability {
  return (
    isRecord(value) &&
    isMediaKind(value.kind) &&
    typeof value.mimeType === 'string' &&
    typeof value.clockRate === 'number'
  );
}

function isHeaderExtension(value: unknown): value is types.RtpHeaderExtension {
  return isRecord(value) && isMediaKind(value.kind) && typeof value.uri === 'string';
}

export function isRtpCapabilities(value: unknown): value is types.RtpCapabilities {
  return (
    isRecord(value) &&
    (value.codecs === undefined || isArrayOf(value.codecs, isCodecCapability)) &&
    (value.headerExtensions === undefined || isArrayOf(value.headerExtensions, isHeaderExtension))
  );
}

function isCodecParameters(value: unknown): value is types.RtpCodecParameters {
  return (
    isRecord(value) &&
    typeof value.mimeType === 'string' &&
    typeof value.payloadType === 'number' &&
    typeof value.clockRate === 'number'
  );
}

export function isRtpParameters(value: unknown): value is types.RtpParameters {
  return isRecord(value) && isArrayOf(value.codecs, isCodecParameters);
}

function isIceCandidate(value: unknown): value is types.IceCandidate {
  return (
    isRecord(value) &&
    typeof value.foundation === 'string' &&
    typeof value.address === 'string' &&
    (value.protocol === 'udp' || value.protocol === 'tcp') &&
    typeof value.port === 'number'
  );
}

export function isIceCandidates(value: unknown): value is types.IceCandidate[] {
  return isArrayOf(value, isIceCandidate);
}

const FINGERPRINT_ALGORITHMS: readonly unknown[] = [
  'sha-1',
  'sha-224',
  'sha-256',
  'sha-384',
  'sha-512',
] satisfies types.FingerprintAlgorithm[];

function isFingerprint(value: unknown): value is types.DtlsFingerprint {
  return (
    isRecord(value) &&
    FINGERPRINT_ALGORITHMS.includes(value.algorithm) &&
    typeof value.value === 'string'
  );
}

export function isDtlsParameters(value: unknown): value is types.DtlsParameters {
  return (
    isRecord(value) &&
    (value.role === undefined ||
      value.role === 'auto' ||
      value.role === 'client' ||
      value.role === 'server') &&
    isArrayOf(value.fingerprints, isFingerprint)
  );
}
