// Router events as pcapng: one interface per listener or target, one TCP connection (or UDP
// flow) per route with synthesized headers, one packet per chunk (TCP chunks cut to what a packet
// holds), comments where the packets are not what they look like (TLS plaintext, Unix sockets).
import os from 'node:os';
import type {RouteId, RouteInfo} from '../router/route.js';
import type {CaptureRecorder, RecordSink} from './capture-recorder.js';
import {tcpHeaders, udpHeaders} from './packet-headers.js';
import {enhancedPacketBlock, interfaceDescriptionBlock, linkTypeEthernet, sectionHeaderBlock, type Direction} from './pcapng-blocks.js';
import {routeEndpoints, tlsNote, type RouteEndpoints} from './route-endpoints.js';
import {TcpConversation, type Segment} from './tcp-conversation.js';

export interface InterfaceName {
	/** Short, e.g. `listener 127.0.0.1:5000`. */
	name: string;
	/** Longer, e.g. `netcrab-tui listener 127.0.0.1:5000 (TCP)`. */
	description: string;
}

interface RouteState {
	interfaceId: number;
	endpoints: RouteEndpoints;
	tcp: TcpConversation | undefined;
	/** Comments not yet written: they go on the route's next packet. */
	notes: string[];
	tlsNoted: boolean;
}

export class PcapngRecorder implements CaptureRecorder {
	private readonly interfaces = new Map<string, number>();
	private readonly routes = new Map<RouteId, RouteState>();
	private ipId = 0;

	constructor(
		private readonly sink: RecordSink,
		private readonly application: string,
		private readonly interfaceName: (route: RouteInfo) => InterfaceName,
	) {}

	begin(): void {
		this.sink([sectionHeaderBlock({application: this.application, os: `${os.type()} ${os.release()}`})]);
	}

	opened(route: RouteInfo, time: number): void {
		const state = this.stateOf(route);
		if (state.tcp) this.segments(route, state, state.tcp.open(route.origin === 'outbound'), time);
	}

	data(route: RouteInfo, fromUs: boolean, data: Buffer, time: number): void {
		const state = this.stateOf(route);
		if (state.tcp) {
			this.segments(route, state, state.tcp.data(fromUs, data), time);
			return;
		}
		const [source, destination] = fromUs
			? [state.endpoints.ours, state.endpoints.theirs]
			: [state.endpoints.theirs, state.endpoints.ours];
		this.packet(route, state, fromUs, udpHeaders(source, destination, fromUs, data, this.ipId++), data, time);
	}

	peerFinished(route: RouteInfo, time: number): void {
		const state = this.routes.get(route.id);
		if (state?.tcp) this.segments(route, state, state.tcp.finish(false), time);
	}

	closed(route: RouteInfo, error: Error | undefined, time: number): void {
		const state = this.routes.get(route.id);
		if (!state) return;
		if (state.tcp) this.segments(route, state, state.tcp.close(error !== undefined), time);
		this.routes.delete(route.id);
	}

	runEnded(route: RouteInfo, time: number): void {
		const state = this.routes.get(route.id);
		if (state?.tcp) this.segments(route, state, state.tcp.finish(true), time);
		this.routes.delete(route.id);
	}

	private stateOf(route: RouteInfo): RouteState {
		let state = this.routes.get(route.id);
		if (!state) {
			const endpoints = routeEndpoints(route);
			state = {
				interfaceId: this.interfaceFor(route),
				endpoints,
				tcp: endpoints.transport === 'tcp' ? new TcpConversation() : undefined,
				notes: endpoints.note ? [endpoints.note] : [],
				tlsNoted: false,
			};
			this.routes.set(route.id, state);
		}
		return state;
	}

	private interfaceFor(route: RouteInfo): number {
		const name = this.interfaceName(route);
		let id = this.interfaces.get(name.description);
		if (id === undefined) {
			id = this.interfaces.size;
			this.interfaces.set(name.description, id);
			this.sink([interfaceDescriptionBlock({linkType: linkTypeEthernet, name: name.name, description: name.description})]);
		}
		return id;
	}

	private segments(route: RouteInfo, state: RouteState, segments: readonly Segment[], time: number): void {
		const {ours, theirs} = state.endpoints;
		for (const segment of segments) {
			const [source, destination] = segment.fromUs ? [ours, theirs] : [theirs, ours];
			const headers = tcpHeaders(source, destination, segment.fromUs, segment, segment.payload.length, this.ipId++);
			this.packet(route, state, segment.fromUs, headers, segment.payload, time);
		}
	}

	private packet(route: RouteInfo, state: RouteState, fromUs: boolean, headers: Buffer, payload: Buffer, time: number): void {
		// A TLS route knows its facts once the handshake is done, which may be after it opened.
		if (!state.tlsNoted && route.tls) {
			state.tlsNoted = true;
			state.notes.push(tlsNote(route)!);
		}
		const comment = state.notes.length > 0 ? state.notes.splice(0).join('; ') : undefined;
		const direction: Direction = fromUs ? 'outbound' : 'inbound';
		this.sink(
			enhancedPacketBlock(
				{interfaceId: state.interfaceId, timestampMicros: time, direction, ...(comment ? {comment} : {})},
				headers,
				payload,
			),
		);
	}
}
