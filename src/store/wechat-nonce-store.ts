// drizzle implementation of signed-request nonces: the first insert of a (timestamp, nonce) records the body it came with.
import { and, eq, lt } from 'drizzle-orm';
import { wechatRequestNonces } from '../../db/schema.js';
import type { SignedRequestNonces } from '../core/ports.js';
import type { Database } from './database.js';

export function createWechatNonceStore(db: Database): SignedRequestNonces {
  return {
    async remember(timestamp, nonce, bodyDigest) {
      const inserted = await db
        .insert(wechatRequestNonces)
        .values({ timestamp, nonce, bodyDigest })
        .onConflictDoNothing()
        .returning({ nonce: wechatRequestNonces.nonce });
      if (inserted.length) return 'fresh';
      const [seen] = await db
        .select({ bodyDigest: wechatRequestNonces.bodyDigest })
        .from(wechatRequestNonces)
        .where(and(eq(wechatRequestNonces.timestamp, timestamp), eq(wechatRequestNonces.nonce, nonce)));
      // Pruned between the two statements: it was outside the window, so nothing legitimate can be refused by calling it a replay.
      return seen?.bodyDigest === bodyDigest ? 'retry' : 'replay';
    },
    async prune(before) {
      const gone = await db
        .delete(wechatRequestNonces)
        .where(lt(wechatRequestNonces.timestamp, before))
        .returning({ nonce: wechatRequestNonces.nonce });
      return gone.length;
    },
  };
}
