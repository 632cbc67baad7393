// What a capture format turns router events into: records (each a list of Buffers written in
// order) for a capture file. The pcapng and hex-dump formats each implement it.
import type {RouteInfo} from '../router/route.js';

/** Takes one record; false means the file wants the writer to wait (see CaptureTap). */
export type RecordSink = (parts: readonly Buffer[]) => boolean;

export interface CaptureRecorder {
	/** The file's first records. */
	begin(time: number): void;
	/** A route exists (it connected, or it was already there when the capture started). */
	opened(route: RouteInfo, time: number): void;
	/** Bytes a route received (fromUs false) or was written (fromUs true). */
	data(route: RouteInfo, fromUs: boolean, data: Buffer, time: number): void;
	/** The peer finished sending (TCP FIN). */
	peerFinished(route: RouteInfo, time: number): void;
	closed(route: RouteInfo, error: Error | undefined, time: number): void;
	/** The run is ending with the route still open: our side closes it (the peer's answer is not seen). */
	runEnded(route: RouteInfo, time: number): void;
}

/** Microseconds since the epoch, finer than Date.now(). */
export function nowMicros(): number {
	return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
