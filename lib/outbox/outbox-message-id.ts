/**
 * The Message-ID of an outbox row: the same on every attempt, so if a send is repeated after a
 * crash (the relay accepted it, the SENT write did not happen) the receiving side sees two copies
 * of one message, which mail systems and people can recognise and collapse.
 */
export function outboxMessageId(options: { outboxId: string; senderAddress: string }): string {
  const domain = options.senderAddress.slice(options.senderAddress.lastIndexOf("@") + 1).toLowerCase();
  const safeDomain = /^[a-z0-9.-]+$/.test(domain) && domain.includes(".") ? domain : "reset-console.invalid";
  return `<outbox.${options.outboxId}@${safeDomain}>`;
}
