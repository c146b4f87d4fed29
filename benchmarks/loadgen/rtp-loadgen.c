/*
 * rtp-loadgen: the C load generator of holdfast's media load harness (MediaLoadHarness --c-generator).
 *
 * Sends N RTP streams over loopback, one UDP socket per stream, 172-byte G.711 packets (12-byte RTP header, 160
 * bytes of PCMU payload; per-stream SSRC, sequence number +1 and timestamp +160 per packet), at a total rate (each
 * stream --stream-rate packets/s, spread evenly over the interval) or flat out, to the relay's caller-facing ports;
 * receives them back on one socket per stream (the relay's upstream peer; --sinks K shares K receiving sockets among
 * the streams instead, read with recvmmsg in batches, which makes the receiver cheaper; the relay's work is the same) and measures the one-way added latency,
 * loss, reorder and duplicates. Cheap by construction: one thread sends (a tick every --tick-us sends what is due,
 * one send() per packet on a connected socket: sendmmsg batches datagrams of one socket only, and a stream at 50
 * packets/s has at most one packet per tick; flat out, --batch B packets of a stream leave in one sendmmsg), one
 * thread receives (epoll over all receiving sockets, recvmmsg per ready socket; with --poll-receiver it polls
 * without sleeping, so that on loopback the relay's send does not also pay for waking the receiver up, as it would
 * not on a real network).
 *
 * Payload (after the 12-byte RTP header, host byte order, read only by this program): send time (8 bytes,
 * CLOCK_MONOTONIC ns taken just before the send syscall), measured flag (1), stream index (4), due time (8, the
 * schedule's time; 0 flat out). Same offsets as the Java harness's LoadGenerator.
 *
 * Protocol with the harness (stdin/stdout, one line each, every output line starts with "@gen "):
 *   out: @gen port I SEND_PORT SINK_PORT      (one per stream), then @gen bound N
 *   in:  target I RELAY_PORT                   (one per stream, where stream I sends), then go
 *   out: @gen window-start, @gen window-end     (the measured window, on the sender's clock)
 *   out: @gen hist latency V:C ..., @gen hist schedule V:C ..., @gen summary key=value ...
 *   in:  quit (or end of input): exits. A hard stop (alarm, --lifetime-s) ends it whatever happens.
 *
 * Build: gcc -std=c11 -O2 -Wall -Wextra -Werror -pthread -o rtp-loadgen rtp-loadgen.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PACKET_LENGTH 172
#define RTP_HEADER 12
#define SEND_TIME_OFFSET 12
#define MEASURED_OFFSET 20
#define STREAM_OFFSET 21
#define DUE_TIME_OFFSET 25
#define MAX_STREAMS 20000
#define MAX_PER_TICK 4096
#define MAX_BATCH 64
#define RECV_BATCH 16
#define EPOLL_EVENTS 256
#define START_DELAY_NS 100000000LL
#define LATE_NS 1000000LL
#define DRAIN_QUIET_NS 1000000000LL
#define DRAIN_MAX_NS 10000000000LL
/* Log-linear histogram: values under 256 ns exact, above 128 sub-buckets per power of two (< 0.8 % error). */
#define SUB_BITS 7
#define SUB_COUNT (1 << SUB_BITS)
#define EXACT_LIMIT (2 * SUB_COUNT)
#define BUCKETS (EXACT_LIMIT + 56 * SUB_COUNT)

struct histogram {
    uint64_t counts[BUCKETS];
    uint64_t total;
    int64_t max;
};

struct stream_rx {
    int64_t highest;
    uint64_t seen;
};

static struct {
    int streams;
    long rate;
    int stream_rate;
    long warmup_ms;
    long duration_ms;
    int tick_us;
    int batch;
    int lifetime_s;
    int buffer_bytes;
    int sinks;
    int poll_receiver;
} opt = {0, 0, 50, 5000, 10000, 100, 1, 0, 4 << 20, 0, 0};

static int *send_fd;
static int *recv_fd;
static int sink_count;
static struct stream_rx *rx;
static struct histogram latency;
static struct histogram schedule;
static atomic_int sender_done;
static atomic_int receiver_done;

