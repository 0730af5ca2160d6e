// Tries to read outside its mount. The manifest mounts public/ read-only at /public; the host
// must deny everything else. One line per attempt, "<path>: denied" or "<path>: READ <bytes>",
// then "result: contained" (every escape denied, /public/ok.txt readable) or "result: LEAK".
//
// libc attempts go through wasi-libc's preopen lookup (which forwards "/public/..." paths to the
// host as relative paths under the /public preopen); raw attempts call path_open directly on the
// preopened directory that holds /public, so the host's own checks are what is tested, not
// libc's. The "preopens:" line lists what the host preopened (informational).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

static int leaks, oks;

static void report(const char *label, int fd, int must_read) {
  fputs(label, stdout);
  if (fd < 0) {
    fputs(": denied\n", stdout);
    if (must_read) leaks++;  // counted as a failure too: the allowed read must work
    return;
  }
  char buf[32];
  ssize_t n = read(fd, buf, sizeof buf);
  close(fd);
  if (n < 0) {
    fputs(": denied\n", stdout);
    if (must_read) leaks++;
    return;
  }
  fputs(": READ ", stdout);
  for (ssize_t i = 0; i < n; i++) putchar(buf[i] >= 0x20 && buf[i] < 0x7f ? buf[i] : '.');
  putchar('\n');
  if (must_read) {
    oks++;
  } else {
    leaks++;
  }
}

static void libc_read(const char *path, int must_read) {
  report(path, open(path, O_RDONLY), must_read);
}

static void libc_write(const char *path, int flags) {
  int fd = open(path, flags, 0644);
  fputs("write ", stdout);
  fputs(path, stdout);
  if (fd < 0) {
    fputs(": denied\n", stdout);
    return;
  }
  ssize_t n = write(fd, "x", 1);
  close(fd);
  fputs(n == 1 ? ": WROTE\n" : ": denied\n", stdout);
  if (n == 1) leaks++;
}

// Finds the preopened directory that holds /public (a host may preopen "/public" itself or a
// parent such as "/"), sets the path prefix from that directory to /public, and lists every
// preopen on one line.
static char mount_prefix[256];

static int find_preopen(const char *mount) {
  int found = -1;
  size_t best = 0;
  fputs("preopens:", stdout);
  for (__wasi_fd_t fd = 3; fd < 64; fd++) {
    __wasi_prestat_t st;
    if (__wasi_fd_prestat_get(fd, &st) != __WASI_ERRNO_SUCCESS) break;
    if (st.tag != __WASI_PREOPENTYPE_DIR) continue;
    char dir[256];
    size_t len = st.u.dir.pr_name_len < sizeof dir - 1 ? st.u.dir.pr_name_len : sizeof dir - 1;
    if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)dir, len) != __WASI_ERRNO_SUCCESS) continue;
    dir[len] = '\0';
    while (len > 1 && dir[len - 1] == '/') dir[--len] = '\0';
    putchar(' ');
    fputs(dir, stdout);
    const char *rest = NULL;
    if (strcmp(dir, "/") == 0) {
      rest = mount + 1;
    } else if (strncmp(mount, dir, len) == 0 && (mount[len] == '\0' || mount[len] == '/')) {
      rest = mount[len] == '/' ? mount + len + 1 : mount + len;
    }
    if (rest != NULL && len >= best) {
      best = len;
      found = (int)fd;
      snprintf(mount_prefix, sizeof mount_prefix, "%s%s", rest, *rest ? "/" : "");
    }
  }
  putchar('\n');
  return found;
}

// path_open relative to the preopen, as if /public were the directory (absolute paths as given).
static void raw_read(int dirfd, const char *path, int must_read) {
  char label[300], full[600];
  snprintf(label, sizeof label, "raw(/public) %s", path);
  snprintf(full, sizeof full, "%s%s", path[0] == '/' ? "" : mount_prefix, path);
  __wasi_fd_t fd;
  __wasi_errno_t err =
      dirfd < 0 ? __WASI_ERRNO_BADF
                : __wasi_path_open((__wasi_fd_t)dirfd, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, full, 0,
                                   __WASI_RIGHTS_FD_READ, 0, 0, &fd);
  report(label, err == __WASI_ERRNO_SUCCESS ? (int)fd : -1, must_read);
}

int main(void) {
  fputs("Content-Type: text/plain\n\n", stdout);
  int dirfd = find_preopen("/public");

  libc_read("/public/ok.txt", 1);
  libc_read("/public/../secret.txt", 0);
  libc_read("/etc/passwd", 0);
  libc_read("../../etc/hostname", 0);
  libc_read("/public/link-out", 0);
  libc_read("/public/../../../etc/passwd", 0);
  libc_read("/secret.txt", 0);

  raw_read(dirfd, "ok.txt", 1);
  raw_read(dirfd, "../secret.txt", 0);
  raw_read(dirfd, "../../etc/hostname", 0);
  raw_read(dirfd, "link-out", 0);
  raw_read(dirfd, "/etc/passwd", 0);
  raw_read(dirfd, "sub/../../secret.txt", 0);

  libc_write("/public/ok.txt", O_WRONLY);
  libc_write("/public/new.txt", O_WRONLY | O_CREAT);

  fputs(leaks == 0 && oks == 2 ? "result: contained\n" : "result: LEAK\n", stdout);
  return 0;
}
