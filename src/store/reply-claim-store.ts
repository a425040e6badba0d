// drizzle implementation of reply claims: the first insert for a channel message wins the right to send its answer.
import { lt } from 'drizzle-orm';
import { replyClaims } from '../../db/schema.js';
import type { ReplyClaims } from '../core/ports.js';
import type { Database } from './database.js';

export function createReplyClaimStore(db: Database): ReplyClaims {
  return {
    async claim(channel, messageId) {
      const won = await db
        .insert(replyClaims)
        .values({ channel, messageId: messageId.replaceAll('\u0000', '') })
        .onConflictDoNothing()
        .returning({ channel: replyClaims.channel });
      return won.length > 0;
    },
    async prune(before) {
      const gone = await db.delete(replyClaims).where(lt(replyClaims.claimedAt, before)).returning({ channel: replyClaims.channel });
      return gone.length;
    },
  };
}
