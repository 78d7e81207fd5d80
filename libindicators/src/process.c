/* process: an external program run without a shell (posix_spawnp), its
 * standard error read through a pipe while it runs, killed when a
 * deadline passes. */
#include "process.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int set_cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFD);

    return flags < 0 ? -1 : fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

/* Can `program` be run: a path to an executable file, or a name found so
 * on PATH? Returns 0, ENOENT or EACCES. Asked before spawning, because
 * POSIX lets posix_spawn report a program it cannot run only as a child
 * that exits with 127 (as under valgrind), which would read as the
 * program failing. */
static int runnable(const char *program)
{
    const char *path = getenv("PATH"), *dir, *end;
    char full[4096];
    int found = ENOENT;

    if (strchr(program, '/') != NULL)
        return access(program, X_OK) == 0 ? 0 : errno == EACCES ? EACCES
                                                                : ENOENT;
    for (dir = path ? path : ""; *dir != '\0'; dir = *end ? end + 1 : end) {
        end = strchr(dir, ':');
        if (end == NULL)
            end = dir + strlen(dir);
        if ((size_t)snprintf(full, sizeof full, "%.*s/%s", (int)(end - dir),
                             end > dir ? dir : ".", program) >= sizeof full)
            continue;
        if (access(full, X_OK) == 0)
            return 0;
        if (errno == EACCES)
            found = EACCES;
    }
    return found;
}

int ind_process_start(ind_process *ch, const char *program,
                      char *const argv[], int out_fd)
{
    posix_spawn_file_actions_t fa;
    int pipefd[2], rc;

    rc = runnable(program);
    if (rc != 0)
        return rc;
    if (pipe(pipefd) != 0)
        return errno;
    set_cloexec(pipefd[0]);
    set_cloexec(pipefd[1]);
    rc = posix_spawn_file_actions_init(&fa);
    if (rc == 0) {
        rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY,
                                              0);
        if (rc == 0)
            rc = out_fd >= 0
                     ? posix_spawn_file_actions_adddup2(&fa, out_fd, 1)
                     : posix_spawn_file_actions_addopen(&fa, 1, "/dev/null",
                                                        O_WRONLY, 0);
        if (rc == 0)
            rc = posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
        if (rc == 0 && out_fd > 2)
            rc = posix_spawn_file_actions_addclose(&fa, out_fd);
        if (rc == 0)
            rc = posix_spawnp(&ch->pid, program, &fa, NULL, argv, environ);
        posix_spawn_file_actions_destroy(&fa);
    }
    close(pipefd[1]);
    if (rc != 0) {
        close(pipefd[0]);
        return rc;
    }
    ch->err_fd = pipefd[0];
    return 0;
}

/* Read what is waiting on the stderr pipe. Returns 0 at end of file. */
static int drain(ind_process *ch)
{
    char buf[1024];
    ssize_t n = read(ch->err_fd, buf, sizeof buf);
    size_t room = sizeof ch->text - ch->len, drop;

    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 1 : 0;
    if (n == 0)
        return 0;
    /* Keep the latest output: the error that stopped a program comes
     * last, after whatever it said while starting. */
    if ((size_t)n > room) {
        drop = (size_t)n - room;
        memmove(ch->text, ch->text + drop, ch->len - drop);
        ch->len -= drop;
    }
    memcpy(ch->text + ch->len, buf, (size_t)n);
    ch->len += (size_t)n;
    return 1;
}

/* Collect stderr until it closes, then the exit status; kill the program
 * when the deadline passes. */
static void supervise(ind_process *ch, double deadline)
{
    struct pollfd pfd;
    int reading = 1, rc;
    pid_t done = 0;

    while (reading || done == 0) {
        double left = deadline - now_seconds();
        if (left <= 0) {
            ch->timed_out = 1;
            kill(ch->pid, SIGKILL);
            break;
        }
        if (reading) {
            pfd.fd = ch->err_fd;
            pfd.events = POLLIN;
            rc = poll(&pfd, 1, left > 0.2 ? 200 : (int)(left * 1000) + 1);
            if (rc > 0)
                reading = drain(ch);
        } else {
            struct timespec nap = { 0, 10000000 };
            nanosleep(&nap, NULL);
        }
        done = waitpid(ch->pid, &ch->status, WNOHANG);
        if (done < 0)
            break;
    }
    close(ch->err_fd);
    if (done <= 0)
        waitpid(ch->pid, &ch->status, 0);
}

void ind_process_wait(ind_process *p, double seconds)
{
    supervise(p, now_seconds() + seconds);
}

int ind_process_succeeded(const ind_process *p)
{
    return !p->timed_out && WIFEXITED(p->status) &&
           WEXITSTATUS(p->status) == 0;
}

void ind_process_excerpt(const ind_process *p, char *buf, size_t size,
                         size_t shown)
{
    size_t start = p->len > shown ? p->len - shown : 0;
    size_t n;

    /* Start on a whole character. */
    while (start > 0 && start < p->len &&
           ((unsigned char)p->text[start] & 0xC0) == 0x80)
        start++;
    ind_text_printable(buf, size, p->text + start, p->len - start, 1);
    n = strlen(buf);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        n--;
    buf[n] = '\0';
}