/* Sender's figures (written by the sender, read after it joined). */
static uint64_t sent_total, sent_measured, send_errors, late_sends;
static int64_t max_lag_ns, window_ns, cpu_ns;
/* Receiver's figures (written by the receiver, read after it joined). */
static uint64_t received_total, received_measured, reordered, duplicates, foreign;

static int64_t now_ns(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what) {
    fprintf(stderr, "rtp-loadgen: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void usage(void) {
    fprintf(stderr, "usage: rtp-loadgen --streams N [--rate PPS (0: flat out)] [--stream-rate PPS] "
            "[--warmup-ms MS] [--duration-ms MS] [--tick-us US] [--batch B] [--lifetime-s S] [--buffer-bytes B] [--sinks K (0: one per stream)] [--poll-receiver]\n");
    exit(2);
}

static int bucket_of(int64_t v) {
    if (v < 0) {
        v = 0;
    }
    if (v < EXACT_LIMIT) {
        return (int) v;
    }
    const int e = 63 - __builtin_clzll((uint64_t) v);
    const int sub = (int) ((uint64_t) v >> (e - SUB_BITS)) - SUB_COUNT;
    const int index = EXACT_LIMIT + (e - SUB_BITS - 1) * SUB_COUNT + sub;
    return index < BUCKETS ? index : BUCKETS - 1;
}

/* The middle of a bucket: what the harness records for its samples. */
static int64_t bucket_value(int index) {
    if (index < EXACT_LIMIT) {
        return index;
    }
    const int e = (index - EXACT_LIMIT) / SUB_COUNT + SUB_BITS + 1;
    const int sub = (index - EXACT_LIMIT) % SUB_COUNT;
    const int64_t low = (int64_t) (SUB_COUNT + sub) << (e - SUB_BITS);
    return low + ((1LL << (e - SUB_BITS)) >> 1);
}

static void record(struct histogram *h, int64_t v) {
    h->counts[bucket_of(v)]++;
    h->total++;
    if (v > h->max) {
        h->max = v;
    }
}

static int64_t percentile(const struct histogram *h, double p) {
    if (h->total == 0) {
        return -1;
    }
    uint64_t rank = (uint64_t) (p / 100.0 * (double) h->total + 0.5);
    if (rank < 1) {
        rank = 1;
    }
    uint64_t seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
        seen += h->counts[i];
        if (seen >= rank) {
            const int64_t v = bucket_value(i);
            return v < h->max ? v : h->max;
        }
    }
    return h->max;
}

static void print_histogram(const char *name, const struct histogram *h) {
    printf("@gen hist %s", name);
    for (int i = 0; i < BUCKETS; i++) {
        if (h->counts[i] != 0) {
            const int64_t v = bucket_value(i);
            printf(" %lld:%llu", (long long) (v < h->max ? v : h->max), (unsigned long long) h->counts[i]);
        }
    }
    printf("\n");
}

static int bind_loopback(int buffer_option) {
    const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        die("socket");
    }
    if (setsockopt(fd, SOL_SOCKET, buffer_option, &opt.buffer_bytes, sizeof opt.buffer_bytes) != 0) {
        die("setsockopt buffer");
    }
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(fd, (struct sockaddr *) &address, sizeof address) != 0) {
        die("bind 127.0.0.1:0");
    }
    return fd;
}

static int port_of(int fd) {
    struct sockaddr_in address;
    socklen_t length = sizeof address;
    if (getsockname(fd, (struct sockaddr *) &address, &length) != 0) {
        die("getsockname");
    }
    return ntohs(address.sin_port);
}

static void put16(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t) (v >> 8);
    p[1] = (uint8_t) v;
}

static void put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t) (v >> 24);
    p[1] = (uint8_t) (v >> 16);
    p[2] = (uint8_t) (v >> 8);
    p[3] = (uint8_t) v;
}

