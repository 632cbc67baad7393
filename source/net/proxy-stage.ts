// What the proxy dialers share: the handshake signature and an error that knows which stage of
// the way through the proxy failed, so the message can say so.
import type net from 'node:net';

export interface ProxyRequest {
	/** The target as the proxy is asked for it: a name (resolved at the proxy) or an address. */
	host: string;
	port: number;
	auth?: {user: string; password: string};
}

/** Talks the proxy's protocol over a connected socket; resolves once the tunnel is open. */
export type ProxyHandshake = (socket: net.Socket, request: ProxyRequest) => Promise<void>;

export class ProxyStageError extends Error {
	/** The proxy answered, and the answer was no to this target (not to us). */
	readonly refusedTarget: boolean;

	constructor(message: string, {refusedTarget = false}: {refusedTarget?: boolean} = {}) {
		super(message);
		this.refusedTarget = refusedTarget;
	}
}
