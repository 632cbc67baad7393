// Issue 18's memory attack as a python peer: optionally a reader that never reads (2 KiB receive
// buffer), then a sender that bursts and then drips one byte per send(), paced so that each byte
// arrives as its own read. It prints one JSON line when done: {burst, dripped}.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {createInterface} from 'node:readline';

const script = String.raw`
import json, socket, sys, time
config = json.loads(sys.argv[1])
port = config['port']
held = []
if config['stalledReader']:
    reader = socket.socket()
    reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    reader.connect(('127.0.0.1', port))
    held.append(reader)
    print(json.dumps({'reader': True}), flush=True)
    sys.stdin.readline()
sender = socket.socket()
sender.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
sender.connect(('127.0.0.1', port))
sender.setblocking(False)
burst = memoryview(b'B' * config['burst'])
sent = 0
while len(burst):
    try:
        n = sender.send(burst)
        burst = burst[n:]
        sent += n
    except BlockingIOError:
        time.sleep(0.001)
dripped = 0
interval = 1.0 / config['rate']
deadline = time.time() + config['seconds']
next_send = time.time()
while dripped < config['drips'] and time.time() < deadline:
    try:
        sender.send(b'x')
        dripped += 1
    except BlockingIOError:
        # Held back: that is the backpressure working; keep trying until the deadline.
        time.sleep(0.005)
        continue
    next_send += interval
    pause = next_send - time.time()
    if pause > 0:
        time.sleep(pause)
print(json.dumps({'burst': sent, 'dripped': dripped}), flush=True)
`;

export interface DripConfig {
	port: number;
	/** Connect a peer that never reads first (the hub attack). */
	stalledReader: boolean;
	burst: number;
	drips: number;
	/** Sends per second. */
	rate: number;
	/** Give up dripping after this long (a drip held back by backpressure may never finish). */
	seconds: number;
}

export interface DripAttack {
	/** Resolves once the stalled reader is connected (when there is one). */
	readerConnected: Promise<void>;
	/** Lets the sender start (after the reader was accepted). */
	go(): void;
	done: Promise<{burst: number; dripped: number}>;
	kill(): void;
}

export function startDrip(config: DripConfig): DripAttack {
	const child = spawn('python3', ['-c', script, JSON.stringify(config)], {stdio: ['pipe', 'pipe', 'inherit']});
	const lines = createInterface({input: child.stdout});
	let readerConnected!: () => void;
	let finished!: (result: {burst: number; dripped: number}) => void;
	const done = new Promise<{burst: number; dripped: number}>((resolve, reject) => {
		finished = resolve;
		child.on('exit', code => reject(new Error(`drip peer exited with ${code} before it reported`)));
	});
	lines.on('line', line => {
		const message = JSON.parse(line) as {reader?: boolean; burst?: number; dripped?: number};
		if (message.reader) readerConnected();
		else finished(message as {burst: number; dripped: number});
	});
	return {
		readerConnected: new Promise(resolve => {
			readerConnected = resolve;
		}),
		go: () => child.stdin.write('go\n'),
		done,
		kill: () => {
			if (child.exitCode === null) child.kill('SIGKILL');
		},
	};
}

/** A /proc/PID/status field in kB (VmRSS now, VmHWM the peak so far). */
export function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) : 0;
}
