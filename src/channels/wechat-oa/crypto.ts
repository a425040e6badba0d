// WeChat Official Account signatures (sha1 of sorted parts) and safe-mode message encryption (AES-256-CBC, EncodingAESKey).
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** sha1 over the lexicographically sorted parts, as WeChat signs both plain and encrypted messages. */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Constant-time comparison of hex signatures, so response timing leaks nothing about the token. */
export function signatureMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export class WechatCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatCryptoError';
  }
}

// WeChat pads to 32-byte blocks (PKCS#7 with k = 32), not AES's 16.
const BLOCK = 32;

export interface WechatCipher {
  encrypt(xml: string): string;
  decrypt(base64: string): string;
}

export function createWechatCipher(encodingAesKey: string, appId: string): WechatCipher {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new WechatCryptoError('EncodingAESKey must decode to 32 bytes');
  const iv = key.subarray(0, 16);
  return {
    encrypt(xml) {
      const body = Buffer.from(xml, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length, 0);
      const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(appId, 'utf8')]);
      const pad = BLOCK - (plain.length % BLOCK);
      const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
      const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
    },
    decrypt(base64) {
      let plain: Buffer;
      try {
        const data = Buffer.from(base64, 'base64');
        if (!data.length || data.length % 16 !== 0) throw new Error('length');
        const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
        plain = Buffer.concat([decipher.update(data), decipher.final()]);
      } catch {
        throw new WechatCryptoError('the encrypted message could not be decrypted');
      }
      const pad = plain[plain.length - 1] ?? 0;
      if (pad < 1 || pad > BLOCK || pad > plain.length) throw new WechatCryptoError('bad padding');
      // Every padding byte must equal the pad length (PKCS#7); checking only the last byte let a tampered
      // final block through whenever its garbled last byte happened to equal the original pad.
      if (!plain.subarray(plain.length - pad).every((b) => b === pad)) throw new WechatCryptoError('bad padding');
      const content = plain.subarray(16, plain.length - pad);
      if (content.length < 4) throw new WechatCryptoError('message too short');
      const size = content.readUInt32BE(0);
      if (size > content.length - 4) throw new WechatCryptoError('bad message length');
      const xml = content.subarray(4, 4 + size).toString('utf8');
      const from = content.subarray(4 + size).toString('utf8');
      if (from !== appId) throw new WechatCryptoError('the message was encrypted for another AppID');
      return xml;
    },
  };
}
