/* fuzz_util: what the libFuzzer harnesses share: splitting one input into
 * parts, a scratch folder for dataset files, byte-exact file comparison,
 * and an independent check that a text is printable UTF-8.
 *
 * Each harness defines LLVMFuzzerTestOneInput(). Built with clang's
 * -fsanitize=fuzzer it is a fuzzer; linked with replay_main.c it replays
 * the seed corpus and the regression inputs as an ordinary test. A broken
 * invariant calls fuzz_fail(), which prints why and aborts, so libFuzzer
 * saves the input. */
#ifndef IND_FUZZ_UTIL_H
#define IND_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* The libFuzzer entry points each harness defines (the second is
 * optional). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Separates the parts of an input (observations, catalog, history, ...):
 * a control character, which no valid dataset text holds. */
#define FUZZ_PART_SEPARATOR 0x1e

/* One part of an input; 'present' is 0 when the input has fewer parts. */
typedef struct fuzz_part {
    const char *data;
    size_t len;
    int present;
} fuzz_part;

/* Split data at FUZZ_PART_SEPARATOR into at most 'max' parts (the last
 * takes the rest, separators included). Returns the number present. */
size_t fuzz_split(const uint8_t *data, size_t size, fuzz_part *parts,
                  size_t max);

/* A folder of this process for scratch files (in /dev/shm when it exists,
 * so fsync costs nothing), removed at exit. Never NULL: aborts if it
 * cannot be made. */
const char *fuzz_workdir(void);

/* Remove every file of the folder (not the folder). */
void fuzz_clean_dir(const char *dir);

/* Write len bytes to path (replacing it); aborts on failure. */
void fuzz_write_file(const char *path, const void *data, size_t len);

/* 1 when path holds exactly data[0..len), or when present is 0 and path
 * does not exist. */
int fuzz_file_is(const char *path, const void *data, size_t len, int present);

/* Number of directory entries of 'dir' other than ".", ".." and names
 * ending in ".lock". */
size_t fuzz_count_files(const char *dir);

/* The errors that loading and validating the dataset at path find (0 for
 * a clean one), or -1 when it does not load; *pending is set to 1 when
 * validation reports an interrupted write (a pending history entry). */
long fuzz_count_errors(const char *path, int *pending);

/* After a commit that succeeded (what: the change, in messages): the
 * dataset at path loads, validation finds no error when it found none
 * before (errors_before, from fuzz_count_errors()) and no interrupted
 * write. Aborts otherwise. */
void fuzz_check_committed(const char *path, long errors_before,
                          const char *what);

/* After a write that was refused or failed (what, in messages): each of
 * the n files paths[k] holds exactly parts[k] (or is absent when
 * exists[k] is 0), and dir holds files_before files (from
 * fuzz_count_files()). Aborts otherwise. */
void fuzz_check_untouched(const char *dir, const char *const *paths,
                          const fuzz_part *parts, const int *exists,
                          size_t n, size_t files_before, const char *what);

/* 1 when s is valid UTF-8 (no overlong forms, surrogates or code points
 * past U+10FFFF) without C0, DEL or C1 controls, U+2028 or U+2029: safe to
 * print on one terminal line. Written apart from the library's text.c. */
int fuzz_printable_utf8(const char *s, size_t len);

/* 1 when s is valid UTF-8 (the same rules, controls allowed). */
int fuzz_valid_utf8(const char *s, size_t len);

/* Print "fuzz: " and the message to stderr, then abort(). */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#define FUZZ_CHECK(cond, ...) \
    do { if (!(cond)) fuzz_fail(__VA_ARGS__); } while (0)

#endif