/* Writes stream i's packet number round (RTP header and payload fields but the send time) into buf. */
static void build(uint8_t *buf, int i, uint64_t round, int measured, int64_t due_ns) {
    memset(buf, 0, PACKET_LENGTH);
    buf[0] = 0x80;
    buf[1] = 0; /* PT 0: PCMU */
    put16(buf + 2, (uint32_t) (round & 0xFFFF));
    put32(buf + 4, (uint32_t) (round * 160));
    put32(buf + 8, 0x10000u + (uint32_t) i);
    buf[MEASURED_OFFSET] = (uint8_t) measured;
    const int32_t stream = i;
    memcpy(buf + STREAM_OFFSET, &stream, sizeof stream);
    memcpy(buf + DUE_TIME_OFFSET, &due_ns, sizeof due_ns);
}

static void mark_window(int start, int64_t *window_from, int64_t *cpu_from) {
    const int64_t now = now_ns(CLOCK_MONOTONIC);
    const int64_t cpu = now_ns(CLOCK_PROCESS_CPUTIME_ID);
    if (start) {
        *window_from = now;
        *cpu_from = cpu;
    } else {
        window_ns = now - *window_from;
        cpu_ns = cpu - *cpu_from;
    }
    printf(start ? "@gen window-start\n" : "@gen window-end\n");
    fflush(stdout);
}

static void send_one(int i, uint64_t round, int measured, int64_t due_ns) {
    uint8_t buf[PACKET_LENGTH];
    build(buf, i, round, measured, due_ns);
    const int64_t send_ns = now_ns(CLOCK_MONOTONIC);
    memcpy(buf + SEND_TIME_OFFSET, &send_ns, sizeof send_ns);
    if (send(send_fd[i], buf, PACKET_LENGTH, MSG_DONTWAIT) == PACKET_LENGTH) {
        sent_total++;
        sent_measured += (uint64_t) measured;
    } else {
        send_errors++;
    }
}

/* Fixed rate: stream i sends at start + i * interval / n + k * interval; a tick sends every packet due. */
static void send_fixed(int64_t start, int64_t warm_end, int64_t end) {
    const int n = opt.streams;
    const int64_t interval = 1000000000LL / opt.stream_rate;
    const int64_t tick = (int64_t) opt.tick_us * 1000;
    int64_t window_from = 0, cpu_from = 0;
    int measuring = 0;
    int cursor = 0;
    uint64_t round = 0;
    for (;;) {
        const int64_t now = now_ns(CLOCK_MONOTONIC);
        if (!measuring && now - warm_end >= 0) {
            measuring = 1;
            mark_window(1, &window_from, &cpu_from);
        }
        if (now - end >= 0) {
            mark_window(0, &window_from, &cpu_from);
            return;
        }
        int64_t due = start + (int64_t) cursor * interval / n + (int64_t) round * interval;
        for (int packets = 0; packets < MAX_PER_TICK && due - now <= 0; packets++) {
            if (measuring) {
                const int64_t lag = now - due;
                if (lag > max_lag_ns) {
                    max_lag_ns = lag;
                }
                late_sends += lag > LATE_NS;
            }
            send_one(cursor, round, measuring, due);
            if (++cursor == n) {
                cursor = 0;
                round++;
            }
            due = start + (int64_t) cursor * interval / n + (int64_t) round * interval;
        }
        int64_t wake = now + tick;
        if (due - wake > 0) {
            wake = due;
        }
        if (end - wake < 0) {
            wake = end;
        }
        const struct timespec at = {.tv_sec = wake / 1000000000LL, .tv_nsec = wake % 1000000000LL};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == EINTR) {
        }
    }
}

