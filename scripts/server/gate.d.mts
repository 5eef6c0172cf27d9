import type { IncomingMessage, ServerResponse } from "node:http";
import type { BlockList } from "node:net";

export const LOOPBACK_HOSTS: Set<string>;
export function parseNetworks(list: string | undefined, name: string): BlockList;
export function createGate(options: { token: string; trusted: BlockList; exempt: BlockList }): (req: IncomingMessage, res: ServerResponse) => boolean;
