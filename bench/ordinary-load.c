/*
 * The bench's "ordinary peer" load helper: a source and a sink that behave like everyday C programs
 * (64 KiB per write(), 256 KiB per read()), so CPU per byte of the tool between them decides the
 * throughput, not the helper's buffer sizes. Compiled at bench time with the machine's cc
 * (bench/ordinary.js). It speaks the same JSON-lines protocol on stdout as bench/load.js.
 *
 *   ordinary-load source pattern=FILE bytes=N (listen=HOST | connect=HOST:PORT)
 *   ordinary-load sink pattern=FILE bytes=N (listen=HOST [count=N] | connect=HOST:PORT [count=N]
 *                 [spacing=MS]) [verify=all|first|none]
 *   ordinary-load idle connect=HOST:PORT count=N
 *     opens N connections in one burst (non-blocking connect()s, one after another, no waiting),
 *     reports when all are connected, and holds them open until killed. A node client spent about
 *     as much CPU per connection as the hub accepting it, on the same two cores (issue 17).
 *   ordinary-load measure REPORT-FILE COMMAND ARGS...
 *     runs COMMAND as a child (stdin, stdout, stderr shared), forwards SIGTERM/SIGINT, and writes
 *     its rusage when it ends: {"user": s, "sys": s, "maxRssKiB": n, "code": n, "signal": n}.
 *
 * The pattern is the first bytes of the bench's pattern file (bench/load.js writePatternFile), so
 * the sink checks bytes sent by either helper or read from that file.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WRITE_SIZE (64 << 10)
#define READ_SIZE (256 << 10)
/* Same as bench/load.js: not a power of two, so a lost or repeated chunk shows. */
#define PATTERN_LENGTH ((1 << 20) + 4099)
#define PATTERN_SPAN (PATTERN_LENGTH + (1 << 20))

static double now_ms(void) {
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what) {
	fprintf(stderr, "ordinary-load: %s: %s\n", what, strerror(errno));
	exit(1);
}

static const char *option(int argc, char **argv, const char *name, const char *fallback) {
	size_t length = strlen(name);
	for (int index = 2; index < argc; index++)
		if (strncmp(argv[index], name, length) == 0 && argv[index][length] == '=') return argv[index] + length + 1;
	return fallback;
}

static unsigned char *load_pattern(const char *path) {
	unsigned char *pattern = malloc(PATTERN_SPAN);
	int fd = open(path, O_RDONLY);
	if (!pattern || fd < 0) die("pattern file");
	size_t have = 0;
	while (have < PATTERN_SPAN) {
		ssize_t n = read(fd, pattern + have, PATTERN_SPAN - have);
		if (n <= 0) break;
		have += (size_t)n;
	}
	close(fd);
	/* A short file (small transfers) repeats the pattern itself, as load.js makes it. */
	if (have < PATTERN_LENGTH) {
		fprintf(stderr, "ordinary-load: pattern file shorter than the pattern\n");
		exit(1);
	}
	if (have < PATTERN_SPAN) memcpy(pattern + PATTERN_LENGTH, pattern, PATTERN_SPAN - PATTERN_LENGTH);
	return pattern;
}

static int parse_host_port(const char *text, struct sockaddr_in *address) {
	char host[64];
	const char *colon = strrchr(text, ':');
	memset(address, 0, sizeof *address);
	address->sin_family = AF_INET;
	if (colon) {
		snprintf(host, sizeof host, "%.*s", (int)(colon - text), text);
		address->sin_port = htons((unsigned short)atoi(colon + 1));
	} else snprintf(host, sizeof host, "%s", text);
	return inet_pton(AF_INET, host, &address->sin_addr) == 1 ? 0 : -1;
}

static int listen_on(const char *host) {
	struct sockaddr_in address;
	if (parse_host_port(host, &address) != 0) die("listen address");
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, 4096) != 0) die("listen");
	socklen_t length = sizeof address;
	getsockname(fd, (struct sockaddr *)&address, &length);
	printf("{\"event\":\"listening\",\"t\":%.3f,\"port\":%d}\n", now_ms(), ntohs(address.sin_port));
	fflush(stdout);
	return fd;
}

static int connect_to(const char *target) {
	struct sockaddr_in address;
	if (parse_host_port(target, &address) != 0) die("connect address");
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) die("connect");
	return fd;
}

