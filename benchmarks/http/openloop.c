/*
 * Open-loop HTTP load generator for the declaration benchmark (what wrk2 does, which Debian does not ship).
 * Request i is due at t0 + i / rate whatever happened before; its latency is measured from that due time,
 * so a slow server cannot slow the generator down and hide its own queueing (no coordinated omission).
 * Due requests wait for a free keep-alive connection in a FIFO; that wait counts in their latency.
 * Each request declares a new operation (PUT with a fresh id), the workload of benchmarks/http/declare.lua.
 * One thread, epoll, loopback only, bounded in time: it stops sending after SECONDS and waits at most
 * 10 s more for answers (OPENLOOP_GRACE_S in the environment changes that: seeding a store sends RATE x SECONDS
 * requests as fast as the server answers them, with a long grace).
 *
 *   openloop HOST PORT RATE SECONDS CONNECTIONS TOKENS_FILE PREFIX [SPREAD_KM]
 *
 * Prints one line: offered and achieved rate, p50/p90/p99/max latency in ms, non-2xx and socket errors.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_TOKENS 64
#define BUF 16384

typedef struct {
  int fd;
  int busy;
  double due;       /* due time of the request in flight */
  char out[BUF];
  int out_len, out_sent;
  char in[BUF];
  int in_len;
} conn_t;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static char *tokens[MAX_TOKENS];
static int token_count;
static const char *prefix;
static double spread_km = 2000;
static long counter;

static double rnd(void) { return (double)rand() / ((double)RAND_MAX + 1.0); }

static void iso(time_t t, char *out) {
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int build_request(char *out, const char *host, int port) {
  char body[1024], start_s[32], end_s[32];
  long n = ++counter;
  double lat = 35 + (rnd() - 0.5) * spread_km / 111.0;
  double lng = 38 + (rnd() - 0.5) * spread_km / 91.0;
  double radius = (1 + rnd() * 29) * 500;
  double thick = 300 + rnd() * 2700;
  double lower = rnd() * (15000 - thick);
  time_t start = 1448323200 + (time_t)(rnd() * 7 * 24 * 60) * 60;
  time_t finish = start + (10 + (time_t)(rnd() * 230)) * 60;
  iso(start, start_s);
  iso(finish, end_s);
  int len = snprintf(body, sizeof body,
    "{\"state\":\"planned\",\"category\":\"transit\",\"volumes\":[{\"volume\":{\"outline_circle\":{\"center\":{\"lat\":%.6f,\"lng\":%.6f},"
    "\"radius\":{\"value\":%.1f,\"units\":\"M\"}},\"altitude_lower\":{\"value\":%.1f,\"reference\":\"W84\",\"units\":\"M\"},"
    "\"altitude_upper\":{\"value\":%.1f,\"reference\":\"W84\",\"units\":\"M\"}},\"time_start\":{\"value\":\"%s\",\"format\":\"RFC3339\"},"
    "\"time_end\":{\"value\":\"%s\",\"format\":\"RFC3339\"}}]}",
    lat, lng, radius, lower, lower + thick, start_s, end_s);
  return snprintf(out, BUF,
    "PUT /api/v1/operations/%s-%ld HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\n"
    "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
    prefix, n, host, port, tokens[n % token_count], len, body);
}

static int open_conn(const char *host, int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) { close(fd); return -1; }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) { close(fd); return -1; }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

/* Length of a complete response at the start of buf, 0 while incomplete; *status gets the status code. */
static int complete_response(const char *buf, int len, int *status) {
  const char *end = memmem(buf, len, "\r\n\r\n", 4);
  if (!end) return 0;
  int head = (int)(end - buf) + 4;
  if (sscanf(buf, "HTTP/1.%*d %d", status) != 1) *status = 0;
  const char *cl = memmem(buf, head, "Content-Length:", 15);
  if (!cl) cl = memmem(buf, head, "content-length:", 15);
  if (cl) {
    int body = atoi(cl + 15);
    return len >= head + body ? head + body : 0;
  }
  if (memmem(buf, head, "chunked", 7)) {
    const char *term = memmem(buf + head, len - head, "0\r\n\r\n", 5);
    return term ? (int)(term - buf) + 5 : 0;
  }
  return head; /* no body */
}