/* Flat out: round-robin over the streams, --batch packets of a stream per sendmmsg, no schedule. */
static void send_flat_out(int64_t warm_end, int64_t end) {
    static uint8_t bufs[MAX_BATCH][PACKET_LENGTH];
    struct mmsghdr msgs[MAX_BATCH];
    struct iovec iov[MAX_BATCH];
    uint64_t *round = calloc((size_t) opt.streams, sizeof *round);
    if (round == NULL) {
        die("calloc");
    }
    for (int b = 0; b < opt.batch; b++) {
        iov[b] = (struct iovec) {.iov_base = bufs[b], .iov_len = PACKET_LENGTH};
        msgs[b] = (struct mmsghdr) {.msg_hdr = {.msg_iov = &iov[b], .msg_iovlen = 1}};
    }
    int64_t window_from = 0, cpu_from = 0;
    int measuring = 0;
    for (int cursor = 0;; cursor = cursor + 1 == opt.streams ? 0 : cursor + 1) {
        if (cursor % 64 == 0) {
            const int64_t now = now_ns(CLOCK_MONOTONIC);
            if (!measuring && now - warm_end >= 0) {
                measuring = 1;
                mark_window(1, &window_from, &cpu_from);
            }
            if (now - end >= 0) {
                mark_window(0, &window_from, &cpu_from);
                break;
            }
        }
        for (int b = 0; b < opt.batch; b++) {
            build(bufs[b], cursor, round[cursor] + (uint64_t) b, measuring, 0);
        }
        const int64_t send_ns = now_ns(CLOCK_MONOTONIC);
        for (int b = 0; b < opt.batch; b++) {
            memcpy(bufs[b] + SEND_TIME_OFFSET, &send_ns, sizeof send_ns);
        }
        const int done = sendmmsg(send_fd[cursor], msgs, (unsigned) opt.batch, MSG_DONTWAIT);
        const int ok = done < 0 ? 0 : done;
        round[cursor] += (uint64_t) ok;
        sent_total += (uint64_t) ok;
        sent_measured += measuring ? (uint64_t) ok : 0;
        send_errors += (uint64_t) (opt.batch - ok);
    }
    free(round);
}

static void *sender(void *unused) {
    (void) unused;
    pthread_setname_np(pthread_self(), "lg-send");
    /* Wake at the tick asked for, not up to 50 µs later (the default timer slack), so packets leave on schedule. */
    prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
    const int64_t start = now_ns(CLOCK_MONOTONIC) + START_DELAY_NS;
    const int64_t warm_end = start + opt.warmup_ms * 1000000LL;
    const int64_t end = warm_end + opt.duration_ms * 1000000LL;
    const struct timespec at = {.tv_sec = start / 1000000000LL, .tv_nsec = start % 1000000000LL};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == EINTR) {
    }
    if (opt.rate > 0) {
        send_fixed(start, warm_end, end);
    } else {
        send_flat_out(warm_end, end);
    }
    atomic_store(&sender_done, 1);
    /* Lives until the receiver is done, so that the harness, sampling the threads' CPU after window-end, finds it. */
    const struct timespec pause = {.tv_sec = 0, .tv_nsec = 10000000};
    while (!atomic_load(&receiver_done)) {
        nanosleep(&pause, NULL);
    }
    return NULL;
}

static void account(const uint8_t *buf, ssize_t length, int64_t now) {
    int32_t stream;
    if (length != PACKET_LENGTH) {
        foreign++;
        return;
    }
    memcpy(&stream, buf + STREAM_OFFSET, sizeof stream);
    if (stream < 0 || stream >= opt.streams) {
        foreign++;
        return;
    }
    received_total++;
    struct stream_rx *s = &rx[stream];
    const int seq = (buf[2] << 8) | buf[3];
    int64_t ext = seq;
    if (s->highest >= 0) {
        ext = s->highest + (int16_t) (uint16_t) (seq - (int) (s->highest & 0xFFFF));
    }
    if (s->highest < 0 || ext > s->highest) {
        const int64_t ahead = s->highest < 0 ? 64 : ext - s->highest;
        s->seen = ahead >= 64 ? 1 : (s->seen << ahead) | 1;
        s->highest = ext;
    } else {
        const int64_t back = s->highest - ext;
        if (back < 64 && (s->seen & (1ULL << back))) {
            duplicates++;
            return;
        }
        if (back < 64) {
            s->seen |= 1ULL << back;
        }
        reordered++;
    }
    if (buf[MEASURED_OFFSET]) {
        int64_t send_ns;
        int64_t due_ns;
        memcpy(&send_ns, buf + SEND_TIME_OFFSET, sizeof send_ns);
        memcpy(&due_ns, buf + DUE_TIME_OFFSET, sizeof due_ns);
        received_measured++;
        record(&latency, now - send_ns);
        if (due_ns != 0) {
            record(&schedule, now - due_ns);
        }
    }
}

