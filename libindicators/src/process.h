/* process: run an external program (gnuplot, Chromium) without a shell,
 * with a deadline, its standard error kept for messages. Internal to the
 * library; the chart and report modules use it. */
#ifndef IND_PROCESS_H
#define IND_PROCESS_H

#include <stddef.h>
#include <sys/types.h>

#define IND_PROCESS_STDERR_KEEP 4096 /* bytes of its error output kept */

typedef struct ind_process {
    pid_t pid;
    int err_fd;                          /* read end of its stderr */
    char text[IND_PROCESS_STDERR_KEEP];  /* the first bytes written there */
    size_t len;
    int status;                          /* from waitpid */
    int timed_out;                       /* 1: killed at the deadline */
} ind_process;

/* Start `program` (searched on PATH when it has no '/') with argv (argv[0]
 * included, NULL-terminated), standard input from /dev/null, standard
 * output to out_fd (-1: /dev/null), standard error to a pipe. Returns 0 or
 * the errno of the failure (ENOENT, EACCES... when it cannot be run). */
int ind_process_start(ind_process *p, const char *program,
                      char *const argv[], int out_fd);

/* Collect its standard error until it closes, then its exit status;
 * kill it (SIGKILL) when `seconds` pass first. */
void ind_process_wait(ind_process *p, double seconds);

/* 1 when it exited with status 0 in time. */
int ind_process_succeeded(const ind_process *p);

/* The tail of its error output (at most `shown` bytes, whole UTF-8
 * characters, control characters other than '\n' as '?', trailing blank
 * lines dropped) into buf. */
void ind_process_excerpt(const ind_process *p, char *buf, size_t size,
                         size_t shown);

#endif