/* Writes `bytes` of the pattern, 64 KiB per write(); then half-closes and waits for the peer's end. */
static int run_source(int argc, char **argv) {
	unsigned char *pattern = load_pattern(option(argc, argv, "pattern", ""));
	long long bytes = atoll(option(argc, argv, "bytes", "0"));
	const char *listen_host = option(argc, argv, "listen", NULL);
	int fd;
	if (listen_host) {
		int server = listen_on(listen_host);
		fd = accept(server, NULL, NULL);
		if (fd < 0) die("accept");
		close(server);
	} else fd = connect_to(option(argc, argv, "connect", ""));
	double started = now_ms();
	printf("{\"event\":\"connected\",\"t\":%.3f}\n", started);
	fflush(stdout);
	long long sent = 0;
	size_t offset = 0;
	while (sent < bytes) {
		size_t length = bytes - sent < WRITE_SIZE ? (size_t)(bytes - sent) : WRITE_SIZE;
		ssize_t n = write(fd, pattern + offset, length);
		if (n < 0) {
			if (errno == EINTR) continue;
			break;
		}
		sent += n;
		offset = (offset + (size_t)n) % PATTERN_LENGTH;
	}
	printf("{\"event\":\"sent\",\"t\":%.3f,\"bytes\":%lld}\n", now_ms(), sent);
	fflush(stdout);
	shutdown(fd, SHUT_WR);
	/* Done when the peer has read everything and ended (or closed). */
	static unsigned char scratch[READ_SIZE];
	while (read(fd, scratch, sizeof scratch) > 0) {
	}
	printf("{\"event\":\"done\",\"t\":%.3f,\"bytes\":%lld,\"seconds\":%.6f}\n", now_ms(), sent, (now_ms() - started) / 1e3);
	fflush(stdout);
	return 0;
}

struct connection {
	int fd;
	int verify;
	int ok;
	int finished;
	long long bytes;
	size_t offset;
};

/* Reads every connection 256 KiB per read(), checks bytes against the pattern, reports once all end. */
static int run_sink(int argc, char **argv) {
	unsigned char *pattern = load_pattern(option(argc, argv, "pattern", ""));
	long long expected = atoll(option(argc, argv, "bytes", "0"));
	int count = atoi(option(argc, argv, "count", "1"));
	int spacing = atoi(option(argc, argv, "spacing", "0"));
	const char *verify = option(argc, argv, "verify", "all");
	const char *listen_host = option(argc, argv, "listen", NULL);
	struct connection *connections = calloc((size_t)count, sizeof *connections);
	struct pollfd *polls = calloc((size_t)count + 1, sizeof *polls);
	static unsigned char buffer[READ_SIZE];
	int server = -1, opened = 0, finished = 0;
	double first_byte = 0, last_done = 0;
	if (listen_host) server = listen_on(listen_host);
	else {
		const char *target = option(argc, argv, "connect", "");
		for (; opened < count; opened++) {
			if (opened > 0 && spacing > 0) usleep((useconds_t)spacing * 1000);
			connections[opened].fd = connect_to(target);
		}
		printf("{\"event\":\"connected\",\"t\":%.3f,\"connected\":%d}\n", now_ms(), opened);
		fflush(stdout);
	}
	for (int index = 0; index < count; index++) {
		connections[index].ok = 1;
		connections[index].verify = strcmp(verify, "none") != 0 && (strcmp(verify, "first") != 0 || index == 0);
	}
	while (finished < count) {
		int n = 0;
		if (server >= 0 && opened < count) polls[n++] = (struct pollfd){.fd = server, .events = POLLIN};
		for (int index = 0; index < opened; index++)
			polls[n++] = (struct pollfd){.fd = connections[index].finished ? -1 : connections[index].fd, .events = POLLIN};
		if (poll(polls, (nfds_t)n, -1) < 0) {
			if (errno == EINTR) continue;
			die("poll");
		}
		int at = 0;
		if (server >= 0 && opened < count) {
			if (polls[at++].revents & POLLIN) {
				int fd = accept(server, NULL, NULL);
				if (fd >= 0) {
					connections[opened++].fd = fd;
					printf("{\"event\":\"accepted\",\"t\":%.3f,\"accepted\":%d}\n", now_ms(), opened);
					fflush(stdout);
				}
			}
		}
		for (int index = 0; index < opened && at < n; index++, at++) {
			struct connection *c = &connections[index];
			if (c->finished || !(polls[at].revents & (POLLIN | POLLHUP | POLLERR))) continue;
			ssize_t got = read(c->fd, buffer, sizeof buffer);
			if (got < 0 && errno == EINTR) continue;
			if (got > 0) {
				if (first_byte == 0) first_byte = now_ms();
				c->bytes += got;
				if (c->verify && c->ok && memcmp(buffer, pattern + c->offset, (size_t)got) != 0) c->ok = 0;
				c->offset = (c->offset + (size_t)got) % PATTERN_LENGTH;
			}
			if (got <= 0 || c->bytes >= expected) {
				c->finished = 1;
				finished++;
				last_done = now_ms();
				shutdown(c->fd, SHUT_WR);
			}
		}
	}
	if (first_byte == 0) first_byte = last_done;
	printf("{\"event\":\"done\",\"t\":%.3f,\"seconds\":%.6f,\"connections\":[", now_ms(), (last_done - first_byte) / 1e3);
	for (int index = 0; index < count; index++)
		printf("%s{\"bytes\":%lld,\"ok\":%s}", index ? "," : "", connections[index].bytes, connections[index].ok ? "true" : "false");
	printf("]}\n");
	fflush(stdout);
	return 0;
}

