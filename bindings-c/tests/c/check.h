/* Tiny assertion helpers shared by the C test programs (C11 and C++ compatible). */
#ifndef CASELINK_TEST_CHECK_H
#define CASELINK_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "caselink.h"

static int check_failures = 0;

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            check_failures++;                                                       \
        }                                                                           \
    } while (0)

/* Expect `call` to return `expected`; prints the error message when it does not. */
#define CHECK_STATUS(expected, status, err)                                                        \
    do {                                                                                           \
        caselink_status check_s_ = (status);                                                       \
        if (check_s_ != (expected)) {                                                              \
            fprintf(stderr, "%s:%d: expected %s, got %s: %s\n", __FILE__, __LINE__,                \
                    caselink_status_name((int)(expected)), caselink_status_name((int)check_s_),    \
                    caselink_error_message(err));                                                  \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

#define CHECK_NEAR(expected, actual)                                                           \
    do {                                                                                       \
        double check_e_ = (expected), check_a_ = (actual);                                     \
        if (fabs(check_e_ - check_a_) > 1e-6) {                                                \
            fprintf(stderr, "%s:%d: expected %.6f, got %.6f (%s)\n", __FILE__, __LINE__,       \
                    check_e_, check_a_, #actual);                                              \
            check_failures++;                                                                  \
        }                                                                                      \
    } while (0)

#define CHECK_STR(expected, actual)                                                             \
    do {                                                                                        \
        const char *check_e_ = (expected), *check_a_ = (actual);                                \
        if (check_a_ == NULL || strcmp(check_e_, check_a_) != 0) {                              \
            fprintf(stderr, "%s:%d: expected \"%s\", got \"%s\"\n", __FILE__, __LINE__, check_e_, \
                    check_a_ ? check_a_ : "(null)");                                            \
            check_failures++;                                                                   \
        }                                                                                       \
    } while (0)

#endif /* CASELINK_TEST_CHECK_H */
