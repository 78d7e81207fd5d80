/* store_writer: a writer to kill, for tests/cli/test_kill.sh.
 *
 *   store_writer steps DATASET FIRST LAST
 *       apply steps FIRST..LAST, one commit each; exit 0, or 1 on failure
 *   store_writer kill MICROSECONDS DATASET FIRST LOG
 *       fork a child that applies steps FIRST, FIRST+1, ... for ever and
 *       writes each step's number to LOG after its commit; kill it with
 *       SIGKILL after MICROSECONDS; exit 0 when SIGKILL ended it, 2 when
 *       it ended otherwise (a failed step)
 *
 * Step n is deterministic, so the test can replay it on a copy: three steps
 * in four append year 1900 + n % 201 of entity "e<n / 201>" of
 * national_standards_released with the figure 10n + 1; every fourth step
 * (n % 4 == 3) revises the figure of the step before it to 10n + 1. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "indicators/dataset.h"

#define INDICATOR "national_standards_released"

/* Apply step n to the dataset at path. Returns 0, or -1 (reason on stderr). */
static int apply_step(const char *path, long n)
{
    long target = n % 4 == 3 ? n - 1 : n;
    char entity[32], value[32];
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    ind_reading r;
    int rc;

    memset(&r, 0, sizeof r);
    snprintf(entity, sizeof entity, "e%ld", target / 201);
    snprintf(value, sizeof value, "%ld", n * 10 + 1);
    r.indicator = INDICATOR;
    r.entity = entity;
    r.year = 1900 + (int)(target % 201);
    r.unit = r.as_of = r.note = "";
    r.source = "http://example.org/kill";
    rc = ind_dataset_open(&ds, path, IND_OPEN_WRITE, &err);
    if (rc == IND_OK)
        rc = ind_dataset_add(ds, &r, value, n % 4 == 3 ? IND_ADD_REVISE : 0,
                             &err);
    if (rc == IND_OK)
        rc = ind_dataset_commit(ds, &err);
    if (rc != IND_OK)
        fprintf(stderr, "store_writer: step %ld: %s\n", n, err.message);
    ind_dataset_free(ds);
    return rc == IND_OK ? 0 : -1;
}

/* Steps first.. for ever, each number written to log once committed. */
static int run_forever(const char *path, long first, const char *log)
{
    int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_TRUNC, 0644);
    char line[32];
    long n;
    int len;

    if (fd < 0) {
        fprintf(stderr, "store_writer: %s: %s\n", log, strerror(errno));
        return 1;
    }
    for (n = first;; n++) {
        if (apply_step(path, n) != 0)
            return 1;
        len = snprintf(line, sizeof line, "%ld\n", n);
        if (write(fd, line, (size_t)len) != len)
            return 1;
    }
}

static int kill_after(long usec, const char *path, long first, const char *log)
{
    struct timespec pause = { usec / 1000000, (usec % 1000000) * 1000 };
    pid_t pid = fork();
    int status;

    if (pid < 0) {
        perror("store_writer: fork");
        return 2;
    }
    if (pid == 0)
        _exit(run_forever(path, first, log));
    while (nanosleep(&pause, &pause) != 0 && errno == EINTR)
        ;
    kill(pid, SIGKILL);
    if (waitpid(pid, &status, 0) != pid)
        return 2;
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        return 0;
    fprintf(stderr, "store_writer: the writer ended before the kill (%d)\n",
            status);
    return 2;
}

static long number(const char *text)
{
    char *end;
    long v = strtol(text, &end, 10);

    if (*text == '\0' || *end != '\0' || v < 0) {
        fprintf(stderr, "store_writer: '%s' is not a count\n", text);
        exit(64);
    }
    return v;
}

int main(int argc, char **argv)
{
    long n;

    ind_library_init();
    if (argc == 5 && strcmp(argv[1], "steps") == 0) {
        for (n = number(argv[3]); n <= number(argv[4]); n++)
            if (apply_step(argv[2], n) != 0)
                return 1;
        return 0;
    }
    if (argc == 6 && strcmp(argv[1], "kill") == 0)
        return kill_after(number(argv[2]), argv[3], number(argv[4]), argv[5]);
    fprintf(stderr, "usage: store_writer steps DATASET FIRST LAST\n"
            "       store_writer kill MICROSECONDS DATASET FIRST LOG\n");
    return 64;
}