static void *receiver(void *unused) {
    (void) unused;
    pthread_setname_np(pthread_self(), "lg-recv");
    const int epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) {
        die("epoll_create1");
    }
    for (int i = 0; i < sink_count; i++) {
        struct epoll_event event = {.events = EPOLLIN, .data.u32 = (uint32_t) i};
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, recv_fd[i], &event) != 0) {
            die("epoll_ctl");
        }
    }
    static uint8_t bufs[RECV_BATCH][256];
    struct mmsghdr msgs[RECV_BATCH];
    struct iovec iov[RECV_BATCH];
    for (int b = 0; b < RECV_BATCH; b++) {
        iov[b] = (struct iovec) {.iov_base = bufs[b], .iov_len = sizeof bufs[b]};
        msgs[b] = (struct mmsghdr) {.msg_hdr = {.msg_iov = &iov[b], .msg_iovlen = 1}};
    }
    struct epoll_event events[EPOLL_EVENTS];
    int64_t last_rx = now_ns(CLOCK_MONOTONIC);
    int64_t done_at = 0;
    for (;;) {
        /* Polling (timeout 0) keeps the receiver awake, so that the relay's sends never pay to wake it up. */
        const int ready = epoll_wait(epfd, events, EPOLL_EVENTS, opt.poll_receiver ? 0 : 50);
        if (ready == 0 && opt.poll_receiver) {
            /* Nothing yet: let the sender run at once if it shares this CPU. */
            sched_yield();
        }
        int64_t now = now_ns(CLOCK_MONOTONIC);
        for (int e = 0; e < ready; e++) {
            const int got = recvmmsg(recv_fd[events[e].data.u32], msgs, RECV_BATCH, MSG_DONTWAIT, NULL);
            /* A shared sink holds several streams' packets: a full batch is read again at the next wait. */
            if (got <= 0) {
                continue;
            }
            now = now_ns(CLOCK_MONOTONIC);
            last_rx = now;
            for (int m = 0; m < got; m++) {
                account(bufs[m], (ssize_t) msgs[m].msg_len, now);
            }
        }
        if (atomic_load(&sender_done)) {
            if (done_at == 0) {
                done_at = now;
            }
            if (now - last_rx > DRAIN_QUIET_NS || now - done_at > DRAIN_MAX_NS) {
                break;
            }
        }
    }
    close(epfd);
    atomic_store(&receiver_done, 1);
    return NULL;
}

static void parse_options(int argc, char **argv) {
    static const struct option options[] = {
        {"streams", required_argument, NULL, 'n'}, {"rate", required_argument, NULL, 'r'},
        {"stream-rate", required_argument, NULL, 's'}, {"warmup-ms", required_argument, NULL, 'w'},
        {"duration-ms", required_argument, NULL, 'd'}, {"tick-us", required_argument, NULL, 't'},
        {"batch", required_argument, NULL, 'b'}, {"lifetime-s", required_argument, NULL, 'l'},
        {"buffer-bytes", required_argument, NULL, 'B'}, {"sinks", required_argument, NULL, 'k'},
        {"poll-receiver", no_argument, NULL, 'p'}, {NULL, 0, NULL, 0}};
    for (int c; (c = getopt_long(argc, argv, "", options, NULL)) != -1;) {
        const long v = strtol(optarg != NULL ? optarg : "", NULL, 10);
        switch (c) {
            case 'n': opt.streams = (int) v; break;
            case 'r': opt.rate = v; break;
            case 's': opt.stream_rate = (int) v; break;
            case 'w': opt.warmup_ms = v; break;
            case 'd': opt.duration_ms = v; break;
            case 't': opt.tick_us = (int) v; break;
            case 'b': opt.batch = (int) v; break;
            case 'l': opt.lifetime_s = (int) v; break;
            case 'B': opt.buffer_bytes = (int) v; break;
            case 'k': opt.sinks = (int) v; break;
            case 'p': opt.poll_receiver = 1; break;
            default: usage();
        }
    }
    if (opt.streams <= 0 || opt.streams > MAX_STREAMS || opt.rate < 0 || opt.stream_rate <= 0
            || opt.warmup_ms < 0 || opt.duration_ms <= 0 || opt.tick_us <= 0 || opt.batch < 1
            || opt.batch > MAX_BATCH || opt.buffer_bytes <= 0 || opt.sinks < 0) {
        usage();
    }
    if (opt.rate > 0) {
        opt.stream_rate = (int) (opt.rate / opt.streams > 0 ? opt.rate / opt.streams : 1);
    }
    if (opt.lifetime_s <= 0) {
        opt.lifetime_s = (int) ((opt.warmup_ms + opt.duration_ms) / 1000 + 120);
    }
}

