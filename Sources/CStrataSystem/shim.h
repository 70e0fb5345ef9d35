// glibc declarations Swift's Glibc module does not export.
#include <malloc.h>
#include <sys/resource.h>
#include <sys/socket.h>

/// Bytes the allocator has handed out and not taken back (mallinfo2's in-use arenas plus mmapped chunks).
static inline size_t strata_heap_in_use(void) {
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

/// User and system CPU seconds of this process (who = 0) or of its waited-for children (who = 1).
static inline void strata_cpu_times(int children, double *user, double *sys) {
    struct rusage r;
    getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &r);
    *user = r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6;
    *sys = r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6;
}

/// glibc declares accept4 only under _GNU_SOURCE, which Swift's Glibc module is not built with.
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/// accept(2) with close-on-exec set atomically.
static inline int strata_accept_cloexec(int fd) {
    return accept4(fd, 0, 0, SOCK_CLOEXEC);
}
