/*
 * Several threads call the metrics and the district normalizer at once, read one shared
 * dataset, and link with one shared `const caselink_linker *` (each link call also runs the
 * engine's own worker threads); every thread must see exactly the single-threaded answers,
 * match for match and bit for bit.
 *
 * Usage: test_threads [ROUNDS]   (default 200; the valgrind run uses 2: valgrind is ~70x slower)
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "people.h"

#define N_THREADS 8

static const char *const PAIRS[][2] = {
    {"SMITH, JOHN M.", "John M. Smith"},
    {"MARTHA", "MARHTA"},
    {"Eastern District of Virginia", "E.D. Va."},
    {"Zo\xc3\xab Nu\xc3\xb1\x65z", "Zoe Nunez"},
    {"", "x"},
};
#define N_PAIRS (sizeof PAIRS / sizeof PAIRS[0])

typedef double (*metric_fn)(const char *, const char *);
static const metric_fn METRICS[] = {caselink_jaro_winkler, caselink_jaro, caselink_levenshtein, caselink_osa,
                                    caselink_qgram, caselink_token_sort, caselink_token_set};
#define N_METRICS (sizeof METRICS / sizeof METRICS[0])

static double expected[N_METRICS][N_PAIRS];
static const caselink_dataset *shared_dataset;
static const caselink_linker *shared_linker;
static const caselink_dataset *people_left;
static const caselink_dataset *people_right;
#define MAX_MATCHES 256
static caselink_match expected_matches[MAX_MATCHES];
static size_t expected_len;

/* 1 when linking the two people tables now gives exactly the single-threaded matches. */
static int link_agrees(void) {
    caselink_matches *m = NULL;
    if (caselink_linker_link(shared_linker, people_left, people_right, 0.5, &m, NULL) != CASELINK_STATUS_OK) {
        return 0;
    }
    int ok = caselink_matches_len(m) == expected_len;
    for (size_t i = 0; ok && i < expected_len; i++) {
        caselink_match x;
        ok = caselink_matches_get(m, i, &x) == CASELINK_STATUS_OK && x.left_row == expected_matches[i].left_row &&
             x.right_row == expected_matches[i].right_row && x.match_weight == expected_matches[i].match_weight &&
             x.match_probability == expected_matches[i].match_probability;
    }
    caselink_matches_free(m);
    return ok;
}
static int rounds = 200;

typedef struct {
    int id;
    int failures;
} worker;

static void *run(void *arg) {
    worker *w = (worker *)arg;
    for (int round = 0; round < rounds; round++) {
        for (size_t m = 0; m < N_METRICS; m++) {
            for (size_t p = 0; p < N_PAIRS; p++) {
                if (METRICS[m](PAIRS[p][0], PAIRS[p][1]) != expected[m][p]) {
                    w->failures++;
                }
            }
        }
        char *id = NULL;
        caselink_error *err = NULL;
        if (caselink_normalize_district("nowhere", &id, &err) != CASELINK_STATUS_OK || id != NULL) {
            w->failures++;
        }
        if (caselink_normalize_district(NULL, &id, &err) != CASELINK_STATUS_NULL_ARGUMENT || err == NULL) {
            w->failures++;
        }
        caselink_error_free(err);
        char *value = NULL;
        size_t row = (size_t)((w->id + round) % 2);
        if (caselink_dataset_value(shared_dataset, row, "name", &value, NULL) != CASELINK_STATUS_OK || value == NULL ||
            strcmp(value, row == 0 ? "Ann" : "Bob") != 0) {
            w->failures++;
        }
        caselink_string_free(value);
        if (!link_agrees()) {
            w->failures++;
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc > 1) {
        rounds = atoi(argv[1]);
    }
    for (size_t m = 0; m < N_METRICS; m++) {
        for (size_t p = 0; p < N_PAIRS; p++) {
            expected[m][p] = METRICS[m](PAIRS[p][0], PAIRS[p][1]);
            CHECK(expected[m][p] >= 0.0 && expected[m][p] <= 1.0);
        }
    }
    const char *names[] = {"name"};
    const char *ann[] = {"Ann"};
    const char *bob[] = {"Bob"};
    caselink_dataset *ds = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_new(names, 1, &ds, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_push_row(ds, ann, 1, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_push_row(ds, bob, 1, NULL), NULL);
    shared_dataset = ds;

    caselink_dataset *left = people_dataset(0);
    caselink_dataset *right = people_dataset(1);
    caselink_linker *linker = NULL;
    caselink_error *err = NULL;
    CHECK(left != NULL && right != NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_from_json(PEOPLE_SPEC, &linker, &err), err);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_train(linker, left, right, &err), err);
    caselink_error_free(err);
    caselink_matches *m = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_link(linker, left, right, 0.5, &m, NULL), NULL);
    expected_len = caselink_matches_len(m);
    CHECK(expected_len >= PEOPLE_N && expected_len <= MAX_MATCHES);
    for (size_t i = 0; i < expected_len && i < MAX_MATCHES; i++) {
        CHECK_STATUS(CASELINK_STATUS_OK, caselink_matches_get(m, i, &expected_matches[i]), NULL);
    }
    caselink_matches_free(m);
    shared_linker = linker;
    people_left = left;
    people_right = right;

    pthread_t threads[N_THREADS];
    worker workers[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        workers[i].id = i;
        workers[i].failures = 0;
        CHECK(pthread_create(&threads[i], NULL, run, &workers[i]) == 0);
    }
    for (int i = 0; i < N_THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        if (workers[i].failures != 0) {
            fprintf(stderr, "thread %d: %d wrong answers\n", i, workers[i].failures);
        }
        CHECK(workers[i].failures == 0);
    }
    caselink_dataset_free(ds);
    caselink_linker_free(linker);
    caselink_dataset_free(left);
    caselink_dataset_free(right);
    if (check_failures != 0) {
        fprintf(stderr, "test_threads: %d check(s) failed\n", check_failures);
        return 1;
    }
    printf("test_threads: %d threads x %d rounds agree (%zu matches from one shared linker)\n", N_THREADS, rounds,
           expected_len);
    return 0;
}
