import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {test} from 'node:test';
import {startCli} from '../helpers/cli.js';
import {connectSink, listenSink} from '../helpers/sink.js';

const unitFactor: Record<string, number> = {B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3};

function parseCount(text: string): number {
	return text.endsWith('k') ? Number(text.slice(0, -1)) * 1000 : text.endsWith('M') ? Number(text.slice(0, -1)) * 1e6 : Number(text);
}

test('-i rand sends printable payloads whose average size is within --rsizemin..--rsizemax', async () => {
	const server = await listenSink(200_000);
	const cli = startCli([
		'--no-tui',
		'-i',
		'rand',
		'--rvals',
		'ascii',
		'--rsizemin',
		'10',
		'--rsizemax',
		'20',
		'--stats',
		'--stats-time',
		'200',
		`127.0.0.1:${server.port}`,
	]);
	try {
		const peer = await server.accepted();
		await peer.waitForBytes(200_000);
		assert.ok(
			peer.head().every(byte => byte >= 0x20 && byte <= 0x7e),
			'only printable characters',
		);
		const [, amount, unit, messages] = (await cli.waitForStderr(/stats: sent ([\d.]+) (\w+) in ([\d.]+[kM]?) msgs/))!;
		const average = (Number(amount) * unitFactor[unit!]!) / parseCount(messages!);
		// Both numbers are rounded to 2-3 digits.
		assert.ok(average >= 9 && average <= 22, `average payload ${average}`);
	} finally {
		cli.kill();
		server.close();
	}
});

test('-i fixed repeats one buffer of --ss bytes', async () => {
	const server = await listenSink(100_000);
	const cli = startCli(['--no-tui', '-i', 'fixed', '--ss', '1000', '--rvals', 'ascii', `127.0.0.1:${server.port}`]);
	try {
		const peer = await server.accepted();
		await peer.waitForBytes(100_000);
		const head = peer.head();
		const period = head.subarray(0, 1000);
		assert.ok(new Set(period).size > 20, 'the buffer is not a single repeated byte');
		for (let offset = 0; offset < head.length; offset += 1000)
			assert.deepEqual(head.subarray(offset, offset + 1000), period, `chunk at ${offset}`);
		assert.notDeepEqual(head.subarray(0, 999), head.subarray(1, 1000), 'period is --ss, not shorter');
	} finally {
		cli.kill();
		server.close();
	}
});

// Progress, never a rate (issue 9 case 5): throughput is measured by `npm run bench`, not by tests.
test('-i fixed keeps sending and still serves a second connection', async () => {
	const cli = startCli(['--no-tui', '-L', '127.0.0.1:0', '-m', '2', '-i', 'fixed']);
	try {
		const port = await cli.listeningPort();
		const fast = await connectSink(port, 0);
		await fast.waitForBytes(1 << 20);
		// While the generator runs flat out, a second client connects and its bytes get through.
		const other = await connectSink(port, 0);
		other.socket.write('ping');
		await cli.waitForStdout(4);
		assert.equal(cli.stdout().toString(), 'ping');
		// ...and the first one keeps receiving.
		await fast.waitForBytes(fast.bytes() + (1 << 20));
	} finally {
		cli.kill();
	}
});

/** A python UDP receiver: prints the port, then the sizes of 300 datagrams and whether all were printable. */
const pythonReceiver = `
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', 0))
print(s.getsockname()[1], flush=True)
sizes, printable = [], True
while len(sizes) < 300:
    data = s.recv(65535)
    sizes.append(len(data))
    printable = printable and all(0x20 <= byte <= 0x7e for byte in data)
print(min(sizes), max(sizes), len(set(sizes)), printable, flush=True)
`;

test('-u -i rand: every datagram is --rsizemin..--rsizemax printable bytes (python receiver)', async () => {
	const receiver = spawn('python3', ['-c', pythonReceiver]);
	let output = '';
	receiver.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
	const lines = async (count: number) => {
		while (output.split('\n').length <= count) await new Promise(resolve => receiver.stdout.once('data', resolve));
		return output.split('\n');
	};
	let cli: ReturnType<typeof startCli> | undefined;
	try {
		const [port] = await lines(1);
		cli = startCli(['--no-tui', '-u', '-i', 'rand', '--rvals', 'ascii', '--rsizemin', '10', '--rsizemax', '20', `127.0.0.1:${port}`]);
		const [, result] = await lines(2);
		const [min, max, distinct, printable] = result!.split(' ');
		assert.ok(Number(min) >= 10 && Number(max) <= 20, result);
		assert.ok(Number(distinct) > 5, `sizes vary: ${result}`);
		assert.equal(printable, 'True');
	} finally {
		cli?.kill();
		receiver.kill();
	}
});