/* Opens `count` connections at once and holds them: the burst of idle peers (bench scenario 6). */
static int run_idle(int argc, char **argv) {
	struct sockaddr_in address;
	if (parse_host_port(option(argc, argv, "connect", ""), &address) != 0) die("connect address");
	int count = atoi(option(argc, argv, "count", "1"));
	struct pollfd *polls = calloc((size_t)count, sizeof *polls);
	printf("{\"event\":\"starting\",\"t\":%.3f}\n", now_ms());
	fflush(stdout);
	for (int index = 0; index < count; index++) {
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (fd < 0) die("socket");
		if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0 && errno != EINPROGRESS) die("connect");
		polls[index] = (struct pollfd){.fd = fd, .events = POLLOUT};
	}
	int connected = 0, failed = 0;
	while (connected + failed < count) {
		if (poll(polls, (nfds_t)count, -1) < 0) {
			if (errno == EINTR) continue;
			die("poll");
		}
		for (int index = 0; index < count; index++) {
			if (polls[index].fd < 0 || !polls[index].revents) continue;
			int error = 0;
			socklen_t length = sizeof error;
			getsockopt(polls[index].fd, SOL_SOCKET, SO_ERROR, &error, &length);
			if (error) failed++;
			else connected++;
			/* Done with this one: poll skips negative descriptors; the connection stays open. */
			polls[index].fd = -1 - polls[index].fd;
		}
	}
	if (failed) printf("{\"event\":\"error\",\"t\":%.3f,\"message\":\"%d connections failed\"}\n", now_ms(), failed);
	printf("{\"event\":\"connected\",\"t\":%.3f,\"connected\":%d}\n", now_ms(), connected);
	fflush(stdout);
	for (;;) pause();
	return 0;
}

static pid_t measured;

static void forward(int signal) {
	if (measured > 0) kill(measured, signal);
}

/* Runs a command and writes its CPU time and peak RSS (the kernel's rusage of a waited child). */
static int run_measure(int argc, char **argv) {
	if (argc < 4) {
		fprintf(stderr, "ordinary-load: measure REPORT-FILE COMMAND ARGS...\n");
		return 2;
	}
	measured = fork();
	if (measured < 0) die("fork");
	if (measured == 0) {
		/* The bench may SIGKILL this wrapper; the measured process must not outlive it. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[3], argv + 3);
		fprintf(stderr, "ordinary-load: cannot run %s: %s\n", argv[3], strerror(errno));
		_exit(127);
	}
	signal(SIGTERM, forward);
	signal(SIGINT, forward);
	int status = 0;
	struct rusage usage;
	while (wait4(measured, &status, 0, &usage) < 0)
		if (errno != EINTR) die("wait4");
	FILE *report = fopen(argv[2], "w");
	if (!report) die("report file");
	fprintf(report, "{\"user\":%.6f,\"sys\":%.6f,\"maxRssKiB\":%ld,\"code\":%d,\"signal\":%d}\n",
	        usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6, usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6,
	        usage.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : -1, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	fclose(report);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv) {
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 2 && strcmp(argv[1], "source") == 0) return run_source(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "sink") == 0) return run_sink(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "measure") == 0) return run_measure(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "idle") == 0) return run_idle(argc, argv);
	fprintf(stderr, "ordinary-load: source | sink | idle | measure\n");
	return 2;
}
