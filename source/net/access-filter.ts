// Access control in front of the router on listeners (--allow/--deny): a source address is
// admitted when no deny rule matches it and, if any allow rule was given, an allow rule does.
// Deny wins over allow. Host names are resolved once, when the session starts.
//
// What a denied source sees, compared with the peers (run here on loopback):
//   ncat -l --deny/--allow: accepts, then closes at once (FIN; "New connection denied: not allowed")
//   socat TCP-LISTEN,range=: accepts, then closes; nothing is read
//   netcrab-tui: accepts, closes at once before reading a byte (FIN, or RST if the client already
//   sent bytes), a -v status line and a count on the listener; -m slots and -l are untouched.
//   UDP: the datagrams are dropped and counted; they never make a peer.
import net from 'node:net';
import type {AccessRules, AccessSpec} from '../access-rules.js';
import {RuntimeError} from '../errors.js';
import {resolveHost} from './resolve.js';

export class AccessFilter {
	private constructor(
		private readonly allow: net.BlockList,
		private readonly deny: net.BlockList,
		private readonly allowListed: boolean,
	) {}

	/** Resolves host names in the rules (once) and builds the filter. */
	static async build(rules: AccessRules): Promise<AccessFilter> {
		return new AccessFilter(await blockList(rules.allow, '--allow'), await blockList(rules.deny, '--deny'), rules.allowListed);
	}

	admits(address: string): boolean {
		const {host, type} = normalized(address);
		if (this.deny.check(host, type)) return false;
		return !this.allowListed || this.allow.check(host, type);
	}
}

/** `::ffff:127.0.0.2` (a v4 client on a dual-stack socket) is checked as `127.0.0.2`. */
function normalized(address: string): {host: string; type: 'ipv4' | 'ipv6'} {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return {host: mapped[1]!, type: 'ipv4'};
	const percent = address.indexOf('%');
	const host = percent === -1 ? address : address.slice(0, percent);
	return {host, type: net.isIPv6(host) ? 'ipv6' : 'ipv4'};
}

async function blockList(specs: readonly AccessSpec[], flag: string): Promise<net.BlockList> {
	const list = new net.BlockList();
	for (const spec of specs) {
		switch (spec.kind) {
			case 'address': {
				const {host, type} = normalized(spec.address);
				list.addAddress(host, type);
				break;
			}
			case 'subnet':
				list.addSubnet(spec.address, spec.prefix, spec.family === 4 ? 'ipv4' : 'ipv6');
				break;
			case 'host': {
				let addresses;
				try {
					addresses = await resolveHost(spec.host);
				} catch (error) {
					throw new RuntimeError(`${flag} ${spec.text}: ${(error as Error).message}`);
				}
				for (const address of addresses) {
					const {host, type} = normalized(address.address);
					list.addAddress(host, type);
				}
				break;
			}
		}
	}
	return list;
}

/**
 * One listener's door: asks the filter, counts the denied (shown on the listener's row) and tells
 * the user about each denied source once at -v, so a flood of datagrams is not a flood of lines.
 */
export class AccessGate {
	private readonly told = new Set<string>();

	constructor(
		private readonly filter: AccessFilter,
		/** The listener's row: its address (known once bound) and the count of denied sources. */
		private readonly listener: {address: string; denied?: number},
		private readonly report: (text: string) => void,
	) {}

	admits(address: string, peer: string, what: 'connection' | 'datagram'): boolean {
		if (this.filter.admits(address)) return true;
		this.listener.denied = (this.listener.denied ?? 0) + 1;
		if (what === 'connection') this.report(`Denied connection from ${peer} to ${this.listener.address} (--allow/--deny)`);
		else if (!this.told.has(address) && this.told.size < 1000) {
			this.told.add(address);
			this.report(`Denied datagrams from ${address} on ${this.listener.address} (--allow/--deny); dropping them`);
		}
		return false;
	}
}
