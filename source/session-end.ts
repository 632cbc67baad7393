// Why a run ended by itself (nothing left to listen, connect or talk to), in words the UI shows on
// its kept screen. Pure.
//
// | what happened last                              | code | reason                                   |
// |-------------------------------------------------|------|------------------------------------------|
// | every target failed, none ever connected        | 1    | every target failed                      |
// | an outbound connection closed                   | 0    | 127.0.0.1:80 closed the connection       |
// | the same, with a socket error                   | 0    | 127.0.0.1:80 closed the connection: ...  |
// | an inbound client left (-l, or -L then closed)  | 0    | client 127.0.0.1:40000 left              |
// | a UDP peer was disconnected                     | 0    | UDP peer 127.0.0.1:9 disconnected        |
import {describeError} from './errors.js';
import type {RouteInfo} from './router/route.js';

export interface SessionEnd {
	/** The exit status the run ends with when the user leaves. */
	code: number;
	reason: string;
}

export interface LastRemoved {
	route: RouteInfo;
	error?: Error;
}

export function sessionEnd(failedTargets: number, connectedOnce: boolean, last: LastRemoved | undefined): SessionEnd {
	if (failedTargets > 0 && !connectedOnce) return {code: 1, reason: failedTargets === 1 ? 'the target failed' : 'every target failed'};
	if (!last) return {code: 0, reason: 'nothing left to do'};
	const {route, error} = last;
	const why = error ? `: ${describeError(error)}` : '';
	if (route.protocol === 'udp') return {code: 0, reason: `UDP peer ${route.peer} disconnected${why}`};
	if (route.origin === 'inbound') return {code: 0, reason: `client ${route.peer} left${why}`};
	return {code: 0, reason: `${route.peer} closed the connection${why}`};
}