int main(int argc, char **argv) {
  if (argc < 8) {
    fprintf(stderr, "usage: openloop HOST PORT RATE SECONDS CONNECTIONS TOKENS_FILE PREFIX [SPREAD_KM]\n");
    return 2;
  }
  const char *host = argv[1];
  int port = atoi(argv[2]);
  double rate = atof(argv[3]);
  double seconds = atof(argv[4]);
  int nconn = atoi(argv[5]);
  prefix = argv[7];
  if (argc > 8) spread_km = atof(argv[8]);
  if (strcmp(host, "127.0.0.1") != 0 && strncmp(host, "127.", 4) != 0) {
    fprintf(stderr, "openloop: loopback targets only\n");
    return 2;
  }
  FILE *tf = fopen(argv[6], "r");
  if (!tf) { perror("tokens"); return 2; }
  char line[512];
  while (token_count < MAX_TOKENS && fscanf(tf, "%511s", line) == 1) tokens[token_count++] = strdup(line);
  fclose(tf);
  if (token_count == 0 || rate <= 0 || seconds <= 0 || nconn <= 0) { fprintf(stderr, "openloop: bad arguments\n"); return 2; }
  srand((unsigned)time(NULL));

  const char *grace_env = getenv("OPENLOOP_GRACE_S");
  double grace = grace_env ? atof(grace_env) : 10;
  if (grace < 0) grace = 10;
  long total = (long)(rate * seconds);
  double *lat = calloc(total, sizeof(double));
  double *pending = calloc(total, sizeof(double)); /* FIFO of due times */
  long p_head = 0, p_tail = 0, scheduled = 0, done = 0, lost = 0, non2xx = 0, errors = 0;
  conn_t *conns = calloc(nconn, sizeof(conn_t));
  int ep = epoll_create1(0);
  for (int i = 0; i < nconn; i++) {
    conns[i].fd = open_conn(host, port);
    if (conns[i].fd < 0) { fprintf(stderr, "openloop: cannot connect to %s:%d\n", host, port); return 1; }
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = i};
    epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
  }

  double t0 = now_s();
  struct epoll_event events[256];
  for (;;) {
    double t = now_s();
    while (scheduled < total && t0 + scheduled / rate <= t) pending[p_tail++] = t0 + (scheduled++) / rate;
    for (int i = 0; i < nconn && p_head < p_tail; i++) {
      conn_t *c = &conns[i];
      if (c->busy || c->fd < 0) continue;
      c->busy = 1;
      c->due = pending[p_head++];
      c->out_len = build_request(c->out, host, port);
      c->out_sent = 0;
      c->in_len = 0;
      ssize_t w = send(c->fd, c->out, c->out_len, MSG_NOSIGNAL);
      if (w > 0) c->out_sent = (int)w;
      if (c->out_sent < c->out_len) {
        struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.u32 = i};
        epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
      }
    }
    int inflight = 0;
    for (int i = 0; i < nconn; i++) inflight += conns[i].busy;
    if (scheduled >= total && p_head == p_tail && inflight == 0) break;
    if (t - t0 > seconds + grace) break;
    double next = scheduled < total ? t0 + scheduled / rate : t + 0.01;
    int timeout_ms = (int)ceil((next - now_s()) * 1000);
    if (timeout_ms < 0) timeout_ms = 0;
    if (timeout_ms > 10) timeout_ms = 10;
    int n = epoll_wait(ep, events, 256, timeout_ms);
    for (int e = 0; e < n; e++) {
      conn_t *c = &conns[events[e].data.u32];
      if (c->fd < 0) continue;
      if ((events[e].events & EPOLLOUT) && c->out_sent < c->out_len) {
        ssize_t w = send(c->fd, c->out + c->out_sent, c->out_len - c->out_sent, MSG_NOSIGNAL);
        if (w > 0) c->out_sent += (int)w;
        if (c->out_sent == c->out_len) {
          struct epoll_event ev = {.events = EPOLLIN, .data.u32 = events[e].data.u32};
          epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
        }
      }
      if (events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
        ssize_t r = recv(c->fd, c->in + c->in_len, BUF - 1 - c->in_len, 0);
        if (r <= 0) {
          if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;
          errors++;
          if (c->busy) { lost++; c->busy = 0; }
          epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
          close(c->fd);
          c->fd = open_conn(host, port);
          if (c->fd >= 0) {
            struct epoll_event ev = {.events = EPOLLIN, .data.u32 = events[e].data.u32};
            epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
          }
          continue;
        }
        c->in_len += (int)r;
        int status = 0;
        if (c->busy && complete_response(c->in, c->in_len, &status) > 0) {
          double l = now_s() - c->due;
          if (status < 200 || status > 299) non2xx++;
          lat[done++] = l;
          c->busy = 0;
          c->in_len = 0;
        }
      }
    }
  }
  double elapsed = now_s() - t0;
  long measured = done;
  qsort(lat, measured, sizeof(double), cmp_double);
#define PCT(p) (measured ? lat[(long)((measured - 1) * (p))] * 1000 : 0)
  printf("openloop: offered %.0f/s for %.0f s, %ld answered (%.0f/s), latency from due time p50 %.1f ms, p90 %.1f ms, "
         "p99 %.1f ms, max %.1f ms; non-2xx %ld, socket errors %ld (requests lost with them %ld), never sent %ld\n",
         rate, seconds, measured, measured / elapsed, PCT(0.50), PCT(0.90), PCT(0.99), PCT(1.0), non2xx, errors, lost,
         total - scheduled + (p_tail - p_head));
  return 0;
}