/* Reads "target I PORT" lines until "go"; connects stream I's sending socket to 127.0.0.1:PORT. */
static void read_targets(void) {
    char line[128];
    int targets = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        int i;
        int port;
        if (strncmp(line, "go", 2) == 0) {
            break;
        }
        if (sscanf(line, "target %d %d", &i, &port) != 2 || i < 0 || i >= opt.streams || port <= 0
                || port > 65535) {
            fprintf(stderr, "rtp-loadgen: bad line: %s", line);
            exit(2);
        }
        struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
                .sin_port = htons((uint16_t) port)};
        if (connect(send_fd[i], (struct sockaddr *) &address, sizeof address) != 0) {
            die("connect");
        }
        targets++;
    }
    if (targets != opt.streams) {
        fprintf(stderr, "rtp-loadgen: %d targets for %d streams\n", targets, opt.streams);
        exit(2);
    }
}

int main(int argc, char **argv) {
    parse_options(argc, argv);
    alarm((unsigned) opt.lifetime_s);
    struct rlimit files;
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    send_fd = calloc((size_t) opt.streams, sizeof *send_fd);
    sink_count = opt.sinks == 0 || opt.sinks > opt.streams ? opt.streams : opt.sinks;
    recv_fd = calloc((size_t) sink_count, sizeof *recv_fd);
    rx = calloc((size_t) opt.streams, sizeof *rx);
    if (send_fd == NULL || recv_fd == NULL || rx == NULL) {
        die("calloc");
    }
    for (int i = 0; i < sink_count; i++) {
        recv_fd[i] = bind_loopback(SO_RCVBUF);
    }
    for (int i = 0; i < opt.streams; i++) {
        send_fd[i] = bind_loopback(SO_SNDBUF);
        rx[i].highest = -1;
        printf("@gen port %d %d %d\n", i, port_of(send_fd[i]), port_of(recv_fd[i % sink_count]));
    }
    printf("@gen bound %d\n", opt.streams);
    fflush(stdout);
    read_targets();

    pthread_t send_thread;
    pthread_t receive_thread;
    if (pthread_create(&receive_thread, NULL, receiver, NULL) != 0
            || pthread_create(&send_thread, NULL, sender, NULL) != 0) {
        die("pthread_create");
    }
    pthread_join(send_thread, NULL);
    pthread_join(receive_thread, NULL);

    print_histogram("latency", &latency);
    print_histogram("schedule", &schedule);
    printf("@gen summary streams=%d offered_pps=%ld window_ns=%lld sent=%llu received=%llu reordered=%llu "
            "duplicates=%llu foreign=%llu send_errors=%llu p50_ns=%lld p99_ns=%lld p999_ns=%lld max_ns=%lld "
            "schedule_p99_ns=%lld max_lag_ns=%lld late_sends=%llu cpu_ns=%lld sent_total=%llu received_total=%llu\n",
            opt.streams, opt.rate, (long long) window_ns, (unsigned long long) sent_measured,
            (unsigned long long) received_measured, (unsigned long long) reordered,
            (unsigned long long) duplicates, (unsigned long long) foreign, (unsigned long long) send_errors,
            (long long) percentile(&latency, 50), (long long) percentile(&latency, 99),
            (long long) percentile(&latency, 99.9), (long long) (latency.total ? latency.max : -1),
            (long long) percentile(&schedule, 99), (long long) max_lag_ns, (unsigned long long) late_sends,
            (long long) cpu_ns, (unsigned long long) sent_total, (unsigned long long) received_total);
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL && strncmp(line, "quit", 4) != 0) {
    }
    return 0;
}
