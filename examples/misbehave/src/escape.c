// Tries to read outside its mount. The manifest mounts public/ read-only at /public; the host
// must deny everything else. One line per attempt, "<path>: denied" or "<path>: READ <bytes>",
// then "result: contained" (every escape denied, /public/ok.txt readable) or "result: LEAK".
//
// libc attempts go through wasi-libc's preopen lookup (which forwards "/public/..." paths to the
// host as relative paths under the /public preopen); raw attempts call path_open directly on the
// preopened directory, so the host's own checks are what is tested, not libc's.
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

// Finds the preopened directory named `name` and lists every preopen on one line.
static int find_preopen(const char *name) {
  int found = -1;
  fputs("preopens:", stdout);
  for (__wasi_fd_t fd = 3; fd < 64; fd++) {
    __wasi_prestat_t st;
    if (__wasi_fd_prestat_get(fd, &st) != __WASI_ERRNO_SUCCESS) break;
    if (st.tag != __WASI_PREOPENTYPE_DIR) continue;
    char dir[256];
    size_t len = st.u.dir.pr_name_len < sizeof dir - 1 ? st.u.dir.pr_name_len : sizeof dir - 1;
    if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)dir, len) != __WASI_ERRNO_SUCCESS) continue;
    dir[len] = '\0';
    putchar(' ');
    fputs(dir, stdout);
    if (strcmp(dir, name) == 0) found = (int)fd;
  }
  putchar('\n');
  return found;
}

static void raw_read(int dirfd, const char *path, int must_read) {
  char label[300];
  snprintf(label, sizeof label, "raw(/public) %s", path);
  __wasi_fd_t fd;
  __wasi_errno_t err =
      dirfd < 0 ? __WASI_ERRNO_BADF
                : __wasi_path_open((__wasi_fd_t)dirfd, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, 0,
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
